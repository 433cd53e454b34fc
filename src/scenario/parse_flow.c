// SPDX-License-Identifier: GPL-2.0
/*
 * Values and control flow: `let`, `if`/`else`/`end`, `repeat`, `for` and
 * `while`.  A block's statements follow it in the script up to its `end`;
 * the parser checks every one of them up front, also those of a branch
 * that will not be taken and those of a loop that may run no pass.  Names
 * that a loop declares must be freed in the same pass (a region unmapped,
 * a file closed), or carry a variable, so that no pass trips over the
 * previous one.
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Names a loop declares.
 */

static void add_name(char ***names, size_t *n, size_t *cap, const char *fmt,
		     const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;

	sb_printf(&sb, fmt, a, b);
	*names = scn_grow(*names, cap, *n + 1, sizeof(**names));
	(*names)[(*n)++] = sb_detach(&sb);
}

/* Every region, pin and open file declared now, as "kind 'name'" text. */
static char **declared_names(struct parser *ps, size_t *n)
{
	char **names = NULL;
	size_t cap = 0, i, j;

	*n = 0;
	for (i = 0; i < ps->nprocs; i++) {
		const struct proc_decl *p = &ps->procs[i];

		for (j = 0; j < p->nregions; j++)
			add_name(&names, n, &cap, "region '%s' of process '%s'",
				 p->regions[j].name, p->name);
		for (j = 0; j < p->npins; j++)
			add_name(&names, n, &cap, "pin '%s' of process '%s'",
				 p->pins[j], p->name);
	}
	for (i = 0; i < ps->nfds; i++)
		add_name(&names, n, &cap, "open file '%s'%s", ps->fds[i].name, "");
	return names;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static bool has_name(char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* At a loop's end: what its body declared and still holds, by a fixed name. */
static int check_loop_names(struct parser *ps, struct block *b)
{
	size_t n, i;
	char **now = declared_names(ps, &n);
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		if (has_name(b->names, b->nnames, now[i]) || scn_has_var(now[i]))
			continue;
		ret = scn_perr(ps, "the %s declared in the loop at line %d still exists at its end: the next pass would declare it again (free it in the loop, or name it with a variable)",
			       now[i], b->line);
	}
	free_names(now, n);
	return ret;
}

int scn_check_loop_name(struct parser *ps, const char *name, const char *what)
{
	if (!ps->loops || scn_has_var(name))
		return 0;
	return scn_perr(ps, "a %s started in a loop needs a name with a variable (e.g. %s$i): every pass would start another '%s'",
			what, name, name);
}

/* ---------------------------------------------------------------------
 * Blocks.
 */

static struct block *top_block(struct parser *ps)
{
	return ps->nblocks > ps->file_blocks ? &ps->blocks[ps->nblocks - 1] : NULL;
}

/* The opening statement of @b, or NULL if it did not parse. */
static struct scn_stmt *block_stmt(struct parser *ps, const struct block *b)
{
	return b->idx < ps->sc->nstmts ? &ps->sc->stmts[b->idx] : NULL;
}

static void pop_block(struct parser *ps)
{
	struct block *b = &ps->blocks[--ps->nblocks];

	if (b->loop)
		ps->loops--;
	free_names(b->names, b->nnames);
	b->names = NULL;
	b->nnames = 0;
}

/* Called by parser.c for each block statement, parsed or not (idx). */
void scn_open_block(struct parser *ps, const struct scn_stmt *st, size_t idx)
{
	struct block *b;

	if (ps->nblocks == SCN_MAX_NESTING) {
		scn_perr(ps, "blocks nest too deep (at most %d)", SCN_MAX_NESTING);
		return;
	}
	b = &ps->blocks[ps->nblocks++];
	b->idx = idx;
	b->kind = st->kind;
	b->line = ps->line;
	b->loop = st->kind != SCN_STMT_IF;
	b->names = NULL;
	b->nnames = 0;
	if (b->loop) {
		ps->loops++;
		b->names = declared_names(ps, &b->nnames);
	}
}

void scn_close_blocks(struct parser *ps, int down_to)
{
	int line = ps->line;

	while (ps->nblocks > down_to) {
		struct block *b = &ps->blocks[ps->nblocks - 1];

		ps->line = b->line;
		scn_perr(ps, "'%s' has no 'end'", scn_stmt_names[b->kind]);
		pop_block(ps);
	}
	ps->line = line;
}

int scn_parse_else(struct parser *ps, struct scn_stmt *st)
{
	struct block *b = top_block(ps);
	struct scn_stmt *open;

	if (ps->n != 1)
		return scn_usage(ps);
	open = b ? block_stmt(ps, b) : NULL;
	if (!b || b->loop)
		return scn_perr(ps, "'else' without an open 'if'");
	if (open && open->block.els)
		return scn_perr(ps, "a second 'else' for the 'if' at line %d", b->line);
	st->end.start = b->idx;
	if (open)
		open->block.els = ps->sc->nstmts;
	return 0;
}

int scn_parse_end(struct parser *ps, struct scn_stmt *st)
{
	struct block *b = top_block(ps);
	struct scn_stmt *open;
	int ret = 0;

	if (ps->n != 1)
		return scn_usage(ps);
	if (!b)
		return scn_perr(ps, "'end' without an open block (if, repeat, for, while)");
	if (b->loop)
		ret = check_loop_names(ps, b);
	open = block_stmt(ps, b);
	st->end.start = b->idx;
	if (open)
		open->block.end = ps->sc->nstmts;
	pop_block(ps);
	return ret;
}

/* ---------------------------------------------------------------------
 * The statements.
 */

int scn_parse_let(struct parser *ps, struct scn_stmt *st)
{
	struct scn_expr *e;
	int ret;

	if (ps->n < 4 || !scn_tok_is(&ps->tok[2], "="))
		return scn_usage(ps);
	ret = scn_get_expr(ps, 3, ps->n, EXPR_CMP, &e);
	st->let.expr = e;
	/* declared even after a bad expression: no cascade of "unknown" */
	return scn_declare_var(ps, &ps->tok[1], &st->let.name) ?: ret;
}

int scn_parse_if(struct parser *ps, struct scn_stmt *st)
{
	return scn_get_cond(ps, 1, ps->n, true, &st->block.cond);
}

int scn_parse_repeat(struct parser *ps, struct scn_stmt *st)
{
	size_t to = ps->n;
	struct scn_expr *e;
	int ret = 0;

	if (to >= 4 && scn_tok_is(&ps->tok[to - 2], "as")) {
		ret = scn_declare_var(ps, &ps->tok[to - 1], &st->block.var);
		to -= 2;
	}
	if (to < 2)
		return scn_usage(ps);
	ret = scn_get_expr(ps, 1, to, 0, &e) ?: ret;
	st->block.count = e;
	return ret;
}

int scn_parse_for(struct parser *ps, struct scn_stmt *st)
{
	struct scn_expr *a = NULL, *b = NULL;
	int ret;

	if (ps->n < 4 || !scn_tok_is(&ps->tok[2], "in"))
		return scn_usage(ps);
	ret = scn_get_range_exprs(ps, 3, ps->n, &a, &b);
	st->block.from = a;
	st->block.to = b;
	return scn_declare_var(ps, &ps->tok[1], &st->block.var) ?: ret;
}

int scn_parse_while(struct parser *ps, struct scn_stmt *st)
{
	const struct scn_token *last = &ps->tok[ps->n - 1];
	size_t to = ps->n;

	st->block.max = SCN_DEFAULT_WHILE_MAX;
	if (to > 2 && !last->quoted && !strncmp(last->text, "max=", 4)) {
		to--;
		if (scn_parse_uint(last->text + 4, &st->block.max) ||
		    !st->block.max || st->block.max > SCN_MAX_LOOP)
			return scn_perr(ps, "invalid bound '%s' (expected max=N, N from 1 to %d)",
					last->text, SCN_MAX_LOOP);
		st->block.max_set = true;
	}
	if (to < 2)
		return scn_usage(ps);
	return scn_get_cond(ps, 1, to, true, &st->block.cond);
}
