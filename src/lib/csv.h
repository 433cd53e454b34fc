/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CSV as RFC 4180 defines it: fields separated by commas, records ended by
 * CRLF, and a field that holds a comma, a double quote, CR or LF enclosed in
 * double quotes with each quote inside doubled.  Every other field is
 * written as it is, spaces included.
 */
#ifndef MEMCGLAB_LIB_CSV_H
#define MEMCGLAB_LIB_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/strbuf.h"

struct csv {
	struct strbuf *out;
	bool in_row;		/* a field of the current record is written */
};

#define CSV_INIT(sb) { .out = (sb), .in_row = false }

/* Append one field of @len bytes (NUL bytes are kept, quoted or not). */
void csv_field(struct csv *c, const char *s, size_t len);
void csv_str(struct csv *c, const char *s);
void csv_printf(struct csv *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An empty field. */
void csv_empty(struct csv *c);
/* End the record. */
void csv_end_row(struct csv *c);

#endif
