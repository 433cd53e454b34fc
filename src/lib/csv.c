// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 4180 CSV records into a strbuf (see csv.h).
 */
#include "csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool needs_quotes(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

static void separate(struct csv *c)
{
	if (c->in_row)
		sb_add(c->out, ",", 1);
	c->in_row = true;
}

void csv_field(struct csv *c, const char *s, size_t len)
{
	size_t i, start = 0;

	separate(c);
	if (!needs_quotes(s, len)) {
		sb_add(c->out, s, len);
		return;
	}
	sb_add(c->out, "\"", 1);
	for (i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		sb_add(c->out, s + start, i + 1 - start);
		sb_add(c->out, "\"", 1);	/* the quote, doubled */
		start = i + 1;
	}
	sb_add(c->out, s + start, len - start);
	sb_add(c->out, "\"", 1);
}

void csv_str(struct csv *c, const char *s)
{
	csv_field(c, s, strlen(s));
}

void csv_printf(struct csv *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	csv_field(c, sb.buf ? sb.buf : "", sb.len);
	sb_release(&sb);
}

void csv_empty(struct csv *c)
{
	separate(c);
}

void csv_end_row(struct csv *c)
{
	sb_add(c->out, "\r\n", 2);
	c->in_row = false;
}
