// SPDX-License-Identifier: GPL-2.0
/*
 * The canonical printer: scn_stmt_dump() and scn_script_dump() turn the
 * syntax tree back into source text that parses to the same tree.
 */
#include "parser_internal.h"

#include <stdio.h>
#include "scenario/expr.h"
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Canonical text of a statement: what scn_parse_string() reads back into
 * the same tree.  Numbers are printed in base units (bytes, ns).
 */

static bool word_is_safe(const char *s)
{
	const char *p;

	if (!*s || !strcmp(s, "=>") || !strcmp(s, "&") || !strcmp(s, "xfail"))
		return false;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      scn_is_digit(*p) || strchr("_-./:,+=%@${}", *p)))
			return false;
	return true;
}

static void dump_quoted(struct strbuf *sb, const char *s)
{
	sb_add(sb, "\"", 1);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_add(sb, "\\", 1);
		sb_add(sb, s, 1);
	}
	sb_add(sb, "\"", 1);
}

/* " WORD", quoted only when it has to be. */
void scn_dump_word(struct strbuf *sb, const char *s)
{
	sb_add(sb, " ", 1);
	if (word_is_safe(s))
		sb_puts(sb, s);
	else
		dump_quoted(sb, s);
}

/* Parsed values have at most SCN_MAX_DECIMALS decimals: print them all. */
static void dump_double(struct strbuf *sb, double v)
{
	char buf[64];
	int n;

	n = snprintf(buf, sizeof(buf), "%.*f", SCN_MAX_DECIMALS, v);
	if (n <= 0 || n >= (int)sizeof(buf))
		return;
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	sb_puts(sb, buf);
}

void scn_dump_u64(struct strbuf *sb, const char *prefix, u64 v,
		     const char *unit)
{
	sb_printf(sb, "%s%llu%s", prefix, (unsigned long long)v, unit);
}

void scn_dump_range(struct strbuf *sb, const struct scn_range *r)
{
	if (r->whole)
		return;
	scn_dump_u64(sb, " ", r->offset, "");
	scn_dump_u64(sb, " ", r->length, "");
}

/* Precedence: what binds tighter prints without parentheses. */
static int prec(const struct scn_expr *e)
{
	switch (e->kind) {
	case SCN_EXPR_CMP:
		return 1;
	case SCN_EXPR_ADD:
	case SCN_EXPR_SUB:
		return 2;
	case SCN_EXPR_MUL:
	case SCN_EXPR_DIV:
	case SCN_EXPR_MOD:
		return 3;
	case SCN_EXPR_NEG:
		return 4;
	default:
		return e->kind == SCN_EXPR_NUM && e->num < 0 ? 4 : 5;
	}
}

static void dump_prec(const struct scn_expr *e, int min, struct strbuf *sb);

static void dump_args(const struct scn_expr *e, struct strbuf *sb)
{
	size_t i;

	sb_puts(sb, e->kind == SCN_EXPR_MIN ? "min(" : "max(");
	for (i = 0; i < e->nargs; i++) {
		if (i)
			sb_puts(sb, ", ");
		dump_prec(e->args[i], 1, sb);
	}
	sb_add(sb, ")", 1);
}

static void dump_leaf(const struct scn_expr *e, struct strbuf *sb)
{
	switch (e->kind) {
	case SCN_EXPR_NUM:
		sb_printf(sb, "%lld", (long long)e->num);
		return;
	case SCN_EXPR_MAX:
		sb_puts(sb, "max");
		return;
	case SCN_EXPR_TARGET:
		/* Unquoted in the source, or it would be a string. */
		sb_printf(sb, e->read ? "read(%s)" : "%s", e->target.text);
		return;
	case SCN_EXPR_STRING:
		dump_quoted(sb, e->str);
		return;
	case SCN_EXPR_VAR:
		sb_puts(sb, e->str);
		return;
	case SCN_EXPR_OFF:
		sb_puts(sb, "off");
		return;
	case SCN_EXPR_SCAN:
		sb_printf(sb, "scan(%s.%s", e->str,
			  scn_scan_field_names[e->scan_field]);
		if (e->scan_field >= SCN_SCAN_START)
			sb_printf(sb, "[%lld]", (long long)e->num);
		sb_puts(sb, ")");
		return;
	default:
		dump_args(e, sb);
		return;
	}
}

