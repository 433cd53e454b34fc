// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the scenario front end.  Any bytes must parse or be
 * rejected with messages, never crash or leak.  A script that parses must
 * also survive a round trip: its canonical dump parses again and dumps to
 * the same text.  Every message must have the "FILE:LINE: " shape.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *	src/scenario/[a-z]*.c src/lib/strbuf.c tests/fuzz/fuzz_scenario.c -o fz
 *   ./fz tests/fuzz/corpus/scenario
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FILE	"fuzz.scn"

static void check_messages(const struct strbuf *err)
{
	const char *p = err->buf;

	if (!p)
		return;
	while (*p) {
		const char *nl = strchr(p, '\n');

		if (!nl || strncmp(p, FUZZ_FILE ":", strlen(FUZZ_FILE) + 1)) {
			fprintf(stderr, "malformed message: %s\n", p);
			abort();
		}
		p = nl + 1;
	}
}

static void round_trip(const struct scn_script *sc)
{
	struct strbuf d1 = STRBUF_INIT, d2 = STRBUF_INIT, err = STRBUF_INIT;
	struct scn_script *again;

	scn_script_dump(sc, &d1);
	if (scn_parse_string(FUZZ_FILE, d1.buf, d1.len, &again, &err)) {
		fprintf(stderr, "dump does not parse:\n%s---\n%s", d1.buf,
			err.buf);
		abort();
	}
	scn_script_dump(again, &d2);
	if (d1.len != d2.len || (d1.len && memcmp(d1.buf, d2.buf, d1.len))) {
		fprintf(stderr, "dump changed:\n%s---\n%s", d1.buf, d2.buf);
		abort();
	}
	scn_script_free(again);
	sb_release(&d1);
	sb_release(&d2);
	sb_release(&err);
}

/* The number parsers on the raw bytes, as one string. */
static void numbers(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	double f;
	u64 v;

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	scn_parse_size(s, &v);
	scn_parse_count(s, &v);
	scn_parse_duration(s, &v);
	scn_parse_fraction(s, &f);
	scn_errno_from_name(s);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_script *sc;
	int ret;

	ret = scn_parse_string(FUZZ_FILE, (const char *)data, size, &sc, &err);
	check_messages(&err);
	if (!ret) {
		if (err.len)
			abort();	/* success must be silent */
		round_trip(sc);
		scn_script_free(sc);
	} else if (sc || !err.len) {
		abort();		/* failure must say why */
	}
	sb_release(&err);
	if (size < 64)
		numbers(data, size);
	return 0;
}
