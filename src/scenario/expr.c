// SPDX-License-Identifier: GPL-2.0
/*
 * Evaluating expressions of the scenario language: checked 64-bit
 * arithmetic (an overflow or a division by zero is an error, reported with
 * the operation's values), `max` above every number, comparisons that
 * give 1 or 0, min() and max().  Part of the language: it knows no
 * backend, files are read through the caller's callback.
 */
#include "scenario/expr.h"

#include <errno.h>
#include <stdarg.h>

/* The arithmetic failed: a mistake in the scenario, not a read error. */
__attribute__((format(printf, 3, 4)))
static int arith_error(struct scn_eval *ev, struct strbuf *why,
		       const char *fmt, ...)
{
	va_list ap;

	ev->arith = true;
	va_start(ap, fmt);
	sb_vprintf(why, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

const char *scn_expr_op(const struct scn_expr *e)
{
	switch (e->kind) {
	case SCN_EXPR_ADD:
		return "+";
	case SCN_EXPR_SUB:
		return "-";
	case SCN_EXPR_MUL:
		return "*";
	case SCN_EXPR_DIV:
		return "/";
	case SCN_EXPR_MOD:
		return "%";
	default:
		return scn_cmp_name(e->op);
	}
}

/* a OP b on numbers, checked. */
static int arith(struct scn_eval *ev, const struct scn_expr *e, s64 a, s64 b,
		 s64 *out, struct strbuf *why)
{
	bool over = false;

	switch (e->kind) {
	case SCN_EXPR_ADD:
		over = __builtin_add_overflow(a, b, out);
		break;
	case SCN_EXPR_SUB:
		over = __builtin_sub_overflow(a, b, out);
		break;
	case SCN_EXPR_MUL:
		over = __builtin_mul_overflow(a, b, out);
		break;
	default:
		if (!b) {
			arith_error(ev, why, "division by zero: %lld %s 0",
				    (long long)a, scn_expr_op(e));
			return -EDOM;
		}
		/* INT64_MIN / -1 is the one quotient that does not fit */
		over = a == INT64_MIN && b == -1;
		if (!over)
			*out = e->kind == SCN_EXPR_DIV ? a / b : a % b;
		break;
	}
	if (!over)
		return 0;
	arith_error(ev, why, "overflow: %lld %s %lld does not fit in 64 bits",
		    (long long)a, scn_expr_op(e), (long long)b);
	return -ERANGE;
}

static int eval_binary(const struct scn_expr *e, struct scn_eval *ev,
		       struct scn_value *v, struct strbuf *why)
{
	struct scn_value a, b;
	int err = scn_expr_eval(e->l, ev, &a, why);

	if (!err)
		err = scn_expr_eval(e->r, ev, &b, why);
	if (err)
		return err;
	v->max = false;
	if (e->kind == SCN_EXPR_CMP) {
		v->n = scn_value_test(&a, e->op, &b, 0);
		return 0;
	}
	if (a.max || b.max) {
		/* a sum or product with an unlimited file stays unlimited */
		if (e->kind == SCN_EXPR_DIV || e->kind == SCN_EXPR_MOD)
			return arith_error(ev, why, "'max' in a division");
		v->max = true;
		return 0;
	}
	return arith(ev, e, a.n, b.n, &v->n, why);
}

/* min(): max only when every argument is; max(): max when any is. */
static int eval_call(const struct scn_expr *e, struct scn_eval *ev,
		     struct scn_value *v, struct strbuf *why)
{
	bool want_min = e->kind == SCN_EXPR_MIN;
	struct scn_value a;
	size_t i;
	int err;

	for (i = 0; i < e->nargs; i++) {
		err = scn_expr_eval(e->args[i], ev, &a, why);
		if (err)
			return err;
		if (!i || (want_min ? scn_value_cmp(&a, v) < 0 :
				      scn_value_cmp(&a, v) > 0))
			*v = a;
	}
	return 0;
}

int scn_expr_eval(const struct scn_expr *e, struct scn_eval *ev,
		  struct scn_value *v, struct strbuf *why)
{
	int err;

	v->n = 0;
	v->max = false;
	switch (e->kind) {
	case SCN_EXPR_NUM:
		v->n = e->num;
		return 0;
	case SCN_EXPR_MAX:
		v->max = true;
		return 0;
	case SCN_EXPR_OFF:
		v->n = ev->off;
		return 0;
	case SCN_EXPR_TARGET:
		if (!ev->read)
			return arith_error(ev, why, "%s: no file can be read here",
					   e->target.text);
		return ev->read(ev->arg, &e->target, v, why);
	case SCN_EXPR_SCAN:
		if (!ev->scan)
			return arith_error(ev, why, "scan(%s...): nothing was scanned here",
					   e->str);
		return ev->scan(ev->arg, e, v, why);
	case SCN_EXPR_NEG:
		err = scn_expr_eval(e->l, ev, v, why);
		if (err || v->max)
			return err;
		if (v->n == INT64_MIN)
			return arith_error(ev, why, "overflow: -(%lld) does not fit in 64 bits",
					   (long long)v->n);
		v->n = -v->n;
		return 0;
	case SCN_EXPR_MIN:
	case SCN_EXPR_MAXOF:
		return eval_call(e, ev, v, why);
	case SCN_EXPR_STRING:
		return arith_error(ev, why, "\"%s\" is text, not a number", e->str);
	case SCN_EXPR_VAR:
		return arith_error(ev, why, "%s has no value here", e->str);
	default:
		return eval_binary(e, ev, v, why);
	}
}

bool scn_expr_is_const(const struct scn_expr *e)
{
	size_t i;

	switch (e->kind) {
	case SCN_EXPR_TARGET:
	case SCN_EXPR_VAR:
	case SCN_EXPR_OFF:
	case SCN_EXPR_STRING:
	case SCN_EXPR_SCAN:
		return false;
	case SCN_EXPR_MIN:
	case SCN_EXPR_MAXOF:
		for (i = 0; i < e->nargs; i++)
			if (!scn_expr_is_const(e->args[i]))
				return false;
		return true;
	default:
		return (!e->l || scn_expr_is_const(e->l)) &&
		       (!e->r || scn_expr_is_const(e->r));
	}
}

int scn_value_cmp(const struct scn_value *a, const struct scn_value *b)
{
	if (a->max || b->max)
		return a->max == b->max ? 0 : a->max ? 1 : -1;
	return a->n == b->n ? 0 : a->n < b->n ? -1 : 1;
}

bool scn_value_test(const struct scn_value *a, enum scn_cmp op,
		    const struct scn_value *b, unsigned int tol)
{
	int c = scn_value_cmp(a, b);

	switch (op) {
	case SCN_CMP_EQ:
		return c == 0;
	case SCN_CMP_NE:
		return c != 0;
	case SCN_CMP_LT:
		return c < 0;
	case SCN_CMP_LE:
		return c <= 0;
	case SCN_CMP_GT:
		return c > 0;
	case SCN_CMP_GE:
		return c >= 0;
	case SCN_CMP_CLOSE:
		return !a->max && !b->max && scn_values_close(a->n, b->n, tol);
	}
	return false;
}

void scn_value_show(struct strbuf *sb, const struct scn_value *v)
{
	if (v->max)
		sb_puts(sb, "max");
	else
		sb_printf(sb, "%lld", (long long)v->n);
}

int scn_expr_fill_page(const struct scn_expr *e, u8 *page, u64 off,
		       struct strbuf *why)
{
	struct scn_eval ev = { 0 };
	struct scn_value v;
	size_t i;
	int err;

	for (i = 0; i < PAGE_SIZE; i++) {
		ev.off = off + i;
		err = scn_expr_eval(e, &ev, &v, why);
		if (err) {
			sb_printf(why, " (at off=%llu)",
				  (unsigned long long)(off + i));
			return err;
		}
		page[i] = (u8)v.n;
	}
	return 0;
}