/* @e, in parentheses if it binds looser than @min. */
static void dump_prec(const struct scn_expr *e, int min, struct strbuf *sb)
{
	int p = prec(e);

	if (p < min)
		sb_add(sb, "(", 1);
	if (e->kind == SCN_EXPR_NEG) {
		sb_add(sb, "-", 1);
		dump_prec(e->l, 4, sb);
	} else if (e->l) {
		/* left-associative: the right operand binds one level tighter */
		dump_prec(e->l, e->kind == SCN_EXPR_CMP ? 2 : p, sb);
		sb_printf(sb, " %s ", scn_expr_op(e));
		dump_prec(e->r, p + 1, sb);
	} else {
		dump_leaf(e, sb);
	}
	if (p < min)
		sb_add(sb, ")", 1);
}

void scn_expr_dump(const struct scn_expr *e, struct strbuf *sb)
{
	dump_prec(e, 1, sb);
}

/* A side of a condition: a comparison inside it needs parentheses. */
static void dump_expr(struct strbuf *sb, const struct scn_expr *e)
{
	sb_add(sb, " ", 1);
	dump_prec(e, 2, sb);
}

void scn_dump_cmp(struct strbuf *sb, enum scn_cmp op)
{
	sb_printf(sb, " %s", scn_cmp_name(op));
}

void scn_dump_tol(struct strbuf *sb, enum scn_cmp op, unsigned int tol)
{
	if (op == SCN_CMP_CLOSE)
		sb_printf(sb, " %u%%", tol);
}

static void dump_cond(struct strbuf *sb, const struct scn_cond *c)
{
	switch (c->kind) {
	case SCN_COND_COMPARE:
		dump_expr(sb, c->cmp.lhs);
		scn_dump_cmp(sb, c->cmp.op);
		dump_expr(sb, c->cmp.rhs);
		scn_dump_tol(sb, c->cmp.op, c->cmp.tolerance);
		return;
	case SCN_COND_EMPTY:
	case SCN_COND_READABLE:
		scn_dump_word(sb, c->file.target.text);
		sb_puts(sb, c->kind == SCN_COND_EMPTY ? " empty" : " readable");
		return;
	case SCN_COND_NOT:
		sb_puts(sb, " not");
		dump_cond(sb, c->logic.a);
		return;
	case SCN_COND_AND:
	case SCN_COND_OR:
		dump_cond(sb, c->logic.a);
		sb_puts(sb, c->kind == SCN_COND_AND ? " and" : " or");
		dump_cond(sb, c->logic.b);
		return;
	case SCN_COND_CONTAINS:
	case SCN_COND_NOT_CONTAINS:
		scn_dump_word(sb, c->file.target.text);
		sb_puts(sb, c->kind == SCN_COND_CONTAINS ? " contains " :
			" !contains ");
		dump_quoted(sb, c->file.word);
		return;
	case SCN_COND_PROC:
		sb_printf(sb, " %s %s", c->proc.proc,
			  scn_proc_state_name(c->proc.state));
		return;
	case SCN_COND_PAGEMAP:
		scn_dump_pages_cond(sb, c, true);
		return;
	case SCN_COND_LSEEK:
		scn_dump_lseek_cond(sb, c);
		return;
	}
}

static void dump_mmap(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s %s", a->mmap.region,
		  NAME_OR(scn_mmap_kind_names, a->mmap.kind));
	if (a->mmap.path)
		scn_dump_word(sb, a->mmap.path);
	scn_dump_u64(sb, " ", a->mmap.size, "");
	if (a->mmap.kind == SCN_MMAP_FILE)
		sb_puts(sb, a->mmap.shared ? " shared" : " private");
	else if (a->mmap.kind == SCN_MMAP_ANON && a->mmap.shared)
		sb_puts(sb, " shared");
}

