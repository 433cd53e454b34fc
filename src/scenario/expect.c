// SPDX-License-Identifier: GPL-2.0
/*
 * Conditions of `expect`, `wait until`, `if` and `while`, and the values
 * of expressions: reading numbers out of interface files the way the
 * selftests' cg_read_* helpers do, and comparing them, with values_close()
 * for `~`.  Part of the runtime: it
 * reads through the backend and works the same on the model and a kernel.
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/expr.h"
#include "scenario/parser.h"

static int parse_value(const char *s, size_t len, struct scn_value *v)
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

static int target_value(void *arg, const struct scn_target *t,
			struct scn_value *v, struct strbuf *why)
{
	struct scn_rt *rt = arg;
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

int scn_rt_eval(struct scn_rt *rt, const struct scn_expr *e,
		struct scn_value *v, struct strbuf *why)
{
	struct scn_eval ev = {
		.read = target_value, .scan = scn_rt_scan_value, .arg = rt,
	};
	int err = scn_expr_eval(e, &ev, v, why);

	/* a mistake in the scenario's arithmetic stops the run */
	if (err && ev.arith)
		scn_rt_error(rt, "%s", why->buf ?: "invalid expression");
	return err;
}

/* `TARGET == "text"`: the file without one trailing newline. */
static bool cond_text(struct scn_rt *rt, const struct scn_cond *c,
		      struct strbuf *why)
{
	const struct scn_target *t = &c->cmp.lhs->target;
	const char *want = c->cmp.rhs->str;
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

static struct scn_sample sample_of(const struct scn_value *v, int err)
{
	struct scn_sample smp = { SCN_SAMPLE_NONE, 0 };

	if (!err) {
		smp.kind = v->max ? SCN_SAMPLE_MAX : SCN_SAMPLE_NUM;
		smp.n = v->n;
	}
	return smp;
}

void scn_rt_observe_values(struct scn_rt *rt, const struct scn_value *l,
			   int lerr, const struct scn_value *r, int rerr)
{
	const struct scn_observer *o = rt->opts->observer;
	struct scn_sample ls, rs;

	if (!o || !o->values || rt->stmt->kind != SCN_STMT_EXPECT)
		return;
	ls = sample_of(l, lerr);
	rs = sample_of(r, rerr);
	o->values(o->arg, rt->stmt, &ls, &rs);
}

static bool cond_compare(struct scn_rt *rt, const struct scn_cond *c,
			 struct strbuf *why)
{
	enum scn_expr_kind rk = c->cmp.rhs->kind;
	struct scn_value l = { 0, false }, r = { 0, false };
	int lerr, rerr = -EINVAL;
	bool ok;

	if (rk == SCN_EXPR_STRING)
		return cond_text(rt, c, why);
	lerr = scn_rt_eval(rt, c->cmp.lhs, &l, why);
	if (!lerr)
		rerr = scn_rt_eval(rt, c->cmp.rhs, &r, why);
	scn_rt_observe_values(rt, &l, lerr, &r, rerr);
	if (lerr || rerr)
		return false;
	ok = scn_value_test(&l, c->cmp.op, &r, c->cmp.tolerance);
	if (!ok) {
		sb_puts(why, "got ");
		scn_value_show(why, &l);
		if (rk != SCN_EXPR_NUM && rk != SCN_EXPR_MAX) {
			sb_puts(why, ", want ");
			scn_value_show(why, &r);
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
	case SCN_COND_READABLE:
		ok = true;
		break;
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

/* and, or, not: left to right, the right side only when it decides. */
static bool cond_logic(struct scn_rt *rt, const struct scn_cond *c,
		       struct strbuf *why)
{
	struct strbuf mine = STRBUF_INIT;
	bool ok;

	switch (c->kind) {
	case SCN_COND_NOT:
		ok = !scn_rt_cond(rt, c->logic.a, &mine);
		if (!ok)
			sb_puts(why, "the condition after 'not' holds");
		break;
	case SCN_COND_AND:
		ok = scn_rt_cond(rt, c->logic.a, why) &&
		     scn_rt_cond(rt, c->logic.b, why);
		break;
	default:
		ok = scn_rt_cond(rt, c->logic.a, why);
		if (!ok && !rt->fatal) {
			sb_puts(why, "; ");
			ok = scn_rt_cond(rt, c->logic.b, why);
		}
		break;
	}
	sb_release(&mine);
	return ok;
}

bool scn_rt_cond(struct scn_rt *rt, const struct scn_cond *c, struct strbuf *why)
{
	switch (c->kind) {
	case SCN_COND_COMPARE:
		return cond_compare(rt, c, why);
	case SCN_COND_NOT:
	case SCN_COND_AND:
	case SCN_COND_OR:
		return cond_logic(rt, c, why);
	case SCN_COND_READABLE:
	case SCN_COND_EMPTY:
	case SCN_COND_CONTAINS:
	case SCN_COND_NOT_CONTAINS:
		return cond_file(rt, c, why);
	case SCN_COND_PROC:
		return cond_proc(rt, c, why);
	case SCN_COND_PAGEMAP:
		return scn_rt_cond_pages(rt, c, why);
	case SCN_COND_LSEEK:
		return scn_rt_cond_lseek(rt, c, why);
	}
	return false;
}

int scn_rt_number(struct scn_rt *rt, const struct scn_target *t, s64 *n,
		  bool *is_max)
{
	struct strbuf why = STRBUF_INIT;
	struct scn_value v = { 0, false };
	int err = target_value(rt, t, &v, &why);

	sb_release(&why);
	*n = v.n;
	*is_max = v.max;
	return err;
}
