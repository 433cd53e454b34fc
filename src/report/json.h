/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Results as JSON (docs/json.md), written and read with jansson.
 */
#ifndef MEMCGLAB_REPORT_JSON_H
#define MEMCGLAB_REPORT_JSON_H

#include "lib/strbuf.h"
#include "report/results.h"

#define RESULTS_FORMAT		"memcglab-results"
#define RESULTS_FORMAT_VERSION	1

/* Append @r as one JSON document on one line ending in '\n'. */
void results_to_json(const struct results *r, struct strbuf *out);

/*
 * Parse a document written by results_to_json().  Returns 0 and *@out, or
 * -EINVAL with "NAME:LINE:COLUMN: what is wrong" in @err (NAME names the
 * input in the message).
 */
int results_from_json(const char *text, size_t len, const char *name,
		      struct results **out, struct strbuf *err);
int results_load(const char *path, struct results **out, struct strbuf *err);

#endif
