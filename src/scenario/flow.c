// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime's control flow: variables (let, loop counters), `if`, the
 * loops `repeat`, `for` and `while`, and statements that use variables.
 * Such a statement runs as an instance: the runtime substitutes the
 * variables' values into its words and parses them again, with the same
 * parser and the same checks (scn_parse_instance()), so a `$NAME` means
 * exactly what its value written there would mean.  All of this is the
 * runtime's, on any backend: the model and a real kernel get it alike.
 *
 * Every loop has a bound: repeat and for run at most SCN_MAX_LOOP passes,
 * while stops after max=N passes, SCN_DEFAULT_WHILE_MAX without one (and
 * then says so in a failing TAP line).
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/expr.h"
#include "scenario/parser.h"

/* ---- variables ---- */

static struct scn_var *find_var(struct scn_rt *rt, const char *name,
				size_t len)
{
	size_t i;

	for (i = 0; i < rt->nvars; i++)
		if (strlen(rt->vars[i].name) == len &&
		    !strncmp(rt->vars[i].name, name, len))
			return &rt->vars[i];
	return NULL;
}

/* @name lives in the script, as long as the run. */
static void set_var(struct scn_rt *rt, const char *name, s64 value)
{
	struct scn_var *v = find_var(rt, name, strlen(name));

	if (!v) {
		if (rt->nvars == rt->cvars) {
			rt->cvars = rt->cvars ? 2 * rt->cvars : 16;
			rt->vars = realloc(rt->vars, rt->cvars * sizeof(*rt->vars));
			if (!rt->vars)
				abort();
		}
		v = &rt->vars[rt->nvars++];
		v->name = name;
	}
	v->value = value;
}

static int var_value(void *arg, const char *name, size_t len, s64 *value,
		     struct strbuf *why)
{
	struct scn_var *v = find_var(arg, name, len);

	if (!v) {
		sb_printf(why, "$%.*s has no value yet: its let (or loop) has not run",
			  (int)len, name);
		return -ENOENT;
	}
	*value = v->value;
	return 0;
}

void scn_rt_vars_release(struct scn_rt *rt)
{
	free(rt->vars);
	rt->vars = NULL;
	rt->nvars = rt->cvars = 0;
	scn_arena_free(rt->instances);
	rt->instances = NULL;
}

/* ---- where we are ---- */

void scn_rt_frames(struct scn_rt *rt, struct strbuf *sb)
{
	int i;

	for (i = 0; i < rt->nframes; i++) {
		const struct scn_frame *f = &rt->frames[i];

		sb_puts(sb, i ? ", " : " (");
		if (f->var)
			sb_printf(sb, "%s=%lld", f->var, (long long)f->value);
		else
			sb_printf(sb, "pass %llu", (unsigned long long)f->pass);
	}
	if (rt->nframes)
		sb_add(sb, ")", 1);
}

void scn_rt_where(struct scn_rt *rt, const struct scn_stmt *s,
		  struct strbuf *sb)
{
	if (strcmp(s->file, rt->script->file))
		sb_printf(sb, "%s:%d", s->file, s->line);
	else
		sb_printf(sb, "line %d", s->line);
	scn_rt_frames(rt, sb);
}

/* ---- statements with variables ---- */

/* The first line of the parser's messages, without its newline. */
static void first_error(struct scn_rt *rt, const char *msg)
{
	const char *nl = msg ? strchr(msg, '\n') : NULL;

	scn_rt_error(rt, "%.*s", nl ? (int)(nl - msg) : (int)strlen(msg ?: ""),
		     msg ?: "");
}

/* @s with its variables' values, or NULL after an error. */
static const struct scn_stmt *instance(struct scn_rt *rt,
				       const struct scn_stmt *s)
{
	struct scn_word *words = calloc(s->nwords, sizeof(*words));
	struct strbuf *text = calloc(s->nwords, sizeof(*text));
	struct strbuf err = STRBUF_INIT;
	struct scn_stmt *inst = NULL;
	size_t i;
	int ret = 0;

	if (!words || !text)
		abort();
	rt->stmt = s;
	for (i = 0; i < s->nwords && !ret; i++) {
		ret = scn_subst(s->words[i].text, var_value, rt, &text[i], &err);
		words[i].text = text[i].buf ?: "";
		words[i].quoted = s->words[i].quoted;
	}
	if (!ret && scn_parse_instance(rt->script, s, words, s->nwords,
				       &rt->instances, &inst, &err))
		inst = NULL;
	if (!inst)
		first_error(rt, err.buf);
	for (i = 0; i < s->nwords; i++)
		sb_release(&text[i]);
	free(text);
	free(words);
	sb_release(&err);
	return inst;
}

/* The statement to run for @s: itself, or its instance. */
static const struct scn_stmt *concrete(struct scn_rt *rt,
				       const struct scn_stmt *s)
{
	return s->subst ? instance(rt, s) : s;
}

/* ---- let, conditions, counts ---- */

/* A number for let or a loop: a read that fails stops the run. */
static int eval_number(struct scn_rt *rt, const struct scn_expr *e,
		       const char *what, s64 *n)
{
	struct strbuf why = STRBUF_INIT;
	struct scn_value v;
	int err = scn_rt_eval(rt, e, &v, &why);

	if (err && !rt->fatal)
		scn_rt_error(rt, "%s: %s", what, why.buf ?: "cannot read");
	else if (!err && v.max)
		scn_rt_error(rt, "%s: the value is 'max', not a number", what);
	sb_release(&why);
	*n = v.n;
	return rt->fatal ? -EINVAL : 0;
}

