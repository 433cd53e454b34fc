// SPDX-License-Identifier: GPL-2.0
/*
 * Conditions and the statements that use them or time: `expect`,
 * `wait`, `wait until`, `sleep` and `record`.
 */
#include "parser_internal.h"

#include <errno.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Conditions: expect and wait until.
 */

/* Everything that may follow the subject of a condition. */
static const char *const cond_words[] = {
	"==", "!=", "<", "<=", ">", ">=", "~",
	"empty", "contains", "!contains", "killed", "alive", "exited",
};

static int get_cmp(struct parser *ps, const struct scn_token *t,
		   enum scn_cmp *op)
{
	int i = scn_tok_lookup(t, scn_cmp_names, ARRAY_SIZE(scn_cmp_names));

	if (i < 0)
		return scn_perr_choice(ps, t->text, cond_words,
				       ARRAY_SIZE(cond_words),
				       "unknown comparison '%s'", t->text);
	*op = i;
	return 0;
}

/* Parentheses opened by @t (negative: closed), outside quotes. */
static int paren_delta(const struct scn_token *t)
{
	int d = 0;
	size_t i;

	if (t->quoted)
		return 0;
	for (i = 0; i < t->len; i++)
		d += t->text[i] == '(' ? 1 : t->text[i] == ')' ? -1 : 0;
	return d;
}

/* Strings compare a whole file as text: TARGET ==|!= "TEXT" only. */
static int check_strings(struct parser *ps, struct scn_cond *c)
{
	const struct scn_expr *l = c->cmp.lhs;
	const struct scn_expr *r = c->cmp.rhs;

	if (l->kind == SCN_EXPR_STRING)
		return scn_perr(ps, "a quoted string can only be on the right of a comparison");
	if (r->kind != SCN_EXPR_STRING)
		return 0;
	if (l->kind != SCN_EXPR_TARGET)
		return scn_perr(ps, "a quoted string can only be compared with one file");
	if (c->cmp.op != SCN_CMP_EQ && c->cmp.op != SCN_CMP_NE)
		return scn_perr(ps, "a quoted string can only be compared with == or !=");
	return 0;
}

/*
 * The index of the comparison's operator: the first word that is one,
 * outside parentheses.  -ENOENT if there is none and @bare allows that,
 * else -EINVAL after a message.
 */
static long find_cmp(struct parser *ps, size_t from, size_t to, bool bare)
{
	bool want_value = true;	/* after an operator: a value comes next */
	int depth = 0;
	size_t i;

	for (i = from; i < to; i++) {
		const struct scn_token *t = &ps->tok[i];
		bool op_first = !t->quoted && t->len && strchr("+-*/%", t->text[0]);
		bool op_last = !t->quoted && t->len &&
			       strchr("+-*/%", t->text[t->len - 1]);

		if (!depth && scn_tok_lookup(t, scn_cmp_names,
					     ARRAY_SIZE(scn_cmp_names)) >= 0)
			return i;
		/* a word where an operator should be */
		if (!depth && !want_value && !op_first && !bare)
			return scn_perr_choice(ps, t->text, cond_words,
					       ARRAY_SIZE(cond_words),
					       "unknown comparison '%s'", t->text);
		depth += paren_delta(t);
		want_value = depth > 0 || op_last;
	}
	if (bare)
		return -ENOENT;
	return scn_perr(ps, "missing comparison (==, !=, <, <=, >, >=, ~, empty, contains, killed, alive, exited)");
}

/* Words [at, to): OP VALUE... [TOL%]. */
static int get_op_tolerance(struct parser *ps, size_t at, size_t *to,
			    enum scn_cmp *op, unsigned int *tol)
{
	const struct scn_token *last = &ps->tok[*to - 1];
	int ret;

