// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the trace readers: the `replay` trace reader
 * (scenario/replay.c, the one the model and the guest executor share) and
 * the DAMON converter (trace/, `memcglab trace damon`), on the same bytes.
 *
 *  - The replay reader either refuses the bytes with "fuzz.trace:LINE: "
 *    or reads operations that keep the format's promises: a count of at
 *    least one page, times that never go backwards, region names without
 *    blanks or '#', no more page accesses than the limit, no more
 *    operations than lines.
 *  - The DAMON converter either refuses them with "fuzz.txt:LINE: " or
 *    writes a trace that the replay reader reads back without an error
 *    (unless it is over the limit of page accesses).
 *
 *   make fuzz && mkdir -p build-fuzz/trace &&
 *   build-fuzz/fuzz_trace -max_total_time=1800 -timeout=20 \
 *	build-fuzz/trace tests/fuzz/corpus/trace
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/replay.h"
#include "trace/damon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LIMIT	1000000

static void check_message(const struct strbuf *err, const char *name)
{
	size_t n = strlen(name);

	if (!err->buf || strncmp(err->buf, name, n) || err->buf[n] != ':') {
		fprintf(stderr, "malformed message: %s\n", err->buf ?: "(none)");
		abort();
	}
}

static void check_trace(const struct scn_trace *t, size_t lines)
{
	u64 pages = 0;
	size_t i;

	if (t->n > lines)
		abort();
	for (i = 0; i < t->n; i++) {
		const struct scn_trace_op *op = &t->ops[i];

		if (!op->count || !op->region[0] ||
		    strpbrk(op->region, " \t\r\n#"))
			abort();
		if (i && op->when < t->ops[i - 1].when)
			abort();
		pages += op->count;
		if (pages > LIMIT)
			abort();
	}
}

/* Read @len bytes as a trace; 0, or the reader's error. */
static int read_trace(const char *buf, size_t len, const char *name,
		      struct scn_trace *t, struct strbuf *err)
{
	FILE *f = fmemopen((void *)(len ? buf : "\n"), len ? len : 1, "r");
	size_t lines = 1;
	size_t i;
	int ret;

	if (!f)
		abort();
	for (i = 0; i < len; i++)
		lines += buf[i] == '\n';
	ret = scn_trace_read(f, name, LIMIT, t, err);
	fclose(f);
	if (ret)
		check_message(err, name);
	else
		check_trace(t, lines);
	return ret;
}

static void damon(const uint8_t *data, size_t size, bool first_target)
{
	struct damon_opts o = { .prefix = "r", .have_target = !first_target,
				.target = size % 3 };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct scn_trace t;

	if (damon_to_trace((const char *)data, size, "fuzz.txt", &o, &out,
			   &err)) {
		check_message(&err, "fuzz.txt");
	} else {
		sb_reset(&err);
		if (read_trace(out.buf ?: "", out.len, "damon.trace", &t,
			       &err) && !strstr(err.buf, "the limit")) {
			fprintf(stderr, "the converted trace does not read: "
				"%s\n%s", err.buf, out.buf);
			abort();
		}
		scn_trace_release(&t);
	}
	sb_release(&out);
	sb_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_trace t;

	read_trace((const char *)data, size, "fuzz.trace", &t, &err);
	scn_trace_release(&t);
	sb_release(&err);
	damon(data, size, true);
	damon(data, size, false);
	return 0;
}
