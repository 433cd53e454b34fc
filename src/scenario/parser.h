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

/* How to parse: where included files come from. */
struct scn_parse_opts {
	/*
	 * Append the text of the file at @path (the including file's
	 * directory already prepended to a relative path) to @text: 0, or
	 * a negative errno.  NULL: read it from the file system (a regular
	 * file of at most SCN_MAX_INCLUDE_SIZE bytes).
	 */
	int (*read)(void *arg, const char *path, struct strbuf *text);
	void *arg;
};

#define SCN_MAX_INCLUDE_SIZE	(4 << 20)

/* scn_parse_string() with options; @opts may be NULL. */
int scn_parse_string_opts(const char *filename, const char *text, size_t len,
			  const struct scn_parse_opts *opts,
			  struct scn_script **out, struct strbuf *err);

/*
 * Parse the statement of @script whose template is @tmpl (tmpl->subst),
 * from @words: its words with every variable's value substituted.  The
 * new statement and its strings are allocated in *arena (create it with
 * *arena = NULL, free it with scn_arena_free()).  Names need no
 * declaration here: the runtime checks them against what runs.  Returns 0
 * and *out, or -EINVAL with the reasons in @err, one per line, without
 * FILE:LINE.
 */
int scn_parse_instance(const struct scn_script *script,
		       const struct scn_stmt *tmpl, const struct scn_word *words,
		       size_t n, struct scn_arena **arena,
		       struct scn_stmt **out, struct strbuf *err);
void scn_arena_free(struct scn_arena *arena);

/*
 * Substitute the values of the $NAME and ${NAME} references of @tmpl,
 * appending the text to @out.  @value gives a variable's value: 0, or a
 * negative errno (then its reason in @why, and the substitution stops).
 */
typedef int scn_var_fn(void *arg, const char *name, size_t len, s64 *value,
		       struct strbuf *why);
int scn_subst(const char *tmpl, scn_var_fn *value, void *arg,
	      struct strbuf *out, struct strbuf *why);

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
