// SPDX-License-Identifier: GPL-2.0
/*
 * The scenario parser's private helpers (parser_internal.h): the script's
 * arena, the parser's state, error messages with FILE:LINE, "did you mean"
 * suggestions, words, numbers with their messages, and the names that
 * statements declare (processes, regions, pins, open files).  Everything
 * the statement parsers (parse_*.c) share is here or in parse_target.c
 * (paths and file targets), which builds on it; neither calls a statement
 * parser, so the parser has no include cycle.
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Arena: the script's strings and arrays, freed in one go.
 */

struct scn_arena {
	struct scn_arena *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#define ARENA_CHUNK	16384

static void *arena_alloc(struct scn_arena **ap, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct scn_arena *a = *ap;
	void *p;

	n = n ? (n + align - 1) & ~(align - 1) : align;
	if (!a || a->size - a->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		a = calloc(1, sizeof(*a) + size);
		if (!a)
			abort();
		a->size = size;
		a->next = *ap;
		*ap = a;
	}
	p = (char *)a->data + a->used;
	a->used += n;
	return p;
}

char *scn_arena_strdup(struct scn_arena **ap, const char *s)
{
	return strcpy(arena_alloc(ap, strlen(s) + 1), s);
}

void scn_arena_free(struct scn_arena *a)
{
	while (a) {
		struct scn_arena *next = a->next;

		free(a);
		a = next;
	}
}

void scn_script_free(struct scn_script *script)
{
	if (!script)
		return;
	free(script->stmts);
	free(script->files);
	scn_arena_free(script->arena);
	free(script);
}

/* ---------------------------------------------------------------------
 * Parser state: what has been declared so far, for use-before-declare
 * checks.  Names point into the script's arena.
 */

void *scn_grow(void *p, size_t *cap, size_t need, size_t elt)
{
	size_t c = *cap ? *cap : 8;

	if (need <= *cap)
		return p;
	while (c < need)
		c *= 2;
	p = realloc(p, c * elt);
	if (!p)
		abort();
	*cap = c;
	return p;
}

void *scn_palloc(struct parser *ps, size_t n)
{
	return arena_alloc(&ps->sc->arena, n);
}

char *scn_pstrndup(struct parser *ps, const char *s, size_t n)
{
	char *p = scn_palloc(ps, n + 1);

	if (n)		/* @s may be NULL when empty: memcpy must not see it */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *scn_pstrdup(struct parser *ps, const char *s)
{
	return scn_pstrndup(ps, s, strlen(s));
}

void scn_parser_release(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->nprocs; i++) {
		free(ps->procs[i].regions);
		free(ps->procs[i].pins);
	}
	free(ps->procs);
	free(ps->fds);
	free(ps->vars);
}

/* ---------------------------------------------------------------------
 * Error messages: "FILE:LINE: message\n", at most SCN_MAX_ERRORS.
 */

bool scn_too_many_errors(struct parser *ps)
{
	return ps->nerr >= SCN_MAX_ERRORS;
}

void scn_count_error(struct parser *ps)
{
	if (++ps->nerr == SCN_MAX_ERRORS)
		sb_printf(ps->err, "%s:%d: too many errors, giving up\n",
			  ps->file, ps->line);
}

/* @suffix: already formatted text after the message, or NULL. */
__attribute__((format(printf, 3, 0)))
static int vreport(struct parser *ps, const char *suffix, const char *fmt,
		   va_list ap)
{
	va_list aq;
	char *msg;
	int n;

	if (scn_too_many_errors(ps))
		return -EINVAL;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = malloc(n > 0 ? n + 1 : 1);
	if (!msg)
		abort();
	vsnprintf(msg, n > 0 ? n + 1 : 1, fmt, ap);
	if (!ps->instance)
		sb_printf(ps->err, "%s:%d: ", ps->file, ps->line);
	sb_printf(ps->err, "%s%s\n", msg, suffix ? suffix : "");
	free(msg);
	scn_count_error(ps);
	return -EINVAL;
}

__attribute__((format(printf, 2, 3)))
int scn_perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vreport(ps, NULL, fmt, ap);
	va_end(ap);
	return ret;
}

