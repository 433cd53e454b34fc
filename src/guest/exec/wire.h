/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A run's observations as text lines (wire.c), for `memcglab compare`:
 * what each `read` showed, what each `expect` compared and concluded,
 * each TAP line, each process's death, the run's end.  The guest executor
 * writes them among its output with --observe; the host writes the
 * model's the same way, and reads both back with one parser.  Every line
 * starts with WIRE_MARK, a TAP comment.
 */
#ifndef MEMCGLAB_GUEST_EXEC_WIRE_H
#define MEMCGLAB_GUEST_EXEC_WIRE_H

#include <stdio.h>

#include "scenario/runtime.h"

#define WIRE_MARK	"#@ "

enum wire_kind {
	WIRE_READ,	/* line, err, text */
	WIRE_VALUES,	/* line, lhs, rhs */
	WIRE_TAP,	/* line, ok, todo */
	WIRE_EVENT,	/* line, text: "oom_kill p1" */
	WIRE_ERROR,	/* text: "FILE:LINE: message" */
	WIRE_END,	/* status, passed, failed, todo */
};

struct wire_obs {
	enum wire_kind kind;
	unsigned int line;
	int err;
	char *text;		/* or NULL */
	struct scn_sample lhs, rhs;
	bool ok, todo;
	int status, passed, failed, ntodo;
};

struct wire_list {
	struct wire_obs *v;
	size_t n, alloc;
};

/*
 * A file of the run (a record CSV) as lines: "file NAME", one "data LINE"
 * a line of it, "endfile".  The host writes it back under its NAME.
 */
void wire_put_file(FILE *out, const char *name, const char *path);
/* @len bytes of escaped text, unescaped (malloc'd). */
char *wire_unescape(const char *s, size_t len);

/* An observer that writes each observation to @f as one line. */
void wire_observer(struct scn_observer *o, FILE *f);
/* The observations among the lines of @text (other lines are skipped). */
void wire_parse(const char *text, struct wire_list *l);
void wire_list_release(struct wire_list *l);

#endif
