// SPDX-License-Identifier: GPL-2.0
/*
 * Setup statements (machine, mount, sysctl, param, policy), cgroup and
 * open-file statements (mkdir, rmdir, write, read, open, close, echo) and
 * process statements (spawn, fork, move, kill, reclaim_until).
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Setup statements.
 */

/* Bit i is SCN_MACHINE_* BIT(i). */
static const char *const machine_keys[] = {
	"memory", "cpus", "nodes", "swap", "seed", "disk", "swapdev",
	"content",
};

/* machine swapdev=: struct scn_machine.swapdev is the index */
static const char *const swapdev_kinds[] = { "disk", "ssd", "zram" };

/* content=: what the machine's pages hold (the index is content_model) */
static const char *const machine_contents[] = { "real", "model" };

/* Bit i is SCN_MOUNT_* BIT(i). */
static const char *const mount_options[] = {
	"nsdelegate", "favordynmods", "memory_localevents",
	"memory_recursiveprot", "memory_hugetlb_accounting",
	"pids_localevents", "nomigrate",
};

static int machine_size(struct parser *ps, const char *key, const char *val,
			bool zero_ok, u64 *out)
{
	if (scn_parse_size(val, out) || (!*out && !zero_ok) ||
	    *out % PAGE_SIZE)
		return scn_perr(ps, "machine %s must be a %smultiple of the 4K page size, got '%s'",
				key, zero_ok ? "" : "positive ", val);
	return 0;
}

static int machine_uint(struct parser *ps, const char *key, const char *val,
			u64 lo, u64 hi, u64 *out)
{
	if (scn_parse_uint(val, out) || *out < lo || *out > hi)
		return scn_perr(ps, "machine %s must be an integer from %llu to %llu, got '%s'",
				key, (unsigned long long)lo,
				(unsigned long long)hi, val);
	return 0;
}

/* A machine key whose value is one of @words: its index, or the error. */
static int machine_word(struct parser *ps, const char *key, const char *val,
			const char *const *words, size_t n)
{
	int ret = scn_word_lookup(val, words, n);

	if (ret < 0)
		return scn_perr_choice(ps, val, words, n,
				       "unknown machine %s '%s'", key, val);
	return ret;
}

static int machine_value(struct parser *ps, struct scn_machine *m, int idx,
			 const char *key, const char *val)
{
	u64 v;
	int ret;

	switch (idx) {
	case 0:
		return machine_size(ps, key, val, false, &m->memory);
	case 1:
		ret = machine_uint(ps, key, val, 1, SCN_MAX_CPUS, &v);
		if (!ret)
			m->cpus = v;
		return ret;
	case 2:
		ret = machine_uint(ps, key, val, 1, SCN_MAX_NODES, &v);
		if (!ret)
			m->nodes = v;
		return ret;
	case 3:
		if (!strcmp(val, "none")) {
			m->swap = 0;
			return 0;
		}
		return machine_size(ps, key, val, true, &m->swap);
	case 4:
		return machine_uint(ps, key, val, 0, UINT64_MAX, &m->seed);
	case 5:
		return machine_size(ps, key, val, false, &m->disk);
	case 6:
		ret = machine_word(ps, key, val, swapdev_kinds,
				   ARRAY_SIZE(swapdev_kinds));
		if (ret >= 0)
			m->swapdev = ret;
		return ret < 0 ? ret : 0;
	default:
		ret = machine_word(ps, key, val, machine_contents,
				   ARRAY_SIZE(machine_contents));
		if (ret >= 0)
			m->content_model = ret;
		return ret < 0 ? ret : 0;
	}
}

static int machine_key(struct parser *ps, struct scn_machine *m,
		       const struct scn_token *t)
{
	const char *eq = strchr(t->text, '=');
	const char *key;
	int idx;

	if (!eq || eq == t->text)
		return scn_perr(ps, "expected KEY=VALUE, got '%s'", t->text);
	key = scn_pstrndup(ps, t->text, eq - t->text);
	idx = scn_word_lookup(key, machine_keys, ARRAY_SIZE(machine_keys));
	if (idx < 0)
		return scn_perr_choice(ps, key, machine_keys,
				       ARRAY_SIZE(machine_keys),
				       "unknown machine key '%s'", key);
	if (m->set & BIT(idx))
		return scn_perr(ps, "duplicate machine key '%s'", key);
	m->set |= BIT(idx);
	return machine_value(ps, m, idx, key, eq + 1);
}