/* scn_perr() plus " (did you mean 'HINT'?)" when @hint is not NULL. */
__attribute__((format(printf, 3, 4)))
int scn_perr_hint(struct parser *ps, const char *hint, const char *fmt, ...)
{
	struct strbuf sfx = STRBUF_INIT;
	va_list ap;
	int ret;

	if (hint)
		sb_printf(&sfx, " (did you mean '%s'?)", hint);
	va_start(ap, fmt);
	ret = vreport(ps, sfx.buf, fmt, ap);
	va_end(ap);
	sb_release(&sfx);
	return ret;
}

/*
 * @word is not one of @list: scn_perr() plus the closest choice, or all of
 * them when none is close.
 */
__attribute__((format(printf, 5, 6)))
int scn_perr_choice(struct parser *ps, const char *word,
		    const char *const *list, size_t n, const char *fmt, ...)
{
	const char *hint = scn_suggest_list(word, list, n);
	struct strbuf sfx = STRBUF_INIT;
	va_list ap;
	size_t i;
	int ret;

	if (hint) {
		sb_printf(&sfx, " (did you mean '%s'?)", hint);
	} else {
		sb_puts(&sfx, " (expected ");
		for (i = 0; i < n; i++)
			sb_printf(&sfx, "%s%s", i ? (i + 1 < n ? ", " : " or ") : "",
				  list[i]);
		sb_puts(&sfx, ")");
	}
	va_start(ap, fmt);
	ret = vreport(ps, sfx.buf, fmt, ap);
	va_end(ap);
	sb_release(&sfx);
	return ret;
}

int scn_usage(struct parser *ps)
{
	return scn_perr(ps, "usage: %s", ps->usage);
}

/* ---------------------------------------------------------------------
 * "Did you mean": the closest candidate by optimal string alignment
 * distance (Levenshtein plus adjacent transpositions).
 */

#define SUGGEST_MAX	32

/*
 * Costs are doubled so that a transposition (1) beats an insertion,
 * deletion or substitution (2): "=<" is closer to "<=" than to "==".
 */
static unsigned int osa_distance(const char *a, size_t la,
				 const char *b, size_t lb)
{
	unsigned int d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	size_t i, j;

	for (i = 0; i <= la; i++)
		d[i][0] = 2 * i;
	for (j = 0; j <= lb; j++)
		d[0][j] = 2 * j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned int cost = a[i - 1] != b[j - 1] ? 2 : 0;
			unsigned int v = d[i - 1][j - 1] + cost;

			v = min(v, d[i - 1][j] + 2);
			v = min(v, d[i][j - 1] + 2);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1])
				v = min(v, d[i - 2][j - 2] + 1);
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

void scn_suggest_init(struct scn_suggest *s, const char *word)
{
	s->word = word;
	s->len = strlen(word);
	s->best = NULL;
	s->dist = UINT_MAX;
}

void scn_suggest_try(struct scn_suggest *s, const char *cand)
{
	size_t lc = strlen(cand);
	unsigned int d, limit;

	if (s->len > SUGGEST_MAX || lc > SUGGEST_MAX || !strcmp(s->word, cand))
		return;
	/* One edit for short words, two for longer; never most of it. */
	d = osa_distance(s->word, s->len, cand, lc);
	limit = lc <= 4 ? 2 : 4;
	if (d > limit || d > 2 * s->len || d >= 2 * lc || d >= s->dist)
		return;
	s->best = cand;
	s->dist = d;
}

const char *scn_suggest_list(const char *word, const char *const *list,
			     size_t n)
{
	struct scn_suggest s;
	size_t i;

	scn_suggest_init(&s, word);
	for (i = 0; i < n; i++)
		if (list[i])
			scn_suggest_try(&s, list[i]);
	return s.best;
}

