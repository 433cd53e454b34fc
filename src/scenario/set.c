// SPDX-License-Identifier: GPL-2.0
/*
 * --set TARGET=VALUE: a sweep's value for a file the scenario writes,
 * without editing the scenario (docs/scenario.md, "Sweeps").  VALUE is
 * written to TARGET right after every statement that writes it (`write`,
 * or the `sysctl` or `param` assignment of that file), so the scenario's
 * own value is the default.  A file the scenario never writes gets VALUE
 * right after the `mkdir` that creates its cgroup, or at boot for a file
 * of the root cgroup or outside the cgroup tree (/proc/sys/...).
 *
 * Each TARGET and VALUE is parsed as the statement `write TARGET "VALUE"`,
 * so a target is checked, and written, exactly as in a scenario.
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"

static void free_set(struct scn_set *set)
{
	scn_script_free(set->script);
	set->script = NULL;
}

void scn_sets_free(struct scn_set *sets, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free_set(&sets[i]);
}

/* `write TARGET "VALUE"`, the value's quotes and backslashes escaped. */
static void set_statement(const char *arg, const char *eq, struct strbuf *sb)
{
	const char *v;

	sb_printf(sb, "write %.*s \"", (int)(eq - arg), arg);
	for (v = eq + 1; *v; v++) {
		if (*v == '"' || *v == '\\')
			sb_add(sb, "\\", 1);
		sb_add(sb, v, 1);
	}
	sb_puts(sb, "\"\n");
}

static int parse_one(const char *arg, struct scn_set *set, struct strbuf *err)
{
	const char *eq = strchr(arg, '=');
	const char *bad = strpbrk(arg, " \t\n\"#");
	struct strbuf text = STRBUF_INIT, msg = STRBUF_INIT;
	int ret;

	set->arg = arg;
	set->script = NULL;
	if (!eq || eq == arg || (bad && bad < eq)) {
		sb_printf(err, "--set %s: expected TARGET=VALUE, a file and its value\n",
			  arg);
		return -EINVAL;
	}
	set_statement(arg, eq, &text);
	ret = scn_parse_string("--set", text.buf, text.len, &set->script, &msg);
	if (!ret && (set->script->nstmts != 1 ||
		     set->script->stmts[0].kind != SCN_STMT_WRITE ||
		     set->script->stmts[0].write.target.kind == SCN_TARGET_FD))
		ret = -EINVAL;
	if (ret) {
		/* the parser's "--set:1: message", without the place */
		const char *m = msg.buf ? strstr(msg.buf, ": ") : NULL;

		sb_printf(err, "--set %s: %s", arg,
			  m ? m + 2 : "not a file of the cgroup tree, /proc or /sys\n");
		free_set(set);
	}
	sb_release(&text);
	sb_release(&msg);
	return ret;
}

int scn_sets_parse(const char *const *args, int n, struct scn_set *sets,
		   struct strbuf *err)
{
	int i;

	for (i = 0; i < n; i++)
		if (parse_one(args[i], &sets[i], err)) {
			scn_sets_free(sets, i);
			return -EINVAL;
		}
	return 0;
}

/* ---- when each takes effect ---- */

static const char *set_path(const struct scn_set_plan *p)
{
	return p->write->write.target.path;
}

/* Does @s write the file at @path? */
static bool writes(const struct scn_stmt *s, const char *path)
{
	struct strbuf p = STRBUF_INIT;
	bool hit = false;
	size_t i;

	if (s->kind == SCN_STMT_WRITE)
		return s->write.target.kind != SCN_TARGET_FD &&
		       !strcmp(s->write.target.path, path);
	if (s->kind != SCN_STMT_SYSCTL && s->kind != SCN_STMT_PARAM)
		return false;
	for (i = 0; i < s->set.n && !hit; i++) {
		sb_reset(&p);
		if (s->kind == SCN_STMT_SYSCTL)
			scn_sysctl_path(s->set.kv[i].key, &p);
		else if (scn_param_path(s->set.kv[i].key, &p))
			continue;
		hit = !strcmp(p.buf, path);
	}
	sb_release(&p);
	return hit;
}

/* The mkdir that creates cgroup @cg (the first one), or NULL. */
static const struct scn_stmt *creator(const struct scn_script *sc,
				      const char *cg, size_t len)
{
	size_t i, j;

	for (i = 0; i < sc->nstmts; i++) {
		const struct scn_stmt *s = &sc->stmts[i];

		for (j = 0; s->kind == SCN_STMT_MKDIR && j < s->dirs.n; j++)
			if (strlen(s->dirs.paths[j]) == len &&
			    !memcmp(s->dirs.paths[j], cg, len))
				return s;
	}
	return NULL;
}

static int plan_one(struct scn_rt *rt, struct scn_set_plan *p)
{
	const struct scn_script *sc = rt->script;
	const struct scn_target *t = &p->write->write.target;
	const char *slash = strrchr(t->path, '/');
	size_t i;

	for (i = 0; i < sc->nstmts; i++)
		if (writes(&sc->stmts[i], t->path))
			p->after_writes = true;
	if (p->after_writes || t->kind != SCN_TARGET_CGROUP || !slash)
		return 0;	/* after its writes, or at boot */
	p->after = creator(sc, t->path, slash - t->path);
	return p->after ? 0 : -ENOENT;
}

void scn_rt_sets_plan(struct scn_rt *rt)
{
	int i, n = rt->opts->nsets;

	rt->set_plans = calloc(n, sizeof(*rt->set_plans));
	if (!rt->set_plans)
		abort();
	for (i = 0; i < n && !rt->fatal; i++) {
		struct scn_set_plan *p = &rt->set_plans[i];
		const char *path;

		p->write = &rt->opts->sets[i].script->stmts[0];
		if (!plan_one(rt, p))
			continue;
		path = set_path(p);
		rt->stmt = &rt->script->stmts[0];
		scn_rt_error(rt, "--set %s: the scenario neither writes %s nor "
			     "creates its cgroup %.*s", rt->opts->sets[i].arg, path,
			     (int)(strrchr(path, '/') - path), path);
	}
}

static void set_write(struct scn_rt *rt, int i)
{
	const struct scn_stmt *w = rt->set_plans[i].write;
	int err = scn_rt_write(rt, &w->write.target, w->write.value);

	if (err)
		scn_rt_tap(rt, false, false, NULL, "--set %s: failed with %s",
			   rt->opts->sets[i].arg, scn_rt_errname(err));
}

void scn_rt_sets_after(struct scn_rt *rt, const struct scn_stmt *s)
{
	int i;

	for (i = 0; rt->set_plans && i < rt->opts->nsets; i++) {
		const struct scn_set_plan *p = &rt->set_plans[i];
		bool due;

		if (!s)
			due = !p->after_writes && !p->after;
		else if (p->after_writes)
			due = writes(s, set_path(p));
		else
			due = p->after == s;
		if (due)
			set_write(rt, i);
	}
}
