/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scenario parser: text -> struct scn_script (ast.h).  The whole file is
 * parsed and checked before anything runs.
 */
#ifndef MEMCGLAB_SCENARIO_PARSER_H
#define MEMCGLAB_SCENARIO_PARSER_H

#include <stddef.h>

#include "lib/compiler.h"
#include "lib/strbuf.h"
#include "scenario/ast.h"

/* After this many messages the parser stops (one last line says so). */
#define SCN_MAX_ERRORS	50

/*
 * Parse @len bytes of @text; @filename is used in messages and stored in
 * the script.  Returns 0 and sets *out (free it with scn_script_free()),
 * or -EINVAL with *out = NULL and every error appended to @err, one per
 * line, each "FILE:LINE: message\n".
 */
int scn_parse_string(const char *filename, const char *text, size_t len,
		     struct scn_script **out, struct strbuf *err);

/*
 * Read and parse the file at @path.  An unreadable file returns its
 * negative errno with "PATH: reason\n" in @err.
 */
int scn_parse_file(const char *path, struct scn_script **out,
		   struct strbuf *err);

/*
 * Append the canonical source text of a statement (no newline) or of a
 * whole script (one statement per line): parsing it gives the same tree.
 * Sizes are printed in bytes and durations in ns.
 */
void scn_stmt_dump(const struct scn_stmt *stmt, struct strbuf *sb);
void scn_script_dump(const struct scn_script *script, struct strbuf *sb);

/*
 * The number syntaxes of the language, for the interpreter and tests.
 * Each parses the whole string and returns 0, -EINVAL (malformed) or
 * -ERANGE (does not fit).
 */

/* NUMBER[K|M|G|T|p]: 1024 powers, p = 4096-byte pages; 1.5G allowed
 * when the result is a whole number of bytes. */
int scn_parse_size(const char *s, u64 *bytes);
/* NUMBER[K|M|G|T]: 1000 powers (ops=1M is a million operations). */
int scn_parse_count(const char *s, u64 *count);
/* NUMBER(ns|us|ms|s), decimals allowed when whole nanoseconds. */
int scn_parse_duration(const char *s, u64 *ns);
/* A fraction 0..1: 0.25 or 25%. */
int scn_parse_fraction(const char *s, double *frac);

/* The errno value for a name ("EBUSY"), or 0 if unknown. */
int scn_errno_from_name(const char *name);
/* The name for an errno value, or NULL. */
const char *scn_errno_name(int err);

#endif