static void dump_touch(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s", a->touch.region);
	scn_dump_range(sb, &a->touch.range);
	if (a->touch.mode == SCN_TOUCH_READ) {
		sb_puts(sb, " read");
		return;
	}
	if (a->touch.fill == SCN_FILL_ZERO)
		return;
	if (a->touch.fill == SCN_FILL_BYTES) {
		struct strbuf e = STRBUF_INIT;

		sb_puts(&e, "fill=bytes=");
		scn_expr_dump(a->touch.bytes, &e);
		scn_dump_word(sb, e.buf);
		sb_release(&e);
		return;
	}
	sb_printf(sb, " fill=%s", NAME_OR(scn_fill_names, a->touch.fill));
	if (a->touch.fill == SCN_FILL_RATIO) {
		sb_add(sb, "=", 1);
		dump_double(sb, a->touch.ratio);
	} else if (a->touch.fill == SCN_FILL_STRIDE) {
		sb_printf(sb, "=%llu:%u", (unsigned long long)a->touch.stride.step,
			  a->touch.stride.byte);
	}
}

static void dump_access(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s pattern=%s", a->access.region,
		  NAME_OR(scn_pattern_names, a->access.pattern));
	if (a->access.pattern == SCN_PATTERN_ZIPF) {
		sb_add(sb, ":", 1);
		dump_double(sb, a->access.theta);
	}
	scn_dump_u64(sb, " ops=", a->access.ops, "");
	if (a->access.rate)
		scn_dump_u64(sb, " rate=", a->access.rate, "/s");
	sb_puts(sb, " write=");
	dump_double(sb, a->access.write_fraction);
}

/* write, read, truncate: a file path and sizes. */
static void dump_file_action(struct strbuf *sb, const struct scn_action *a)
{
	switch (a->kind) {
	case SCN_ACT_WRITE:
		scn_dump_word(sb, a->write.path);
		scn_dump_u64(sb, " ", a->write.size, "");
		if (a->write.offset)
			scn_dump_u64(sb, " ", a->write.offset, "");
		break;
	case SCN_ACT_READ:
		scn_dump_word(sb, a->read.path);
		scn_dump_range(sb, &a->read.range);
		break;
	default:
		scn_dump_word(sb, a->truncate.path);
		scn_dump_u64(sb, " ", a->truncate.size, "");
		break;
	}
}

/* mlock, munlock, madvise, munmap, pin, unpin: a region or a pin. */
static void dump_region_action(struct strbuf *sb, const struct scn_action *a)
{
	switch (a->kind) {
	case SCN_ACT_MLOCK:
	case SCN_ACT_MUNLOCK:
		sb_printf(sb, " %s", a->mlock.region);
		scn_dump_range(sb, &a->mlock.range);
		break;
	case SCN_ACT_MADVISE:
		sb_printf(sb, " %s %s", a->madvise.region,
			  scn_advice_name(a->madvise.advice));
		scn_dump_range(sb, &a->madvise.range);
		break;
	case SCN_ACT_MUNMAP:
		sb_printf(sb, " %s", a->munmap.region);
		break;
	case SCN_ACT_PIN:
		sb_printf(sb, " %s", a->pin.region);
		scn_dump_range(sb, &a->pin.range);
		sb_printf(sb, " as %s via %s", a->pin.pin,
			  NAME_OR(scn_pin_via_names, a->pin.via));
		break;
	default:
		sb_printf(sb, " %s", a->unpin.pin);
		break;
	}
}

