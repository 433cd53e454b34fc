/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jansson values from the results' strings and numbers, shared by the
 * results and sweep writers.  Strings that are not UTF-8 have their bad
 * bytes replaced by U+FFFD, so every document is valid JSON.
 */
#ifndef MEMCGLAB_REPORT_JSON_UTIL_H
#define MEMCGLAB_REPORT_JSON_UTIL_H

#include <jansson.h>

#include "report/results.h"

/* A JSON string of @len bytes; NULL gives JSON null. */
json_t *rs_jstrn(const char *s, size_t len);
json_t *rs_jstr(const char *s);
/* A number as a file shows it: integer, "max", or null. */
json_t *rs_jvalue(const struct rs_value *v);
/* @doc as one line of JSON and a newline, appended to @out; @doc is freed. */
void rs_jdump(json_t *doc, struct strbuf *out);
/* A run's outcome into @o: exit, tests, passed, failed, todo, error. */
void rs_jcounts(json_t *o, const struct results *r);
/* Set @key (made UTF-8) of object @o to @value, whose reference it takes. */
void rs_jset(json_t *o, const char *key, json_t *value);

#endif
