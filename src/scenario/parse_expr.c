// SPDX-License-Identifier: GPL-2.0
/*
 * Expressions of the scenario language (docs/scenario.md, "Expressions"):
 * the words of a statement split into tokens, then parsed by precedence
 * into the tree of ast.h:
 *
 *	cmp     := sum [(== | != | < | <= | > | >=) sum]
 *	sum     := product ((+ | -) product)*
 *	product := unary ((* | / | %) unary)*
 *	unary   := - unary | + unary | primary
 *	primary := NUMBER | $NAME | ${NAME} | TARGET | read(TARGET)
 *		 | min(cmp, ...) | max(cmp, ...) | ( cmp ) | max | "text" | off
 *		 | scan(NAME.FIELD) | scan(NAME.FIELD[K])
 *
 * Operators need no blanks around them, except that a file name runs on
 * over '/', '-', '.' and ':' (write `A/memory.current / 2`, or
 * `read(A/memory.current)/2`), and that '/' where a value must start
 * begins an absolute path.  A comparison stands at the top only where the
 * caller allows one (let, fill=bytes=), else inside parentheses.
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/expr.h"

enum etok_kind {
	ET_END, ET_NUM, ET_VAR, ET_TARGET, ET_STRING, ET_CALL, ET_MAXW,
	ET_OFF, ET_SCAN, ET_LP, ET_RP, ET_COMMA, ET_OP, ET_CMP, ET_DOTDOT,
};

struct etok {
	enum etok_kind kind;
	const char *text;	/* as written, in the arena */
	bool read;		/* TARGET: written read(...) */
	char op;		/* OP: + - * / % */
	enum scn_cmp cmp;	/* CMP */
	enum scn_expr_kind fn;	/* CALL: MIN or MAXOF */
	s64 num;		/* NUM */
};

struct elex {
	struct parser *ps;
	unsigned int flags;
	struct etok *t;
	size_t n, cap, pos;
};

static void push(struct elex *lx, const struct etok *t)
{
	lx->t = scn_grow(lx->t, &lx->cap, lx->n + 1, sizeof(*lx->t));
	lx->t[lx->n++] = *t;
}

/* The last token ends a value: what follows is an operator. */
static bool after_value(const struct elex *lx)
{
	enum etok_kind k = lx->n ? lx->t[lx->n - 1].kind : ET_END;

	return k == ET_NUM || k == ET_VAR || k == ET_TARGET || k == ET_STRING ||
	       k == ET_MAXW || k == ET_OFF || k == ET_SCAN || k == ET_RP;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       scn_is_digit(c) || c == '_';
}

/* A file name: word characters and / . : - $ { } */
static size_t target_len(const char *s)
{
	size_t n = 0;

	while (s[n] && (is_word_char(s[n]) || strchr("/.:-${}", s[n])))
		n++;
	return n;
}

/* A number: digits, a decimal part, a suffix; not a following "..". */
static int lex_number(struct elex *lx, const char *s, size_t *len)
{
	struct etok t = { .kind = ET_NUM };
	size_t n = 0;
	u64 v;
	int ret;

	while (s[n] && (is_word_char(s[n]) || s[n] == '.') &&
	       !(s[n] == '.' && s[n + 1] == '.'))
		n++;
	t.text = scn_pstrndup(lx->ps, s, n);
	*len = n;
	ret = scn_parse_size(t.text, &v);
	if (ret == -ERANGE || (!ret && v > (u64)INT64_MAX))
		return scn_perr(lx->ps, "number '%s' is too large", t.text);
	if (ret)
		return scn_perr(lx->ps, "invalid number '%s' (expected an integer or a size like 50M)",
				t.text);
	t.num = v;
	push(lx, &t);
	return 0;
}

/*
 * read(TARGET) or scan(NAME.FIELD[K]), both four letters and a '(':
 * everything up to the closing parenthesis.
 */
static int lex_read(struct elex *lx, const char *s, enum etok_kind kind,
		    size_t *len)
{
	const char *close = strchr(s + 5, ')');
	struct etok t = { .kind = kind, .read = true };

	if (!close)
		return scn_perr(lx->ps, "missing ')' after '%.4s(' (write %s in one word)",
				s, kind == ET_SCAN ? "scan(NAME.FIELD)" : "read(FILE)");
	t.text = scn_pstrndup(lx->ps, s + 5, close - s - 5);
	*len = close + 1 - s;
	push(lx, &t);
	return 0;
}

