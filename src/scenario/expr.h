/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Evaluating the scenario language's expressions (ast.h, struct
 * scn_expr): 64-bit signed integers, where an overflow, a division by zero
 * or a `max` in a division is an error with a message, never a wrapped or
 * made-up value.  Files are read through a callback, so the same code
 * serves the runtime (which reads through a backend) and the fill=bytes=
 * pattern (which reads nothing).
 */
#ifndef MEMCGLAB_SCENARIO_EXPR_H
#define MEMCGLAB_SCENARIO_EXPR_H

#include <stdbool.h>

#include "lib/compiler.h"
#include "lib/strbuf.h"
#include "scenario/ast.h"

/* A value as a file shows it: a number, or "max" above every number. */
struct scn_value {
	s64 n;
	bool max;
};

/*
 * Read the number @t shows into *v; 0, or a negative errno with the reason
 * appended to @why.
 */
typedef int scn_read_fn(void *arg, const struct scn_target *t,
			struct scn_value *v, struct strbuf *why);

/* The value of scan(...) (@e) into *v, as scn_read_fn. */
typedef int scn_scan_fn(void *arg, const struct scn_expr *e,
			struct scn_value *v, struct strbuf *why);

struct scn_eval {
	scn_read_fn *read;	/* NULL: an expression that reads no file */
	scn_scan_fn *scan;	/* NULL: nor any pagemap_scan result */
	void *arg;
	s64 off;		/* the value of `off` (fill=bytes=) */
	/*
	 * Set when evaluation failed on arithmetic (overflow, division by
	 * zero, max in a division), not on a read: a mistake in the
	 * scenario rather than a state of the machine.
	 */
	bool arith;
};

/*
 * Evaluate @e into *v.  Returns 0, or a negative errno with the reason in
 * @why: -ERANGE an overflow, -EDOM a division by zero, -EINVAL a `max`
 * where a number is needed (both set ev->arith), or a read's error.
 */
int scn_expr_eval(const struct scn_expr *e, struct scn_eval *ev,
		  struct scn_value *v, struct strbuf *why);

/* Whether @e reads no file and uses no variable and no `off`. */
bool scn_expr_is_const(const struct scn_expr *e);

/* -1, 0 or 1 as @a is below, equal to or above @b (max above all). */
int scn_value_cmp(const struct scn_value *a, const struct scn_value *b);

/* a OP b; for ~ values_close() with @tol percent (never with max). */
bool scn_value_test(const struct scn_value *a, enum scn_cmp op,
		    const struct scn_value *b, unsigned int tol);

/* "max" or the number. */
void scn_value_show(struct strbuf *sb, const struct scn_value *v);

/*
 * fill=bytes=@e: the page at region offset @off, byte i being
 * @e(off + i) % 256 (its low 8 bits, as a store of a C char).  0, or an
 * error of the arithmetic at the first byte it fails on (@why says).
 */
int scn_expr_fill_page(const struct scn_expr *e, u8 *page, u64 off,
		       struct strbuf *why);

/* The operator of a binary node or a comparison: "+", "<=". */
const char *scn_expr_op(const struct scn_expr *e);

/* The canonical source text of @e, as the dump prints it. */
void scn_expr_dump(const struct scn_expr *e, struct strbuf *sb);

#endif