static void dump_action(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, "%s: %s", a->proc, scn_action_name(a->kind));
	switch (a->kind) {
	case SCN_ACT_EXIT:
	case SCN_ACT_NR_KINDS:
		break;
	case SCN_ACT_MMAP:
		dump_mmap(sb, a);
		break;
	case SCN_ACT_TOUCH:
		dump_touch(sb, a);
		break;
	case SCN_ACT_WRITE:
	case SCN_ACT_READ:
	case SCN_ACT_TRUNCATE:
		dump_file_action(sb, a);
		break;
	case SCN_ACT_MLOCK ... SCN_ACT_UNPIN:
		dump_region_action(sb, a);
		break;
	case SCN_ACT_CLOSE:
		sb_printf(sb, " %s", a->close.pin);
		break;
	case SCN_ACT_SETRLIMIT:
		if (a->setrlimit.bytes == UINT64_MAX)
			sb_puts(sb, " memlock unlimited");
		else
			scn_dump_u64(sb, " memlock ", a->setrlimit.bytes, "");
		break;
	case SCN_ACT_DENTRIES:
		scn_dump_u64(sb, " ", a->dentries.count, " ");
		sb_puts(sb, NAME_OR(scn_dentry_names, a->dentries.kind));
		break;
	case SCN_ACT_ACCESS:
		dump_access(sb, a);
		break;
	case SCN_ACT_REPLAY:
		scn_dump_word(sb, a->replay.path);
		break;
	case SCN_ACT_SHMCTL ... SCN_ACT_PAGEMAP_SCAN:
		scn_dump_mm_action(sb, a);
		break;
	}
	if (a->background)
		sb_puts(sb, " &");
}

static void dump_machine(struct strbuf *sb, const struct scn_machine *m)
{
	sb_puts(sb, "machine");
	if (m->set & SCN_MACHINE_MEMORY)
		scn_dump_u64(sb, " memory=", m->memory, "");
	if (m->set & SCN_MACHINE_CPUS)
		sb_printf(sb, " cpus=%u", m->cpus);
	if (m->set & SCN_MACHINE_NODES)
		sb_printf(sb, " nodes=%u", m->nodes);
	if ((m->set & SCN_MACHINE_SWAP) && !m->swap)
		sb_puts(sb, " swap=none");
	else if (m->set & SCN_MACHINE_SWAP)
		scn_dump_u64(sb, " swap=", m->swap, "");
	if (m->set & SCN_MACHINE_SEED)
		scn_dump_u64(sb, " seed=", m->seed, "");
	if (m->set & SCN_MACHINE_DISK)
		scn_dump_u64(sb, " disk=", m->disk, "");
	if (m->set & SCN_MACHINE_SWAPDEV)
		sb_printf(sb, " swapdev=%s", scn_swapdev_name(m->swapdev));
	if (m->set & SCN_MACHINE_CONTENT)
		sb_puts(sb, m->content_model ? " content=model" : " content=real");
}

static void dump_kv(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	sb_puts(sb, scn_stmt_names[st->kind]);
	for (i = 0; i < st->set.n; i++) {
		char *w = malloc(strlen(st->set.kv[i].key) +
				 strlen(st->set.kv[i].value) + 2);

		if (!w)
			abort();
		sprintf(w, "%s=%s", st->set.kv[i].key, st->set.kv[i].value);
		scn_dump_word(sb, w);
		free(w);
	}
}

static void dump_spawn(struct strbuf *sb, const struct scn_stmt *st)
{
	sb_printf(sb, "spawn %s in", st->spawn.name);
	scn_dump_word(sb, st->spawn.cgroup);
	if (st->spawn.threads != 1)
		sb_printf(sb, " threads=%u", st->spawn.threads);
	if (st->spawn.oom_score_adj)
		sb_printf(sb, " oom_score_adj=%d", st->spawn.oom_score_adj);
	if (st->spawn.cpu >= 0)
		sb_printf(sb, " cpu=%d", st->spawn.cpu);
	if (st->spawn.uid)
		sb_printf(sb, " uid=%u", st->spawn.uid);
}