/* A word: a function, max, off, or a file. */
static int lex_name(struct elex *lx, const char *s, size_t *len)
{
	struct etok t = { .kind = ET_TARGET };
	size_t w = 0;

	while (is_word_char(s[w]))
		w++;
	if (s[w] == '(' && w == 4 && !strncmp(s, "read", 4))
		return lex_read(lx, s, ET_TARGET, len);
	if (s[w] == '(' && w == 4 && !strncmp(s, "scan", 4))
		return lex_read(lx, s, ET_SCAN, len);
	if (s[w] == '(' && w == 3 && (!strncmp(s, "min", 3) ||
				      !strncmp(s, "max", 3))) {
		t.kind = ET_CALL;
		t.fn = s[1] == 'i' ? SCN_EXPR_MIN : SCN_EXPR_MAXOF;
		t.text = s[1] == 'i' ? "min" : "max";
		*len = 3;
		push(lx, &t);
		return 0;
	}
	if (s[w] == '(')
		return scn_perr(lx->ps, "unknown function '%.*s' (expected read, scan, min or max)",
				(int)w, s);
	*len = target_len(s);
	t.text = scn_pstrndup(lx->ps, s, *len);
	if (!strcmp(t.text, "max"))
		t.kind = ET_MAXW;
	else if (!strcmp(t.text, "off") && (lx->flags & EXPR_OFF))
		t.kind = ET_OFF;
	push(lx, &t);
	return 0;
}

/*
 * $NAME, ${NAME}, or a word they are part of (${N}000): its text, with
 * the '$'.  Its references were checked with the statement's words.
 */
static int lex_var(struct elex *lx, const char *s, size_t *len)
{
	struct etok t = { .kind = ET_VAR };
	const char *name;
	size_t n = 0, nlen;
	long ref;

	for (;;) {
		ref = s[n] == '$' ? scn_var_ref(s + n, &name, &nlen) : 0;
		if (ref > 0)
			n += ref;
		else if (is_word_char(s[n]) ||
			 (s[n] == '.' && s[n + 1] != '.'))
			n++;
		else
			break;
	}
	if (!n)
		return scn_perr(lx->ps, "unexpected '$' in an expression");
	t.text = scn_pstrndup(lx->ps, s, n);
	*len = n;
	push(lx, &t);
	return 0;
}

/* == != <= >= < > .. and the one-character tokens. */
static int lex_punct(struct elex *lx, const char *s, size_t *len)
{
	static const char *const cmps[] = { "==", "!=", "<=", ">=", "<", ">" };
	static const enum scn_cmp ops[] = { SCN_CMP_EQ, SCN_CMP_NE, SCN_CMP_LE,
					    SCN_CMP_GE, SCN_CMP_LT, SCN_CMP_GT };
	struct etok t = { .kind = ET_OP, .op = *s };
	size_t i;

	*len = 1;
	for (i = 0; i < ARRAY_SIZE(cmps); i++) {
		if (strncmp(s, cmps[i], strlen(cmps[i])))
			continue;
		t.kind = ET_CMP;
		t.cmp = ops[i];
		*len = strlen(cmps[i]);
		break;
	}
	if (t.kind == ET_CMP)
		;
	else if (s[0] == '.' && s[1] == '.')
		t.kind = ET_DOTDOT, *len = 2;
	else if (*s == '(' || *s == ')' || *s == ',')
		t.kind = *s == '(' ? ET_LP : *s == ')' ? ET_RP : ET_COMMA;
	else if (*s == '~')
		return scn_perr(lx->ps, "'~' compares only a whole side of a condition, with a tolerance: A ~ B 10%%");
	else if (!strchr("+-*/%", *s))
		return scn_perr(lx->ps, "unexpected '%c' in an expression", *s);
	t.text = scn_pstrndup(lx->ps, s, *len);
	push(lx, &t);
	return 0;
}