	ret = get_cmp(ps, &ps->tok[at], op);
	if (ret)
		return ret;
	*tol = 0;
	if (*to - at >= 3 && scn_is_percent(last)) {
		if (*op != SCN_CMP_CLOSE)
			return scn_perr(ps, "a tolerance only applies to '~'");
		ret = scn_get_tolerance(ps, last, tol);
		if (ret)
			return ret;
		(*to)--;
		return 0;
	}
	if (*op == SCN_CMP_CLOSE)
		return scn_perr(ps, "'~' needs a tolerance, e.g. '~ 29M 15%%'");
	return 0;
}

/* EXPR != 0: an expression alone, in if and while. */
static int cond_bare(struct parser *ps, size_t from, size_t to,
		     struct scn_cond *c)
{
	int ret = scn_get_expr(ps, from, to, 0, &c->cmp.lhs);

	c->kind = SCN_COND_COMPARE;
	c->cmp.op = SCN_CMP_NE;
	c->cmp.rhs = scn_palloc(ps, sizeof(*c->cmp.rhs));
	memset(c->cmp.rhs, 0, sizeof(*c->cmp.rhs));
	c->cmp.rhs->kind = SCN_EXPR_NUM;
	return ret;
}

static int cond_compare(struct parser *ps, size_t from, size_t to, bool bare,
			struct scn_cond *c)
{
	long at;
	int ret;

	c->kind = SCN_COND_COMPARE;
	at = find_cmp(ps, from, to, bare);
	if (at == -ENOENT)
		return cond_bare(ps, from, to, c);
	if (at < 0)
		return at;
	ret = get_op_tolerance(ps, at, &to, &c->cmp.op, &c->cmp.tolerance);
	if (!ret)
		ret = scn_get_expr(ps, from, at, EXPR_SIDE, &c->cmp.lhs);
	if (!ret)
		ret = scn_get_expr(ps, at + 1, to, EXPR_SIDE, &c->cmp.rhs);
	if (!ret)
		ret = check_strings(ps, c);
	return ret;
}

/* N pages: a plain integer, or a size (64M, 12p) that is whole pages. */
static int get_pages(struct parser *ps, const struct scn_token *t, u64 *pages)
{
	u64 v;
	int ret;

	if (!t->quoted && !scn_parse_uint(t->text, pages))
		return 0;
	ret = scn_get_size(ps, t, &v);
	if (ret)
		return ret;
	if (v % PAGE_SIZE)
		return scn_perr(ps, "'%s' is not a whole number of pages", t->text);
	*pages = v / PAGE_SIZE;
	return 0;
}

/* SRC's word after the region: the pagemap bit, KPF bit or cgroup. */
static int pages_what(struct parser *ps, const struct scn_token *t,
		      struct scn_cond *c)
{
	int i;
	size_t k;

	switch (c->pagemap.src) {
	case SCN_PAGES_PAGEMAP:
		i = scn_tok_lookup(t, scn_pagemap_names,
				   ARRAY_SIZE(scn_pagemap_names));
		if (i < 0)
			return scn_perr_choice(ps, t->text, scn_pagemap_names,
					       ARRAY_SIZE(scn_pagemap_names),
					       "unknown pagemap bit '%s'", t->text);
		c->pagemap.flag = i;
		return 0;
	case SCN_PAGES_KPAGEFLAGS:
		for (k = 0; k < scn_nr_kpf_names; k++)
			if (scn_tok_is(t, scn_kpf_names[k].name)) {
				c->pagemap.kpf = scn_kpf_names[k].bit;
				return 0;
			}
		return scn_perr_hint(ps, scn_suggest_names(t->text, scn_kpf_names,
							   scn_nr_kpf_names,
							   sizeof(*scn_kpf_names)),
				     "unknown kpageflags flag '%s'", t->text);
	default:
		return scn_get_cgroup(ps, t, &c->pagemap.cgroup);
	}
}

/*
 * SRC NAME REGION [OFF LEN] [WHAT] OP N [TOL%], where SRC is pagemap,
 * kpageflags (WHAT a flag), kpagecgroup (WHAT a cgroup), kpagecount or
 * mincore (no WHAT); with @count (`read SRC ...`), without OP N.
 */
