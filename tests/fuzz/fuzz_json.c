// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the results' JSON reader (report/json_read.c) on
 * any bytes: what `memcglab report`, `sweep --collect` and `trace` read
 * from a file a user names.  fuzz_report checks that what the writer
 * writes reads back; this one that whatever the reader is given ends in a
 * document or in a "fuzz.json:LINE:COLUMN: ..." message, and that a
 * document it accepts writes JSON that reads back and writes the same
 * again.
 *
 *   make fuzz && mkdir -p build-fuzz/json &&
 *   build-fuzz/fuzz_json -max_total_time=1800 -timeout=20 \
 *	build-fuzz/json tests/fuzz/corpus/json
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "report/json.h"
#include "report/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read @text; write it again into @out; false if it did not read. */
static bool read_write(const char *text, size_t len, struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT;
	struct results *r = NULL;
	bool ok = !results_from_json(text, len, "fuzz.json", &r, &err);

	if (!ok && (!err.buf || strncmp(err.buf, "fuzz.json:", 10))) {
		fprintf(stderr, "malformed message: %s\n", err.buf ?: "(none)");
		abort();
	}
	if (ok) {
		results_to_json(r, out);
		results_free(r);
	}
	sb_release(&err);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf j1 = STRBUF_INIT, j2 = STRBUF_INIT;

	if (read_write((const char *)data, size, &j1)) {
		if (!read_write(j1.buf, j1.len, &j2) || j1.len != j2.len ||
		    memcmp(j1.buf, j2.buf, j1.len)) {
			fprintf(stderr, "not a fixed point:\n%s\n%s\n",
				j1.buf, j2.buf ?: "");
			abort();
		}
	}
	sb_release(&j1);
	sb_release(&j2);
	return 0;
}