void scn_machine_defaults(struct scn_machine *m)
{
	memset(m, 0, sizeof(*m));
	m->memory = SCN_DEFAULT_MEMORY;
	m->cpus = SCN_DEFAULT_CPUS;
	m->nodes = SCN_DEFAULT_NODES;
	m->swap = SCN_DEFAULT_SWAP;
	m->seed = SCN_DEFAULT_SEED;
	m->disk = SCN_DEFAULT_DISK;
}

const char *scn_swapdev_name(unsigned int swapdev)
{
	return swapdev < ARRAY_SIZE(swapdev_kinds) ? swapdev_kinds[swapdev]
						   : "?";
}

int scn_parse_machine(struct parser *ps, struct scn_stmt *st)
{
	size_t i;
	int ret;

	if (ps->machine_line)
		return scn_perr(ps, "duplicate 'machine' statement (first at line %d)",
				ps->machine_line);
	ps->machine_line = ps->line;
	scn_machine_defaults(&st->machine);
	for (i = 1; i < ps->n; i++) {
		ret = machine_key(ps, &st->machine, &ps->tok[i]);
		if (ret)
			return ret;
	}
	ps->sc->machine = st->machine;
	return 0;
}

static int mount_option(struct parser *ps, struct scn_mount *m,
			const char *s, size_t len)
{
	const char *opt = scn_pstrndup(ps, s, len);
	int i = scn_word_lookup(opt, mount_options, ARRAY_SIZE(mount_options));

	if (!len)
		return scn_perr(ps, "empty mount option");
	if (i < 0)
		return scn_perr_choice(ps, opt, mount_options,
				       ARRAY_SIZE(mount_options),
				       "unknown cgroup2 mount option '%s'", opt);
	if (m->flags & BIT(i))
		return scn_perr(ps, "duplicate mount option '%s'", opt);
	m->flags |= BIT(i);
	m->opts[m->nopts++] = opt;
	return 0;
}

/* Options are words, or comma-separated as in mount -o. */
static int mount_word(struct parser *ps, struct scn_mount *m,
		      const struct scn_token *t)
{
	const char *p = t->text;
	int ret;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		ret = mount_option(ps, m, p, len);
		if (ret || !comma)
			return ret;
		p = comma + 1;
	}
}

int scn_parse_mount(struct parser *ps, struct scn_stmt *st)
{
	static const char *const fstypes[] = { "cgroup2", "tmpfs" };
	size_t i, nopt = 0;
	int ret;

	if (ps->mount_line)
		return scn_perr(ps, "duplicate 'mount' statement (first at line %d)",
				ps->mount_line);
	ps->mount_line = ps->line;
	if (ps->n < 2)
		return scn_usage(ps);
	if (scn_tok_is(&ps->tok[1], "cgroup"))
		return scn_perr(ps, "only cgroup2 can be mounted (cgroup v1 is not modelled)");
	if (!scn_tok_is(&ps->tok[1], "cgroup2"))
		return scn_perr_choice(ps, ps->tok[1].text, fstypes, 2,
				       "unknown filesystem '%s'", ps->tok[1].text);
	for (i = 2; i < ps->n; i++)
		nopt += 1 + ps->tok[i].len;	/* more than the commas */
	st->mount.opts = scn_palloc(ps, nopt * sizeof(*st->mount.opts));
	for (i = 2; i < ps->n; i++) {
		ret = mount_word(ps, &st->mount, &ps->tok[i]);
		if (ret)
			return ret;
	}
	ps->sc->mount_flags = st->mount.flags;
	return 0;
}