int scn_parse_pages_cond(struct parser *ps, size_t from, size_t to, int src,
			 bool count, struct scn_cond *c)
{
	const struct scn_token *t = &ps->tok[from];
	bool has_what = src != SCN_PAGES_KPAGECOUNT && src != SCN_PAGES_MINCORE;
	bool range = to - from >= 5 && scn_is_number_word(&t[3]) &&
		     scn_is_number_word(&t[4]);
	size_t op_at = from + 3 + (range ? 2 : 0) + has_what;
	struct region_decl *r;
	struct proc_decl *p;
	int ret;

	c->kind = SCN_COND_PAGEMAP;
	c->pagemap.src = src;
	if (to - from < 3 || (count ? op_at != to : op_at + 2 > to))
		return scn_perr(ps, "usage: %s NAME REGION [OFFSET LENGTH]%s%s",
				scn_page_src_names[src],
				src == SCN_PAGES_PAGEMAP ? " present|swap|file|exclusive|soft_dirty|uffd_wp|swap_resident" :
				src == SCN_PAGES_KPAGEFLAGS ? " FLAG" :
				src == SCN_PAGES_KPAGECGROUP ? " CGROUP" : "",
				count ? "" : " OP N [TOL%]");
	p = scn_get_proc(ps, &t[1]);
	r = p ? scn_get_region(ps, p, &t[2]) : NULL;
	if (!r)
		return -EINVAL;
	c->pagemap.proc = p->name;
	c->pagemap.region = r->name;
	ret = scn_get_range(ps, range ? &t[3] : NULL, r, &c->pagemap.range);
	if (!ret && has_what)
		ret = pages_what(ps, &ps->tok[op_at - 1], c);
	if (ret || count)
		return ret;
	ret = get_op_tolerance(ps, op_at, &to, &c->pagemap.op,
			       &c->pagemap.tolerance);
	if (ret)
		return ret;
	if (to - op_at != 2)
		return scn_perr(ps, "unexpected '%s' after the page count",
				ps->tok[op_at + 2].text);
	return get_pages(ps, &ps->tok[op_at + 1], &c->pagemap.pages);
}

/* lseek PATH data|hole OFFSET OP VALUE|ERRNO */
static int cond_lseek(struct parser *ps, size_t from, size_t to,
		      struct scn_cond *c)
{
	static const char *const whence[] = { "data", "hole" };
	const struct scn_token *t = &ps->tok[from];
	int w, ret;

	c->kind = SCN_COND_LSEEK;
	if (to - from != 6)
		return scn_perr(ps, "usage: lseek PATH data|hole OFFSET OP VALUE|ERRNO");
	ret = scn_get_file_path(ps, &t[1], &c->lseek.path);
	if (ret)
		return ret;
	w = scn_tok_lookup(&t[2], whence, 2);
	if (w < 0)
		return scn_perr_choice(ps, t[2].text, whence, 2,
				       "unknown lseek whence '%s'", t[2].text);
	c->lseek.data = w == 0;
	ret = scn_get_size(ps, &t[3], &c->lseek.offset);
	if (!ret)
		ret = get_cmp(ps, &t[4], &c->lseek.op);
	if (ret)
		return ret;
	c->lseek.err = t[5].quoted ? 0 : scn_errno_from_name(t[5].text);
	if (c->lseek.err && c->lseek.op != SCN_CMP_EQ &&
	    c->lseek.op != SCN_CMP_NE)
		return scn_perr(ps, "an errno compares only with == or !=");
	if (c->lseek.op == SCN_CMP_CLOSE)
		return scn_perr(ps, "'~' does not apply to lseek");
	return c->lseek.err ? 0 : scn_get_size(ps, &t[5], &c->lseek.value);
}

static int cond_proc(struct parser *ps, const struct scn_token *t, int state,
		     struct scn_cond *c)
{
	struct proc_decl *p = scn_get_proc(ps, t);