/*
 * The closest of @n names in an array whose elements (@stride bytes each)
 * begin with their name: the parser's declarations, the errno table.
 */
const char *scn_suggest_names(const char *word, const void *base, size_t n,
			      size_t stride)
{
	struct scn_suggest s;
	size_t i;

	scn_suggest_init(&s, word);
	for (i = 0; i < n; i++)
		scn_suggest_try(&s, *(const char *const *)((const char *)base +
							   i * stride));
	return s.best;
}

int scn_word_lookup(const char *word, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] && !strcmp(word, list[i]))
			return i;
	return -1;
}

/* ---------------------------------------------------------------------
 * Words.
 */

/* Words that would make a process or file name ambiguous. */
static const char *const reserved_names[] = {
	"pagemap", "until", "max", "and", "or", "not", "kpageflags",
	"kpagecount", "kpagecgroup", "mincore", "lseek",
};

/* An unquoted word equal to @kw: quoting turns keywords into text. */
bool scn_tok_is(const struct scn_token *t, const char *kw)
{
	return !t->quoted && !strcmp(t->text, kw);
}

int scn_tok_lookup(const struct scn_token *t, const char *const *list,
		   size_t n)
{
	return t->quoted ? -1 : scn_word_lookup(t->text, list, n);
}

/* [A-Za-z_][A-Za-z0-9_-]* */
bool scn_is_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	      *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      scn_is_digit(*s) || *s == '_' || *s == '-'))
			return false;
	return true;
}

static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       scn_is_digit(c) || c == '_' || c == '-';
}

bool scn_is_name(struct parser *ps, const char *s)
{
	const char *start = s, *name;
	size_t n;
	long len;

	if (ps->instance || !scn_has_var(s))
		return scn_is_ident(s);
	while (*s) {
		len = *s == '$' ? scn_var_ref(s, &name, &n) : 0;
		if (len > 0) {
			s += len;
			continue;
		}
		if (!is_ident_char(*s) || (s == start && (scn_is_digit(*s) ||
							 *s == '-')))
			return false;
		s++;
	}
	return true;
}

bool scn_deferred(struct parser *ps, const char *s)
{
	return !ps->instance && scn_has_var(s);
}

/* Words [from, to) joined by one space; quoted words kept exactly. */
const char *scn_join_words(struct parser *ps, size_t from, size_t to)
{
	size_t len = 0, i;
	char *s, *p;

	for (i = from; i < to; i++)
		len += ps->tok[i].len + 1;
	s = p = scn_palloc(ps, len + 1);
	for (i = from; i < to; i++) {
		if (i > from)
			*p++ = ' ';
		memcpy(p, ps->tok[i].text, ps->tok[i].len);
		p += ps->tok[i].len;
	}
	*p = '\0';
	return s;
}

/* A name for a new process, region, pin or open file. */
int scn_check_new_name(struct parser *ps, const struct scn_token *t,
		       const char *what)
{
	if (!scn_is_name(ps, t->text))
		return scn_perr(ps, "invalid %s name '%s' (use letters, digits, '_' and '-')",
				what, t->text);
	if (scn_word_lookup(t->text, reserved_names, ARRAY_SIZE(reserved_names)) >= 0)
		return scn_perr(ps, "'%s' is a reserved word and cannot name a %s",
				t->text, what);
	return 0;
}

/* A number, or a template of one ($LEN, ${N}M). */
bool scn_is_number_word(const struct scn_token *t)
{
	const char *s = t->text;

	if (*s == '-' || *s == '+')
		s++;
	return !t->quoted && (scn_is_digit(*s) || (*s == '$' && scn_has_var(s)));
}

/*
 * A KEY=VALUE option whose KEY is one of @keys, each at most once (bit i
 * of @seen for keys[i]): the key's index with *value after the '=', or
 * -EINVAL after "unknown WHAT" or "duplicate WHAT".
 */
