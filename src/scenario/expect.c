// SPDX-License-Identifier: GPL-2.0
/*
 * Conditions of `expect` and `wait until`: reading numbers out of
 * interface files the way the selftests' cg_read_* helpers do, and
 * comparing them, with values_close() for `~`.  Part of the runtime: it
 * reads through the backend and works the same on the model and a kernel.
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"

/* A value as a file shows it: a number, or "max" above every number. */
struct value {
	s64 n;
	bool max;
};

static int parse_value(const char *s, size_t len, struct value *v)
{
	char buf[64];
	char *end;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	v->max = !strcmp(buf, "max");
	if (v->max)
		return 0;
	errno = 0;
	v->n = strtoll(buf, &end, 10);
	/* a decimal like "0.00" (PSI averages) reads as its integer part */
	if (*end == '.' && end != buf)
		return errno ? -ERANGE : 0;
	return *end || errno ? -EINVAL : 0;
}

static size_t word_len(const char *s)
{
	return strcspn(s, " \t\n");
}

/* The first word of the line whose first word is @key (':' ignored). */
static const char *find_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		size_t w = word_len(line);

		if (w && line[w - 1] == ':')
			w--;
		if (w == klen && !memcmp(line, key, klen))
			return line + word_len(line);
	}
	return NULL;
}

/* FIELD=value on the rest of a keyed line. */
static const char *find_field(const char *rest, const char *field)
{
	size_t flen = strlen(field);
	const char *eol = strchr(rest, '\n');
	const char *p;

	for (p = rest; *p && (!eol || p < eol); p++) {
		if ((p == rest || p[-1] == ' ') && !strncmp(p, field, flen) &&
		    p[flen] == '=')
			return p + flen + 1;
	}
	return NULL;
}

static int target_value(struct scn_rt *rt, const struct scn_target *t,
			struct value *v, struct strbuf *why)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	int err = scn_rt_read(rt, t, &sb);

	if (err) {
		sb_printf(why, "%s: %s", t->text, scn_errno_name(-err) ?: "error");
		goto out;
	}
	p = sb.buf ?: "";
	if (t->key) {
		p = find_key(p, t->key);
		if (p && t->field)
			p = find_field(p, t->field);
		else if (p)
			p += strspn(p, " \t");
		if (!p) {
			sb_printf(why, "%s: no such key", t->text);
			err = -ENOENT;
			goto out;
		}
	}
	p += strspn(p, " \t\n");
	err = parse_value(p, word_len(p), v);
	if (err)
		sb_printf(why, "%s: not a number: '%.*s'", t->text,
			  (int)min(word_len(p), (size_t)40), p);
out:
	sb_release(&sb);
	return err;
}

static int expr_value(struct scn_rt *rt, const struct scn_expr *e,
		      struct value *v, struct strbuf *why)
{
	size_t i;

	v->n = 0;
	v->max = false;
	for (i = 0; i < e->n; i++) {
		const struct scn_operand *op = &e->ops[i];
		struct value t = { op->num, false };
		int err;

		if (op->kind == SCN_OPERAND_MAX) {
			v->max = true;
			continue;
		}
		if (op->kind == SCN_OPERAND_TARGET) {
			err = target_value(rt, &op->target, &t, why);
			if (err)
				return err;
		}
		if (t.max) {
			v->max = true;
			continue;
		}
		t.n *= op->mul ? op->mul : 1;
		v->n += op->negate ? -t.n : t.n;
	}
	return 0;
}