static void dump_record(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	scn_dump_u64(sb, "record every ", st->record.interval_ns, "ns");
	for (i = 0; i < st->record.n; i++)
		scn_dump_word(sb, st->record.targets[i].text);
	sb_puts(sb, " to");
	scn_dump_word(sb, st->record.file);
}

static void dump_files(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	switch (st->kind) {
	case SCN_STMT_MKDIR:
	case SCN_STMT_RMDIR:
		sb_puts(sb, scn_stmt_names[st->kind]);
		for (i = 0; i < st->dirs.n; i++)
			scn_dump_word(sb, st->dirs.paths[i]);
		return;
	case SCN_STMT_WRITE:
		sb_puts(sb, "write");
		scn_dump_word(sb, st->write.target.text);
		scn_dump_word(sb, st->write.value);
		return;
	case SCN_STMT_READ:
		sb_puts(sb, "read");
		if (st->read.count) {
			scn_dump_pages_cond(sb, st->read.count, false);
			return;
		}
		scn_dump_word(sb, st->read.target.text);
		if (st->read.pages.proc)
			scn_dump_read_pages(sb, st);
		return;
	case SCN_STMT_OPEN:
		sb_puts(sb, "open");
		scn_dump_word(sb, st->open.target.text);
		sb_printf(sb, " as %s%s", st->open.name,
			  st->open.nonblock ? " nonblock" : "");
		return;
	case SCN_STMT_CLOSE:
		sb_printf(sb, "close %s", st->close.name);
		return;
	default:
		sb_puts(sb, "echo");
		if (*st->echo.text)
			scn_dump_word(sb, st->echo.text);
		return;
	}
}

/* spawn, fork, move, kill, reclaim_until. */
static void dump_procs(struct strbuf *sb, const struct scn_stmt *st)
{
	switch (st->kind) {
	case SCN_STMT_SPAWN:
		dump_spawn(sb, st);
		break;
	case SCN_STMT_FORK:
		sb_printf(sb, "fork %s as %s", st->fork.parent, st->fork.child);
		break;
	case SCN_STMT_MOVE:
		if (st->move.step == SCN_MOVE_ATTACH) {
			sb_printf(sb, "move %s attach", st->move.proc);
			break;
		}
		sb_printf(sb, "move %s to", st->move.proc);
		scn_dump_word(sb, st->move.cgroup);
		if (st->move.step == SCN_MOVE_WINDOW)
			sb_puts(sb, " window");
		break;
	case SCN_STMT_KILL:
		sb_printf(sb, "kill %s", st->kill.proc);
		break;
	default:
		sb_puts(sb, "reclaim_until");
		scn_dump_word(sb, st->reclaim_until.cgroup);
		scn_dump_u64(sb, " ", st->reclaim_until.goal, "");
		break;
	}
}

/* sleep, wait, wait until, expect, record. */
static void dump_checks(struct strbuf *sb, const struct scn_stmt *st)
{
	switch (st->kind) {
	case SCN_STMT_SLEEP:
		scn_dump_u64(sb, "sleep ", st->sleep.ns, "ns");
		break;
	case SCN_STMT_WAIT:
		sb_printf(sb, "wait %s", st->wait.proc);
		break;
	case SCN_STMT_WAIT_UNTIL:
		sb_puts(sb, "wait until");
		dump_cond(sb, &st->wait_until.cond);
		scn_dump_u64(sb, " timeout=", st->wait_until.timeout_ns, "ns");
		break;
	case SCN_STMT_EXPECT:
		sb_puts(sb, "expect");
		dump_cond(sb, &st->expect.cond);
		if (st->expect.xfail) {
			sb_puts(sb, " xfail ");
			dump_quoted(sb, st->expect.xfail_reason);
		}
		break;
	default:
		dump_record(sb, st);
		break;
	}
}