int scn_get_option(struct parser *ps, const struct scn_token *t,
		   const char *const *keys, size_t nkeys, const char *what,
		   unsigned int *seen, const char **value)
{
	const char *eq = strchr(t->text, '=');
	const char *key = eq ? scn_pstrndup(ps, t->text, eq - t->text) : t->text;
	int i = scn_word_lookup(key, keys, nkeys);

	if (!eq || i < 0)
		return scn_perr_choice(ps, key, keys, nkeys, "unknown %s '%s'",
				       what, t->text);
	if (*seen & BIT(i))
		return scn_perr(ps, "duplicate %s '%s'", what, key);
	*seen |= BIT(i);
	*value = eq + 1;
	return i;
}

/* ---------------------------------------------------------------------
 * Numbers in statements, with messages.
 */

/* What a value that comes from a variable stands for until it runs. */
#define PLACEHOLDER_SIZE	PAGE_SIZE

int scn_get_size(struct parser *ps, const struct scn_token *t, u64 *out)
{
	int ret;

	if (scn_deferred(ps, t->text)) {
		*out = PLACEHOLDER_SIZE;
		return 0;
	}
	ret = t->quoted ? -EINVAL : scn_parse_size(t->text, out);

	if (ret == -ERANGE)
		return scn_perr(ps, "size '%s' is too large", t->text);
	if (ret)
		return scn_perr(ps, "invalid size '%s' (expected a number with an optional K, M, G, T or p suffix)",
				t->text);
	return 0;
}

int scn_get_positive_size(struct parser *ps, const struct scn_token *t,
			  const char *what, u64 *out)
{
	int ret = scn_get_size(ps, t, out);

	if (ret)
		return ret;
	if (!*out)
		return scn_perr(ps, "%s must be positive, got '%s'", what, t->text);
	return 0;
}

int scn_get_count(struct parser *ps, const char *s, const char *what,
		  u64 *out)
{
	int ret;

	if (scn_deferred(ps, s)) {
		*out = 1;
		return 0;
	}
	ret = scn_parse_count(s, out);

	if (ret == -ERANGE)
		return scn_perr(ps, "%s '%s' is too large", what, s);
	if (ret)
		return scn_perr(ps, "invalid %s '%s' (expected a number with an optional K, M, G or T suffix)",
				what, s);
	if (!*out)
		return scn_perr(ps, "%s must be positive, got '%s'", what, s);
	return 0;
}

int scn_get_duration(struct parser *ps, const char *s, u64 *ns)
{
	int ret;

	if (scn_deferred(ps, s)) {
		*ns = 1;
		return 0;
	}
	ret = scn_parse_duration(s, ns);

	if (ret == -ERANGE)
		return scn_perr(ps, "duration '%s' is too large", s);
	if (ret)
		return scn_perr(ps, "invalid duration '%s' (expected a number with a unit: ns, us, ms or s)",
				s);
	return 0;
}

int scn_get_positive_duration(struct parser *ps, const char *s, u64 *ns)
{
	int ret = scn_get_duration(ps, s, ns);

	if (ret)
		return ret;
	if (!*ns)
		return scn_perr(ps, "duration must be positive, got '%s'", s);
	return 0;
}

int scn_get_fraction(struct parser *ps, const char *s, const char *what,
		     double *out)
{
	if (scn_deferred(ps, s)) {
		*out = 0;
		return 0;
	}
	if (scn_parse_fraction(s, out))
		return scn_perr(ps, "invalid %s '%s' (expected a fraction from 0 to 1, or a percentage)",
				what, s);
	return 0;
}

/* N% with N a whole number from 0 to 100. */
bool scn_is_percent(const struct scn_token *t)
{
	return !t->quoted && t->len >= 2 && t->text[t->len - 1] == '%';
}