	if (!p)
		return -EINVAL;
	c->kind = SCN_COND_PROC;
	c->proc.proc = p->name;
	c->proc.state = state;
	return 0;
}

/* TARGET empty | TARGET readable | TARGET contains WORD | TARGET !contains WORD */
static int cond_file(struct parser *ps, const struct scn_token *t,
		     enum scn_cond_kind kind, struct scn_cond *c)
{
	int ret;

	c->kind = kind;
	ret = scn_get_target(ps, &t[0], TGT_FD, &c->file.target);
	if (ret || kind == SCN_COND_EMPTY || kind == SCN_COND_READABLE)
		return ret;
	if (!t[2].len)
		return scn_perr(ps, "'%s' needs a non-empty word", t[1].text);
	c->file.word = scn_pstrdup(ps, t[2].text);
	return 0;
}

/* One condition without and, or, not. */
static int cond_atom(struct parser *ps, size_t from, size_t to, bool bare,
		     struct scn_cond *c)
{
	const struct scn_token *t = &ps->tok[from];
	size_t n = to - from;
	int state, src;

	src = scn_tok_lookup(&t[0], scn_page_src_names,
			     ARRAY_SIZE(scn_page_src_names));
	if (src >= 0)
		return scn_parse_pages_cond(ps, from, to, src, false, c);
	if (scn_tok_is(&t[0], "lseek"))
		return cond_lseek(ps, from, to, c);
	state = n == 2 ? scn_tok_lookup(&t[1], scn_proc_state_names,
					ARRAY_SIZE(scn_proc_state_names)) : -1;
	if (state >= 0)
		return cond_proc(ps, &t[0], state, c);
	if (n == 2 && scn_tok_is(&t[1], "empty"))
		return cond_file(ps, t, SCN_COND_EMPTY, c);
	if (n == 2 && scn_tok_is(&t[1], "readable"))
		return cond_file(ps, t, SCN_COND_READABLE, c);
	if (n == 3 && scn_tok_is(&t[1], "contains"))
		return cond_file(ps, t, SCN_COND_CONTAINS, c);
	if (n == 3 && scn_tok_is(&t[1], "!contains"))
		return cond_file(ps, t, SCN_COND_NOT_CONTAINS, c);
	if (n == 1 && !bare)
		return scn_perr(ps, "missing comparison after '%s'", t[0].text);
	return cond_compare(ps, from, to, bare, c);
}

/* The first @word outside parentheses in [from, to), or @to. */
static size_t find_word(struct parser *ps, size_t from, size_t to,
			const char *word)
{
	int depth = 0;
	size_t i;

	for (i = from; i < to; i++) {
		if (!depth && scn_tok_is(&ps->tok[i], word))
			return i;
		depth += paren_delta(&ps->tok[i]);
	}
	return to;
}

static struct scn_cond *new_cond(struct parser *ps)
{
	struct scn_cond *c = scn_palloc(ps, sizeof(*c));

	memset(c, 0, sizeof(*c));
	return c;
}

/* A and B, A or B: both sides, split at word @at. */
static int cond_logic(struct parser *ps, size_t from, size_t at, size_t to,
		      bool bare, enum scn_cond_kind kind, struct scn_cond *c)
{
	int ret;

	c->kind = kind;
	c->logic.a = new_cond(ps);
	c->logic.b = new_cond(ps);
	if (at == from)
		return scn_perr(ps, "missing condition before '%s'", ps->tok[at].text);
	if (at + 1 == to)
		return scn_perr(ps, "missing condition after '%s'", ps->tok[at].text);
	ret = scn_get_cond(ps, from, at, bare, c->logic.a);
	return ret ? ret : scn_get_cond(ps, at + 1, to, bare, c->logic.b);
}

/* COND or COND, COND and COND, not COND: `and` binds tighter than `or`. */
int scn_get_cond(struct parser *ps, size_t from, size_t to, bool bare,
		 struct scn_cond *c)
{
	size_t at;