static void run_let(struct scn_rt *rt, const struct scn_stmt *s)
{
	s64 n;

	rt->stmt = s;
	if (!eval_number(rt, s->let.expr, s->let.name, &n))
		set_var(rt, s->let.name, n);
}

/* An if's or a while's condition; false after an error too. */
static bool test(struct scn_rt *rt, const struct scn_stmt *tmpl)
{
	struct strbuf why = STRBUF_INIT;
	const struct scn_stmt *s = concrete(rt, tmpl);
	bool ok = false;

	if (s) {
		rt->stmt = s;
		ok = scn_rt_cond(rt, &s->block.cond, &why);
	}
	sb_release(&why);
	return ok && !rt->fatal;
}

/* ---- blocks ---- */

static void push_frame(struct scn_rt *rt, const char *var)
{
	struct scn_frame *f = &rt->frames[rt->nframes++];

	f->var = var;
	f->value = 0;
	f->pass = 0;
}

/* One pass of a loop's body, its variable (if any) set to @value. */
static void pass(struct scn_rt *rt, const struct scn_stmt *s, size_t idx,
		 s64 value)
{
	struct scn_frame *f = &rt->frames[rt->nframes - 1];

	f->pass++;
	f->value = value;
	if (s->block.var)
		set_var(rt, s->block.var, value);
	scn_rt_exec(rt, idx + 1, s->block.end);
}

/* repeat N [as i]: i = 0..N-1; for i in A..B: i = A..B. */
static void run_counted(struct scn_rt *rt, const struct scn_stmt *tmpl,
			size_t idx)
{
	const struct scn_stmt *s = concrete(rt, tmpl);
	s64 first = 0, last = -1, i;

	if (!s)
		return;
	rt->stmt = s;
	if (s->kind == SCN_STMT_REPEAT &&
	    !eval_number(rt, s->block.count, "repeat", &last))
		last--;
	if (s->kind == SCN_STMT_FOR &&
	    (eval_number(rt, s->block.from, "for", &first) ||
	     eval_number(rt, s->block.to, "for", &last)))
		return;
	if (rt->fatal)
		return;
	if (last >= first && ((__int128)last - first >= SCN_MAX_LOOP)) {
		scn_rt_error(rt, "%s: %lld passes are more than the limit of %d",
			     scn_stmt_kind_name(s->kind),
			     (long long)((__int128)last - first + 1), SCN_MAX_LOOP);
		return;
	}
	push_frame(rt, s->block.var);
	for (i = first; i <= last && !rt->fatal; i++)
		pass(rt, tmpl, idx, i);
	rt->nframes--;
}

static void run_while(struct scn_rt *rt, const struct scn_stmt *s, size_t idx)
{
	u64 n = 0;

	push_frame(rt, NULL);
	while (test(rt, s)) {
		if (n++ == s->block.max) {
			rt->nframes--;
			rt->stmt = s;
			if (!s->block.max_set)
				scn_rt_tap(rt, false, false, NULL,
					   "stopped after %llu passes, the default bound: give the loop its own with max=N",
					   (unsigned long long)s->block.max);
			return;
		}
		pass(rt, s, idx, 0);
		if (rt->fatal)
			break;
	}
	rt->nframes--;
}

static void run_if(struct scn_rt *rt, const struct scn_stmt *s, size_t idx)
{
	if (test(rt, s))
		scn_rt_exec(rt, idx + 1, s->block.els ? s->block.els : s->block.end);
	else if (s->block.els && !rt->fatal)
		scn_rt_exec(rt, s->block.els + 1, s->block.end);
}

/* A block at stmts[idx]: the index after its end. */
static size_t run_block(struct scn_rt *rt, const struct scn_stmt *s,
			size_t idx)
{
	if (rt->nframes == SCN_MAX_NESTING) {
		scn_rt_error(rt, "blocks nest too deep");
		return s->block.end + 1;
	}
	switch (s->kind) {
	case SCN_STMT_IF:
		run_if(rt, s, idx);
		break;
	case SCN_STMT_WHILE:
		run_while(rt, s, idx);
		break;
	default:
		run_counted(rt, s, idx);
		break;
	}
	return s->block.end + 1;
}

void scn_rt_exec(struct scn_rt *rt, size_t from, size_t to)
{
	const struct scn_stmt *stmts = rt->script->stmts, *s;
	size_t i = from;

	while (i < to && !rt->fatal) {
		s = &stmts[i];
		if (scn_stmt_is_block(s)) {
			i = run_block(rt, s, i);
			continue;
		}
		i++;
		switch (s->kind) {
		case SCN_STMT_POLICY:	/* applied before everything */
		case SCN_STMT_INCLUDE:	/* its statements follow */
		case SCN_STMT_ELSE:
		case SCN_STMT_END:
			continue;
		case SCN_STMT_LET:
			s = concrete(rt, s);
			if (s)
				run_let(rt, s);
			continue;
		default:
			s = concrete(rt, s);
			if (s)
				scn_rt_run_stmt(rt, s);
			continue;
		}
	}
}