/* sysctl, param and policy: KEY=VALUE... kept as strings. */
int scn_parse_set(struct parser *ps, struct scn_stmt *st)
{
	size_t i;

	if (ps->n < 2)
		return scn_usage(ps);
	st->set.n = ps->n - 1;
	st->set.kv = scn_palloc(ps, st->set.n * sizeof(*st->set.kv));
	for (i = 1; i < ps->n; i++) {
		const struct scn_token *t = &ps->tok[i];
		const char *eq = strchr(t->text, '=');
		const char *dot = strchr(t->text, '.');

		if (!eq || eq == t->text)
			return scn_perr(ps, "expected KEY=VALUE, got '%s'", t->text);
		if (st->kind == SCN_STMT_PARAM &&
		    (!dot || dot == t->text || dot + 1 >= eq))
			return scn_perr(ps, "param '%s' must be MODULE.NAME=VALUE",
					t->text);
		st->set.kv[i - 1].key = scn_pstrndup(ps, t->text, eq - t->text);
		st->set.kv[i - 1].value = scn_pstrdup(ps, eq + 1);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Cgroup files and open files.
 */

static const char *const open_flags[] = { "nonblock" };

int scn_parse_dirs(struct parser *ps, struct scn_stmt *st)
{
	size_t i;
	int ret;

	if (ps->n < 2)
		return scn_usage(ps);
	if (st->expect_errno && ps->n != 2)
		return scn_perr(ps, "'=> %s' needs exactly one path",
				st->expect_errname);
	st->dirs.n = ps->n - 1;
	st->dirs.paths = scn_palloc(ps, st->dirs.n * sizeof(*st->dirs.paths));
	for (i = 1; i < ps->n; i++) {
		ret = scn_get_cgroup(ps, &ps->tok[i], &st->dirs.paths[i - 1]);
		if (ret)
			return ret;
		if (strcmp(st->dirs.paths[i - 1], "/"))
			continue;
		return scn_perr(ps, st->kind == SCN_STMT_MKDIR ?
				"the root cgroup always exists" :
				"the root cgroup cannot be removed");
	}
	return 0;
}

int scn_parse_write(struct parser *ps, struct scn_stmt *st)
{
	int ret;

	if (ps->n < 2)
		return scn_usage(ps);
	if (ps->n == 2)
		return scn_perr(ps, "missing value to write (use \"\" to write an empty line)");
	ret = scn_get_target(ps, &ps->tok[1], TGT_FD, &st->write.target);
	if (ret)
		return ret;
	st->write.value = scn_join_words(ps, 2, ps->n);
	return 0;
}

int scn_parse_read(struct parser *ps, struct scn_stmt *st)
{
	int ret;

	if (ps->n < 2)
		return scn_usage(ps);
	if (ps->n > 3 && scn_tok_lookup(&ps->tok[1], scn_page_src_names,
					ARRAY_SIZE(scn_page_src_names)) >= 0)
		return scn_parse_read_count(ps, st);
	ret = scn_get_target(ps, &ps->tok[1], TGT_KEY | TGT_FD,
			     &st->read.target);
	if (ret || ps->n == 2)
		return ret;
	return scn_parse_read_pages(ps, st);
}

int scn_parse_open(struct parser *ps, struct scn_stmt *st)
{
	const struct scn_token *t = ps->tok;
	struct fd_decl *fd;
	int ret;

	if ((ps->n != 4 && ps->n != 5) || !scn_tok_is(&t[2], "as"))
		return scn_usage(ps);
	ret = scn_get_target(ps, &t[1], 0, &st->open.target);
	if (!ret)
		ret = scn_check_new_name(ps, &t[3], "file");
	if (ret)
		return ret;
	fd = scn_find_fd(ps, t[3].text);
	if (fd && !ps->instance)
		return scn_perr(ps, "'%s' is already open (line %d)", fd->name,
				fd->line);
	st->open.name = scn_pstrdup(ps, t[3].text);
	if (!st->expect_errno) {
		ps->fds = scn_grow(ps->fds, &ps->cfds, ps->nfds + 1,
				   sizeof(*ps->fds));
		ps->fds[ps->nfds].name = st->open.name;
		ps->fds[ps->nfds++].line = ps->line;
	}
	if (ps->n == 5 && !scn_tok_is(&t[4], "nonblock"))
		return scn_perr_choice(ps, t[4].text, open_flags, 1,
				       "unknown open flag '%s'", t[4].text);
	st->open.nonblock = ps->n == 5;
	return 0;
}

int scn_parse_close(struct parser *ps, struct scn_stmt *st)
{
	struct fd_decl *fd;

	if (ps->n != 2)
		return scn_usage(ps);
	fd = scn_find_fd(ps, ps->tok[1].text);
	if (!fd && ps->instance) {
		st->close.name = scn_pstrdup(ps, ps->tok[1].text);
		return 0;
	}
	if (!fd)
		return scn_perr_hint(ps, scn_suggest_fd(ps, ps->tok[1].text),
				     "'%s' is not an open file", ps->tok[1].text);
	st->close.name = fd->name;
	if (!st->expect_errno)
		*fd = ps->fds[--ps->nfds];
	return 0;
}

int scn_parse_echo(struct parser *ps, struct scn_stmt *st)
{
	st->echo.text = scn_join_words(ps, 1, ps->n);
	return 0;
}

/* ---------------------------------------------------------------------
 * Processes.
 */

static const char *const spawn_options[] = {
	"threads", "oom_score_adj", "cpu", "uid",
};

static int spawn_option(struct parser *ps, struct scn_stmt *st,
			const struct scn_token *t, unsigned int *seen)
{
	const char *val;
	int idx = scn_get_option(ps, t, spawn_options,
				 ARRAY_SIZE(spawn_options), "spawn option",
				 seen, &val);
	u64 v;

	if (idx < 0)
		return idx;
	if (scn_deferred(ps, val))
		return 0;	/* checked when it runs */
	switch (idx) {
	case 0:
		if (scn_parse_uint(val, &v) || !v || v > 4194304)
			return scn_perr(ps, "threads must be an integer from 1 to 4194304, got '%s'",
					val);
		st->spawn.threads = v;
		return 0;
	case 1:
		if (scn_parse_int_range(val, -1000, 1000, &st->spawn.oom_score_adj))
			return scn_perr(ps, "oom_score_adj must be an integer from -1000 to 1000, got '%s'",
					val);
		return 0;
	case 3:
		if (scn_parse_uint(val, &v) || v > 65534)
			return scn_perr(ps, "uid must be an integer from 0 to 65534, got '%s'",
					val);
		st->spawn.uid = v;
		return 0;
	default:
		if (scn_parse_uint(val, &v) || v >= ps->sc->machine.cpus)
			return scn_perr(ps, "cpu must be an integer from 0 to %u (machine cpus=%u), got '%s'",
					ps->sc->machine.cpus - 1,
					ps->sc->machine.cpus, val);
		st->spawn.cpu = v;
		return 0;
	}
}

int scn_parse_spawn(struct parser *ps, struct scn_stmt *st)
{
	unsigned int seen = 0;
	size_t i;
	int ret;

	if (ps->n < 4 || !scn_tok_is(&ps->tok[2], "in"))
		return scn_usage(ps);
	ret = scn_new_proc_name(ps, &ps->tok[1], &st->spawn.name);
	if (ret)
		return ret;
	/* Declared even if the rest is bad: no cascade of "unknown". */
	if (!st->expect_errno)
		scn_add_proc(ps, st->spawn.name);
	st->spawn.threads = 1;
	st->spawn.cpu = -1;
	ret = scn_check_loop_name(ps, st->spawn.name, "process");
	if (!ret)
		ret = scn_get_cgroup(ps, &ps->tok[3], &st->spawn.cgroup);
	for (i = 4; !ret && i < ps->n; i++)
		ret = spawn_option(ps, st, &ps->tok[i], &seen);
	return ret;
}

int scn_parse_fork(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *parent, *child;
	size_t pi;
	int ret;

	if (ps->n != 4 || !scn_tok_is(&ps->tok[2], "as"))
		return scn_usage(ps);
	parent = scn_get_proc(ps, &ps->tok[1]);
	if (!parent)
		return -EINVAL;
	ret = scn_new_proc_name(ps, &ps->tok[3], &st->fork.child);
	if (ret)
		return ret;
	st->fork.parent = parent->name;
	ret = scn_check_loop_name(ps, st->fork.child, "process");
	if (ret || st->expect_errno)
		return ret;
	pi = parent - ps->procs;
	child = scn_add_proc(ps, st->fork.child);
	parent = &ps->procs[pi];	/* scn_add_proc() may move the array */
	/* the child's descriptors: the parent's pins, by the same names */
	if (parent->npins) {
		child->pins = malloc(parent->npins * sizeof(*child->pins));
		if (!child->pins)
			abort();
		memcpy(child->pins, parent->pins,
		       parent->npins * sizeof(*child->pins));
		child->npins = child->cpins = parent->npins;
	}
	child->nregions = child->cregions = parent->nregions;
	if (!parent->nregions)
		return 0;
	child->regions = malloc(parent->nregions * sizeof(*child->regions));
	if (!child->regions)
		abort();
	memcpy(child->regions, parent->regions,
	       parent->nregions * sizeof(*child->regions));
	return 0;
}

/* move NAME attach: ->attach() closes the process's migration window. */
static int parse_move_attach(struct parser *ps, struct scn_stmt *st,
			     struct proc_decl *p)
{
	if (!p->window_line)
		return scn_perr(ps, "process '%s' has no migration window open (open one with 'move %s to CGROUP window')",
				p->name, p->name);
	st->move.step = SCN_MOVE_ATTACH;
	if (!st->expect_errno)
		p->window_line = 0;
	return 0;
}

int scn_parse_move(struct parser *ps, struct scn_stmt *st)
{
	bool attach = ps->n == 3 && scn_tok_is(&ps->tok[2], "attach");
	static const char *const window[] = { "window" };
	struct proc_decl *p;
	int ret;

	if (!attach && (ps->n < 4 || ps->n > 5 || !scn_tok_is(&ps->tok[2], "to")))
		return scn_usage(ps);
	p = scn_get_proc(ps, &ps->tok[1]);
	if (!p)
		return -EINVAL;
	st->move.proc = p->name;
	if (attach)
		return parse_move_attach(ps, st, p);
	if (p->window_line)
		return scn_perr(ps, "process '%s' is in the migration window opened at line %d: close it first with 'move %s attach'",
				p->name, p->window_line, p->name);
	if (ps->n == 5 && !scn_tok_is(&ps->tok[4], "window")) {
		const char *hint = scn_suggest_list(ps->tok[4].text, window, 1);

		/* a misspelt window is still one: no cascade at its attach */
		if (hint && !st->expect_errno)
			p->window_line = ps->line;
		return scn_perr_hint(ps, hint, "unknown word '%s' after the cgroup (expected 'window' or nothing)",
				     ps->tok[4].text);
	}
	ret = scn_get_cgroup(ps, &ps->tok[3], &st->move.cgroup);
	if (ps->n == 5 && !st->expect_errno)
		p->window_line = ps->line;
	if (ret || ps->n == 4)
		return ret;
	st->move.step = SCN_MOVE_WINDOW;
	return 0;
}

int scn_parse_reclaim_until(struct parser *ps, struct scn_stmt *st)
{
	int err;

	if (ps->n != 3)
		return scn_usage(ps);
	err = scn_get_cgroup(ps, &ps->tok[1], &st->reclaim_until.cgroup);
	if (err)
		return err;
	return scn_get_size(ps, &ps->tok[2], &st->reclaim_until.goal);
}

int scn_parse_kill(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *p;

	if (ps->n != 2)
		return scn_usage(ps);
	p = scn_get_proc(ps, &ps->tok[1]);
	if (!p)
		return -EINVAL;
	st->kill.proc = p->name;
	return 0;
}