int scn_get_tolerance(struct parser *ps, const struct scn_token *t,
		      unsigned int *out)
{
	char buf[8];
	u64 v;

	if (scn_deferred(ps, t->text)) {
		*out = 0;
		return 0;
	}
	if (t->len > sizeof(buf))
		goto bad;
	memcpy(buf, t->text, t->len - 1);
	buf[t->len - 1] = '\0';
	if (scn_parse_uint(buf, &v) || v > 100)
		goto bad;
	*out = v;
	return 0;
bad:
	return scn_perr(ps, "invalid tolerance '%s' (expected a whole percentage from 0%% to 100%%)",
			t->text);
}

/* ---------------------------------------------------------------------
 * Processes, regions, pins and open files declared so far.
 */

struct fd_decl *scn_find_fd(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nfds; i++)
		if (!strcmp(ps->fds[i].name, name))
			return &ps->fds[i];
	return NULL;
}

const char *scn_suggest_fd(struct parser *ps, const char *name)
{
	return scn_suggest_names(name, ps->fds, ps->nfds, sizeof(*ps->fds));
}

struct proc_decl *scn_find_proc(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nprocs; i++)
		if (!strcmp(ps->procs[i].name, name))
			return &ps->procs[i];
	return NULL;
}

struct proc_decl *scn_get_proc(struct parser *ps, const struct scn_token *t)
{
	struct proc_decl *p = scn_find_proc(ps, t->text);

	/* an instance runs: its processes are the runtime's to check */
	if (!p && ps->instance && scn_is_ident(t->text))
		p = scn_add_proc(ps, scn_pstrdup(ps, t->text));
	if (!p)
		scn_perr_hint(ps, scn_suggest_names(t->text, ps->procs, ps->nprocs,
						    sizeof(*ps->procs)),
			      "unknown process '%s'", t->text);
	return p;
}

/* Check a new process name; *name is its arena copy. */
int scn_new_proc_name(struct parser *ps, const struct scn_token *t,
		      const char **name)
{
	int ret = scn_check_new_name(ps, t, "process");

	if (ret)
		return ret;
	if (scn_find_proc(ps, t->text) && !ps->instance)
		return scn_perr(ps, "process '%s' already exists", t->text);
	*name = scn_pstrdup(ps, t->text);
	return 0;
}

struct proc_decl *scn_add_proc(struct parser *ps, const char *name)
{
	struct proc_decl *p;

	ps->procs = scn_grow(ps->procs, &ps->cprocs, ps->nprocs + 1,
			     sizeof(*ps->procs));
	p = &ps->procs[ps->nprocs++];
	memset(p, 0, sizeof(*p));
	p->name = name;
	return p;
}

struct region_decl *scn_find_region(struct proc_decl *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nregions; i++)
		if (!strcmp(p->regions[i].name, name))
			return &p->regions[i];
	return NULL;
}

struct region_decl *scn_get_region(struct parser *ps, struct proc_decl *p,
				   const struct scn_token *t)
{
	struct region_decl *r = scn_find_region(p, t->text);

	if (!r && ps->instance && scn_is_ident(t->text))
		r = scn_add_region(p, scn_pstrdup(ps, t->text));
	if (!r)
		scn_perr_hint(ps, scn_suggest_names(t->text, p->regions,
						    p->nregions,
						    sizeof(*p->regions)),
			      "process '%s' has no region '%s'", p->name,
			      t->text);
	return r;
}

struct region_decl *scn_add_region(struct proc_decl *p, const char *name)
{
	struct region_decl *r;

	p->regions = scn_grow(p->regions, &p->cregions, p->nregions + 1,
			      sizeof(*p->regions));
	r = &p->regions[p->nregions++];
	r->name = name;
	r->size = SIZE_UNKNOWN;
	r->size_text = NULL;
	return r;
}

void scn_del_region(struct proc_decl *p, struct region_decl *r)
{
	*r = p->regions[--p->nregions];
}

int scn_find_pin(struct proc_decl *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->npins; i++)
		if (!strcmp(p->pins[i], name))
			return i;
	return -1;
}
