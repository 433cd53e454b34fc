// SPDX-License-Identifier: GPL-2.0
/*
 * lib/csv.c against RFC 4180: the exact bytes of quoted fields (a cgroup
 * named `a,b`, one with quotes, one with a newline), CRLF record ends, and
 * every field read back unchanged by a strict reader written here from
 * the RFC's grammar (section 2, the ABNF):
 *
 *   file    = record *(CRLF record) [CRLF]
 *   record  = field *(COMMA field)
 *   field   = escaped / non-escaped
 *   escaped = DQUOTE *(TEXTDATA / COMMA / CR / LF / 2DQUOTE) DQUOTE
 */
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "lib/csv.h"
#include "tap.h"

struct parsed {
	char *field[16];
	size_t len[16];
	size_t n;
};

/* One escaped field at *@p; -1 if it breaks the grammar. */
static int read_escaped(const char **p, const char *end, struct strbuf *f)
{
	const char *s = *p + 1;

	for (;;) {
		if (s >= end)
			return -1;		/* no closing quote */
		if (*s == '"' && s + 1 < end && s[1] == '"') {
			sb_add(f, "\"", 1);
			s += 2;
		} else if (*s == '"') {
			*p = s + 1;
			return 0;
		} else {
			sb_add(f, s++, 1);
		}
	}
}

/* Read one record at *@p; -1 if it breaks the grammar. */
static int read_record(const char **p, const char *end, struct parsed *out)
{
	for (out->n = 0; out->n < 16; out->n++) {
		struct strbuf f = STRBUF_INIT;

		if (**p == '"') {
			if (read_escaped(p, end, &f))
				return -1;
		} else {
			while (*p < end && **p != ',' && **p != '\r' && **p != '\n') {
				if (**p == '"')
					return -1;	/* a bare quote */
				sb_add(&f, (*p)++, 1);
			}
		}
		out->len[out->n] = f.len;
		out->field[out->n] = sb_detach(&f);
		if (*p < end && **p == ',') {
			(*p)++;
			continue;
		}
		out->n++;
		if (end - *p < 2 || memcmp(*p, "\r\n", 2))
			return -1;	/* a record ends with CRLF */
		*p += 2;
		return 0;
	}
	return -1;
}

static void free_parsed(struct parsed *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->field[i]);
	r->n = 0;
}

static const char *const fields[] = {
	"time_ns",
	"a,b/memory.current",
	"say \"hi\"/memory.max",
	"multi\nline",
	"carriage\rreturn",
	"",
	" leading and trailing ",
	"\"",
	"plain",
};

static void check_exact_bytes(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv c = CSV_INIT(&sb);

	csv_str(&c, "time_ns");
	csv_str(&c, "a,b/memory.current");
	csv_str(&c, "say \"hi\"");
	csv_end_row(&c);
	csv_printf(&c, "%d", 100);
	csv_empty(&c);
	csv_str(&c, "x\ny");
	csv_end_row(&c);
	is_str(sb.buf, "time_ns,\"a,b/memory.current\",\"say \"\"hi\"\"\"\r\n"
		       "100,,\"x\ny\"\r\n",
	       "quoted only where RFC 4180 requires, quotes doubled, CRLF ends");
	sb_release(&sb);
}

static void check_round_trip(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv c = CSV_INIT(&sb);
	struct parsed rec = { .n = 0 };
	const char *p, *end;
	size_t i, n = ARRAY_SIZE(fields);
	int row;

	for (row = 0; row < 2; row++) {
		for (i = 0; i < n; i++)
			csv_str(&c, fields[(i + row) % n]);
		csv_end_row(&c);
	}
	p = sb.buf;
	end = sb.buf + sb.len;
	for (row = 0; row < 2; row++) {
		int ret = read_record(&p, end, &rec);

		is_long(ret, 0, "record %d follows the RFC's grammar", row);
		is_long(rec.n, n, "record %d has %zu fields", row, n);
		for (i = 0; i < rec.n && i < n; i++) {
			const char *want = fields[(i + row) % n];

			ok(rec.len[i] == strlen(want) &&
			   !memcmp(rec.field[i], want, rec.len[i]),
			   "record %d field %zu reads back unchanged", row, i);
		}
		free_parsed(&rec);
	}
	ok(p == end, "nothing after the last CRLF");
	sb_release(&sb);
}

int main(void)
{
	check_exact_bytes();
	check_round_trip();
	return done_testing();
}