	memset(c, 0, sizeof(*c));
	if (from == to)
		return scn_usage(ps);
	at = find_word(ps, from, to, "or");
	if (at < to)
		return cond_logic(ps, from, at, to, bare, SCN_COND_OR, c);
	at = find_word(ps, from, to, "and");
	if (at < to)
		return cond_logic(ps, from, at, to, bare, SCN_COND_AND, c);
	if (!scn_tok_is(&ps->tok[from], "not"))
		return cond_atom(ps, from, to, bare, c);
	c->kind = SCN_COND_NOT;
	c->logic.a = new_cond(ps);
	if (from + 1 == to)
		return scn_perr(ps, "missing condition after 'not'");
	return scn_get_cond(ps, from + 1, to, bare, c->logic.a);
}

/* ---------------------------------------------------------------------
 * Time, expectations and recording.
 */

int scn_parse_sleep(struct parser *ps, struct scn_stmt *st)
{
	if (ps->n != 2)
		return scn_usage(ps);
	return scn_get_duration(ps, ps->tok[1].text, &st->sleep.ns);
}

static bool is_timeout(const struct scn_token *t)
{
	return !t->quoted && !strncmp(t->text, "timeout=", 8);
}

static int parse_wait_until(struct parser *ps, struct scn_stmt *st)
{
	size_t to = ps->n;
	int ret;

	st->kind = SCN_STMT_WAIT_UNTIL;
	ps->usage = "wait until CONDITION [timeout=DURATION]";
	st->wait_until.timeout_ns = SCN_DEFAULT_WAIT_TIMEOUT_NS;
	if (to > 2 && is_timeout(&ps->tok[to - 1])) {
		to--;
		ret = scn_get_positive_duration(ps, ps->tok[to].text + 8,
						&st->wait_until.timeout_ns);
		if (ret)
			return ret;
	}
	return scn_get_cond(ps, 2, to, false, &st->wait_until.cond);
}

int scn_parse_wait(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *p;

	if (ps->n >= 2 && scn_tok_is(&ps->tok[1], "until"))
		return parse_wait_until(ps, st);
	if (ps->n != 2)
		return scn_usage(ps);
	p = scn_get_proc(ps, &ps->tok[1]);
	if (!p)
		return -EINVAL;
	st->wait.proc = p->name;
	return 0;
}

/* CONDITION [xfail ["REASON"]]: xfail is never part of a condition. */
int scn_parse_expect(struct parser *ps, struct scn_stmt *st)
{
	size_t to;

	for (to = 1; to < ps->n && !scn_tok_is(&ps->tok[to], "xfail"); to++)
		;
	if (to + 2 < ps->n)
		return scn_perr(ps, "unexpected '%s' after the xfail reason",
				ps->tok[to + 2].text);
	if (to < ps->n) {
		st->expect.xfail = true;
		st->expect.xfail_reason = to + 1 < ps->n ?
			scn_pstrdup(ps, ps->tok[to + 1].text) : "";
	}
	return scn_get_cond(ps, 1, to, false, &st->expect.cond);
}

int scn_parse_record(struct parser *ps, struct scn_stmt *st)
{
	size_t i, n = ps->n;
	int ret;

	if (n < 6 || !scn_tok_is(&ps->tok[1], "every") ||
	    !scn_tok_is(&ps->tok[n - 2], "to"))
		return scn_usage(ps);
	ret = scn_get_positive_duration(ps, ps->tok[2].text,
					&st->record.interval_ns);
	if (ret)
		return ret;
	st->record.n = n - 5;
	st->record.targets = scn_palloc(ps, st->record.n *
					sizeof(*st->record.targets));
	for (i = 3; i < n - 2; i++) {
		ret = scn_get_target(ps, &ps->tok[i], TGT_KEY | TGT_FD,
				     &st->record.targets[i - 3]);
		if (ret)
			return ret;
	}
	if (!ps->tok[n - 1].len)
		return scn_perr(ps, "empty output file name");
	st->record.file = scn_pstrdup(ps, ps->tok[n - 1].text);
	return 0;
}