/* let, if, else, end, repeat, for, while, include. */
static void dump_flow(struct strbuf *sb, const struct scn_stmt *st)
{
	sb_puts(sb, scn_stmt_names[st->kind]);
	switch (st->kind) {
	case SCN_STMT_LET:
		sb_printf(sb, " %s = ", st->let.name);
		scn_expr_dump(st->let.expr, sb);
		break;
	case SCN_STMT_IF:
	case SCN_STMT_WHILE:
		dump_cond(sb, &st->block.cond);
		if (st->kind == SCN_STMT_WHILE && st->block.max_set)
			scn_dump_u64(sb, " max=", st->block.max, "");
		break;
	case SCN_STMT_REPEAT:
		sb_add(sb, " ", 1);
		scn_expr_dump(st->block.count, sb);
		if (st->block.var)
			sb_printf(sb, " as %s", st->block.var);
		break;
	case SCN_STMT_FOR:
		sb_printf(sb, " %s in ", st->block.var);
		dump_prec(st->block.from, 2, sb);
		sb_puts(sb, " .. ");
		dump_prec(st->block.to, 2, sb);
		break;
	case SCN_STMT_INCLUDE:
		scn_dump_word(sb, st->include.path);
		break;
	default:
		break;
	}
}

/*
 * A statement that uses variables: its words as written, quoted where
 * they were (a quoted word is text) or where the lexer would split them.
 */
static void dump_words(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	for (i = 0; i < st->nwords; i++) {
		const struct scn_word *w = &st->words[i];

		if (i)
			sb_add(sb, " ", 1);
		if (w->quoted || !*w->text || strpbrk(w->text, " \t\r\v\f#\"\\"))
			dump_quoted(sb, w->text);
		else
			sb_puts(sb, w->text);
	}
}

void scn_stmt_dump(const struct scn_stmt *st, struct strbuf *sb)
{
	size_t i;

	if (st->subst) {
		dump_words(sb, st);
		return;
	}
	switch (st->kind) {
	case SCN_STMT_MACHINE:
		dump_machine(sb, &st->machine);
		break;
	case SCN_STMT_MOUNT:
		sb_puts(sb, "mount cgroup2");
		for (i = 0; i < st->mount.nopts; i++)
			sb_printf(sb, " %s", st->mount.opts[i]);
		break;
	case SCN_STMT_SYSCTL:
	case SCN_STMT_PARAM:
	case SCN_STMT_POLICY:
		dump_kv(sb, st);
		break;
	case SCN_STMT_MKDIR ... SCN_STMT_ECHO:
		dump_files(sb, st);
		break;
	case SCN_STMT_SPAWN ... SCN_STMT_KILL:
	case SCN_STMT_RECLAIM_UNTIL:
		dump_procs(sb, st);
		break;
	case SCN_STMT_ACTION:
		dump_action(sb, &st->action);
		break;
	case SCN_STMT_SLEEP ... SCN_STMT_RECORD:
		dump_checks(sb, st);
		break;
	case SCN_STMT_LET ... SCN_STMT_INCLUDE:
		dump_flow(sb, st);
		break;
	case SCN_STMT_TMPFS:
		scn_dump_tmpfs(sb, st);
		break;
	case SCN_STMT_NR_KINDS:
		break;
	}
	if (st->expect_errno)
		sb_printf(sb, " => %s", st->expect_errname);
}

/*
 * One statement a line, the bodies of blocks indented by two spaces; an
 * include is printed as such, not the statements it brought in.
 */
void scn_script_dump(const struct scn_script *script, struct strbuf *sb)
{
	int depth = 0, i;
	size_t k;

	for (k = 0; k < script->nstmts; k++) {
		const struct scn_stmt *st = &script->stmts[k];

		if (st->kind == SCN_STMT_ELSE || st->kind == SCN_STMT_END)
			depth--;
		for (i = 0; i < depth; i++)
			sb_puts(sb, "  ");
		scn_stmt_dump(st, sb);
		sb_add(sb, "\n", 1);
		if (scn_stmt_is_block(st) || st->kind == SCN_STMT_ELSE)
			depth++;
		if (st->kind == SCN_STMT_INCLUDE)
			k = st->include.end - 1;
	}
}