static int lex_word(struct elex *lx, const struct scn_token *w)
{
	const char *s = w->text;
	struct etok t = { .kind = ET_STRING };
	size_t len = 0;
	int ret;

	if (w->quoted) {
		t.text = scn_pstrdup(lx->ps, s);
		push(lx, &t);
		return 0;
	}
	for (; *s; s += len) {
		len = 1;
		if (*s == ' ' || *s == '\t')	/* in a quoted fill=bytes= */
			continue;
		if (scn_is_digit(*s))
			ret = lex_number(lx, s, &len);
		else if (*s == '$')
			ret = lex_var(lx, s, &len);
		else if (is_word_char(*s) || (*s == '/' && !after_value(lx)))
			ret = lex_name(lx, s, &len);
		else
			ret = lex_punct(lx, s, &len);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * The parser.
 */

static const struct etok *peek(struct elex *lx)
{
	static const struct etok end = { .kind = ET_END, .text = "" };

	return lx->pos < lx->n ? &lx->t[lx->pos] : &end;
}

static struct scn_expr *node(struct elex *lx, enum scn_expr_kind kind)
{
	struct scn_expr *e = scn_palloc(lx->ps, sizeof(*e));

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	return e;
}

static int parse_cmp(struct elex *lx, bool cmp_ok, struct scn_expr **out);

/* After an operator: a value must follow. */
static int missing_after(struct elex *lx)
{
	const struct etok *prev = lx->pos ? &lx->t[lx->pos - 1] : NULL;

	if (prev && prev->kind != ET_LP && prev->kind != ET_COMMA)
		return scn_perr(lx->ps, "missing value after '%s'", prev->text);
	return scn_perr(lx->ps, "missing value in comparison");
}

static int parse_target(struct elex *lx, const struct etok *t,
			struct scn_expr **out)
{
	struct scn_token tok = { t->text, strlen(t->text), false };
	struct scn_expr *e = node(lx, SCN_EXPR_TARGET);

	if (lx->flags & EXPR_OFF)
		return scn_perr(lx->ps, "a fill pattern cannot read '%s' (it is a function of off)",
				t->text);
	e->read = t->read;
	*out = e;
	return scn_get_target(lx->ps, &tok, TGT_KEY | TGT_FD, &e->target);
}

/* scan(NAME.FIELD) or scan(NAME.FIELD[K]): NAME a process */
static int parse_scan(struct elex *lx, const struct etok *t,
		      struct scn_expr **out)
{
	struct scn_expr *e = node(lx, SCN_EXPR_SCAN);
	const char *dot = strchr(t->text, '.'), *br;
	size_t flen;
	char *end;
	int f;

	if (lx->flags & EXPR_OFF)
		return scn_perr(lx->ps, "a fill pattern cannot read scan(%s)",
				t->text);
	if (!dot || dot == t->text)
		return scn_perr(lx->ps, "scan(%s): expected scan(NAME.FIELD)",
				t->text);
	e->str = scn_pstrndup(lx->ps, t->text, dot - t->text);
	/* checked when the script is parsed, not again per run (a statement
	 * with a $variable is parsed again then, without the declarations) */
	if (!scn_has_var(e->str) && !lx->ps->instance &&
	    !scn_find_proc(lx->ps, e->str))
		return scn_perr(lx->ps, "scan(%s): '%s' is not a process",
				t->text, e->str);
	br = strchr(dot, '[');
	flen = br ? (size_t)(br - dot - 1) : strlen(dot + 1);
	for (f = 0; f < SCN_SCAN_NR_FIELDS; f++)
		if (strlen(scn_scan_field_names[f]) == flen &&
		    !strncmp(dot + 1, scn_scan_field_names[f], flen))
			break;
	if (f == SCN_SCAN_NR_FIELDS)
		return scn_perr(lx->ps, "scan(%s): unknown field (expected ret, walk_end, pages, start[K], len[K] or cats[K])",
				t->text);
	e->scan_field = f;
	*out = e;
	if ((f >= SCN_SCAN_START) != !!br)
		return scn_perr(lx->ps, br ? "scan(%s): only start, len and cats take a region [K]" :
				"scan(%s): start, len and cats need a region [K]",
				t->text);
	if (!br)
		return 0;
	e->num = strtoll(br + 1, &end, 10);
	if (end == br + 1 || strcmp(end, "]") || e->num < 0)
		return scn_perr(lx->ps, "scan(%s): invalid region index", t->text);
	return 0;
}

static int parse_call(struct elex *lx, const struct etok *t,
		      struct scn_expr **out)
{
	struct scn_expr *e = node(lx, t->fn), **args = NULL, *arg;
	size_t cap = 0;
	int ret;

	if (peek(lx)->kind != ET_LP)
		return scn_perr(lx->ps, "missing '(' after '%s'", t->text);
	lx->pos++;
	do {
		ret = parse_cmp(lx, true, &arg);
		if (ret)
			goto out;
		args = scn_grow(args, &cap, e->nargs + 1, sizeof(*args));
		args[e->nargs++] = arg;
	} while (peek(lx)->kind == ET_COMMA && ++lx->pos);
	if (peek(lx)->kind != ET_RP) {
		ret = scn_perr(lx->ps, "missing ')' after the arguments of %s()",
			       t->text);
		goto out;
	}
	lx->pos++;
	/* the arguments move to the arena with the rest of the tree */
	e->args = scn_palloc(lx->ps, e->nargs * sizeof(*e->args));
	memcpy(e->args, args, e->nargs * sizeof(*e->args));
	*out = e;
out:
	free(args);
	return ret;
}

static int parse_primary(struct elex *lx, struct scn_expr **out)
{
	const struct etok *t = peek(lx);
	struct scn_expr *e;
	int ret;

	if (t->kind == ET_END || t->kind == ET_OP || t->kind == ET_CMP ||
	    t->kind == ET_RP || t->kind == ET_COMMA || t->kind == ET_DOTDOT)
		return t->kind == ET_END ? missing_after(lx) :
		       scn_perr(lx->ps, "expected a value instead of '%s'", t->text);
	lx->pos++;
	switch (t->kind) {
	case ET_LP:
		ret = parse_cmp(lx, true, out);
		if (!ret && peek(lx)->kind != ET_RP)
			return scn_perr(lx->ps, "missing ')'");
		lx->pos++;
		return ret;
	case ET_CALL:
		return parse_call(lx, t, out);
	case ET_SCAN:
		return parse_scan(lx, t, out);
	case ET_TARGET:
		return parse_target(lx, t, out);
	default:
		break;
	}
	e = *out = node(lx, t->kind == ET_NUM ? SCN_EXPR_NUM :
			    t->kind == ET_VAR ? SCN_EXPR_VAR :
			    t->kind == ET_STRING ? SCN_EXPR_STRING :
			    t->kind == ET_MAXW ? SCN_EXPR_MAX : SCN_EXPR_OFF);
	e->num = t->num;
	e->str = t->kind == ET_VAR || t->kind == ET_STRING ? t->text : NULL;
	return 0;
}

static int parse_unary(struct elex *lx, struct scn_expr **out)
{
	const struct etok *t = peek(lx);
	struct scn_expr *e;
	int ret;

	if (t->kind != ET_OP || (t->op != '-' && t->op != '+'))
		return parse_primary(lx, out);
	lx->pos++;
	ret = parse_unary(lx, out);
	if (ret || t->op == '+')
		return ret;
	if ((*out)->kind == SCN_EXPR_NUM) {	/* -5 is a number */
		(*out)->num = -(*out)->num;
		return 0;
	}
	e = node(lx, SCN_EXPR_NEG);
	e->l = *out;
	*out = e;
	return 0;
}

static enum scn_expr_kind binop(char op)
{
	switch (op) {
	case '+':
		return SCN_EXPR_ADD;
	case '-':
		return SCN_EXPR_SUB;
	case '*':
		return SCN_EXPR_MUL;
	case '/':
		return SCN_EXPR_DIV;
	default:
		return SCN_EXPR_MOD;
	}
}

/* Left-associative operators of one level: + - (sum) or * / % (product). */
static int parse_level(struct elex *lx, bool sum, struct scn_expr **out)
{
	int ret = sum ? parse_level(lx, false, out) : parse_unary(lx, out);

	while (!ret) {
		const struct etok *t = peek(lx);
		struct scn_expr *e;

		if (t->kind != ET_OP || !strchr(sum ? "+-" : "*/%", t->op))
			break;
		lx->pos++;
		e = node(lx, binop(t->op));
		e->l = *out;
		ret = sum ? parse_level(lx, false, &e->r) : parse_unary(lx, &e->r);
		*out = e;
	}
	return ret;
}

static int parse_cmp(struct elex *lx, bool cmp_ok, struct scn_expr **out)
{
	const struct etok *t;
	struct scn_expr *e;
	int ret = parse_level(lx, true, out);

	t = peek(lx);
	if (ret || t->kind != ET_CMP)
		return ret;
	if (!cmp_ok)
		return scn_perr(lx->ps, "a comparison inside a value must be in parentheses: (A %s B)",
				t->text);
	lx->pos++;
	e = node(lx, SCN_EXPR_CMP);
	e->op = t->cmp;
	e->l = *out;
	ret = parse_level(lx, true, &e->r);
	*out = e;
	if (!ret && peek(lx)->kind == ET_CMP)
		return scn_perr(lx->ps, "comparisons do not chain: use parentheses");
	return ret;
}

/* ---------------------------------------------------------------------
 * Checks of the whole tree.
 */

/* max and "text" only as a whole side of a condition. */
static int check_leaves(struct elex *lx, const struct scn_expr *e, bool top)
{
	size_t i;
	int ret = 0;

	if (e->kind == SCN_EXPR_MAX && !(top && (lx->flags & EXPR_SIDE)))
		return scn_perr(lx->ps, top ? "'max' is not a number here" :
				"'max' cannot be part of a sum");
	if (e->kind == SCN_EXPR_STRING && !(top && (lx->flags & EXPR_SIDE)))
		return scn_perr(lx->ps, top ? "a quoted string is not a number" :
				"a quoted string cannot be part of a sum");
	for (i = 0; !ret && i < e->nargs; i++)
		ret = check_leaves(lx, e->args[i], false);
	if (!ret && e->l)
		ret = check_leaves(lx, e->l, false);
	if (!ret && e->r)
		ret = check_leaves(lx, e->r, false);
	return ret;
}

/* A constant that cannot be computed is an error now, not at run time. */
static int check_const(struct elex *lx, const struct scn_expr *e)
{
	struct strbuf why = STRBUF_INIT;
	struct scn_eval ev = { 0 };
	struct scn_value v;
	int ret = 0;

	if (scn_expr_is_const(e) && scn_expr_eval(e, &ev, &v, &why))
		ret = scn_perr(lx->ps, "%s", why.buf ?: "invalid expression");
	sb_release(&why);
	return ret;
}

static int finish(struct elex *lx, struct scn_expr **out)
{
	const struct etok *t = peek(lx);
	int ret;

	if (t->kind == ET_RP)
		return scn_perr(lx->ps, "unmatched ')'");
	if (t->kind == ET_NUM || t->kind == ET_TARGET || t->kind == ET_VAR ||
	    t->kind == ET_MAXW || t->kind == ET_STRING || t->kind == ET_LP ||
	    t->kind == ET_CALL || t->kind == ET_OFF || t->kind == ET_SCAN)
		return scn_perr(lx->ps, "expected '+' or '-' instead of '%s'",
				t->text);
	if (t->kind != ET_END)
		return scn_perr(lx->ps, "unexpected '%s' in an expression", t->text);
	ret = check_leaves(lx, *out, true);
	return ret ? ret : check_const(lx, *out);
}

static int lex_words(struct elex *lx, size_t from, size_t to)
{
	size_t i;
	int ret;

	for (i = from; i < to; i++) {
		ret = lex_word(lx, &lx->ps->tok[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/* The tokens lexed (@ret the lexing's result) to a checked tree. */
static int parse_all(struct elex *lx, int ret, struct scn_expr **out)
{
	if (!ret)
		ret = parse_cmp(lx, lx->flags & EXPR_CMP, out);
	if (!ret)
		ret = finish(lx, out);
	free(lx->t);
	return ret;
}

int scn_get_expr(struct parser *ps, size_t from, size_t to,
		 unsigned int flags, struct scn_expr **out)
{
	struct elex lx = { .ps = ps, .flags = flags };
	int ret;

	*out = NULL;
	if (from >= to)
		return scn_perr(ps, "missing value in comparison");
	ret = lex_words(&lx, from, to);
	return parse_all(&lx, ret, out);
}

int scn_get_expr_text(struct parser *ps, const char *text, unsigned int flags,
		      struct scn_expr **out)
{
	struct elex lx = { .ps = ps, .flags = flags };
	struct scn_token w = { text, strlen(text), false };
	int ret;

	*out = NULL;
	ret = lex_word(&lx, &w);
	if (!ret && !lx.n)
		ret = scn_perr(ps, "missing expression");
	return parse_all(&lx, ret, out);
}

int scn_get_range_exprs(struct parser *ps, size_t from, size_t to,
			struct scn_expr **a, struct scn_expr **b)
{
	struct elex lx = { .ps = ps };
	int ret = lex_words(&lx, from, to);

	if (!ret)
		ret = parse_cmp(&lx, false, a);
	if (!ret && peek(&lx)->kind != ET_DOTDOT)
		ret = scn_perr(ps, "expected FIRST..LAST, e.g. 'for i in 0..9'");
	lx.pos++;
	if (!ret)
		ret = check_leaves(&lx, *a, true) ?: check_const(&lx, *a);
	if (!ret)
		ret = parse_cmp(&lx, false, b);
	if (!ret)
		ret = finish(&lx, b);
	free(lx.t);
	return ret;
}
