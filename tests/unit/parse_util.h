/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the scenario parser's unit tests share: parse a text, take its last
 * statement, compare a statement's canonical dump.  Included by
 * test_parser.c and test_parser_errors.c only.
 */
#ifndef MEMCGLAB_TESTS_PARSE_UTIL_H
#define MEMCGLAB_TESTS_PARSE_UTIL_H

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "scenario/parser.h"

#define MB(x)	((long long)(x) << 20)

/* Two processes and regions most tests can use: lines 1-4. */
#define PRELUDE	"spawn p in A\n" "p: mmap buf anon 50M\n" \
		"spawn q in A/B\n" "q: mmap r2 shmem /dev/shm/s 8p\n"

static inline struct scn_script *parse(const char *text, struct strbuf *err)
{
	struct scn_script *sc = NULL;

	sb_reset(err);
	scn_parse_string("t.scn", text, strlen(text), &sc, err);
	return sc;
}

/* Parse @text, which must succeed; returns its last statement. */
static inline const struct scn_stmt *last(const char *text, struct scn_script **sc)
{
	struct strbuf err = STRBUF_INIT;

	*sc = parse(text, &err);
	if (!*sc || !(*sc)->nstmts) {
		ok(0, "parses: %s", text);
		printf("# %s", err.buf ? err.buf : "(no message)\n");
		sb_release(&err);
		return NULL;
	}
	sb_release(&err);
	return &(*sc)->stmts[(*sc)->nstmts - 1];
}

/* The canonical dump of the last statement of @text. */
static inline void is_dump(const char *text, const char *want)
{
	struct scn_script *sc;
	const struct scn_stmt *st = last(text, &sc);
	struct strbuf d = STRBUF_INIT;

	if (st) {
		scn_stmt_dump(st, &d);
		is_str(d.buf, want, "dump: %s", want);
	}
	sb_release(&d);
	scn_script_free(sc);
}

#endif
