// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the output paths of `record`, `--json`,
 * `--report`, `sweep` and `compare-policies`: the CSV writer (lib/csv.c),
 * the results' JSON writer and reader, the HTML run report and the sweep's
 * table in text, CSV, JSON and HTML (report/).  The input is decoded into
 * one to three runs' results whose every string (scenario name, targets,
 * read texts, expectations, events, policies, --set values, column names)
 * is bytes of the input: quotes, commas, CR and LF, '<' and '&', invalid
 * UTF-8, and now and then a "<x-fuzz" that must never reach a page
 * unescaped.  What must hold:
 *
 *  - CSV read back by an RFC 4180 reader gives the fields written;
 *  - results written as JSON read back, and write the same JSON again;
 *  - no HTML page contains "<x-fuzz" (every string is escaped);
 *  - the sweep's CSV has one row per run plus the header, each with as
 *    many fields as the table has columns, equal to the table's cells.
 *
 *   make fuzz && mkdir -p build-fuzz/report &&
 *   build-fuzz/fuzz_report -max_total_time=1800 -timeout=20 \
 *	build-fuzz/report tests/fuzz/corpus/report
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/csv.h"
#include "report/html.h"
#include "report/json.h"
#include "report/sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MARK	"<x-fuzz"

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned int byte(struct in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* A string of the input: up to 15 bytes, no NUL, sometimes the mark. */
static char *str(struct in *in)
{
	unsigned int len = byte(in) % 16, i;
	char buf[32];

	for (i = 0; i < len; i++) {
		buf[i] = byte(in);
		if (!buf[i])
			buf[i] = '<';
	}
	buf[i] = '\0';
	if (len == 15 && (buf[0] & 1)) {
		strcpy(buf + 1, MARK);
		len = 1 + strlen(MARK);
	}
	return rs_strdup(buf);
}

static s64 number(struct in *in)
{
	static const s64 edges[] = {
		0, 1, -1, 4096, INT64_MAX, INT64_MIN, 1LL << 53, -(1LL << 53),
	};
	unsigned int b = byte(in);

	if (b < 8)
		return edges[b];
	return (s64)((u64)b << (byte(in) % 56)) - byte(in);
}

static struct rs_value value(struct in *in)
{
	struct rs_value v = { RS_NUM, number(in) };
	unsigned int k = byte(in) % 8;

	if (k == 0)
		v.kind = RS_NONE;
	else if (k == 1)
		v.kind = RS_MAX;
	return v;
}

static void add_series(struct results *r, struct in *in)
{
	size_t ncols = 1 + byte(in) % 3, nrows = byte(in) % 6, i, j;
	char *targets[3];
	char *file = str(in);
	struct rs_series *s;

	for (i = 0; i < ncols; i++)
		targets[i] = str(in);
	s = results_add_series(r, byte(in), file, 1 + number(in) % 1000000,
			       ncols, (const char *const *)targets);
	for (i = 0; i < nrows; i++) {
		struct rs_value v[3];

		for (j = 0; j < ncols; j++)
			v[j] = value(in);
		series_add_row(s, i * 1000 + byte(in), v);
	}
	for (i = 0; i < ncols; i++)
		free(targets[i]);
	free(file);
}

static void add_item(struct results *r, struct in *in)
{
	char *a = str(in), *b = str(in);
	struct rs_expect *e;
	struct rs_event *ev;

	switch (byte(in) % 4) {
	case 0:
		results_add_read(r, byte(in), number(in), a, b, strlen(b),
				 byte(in) % 4 ? 0 : -2);
		break;
	case 1:
		e = results_add_expect(r, byte(in), number(in), a, byte(in) & 1,
				       byte(in) & 1);
		e->detail = b;
		b = NULL;
		break;
	case 2:
		ev = results_add_event(r, byte(in), number(in), "echo");
		ev->text = b;
		ev->process = a;
		a = b = NULL;
		break;
	default:
		add_series(r, in);
		break;
	}
	free(a);
	free(b);
}

static struct results *build(struct in *in, long point)
{
	struct results *r = results_new();
	unsigned int i, n;
	char *k, *v;

	r->hdr.version = str(in);
	r->hdr.model_of = str(in);
	r->hdr.scenario = str(in);
	r->hdr.backend = rs_strdup("model");
	r->hdr.seed = number(in);
	for (n = byte(in) % 3, i = 0; i < n; i++) {
		k = str(in);
		v = str(in);
		if (byte(in) & 1)
			rs_pair_add(&r->hdr.set, &r->hdr.nset, k, v);
		else
			rs_pair_add(&r->hdr.policies, &r->hdr.npolicies, k, v);
		free(k);
		free(v);
	}
	for (n = byte(in) % 8, i = 0; i < n; i++)
		add_item(r, in);
	r->exit_code = byte(in) % 3;
	r->tests = byte(in);
	r->passed = byte(in);
	r->failed = byte(in);
	if (byte(in) % 4 == 0)
		r->error = str(in);
	r->end_ns = number(in);
	r->point = point;
	return r;
}

/* ---- checks ---- */

static void no_mark(const struct strbuf *html, const char *what)
{
	if (html->buf && strstr(html->buf, MARK)) {
		fprintf(stderr, "%s: an unescaped string:\n%s\n", what,
			html->buf);
		abort();
	}
}

/* Read one RFC 4180 field at *@p into @f; the byte that ended it. */
static int csv_read_field(const char **p, const char *end, struct strbuf *f)
{
	const char *s = *p;

	sb_reset(f);
	if (s < end && *s == '"') {
		for (s++; s < end; s++) {
			if (*s == '"' && s + 1 < end && s[1] == '"')
				sb_add(f, s++, 1);
			else if (*s == '"')
				break;
			else
				sb_add(f, s, 1);
		}
		s++;
	} else {
		while (s < end && *s != ',' && *s != '\r')
			sb_add(f, s++, 1);
	}
	*p = s + 1;
	return s < end ? *s : -1;
}

/* The CSV writer against a reader, field by field. */
static void check_csv(struct in *in)
{
	struct strbuf out = STRBUF_INIT, f = STRBUF_INIT;
	struct csv c = CSV_INIT(&out);
	char *fields[8];
	unsigned int n = 1 + byte(in) % 8, i;
	const char *p, *end;

	for (i = 0; i < n; i++) {
		fields[i] = str(in);
		csv_str(&c, fields[i]);
	}
	csv_end_row(&c);
	p = out.buf;
	end = out.buf + out.len;
	for (i = 0; i < n; i++) {
		int sep = csv_read_field(&p, end, &f);

		if (strcmp(f.buf ?: "", fields[i]) ||
		    sep != (i + 1 < n ? ',' : '\r')) {
			fprintf(stderr, "CSV field %u: wrote '%s', read '%s'\n",
				i, fields[i], f.buf ?: "");
			abort();
		}
	}
	for (i = 0; i < n; i++)
		free(fields[i]);
	sb_release(&out);
	sb_release(&f);
}

static void check_json(const struct results *r)
{
	struct strbuf j1 = STRBUF_INIT, j2 = STRBUF_INIT, err = STRBUF_INIT;
	struct results *back = NULL;

	results_to_json(r, &j1);
	if (results_from_json(j1.buf, j1.len, "fuzz.json", &back, &err)) {
		fprintf(stderr, "JSON does not read back: %s\n%s\n", err.buf,
			j1.buf);
		abort();
	}
	results_to_json(back, &j2);
	if (j1.len != j2.len || memcmp(j1.buf, j2.buf, j1.len)) {
		fprintf(stderr, "JSON changed:\n%s\n---\n%s\n", j1.buf, j2.buf);
		abort();
	}
	results_free(back);
	sb_release(&j1);
	sb_release(&j2);
	sb_release(&err);
}

static void check_sweep_csv(const struct sweep_table *t)
{
	struct strbuf out = STRBUF_INIT, f = STRBUF_INIT;
	struct sweep_grid g;
	const char *p, *end;
	size_t row, col;

	sweep_print_csv(t, &out);
	sweep_grid_build(t, &g);
	p = out.buf;
	end = out.buf + out.len;
	for (row = 0; row < g.rows; row++) {
		for (col = 0; col < g.cols; col++) {
			int sep = csv_read_field(&p, end, &f);

			if (strcmp(f.buf ?: "", g.cell[row][col] ?: "") ||
			    sep != (col + 1 < g.cols ? ',' : '\r'))
				abort();
		}
		p++;	/* the LF of CRLF */
	}
	if (p < end)
		abort();	/* rows beyond the table's */
	sweep_grid_release(&g);
	sb_release(&out);
	sb_release(&f);
}

static void check_sweep(struct results **runs, size_t n)
{
	struct strbuf out = STRBUF_INIT;
	struct sweep_table t;

	sweep_table_build(&t, runs, n, NULL, 0);
	sweep_print_text(&t, &out);
	sweep_print_failures(&t, &out);
	sweep_print_json(&t, &out);
	check_sweep_csv(&t);
	sb_reset(&out);
	sweep_html_report(&t, &out);
	no_mark(&out, "sweep page");
	sweep_table_release(&t);
	sb_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	struct results *runs[3];
	struct strbuf html = STRBUF_INIT;
	size_t n = 1 + byte(&in) % 3, i;

	check_csv(&in);
	for (i = 0; i < n; i++) {
		runs[i] = build(&in, byte(&in) % 4 ? (long)i : -1);
		check_json(runs[i]);
		sb_reset(&html);
		html_run_report(runs[i], &html);
		no_mark(&html, "run report");
	}
	check_sweep(runs, n);
	for (i = 0; i < n; i++)
		results_free(runs[i]);
	sb_release(&html);
	return 0;
}
