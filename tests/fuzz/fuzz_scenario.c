// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the scenario front end.  Any bytes must parse or be
 * rejected with messages, never crash or leak.  A script that parses must
 * also survive a round trip: its canonical dump parses again and dumps to
 * the same text.  Every message must have the "FILE:LINE: " shape.
 * `include` reads from a table here, never from the file system: lib.scn
 * and loop.scn exist (loop.scn includes itself: a cycle), nothing else.
 * Every statement that uses variables is also parsed as an instance, with
 * each variable worth 1 (as the runtime would), which must not crash.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *	src/scenario/[a-z]*.c src/lib/strbuf.c tests/fuzz/fuzz_scenario.c -o fz
 *   ./fz tests/fuzz/corpus/scenario
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FILE	"fuzz.scn"

static int fuzz_read(void *arg, const char *path, struct strbuf *text)
{
	if (!strcmp(path, "lib.scn"))
		sb_puts(text, "let i = 1\nrepeat 2 as j\n  echo $i $j\nend\n");
	else if (!strcmp(path, "loop.scn"))
		sb_puts(text, "include loop.scn\n");
	else
		return -ENOENT;
	return 0;
}

static const struct scn_parse_opts fuzz_opts = { .read = fuzz_read };

static int one(void *arg, const char *name, size_t len, s64 *v,
	       struct strbuf *why)
{
	*v = 1;
	return 0;
}

/* Each statement with variables, as the runtime would run it. */
static void instances(const struct scn_script *sc)
{
	struct scn_arena *arena = NULL;
	struct strbuf err = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < sc->nstmts; i++) {
		const struct scn_stmt *st = &sc->stmts[i];
		struct scn_word *w = calloc(st->nwords + 1, sizeof(*w));
		struct strbuf *t = calloc(st->nwords + 1, sizeof(*t));
		struct scn_stmt *inst;

		if (!w || !t)
			abort();
		for (k = 0; k < st->nwords; k++) {
			scn_subst(st->words[k].text, one, NULL, &t[k], &err);
			w[k].text = t[k].buf ? t[k].buf : "";
			w[k].quoted = st->words[k].quoted;
		}
		if (st->subst)
			scn_parse_instance(sc, st, w, st->nwords, &arena, &inst,
					   &err);
		for (k = 0; k < st->nwords; k++)
			sb_release(&t[k]);
		free(t);
		free(w);
		sb_reset(&err);
	}
	scn_arena_free(arena);
	sb_release(&err);
}

static bool starts(const char *p, const char *prefix)
{
	return !strncmp(p, prefix, strlen(prefix));
}

/* FILE:LINE: of the fuzzed text or of a file it includes */
static void check_messages(const struct strbuf *err)
{
	const char *p = err->buf;

	if (!p)
		return;
	while (*p) {
		const char *nl = strchr(p, '\n');

		if (!nl || !(starts(p, FUZZ_FILE ":") || starts(p, "lib.scn:") ||
			     starts(p, "loop.scn:"))) {
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
	if (scn_parse_string_opts(FUZZ_FILE, d1.buf, d1.len, &fuzz_opts, &again,
				  &err)) {
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

	ret = scn_parse_string_opts(FUZZ_FILE, (const char *)data, size,
				    &fuzz_opts, &sc, &err);
	check_messages(&err);
	if (!ret) {
		if (err.len)
			abort();	/* success must be silent */
		round_trip(sc);
		instances(sc);
		scn_script_free(sc);
	} else if (sc || !err.len) {
		abort();		/* failure must say why */
	}
	sb_release(&err);
	if (size < 64)
		numbers(data, size);
	return 0;
}