static bool compare(const struct value *a, enum scn_cmp op,
		    const struct value *b, unsigned int tol)
{
	int c;

	if (a->max || b->max)
		c = a->max == b->max ? 0 : a->max ? 1 : -1;
	else
		c = a->n == b->n ? 0 : a->n < b->n ? -1 : 1;
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

static void show_value(struct strbuf *sb, const struct value *v)
{
	if (v->max)
		sb_puts(sb, "max");
	else
		sb_printf(sb, "%lld", (long long)v->n);
}

/* `TARGET == "text"`: the file without one trailing newline. */
static bool cond_text(struct scn_rt *rt, const struct scn_cond *c,
		      struct strbuf *why)
{
	const struct scn_target *t = &c->cmp.lhs.ops[0].target;
	const char *want = c->cmp.rhs.ops[0].str;
	struct strbuf sb = STRBUF_INIT;
	bool eq = false;
	int err = scn_rt_read(rt, t, &sb);

	if (!err) {
		if (sb.len && sb.buf[sb.len - 1] == '\n')
			sb.buf[--sb.len] = '\0';
		eq = !strcmp(sb.buf ?: "", want);
		if (eq != (c->cmp.op == SCN_CMP_EQ))
			sb_printf(why, "got \"%s\"", sb.buf ?: "");
	} else {
		sb_printf(why, "%s: %s", t->text, scn_errno_name(-err) ?: "error");
	}
	sb_release(&sb);
	return !err && eq == (c->cmp.op == SCN_CMP_EQ);
}

static bool cond_compare(struct scn_rt *rt, const struct scn_cond *c,
			 struct strbuf *why)
{
	struct value l, r;
	bool ok;

	if (c->cmp.rhs.ops[0].kind == SCN_OPERAND_STRING)
		return cond_text(rt, c, why);
	if (expr_value(rt, &c->cmp.lhs, &l, why) ||
	    expr_value(rt, &c->cmp.rhs, &r, why))
		return false;
	ok = compare(&l, c->cmp.op, &r, c->cmp.tolerance);
	if (!ok) {
		sb_puts(why, "got ");
		show_value(why, &l);
		if (c->cmp.rhs.n > 1 || c->cmp.rhs.ops[0].kind == SCN_OPERAND_TARGET) {
			sb_puts(why, ", want ");
			show_value(why, &r);
		}
	}
	return ok;
}

static bool cond_file(struct scn_rt *rt, const struct scn_cond *c,
		      struct strbuf *why)
{
	struct strbuf sb = STRBUF_INIT;
	int err = scn_rt_read(rt, &c->file.target, &sb);
	bool ok = false;

	if (err) {
		sb_printf(why, "%s: %s", c->file.target.text,
			  scn_errno_name(-err) ?: "error");
		goto out;
	}
	switch (c->kind) {
	case SCN_COND_EMPTY:
		ok = sb.len == 0;
		break;
	case SCN_COND_CONTAINS:
		ok = sb.buf && strstr(sb.buf, c->file.word);
		break;
	default:
		ok = !sb.buf || !strstr(sb.buf, c->file.word);
		break;
	}
	if (!ok)
		sb_printf(why, "got \"%.*s\"", (int)min(sb.len, (size_t)60),
			  sb.buf ?: "");
out:
	sb_release(&sb);
	return ok;
}

static bool cond_proc(struct scn_rt *rt, const struct scn_cond *c,
		      struct strbuf *why)
{
	struct scn_proc *p = scn_rt_proc(rt, c->proc.proc);
	enum scn_proc_state state;

	if (!p) {
		sb_puts(why, "never started");
		return false;
	}
	state = rt->ops->state(rt, p);
	if (state != c->proc.state)
		sb_puts(why, scn_proc_state_name(state));
	return state == c->proc.state;
}

static bool cond_pagemap(struct scn_rt *rt, const struct scn_cond *c,
			 struct strbuf *why)
{
	struct scn_proc *p = scn_rt_proc(rt, c->pagemap.proc);
	struct value got = { 0, false }, want = { c->pagemap.pages, false };
	u64 pages;
	bool ok;

	if (!p || rt->ops->pagemap(rt, p, c->pagemap.region, c->pagemap.flag,
				   &pages)) {
		sb_printf(why, "%s has no region %s", c->pagemap.proc,
			  c->pagemap.region);
		return false;
	}
	got.n = pages;
	ok = compare(&got, c->pagemap.op, &want, c->pagemap.tolerance);
	if (!ok)
		sb_printf(why, "got %lld pages", (long long)got.n);
	return ok;
}

bool scn_rt_cond(struct scn_rt *rt, const struct scn_cond *c, struct strbuf *why)
{
	switch (c->kind) {
	case SCN_COND_COMPARE:
		return cond_compare(rt, c, why);
	case SCN_COND_EMPTY:
	case SCN_COND_CONTAINS:
	case SCN_COND_NOT_CONTAINS:
		return cond_file(rt, c, why);
	case SCN_COND_PROC:
		return cond_proc(rt, c, why);
	case SCN_COND_PAGEMAP:
		return cond_pagemap(rt, c, why);
	}
	return false;
}

int scn_rt_number(struct scn_rt *rt, const struct scn_target *t, s64 *n,
		  bool *is_max)
{
	struct strbuf why = STRBUF_INIT;
	struct value v = { 0, false };
	int err = target_value(rt, t, &v, &why);

	sb_release(&why);
	*n = v.n;
	*is_max = v.max;
	return err;
}
