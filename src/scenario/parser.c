// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario parser: turns the lexer's statements into the syntax tree of
 * ast.h, checking everything that can be checked before the machine boots
 * (statement shapes, numbers, declared names, setup order), and collecting
 * every error with its file:line.  The scenario layer has no kernel
 * counterpart; the language is documented in docs/scenario.md.
 */
#include "parser.h"
#include "lexer.h"

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

static void arena_free(struct scn_arena *a)
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
	arena_free(script->arena);
	free(script);
}

/* ---------------------------------------------------------------------
 * Names of things, for messages and for the interpreter.
 */

static const char *const stmt_names[SCN_STMT_NR_KINDS] = {
	[SCN_STMT_MACHINE] = "machine",	[SCN_STMT_MOUNT] = "mount",
	[SCN_STMT_SYSCTL] = "sysctl",	[SCN_STMT_PARAM] = "param",
	[SCN_STMT_POLICY] = "policy",	[SCN_STMT_MKDIR] = "mkdir",
	[SCN_STMT_RMDIR] = "rmdir",	[SCN_STMT_WRITE] = "write",
	[SCN_STMT_READ] = "read",	[SCN_STMT_OPEN] = "open",
	[SCN_STMT_CLOSE] = "close",	[SCN_STMT_ECHO] = "echo",
	[SCN_STMT_SPAWN] = "spawn",	[SCN_STMT_FORK] = "fork",
	[SCN_STMT_MOVE] = "move",	[SCN_STMT_KILL] = "kill",
	[SCN_STMT_ACTION] = "action",	[SCN_STMT_SLEEP] = "sleep",
	[SCN_STMT_WAIT] = "wait",	[SCN_STMT_WAIT_UNTIL] = "wait until",
	[SCN_STMT_EXPECT] = "expect",	[SCN_STMT_RECORD] = "record",
	[SCN_STMT_RECLAIM_UNTIL] = "reclaim_until",
};

static const char *const action_names[SCN_ACT_NR_KINDS] = {
	[SCN_ACT_EXIT] = "exit",	[SCN_ACT_MMAP] = "mmap",
	[SCN_ACT_TOUCH] = "touch",	[SCN_ACT_WRITE] = "write",
	[SCN_ACT_READ] = "read",	[SCN_ACT_TRUNCATE] = "truncate",
	[SCN_ACT_MLOCK] = "mlock",	[SCN_ACT_MUNLOCK] = "munlock",
	[SCN_ACT_MADVISE] = "madvise",	[SCN_ACT_MUNMAP] = "munmap",
	[SCN_ACT_PIN] = "pin",		[SCN_ACT_UNPIN] = "unpin",
	[SCN_ACT_DENTRIES] = "dentries", [SCN_ACT_ACCESS] = "access",
	[SCN_ACT_REPLAY] = "replay",
};

/* Indexed by enum scn_cmp. */
static const char *const cmp_names[] = {
	"==", "!=", "<", "<=", ">", ">=", "~",
};

/* Indexed by enum scn_pagemap_flag. */
static const char *const pagemap_names[] = {
	"present", "swap", "file", "exclusive", "soft_dirty", "uffd_wp",
};

/* Indexed by enum scn_proc_state. */
static const char *const proc_state_names[] = {
	"killed", "alive", "exited",
};

/* Indexed by enum scn_advice. */
static const char *const advice_names[] = {
	"pageout", "cold", "dontneed", "willneed",
};

/* Indexed by enum scn_mmap_kind. */
static const char *const mmap_kind_names[] = {
	"anon", "file", "shmem", "memfd",
};

/* Indexed by enum scn_fill; "ratio" takes =R. */
static const char *const fill_names[] = {
	"zero", "sparse", "text", "random", "ratio",
};

/* Indexed by enum scn_pattern; "zipf" takes :THETA. */
static const char *const pattern_names[] = {
	"uniform", "seq", "zipf",
};

/* Indexed by enum scn_dentry_kind. */
static const char *const dentry_names[] = {
	"negative", "positive",
};

/* Bit i is SCN_MACHINE_* BIT(i). */
static const char *const machine_keys[] = {
	"memory", "cpus", "nodes", "swap", "seed", "disk",
};

/* Bit i is SCN_MOUNT_* BIT(i). */
static const char *const mount_options[] = {
	"nsdelegate", "favordynmods", "memory_localevents",
	"memory_recursiveprot", "memory_hugetlb_accounting",
	"pids_localevents",
};

static const char *const open_flags[] = { "nonblock" };
static const char *const map_types[] = { "shared", "private" };

/* Words that would make a process or file name ambiguous. */
static const char *const reserved_names[] = {
	"pagemap", "until", "max",
};

/* Everything that may follow the subject of a condition. */
static const char *const cond_words[] = {
	"==", "!=", "<", "<=", ">", ">=", "~",
	"empty", "contains", "!contains", "killed", "alive", "exited",
};

#define NAME_OR(tab, i) \
	((size_t)(i) < ARRAY_SIZE(tab) && (tab)[i] ? (tab)[i] : "?")

const char *scn_stmt_kind_name(enum scn_stmt_kind kind)
{
	return NAME_OR(stmt_names, kind);
}

const char *scn_action_name(enum scn_action_kind kind)
{
	return NAME_OR(action_names, kind);
}

const char *scn_cmp_name(enum scn_cmp op)
{
	return NAME_OR(cmp_names, op);
}

const char *scn_pagemap_flag_name(enum scn_pagemap_flag flag)
{
	return NAME_OR(pagemap_names, flag);
}

const char *scn_proc_state_name(enum scn_proc_state state)
{
	return NAME_OR(proc_state_names, state);
}

const char *scn_advice_name(enum scn_advice advice)
{
	return NAME_OR(advice_names, advice);
}

bool scn_stmt_is_setup(const struct scn_stmt *stmt)
{
	return stmt->kind <= SCN_STMT_POLICY;
}

bool scn_values_close(s64 a, s64 b, unsigned int tol)
{
	/* 128 bits: a + b must not overflow for sizes near S64_MAX. */
	__int128 diff = (__int128)a - b;
	__int128 sum = (__int128)a + b;

	if (diff < 0)
		diff = -diff;
	return diff <= (sum / 100) * tol;
}

/* ---------------------------------------------------------------------
 * errno names.
 */

struct errno_name {
	const char *name;
	int err;
};

/* Aliases after the canonical name, so scn_errno_name() finds that. */
static const struct errno_name errno_names[] = {
	{ "EPERM", EPERM },		{ "ENOENT", ENOENT },
	{ "ESRCH", ESRCH },		{ "EINTR", EINTR },
	{ "EIO", EIO },			{ "ENXIO", ENXIO },
	{ "E2BIG", E2BIG },		{ "ENOEXEC", ENOEXEC },
	{ "EBADF", EBADF },		{ "ECHILD", ECHILD },
	{ "EAGAIN", EAGAIN },		{ "EWOULDBLOCK", EWOULDBLOCK },
	{ "ENOMEM", ENOMEM },		{ "EACCES", EACCES },
	{ "EFAULT", EFAULT },		{ "EBUSY", EBUSY },
	{ "EEXIST", EEXIST },		{ "EXDEV", EXDEV },
	{ "ENODEV", ENODEV },		{ "ENOTDIR", ENOTDIR },
	{ "EISDIR", EISDIR },		{ "EINVAL", EINVAL },
	{ "ENFILE", ENFILE },		{ "EMFILE", EMFILE },
	{ "ENOTTY", ENOTTY },		{ "ETXTBSY", ETXTBSY },
	{ "EFBIG", EFBIG },		{ "ENOSPC", ENOSPC },
	{ "ESPIPE", ESPIPE },		{ "EROFS", EROFS },
	{ "EMLINK", EMLINK },		{ "EPIPE", EPIPE },
	{ "EDOM", EDOM },		{ "ERANGE", ERANGE },
	{ "EDEADLK", EDEADLK },		{ "ENAMETOOLONG", ENAMETOOLONG },
	{ "ENOLCK", ENOLCK },		{ "ENOSYS", ENOSYS },
	{ "ENOTEMPTY", ENOTEMPTY },	{ "ELOOP", ELOOP },
	{ "ENODATA", ENODATA },		{ "EOVERFLOW", EOVERFLOW },
	{ "ENOBUFS", ENOBUFS },		{ "EMSGSIZE", EMSGSIZE },
	{ "EOPNOTSUPP", EOPNOTSUPP },	{ "ENOTSUP", ENOTSUP },
	{ "EAFNOSUPPORT", EAFNOSUPPORT }, { "EADDRINUSE", EADDRINUSE },
	{ "ENOTCONN", ENOTCONN },	{ "ECONNRESET", ECONNRESET },
	{ "ETIMEDOUT", ETIMEDOUT },	{ "ESTALE", ESTALE },
	{ "EDQUOT", EDQUOT },		{ "ECANCELED", ECANCELED },
	{ "EOWNERDEAD", EOWNERDEAD },	{ "EHWPOISON", EHWPOISON },
};

int scn_errno_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (!strcmp(errno_names[i].name, name))
			return errno_names[i].err;
	return 0;
}

const char *scn_errno_name(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

/* ---------------------------------------------------------------------
 * Numbers.  Decimal only, parsed by hand: no locale, exact results.
 */

/*
 * Nine decimals reach 1ns in seconds and keep every fraction exact
 * through a print/parse round trip (9 + 3 digits < DBL_DIG).
 */
#define SCN_MAX_DECIMALS	9
#define SCN_MAX_THETA		100

struct decimal {
	u64 mant;		/* the digits without the point */
	unsigned int frac;	/* digits after the point: value = mant/10^frac */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static u64 pow10u(unsigned int n)
{
	u64 v = 1;

	while (n--)
		v *= 10;
	return v;
}

/* DIGITS[.DIGITS] at s; *end is set after it.  No sign. */
static int parse_decimal(const char *s, const char **end, struct decimal *d)
{
	const char *p = s;
	int ret = 0;

	d->mant = 0;
	d->frac = 0;
	if (!is_digit(*p))
		return -EINVAL;
	for (; is_digit(*p); p++)
		if (__builtin_mul_overflow(d->mant, 10, &d->mant) ||
		    __builtin_add_overflow(d->mant, *p - '0', &d->mant))
			ret = -ERANGE;
	if (*p == '.') {
		if (!is_digit(*++p))
			return -EINVAL;
		for (; is_digit(*p); p++, d->frac++)
			if (__builtin_mul_overflow(d->mant, 10, &d->mant) ||
			    __builtin_add_overflow(d->mant, *p - '0', &d->mant))
				ret = -ERANGE;
		if (d->frac > SCN_MAX_DECIMALS)
			return -EINVAL;
	}
	*end = p;
	return ret;
}

/* d * mult, which must be a whole number. */
static int decimal_scale(const struct decimal *d, u64 mult, u64 *out)
{
	unsigned __int128 x = (unsigned __int128)d->mant * mult;
	u64 div = pow10u(d->frac);

	if (x % div)
		return -EINVAL;
	x /= div;
	if (x > UINT64_MAX)
		return -ERANGE;
	*out = (u64)x;
	return 0;
}

static double decimal_double(const struct decimal *d)
{
	return (double)d->mant / (double)pow10u(d->frac);
}

static u64 size_suffix(const char *p)
{
	if (!p[0])
		return 1;
	if (p[1])
		return 0;
	switch (p[0]) {
	case 'k': case 'K': return 1ULL << 10;
	case 'm': case 'M': return 1ULL << 20;
	case 'g': case 'G': return 1ULL << 30;
	case 't': case 'T': return 1ULL << 40;
	case 'p': return PAGE_SIZE;
	}
	return 0;
}

int scn_parse_size(const char *s, u64 *bytes)
{
	struct decimal d;
	const char *p;
	u64 mult;
	int ret;

	ret = parse_decimal(s, &p, &d);
	if (ret == -EINVAL)
		return ret;
	mult = size_suffix(p);
	if (!mult || (*p == 'p' && d.frac))
		return -EINVAL;
	if (ret)
		return ret;
	return decimal_scale(&d, mult, bytes);
}

static u64 count_suffix(const char *p)
{
	if (!p[0])
		return 1;
	if (p[1])
		return 0;
	switch (p[0]) {
	case 'k': case 'K': return 1000ULL;
	case 'm': case 'M': return 1000000ULL;
	case 'g': case 'G': return 1000000000ULL;
	case 't': case 'T': return 1000000000000ULL;
	}
	return 0;
}

int scn_parse_count(const char *s, u64 *count)
{
	struct decimal d;
	const char *p;
	u64 mult;
	int ret;

	ret = parse_decimal(s, &p, &d);
	if (ret == -EINVAL)
		return ret;
	mult = count_suffix(p);
	if (!mult)
		return -EINVAL;
	if (ret)
		return ret;
	return decimal_scale(&d, mult, count);
}

int scn_parse_duration(const char *s, u64 *ns)
{
	struct decimal d;
	const char *p;
	u64 mult;
	int ret;

	ret = parse_decimal(s, &p, &d);
	if (ret == -EINVAL)
		return ret;
	if (!strcmp(p, "ns"))
		mult = 1;
	else if (!strcmp(p, "us"))
		mult = NSEC_PER_USEC;
	else if (!strcmp(p, "ms"))
		mult = NSEC_PER_MSEC;
	else if (!strcmp(p, "s"))
		mult = NSEC_PER_SEC;
	else
		return -EINVAL;
	if (ret)
		return ret;
	return decimal_scale(&d, mult, ns);
}

int scn_parse_fraction(const char *s, double *frac)
{
	struct decimal d;
	const char *p;
	double v;
	int ret;

	ret = parse_decimal(s, &p, &d);
	if (ret)
		return ret;
	v = decimal_double(&d);
	if (*p == '%') {
		p++;
		v /= 100;
	}
	if (*p)
		return -EINVAL;
	if (v > 1)
		return -ERANGE;
	*frac = v;
	return 0;
}

/* Plain decimal digits, no suffix.  *out is 0 on error. */
static int parse_uint(const char *s, u64 *out)
{
	struct decimal d;
	const char *p;
	int ret;

	*out = 0;
	ret = parse_decimal(s, &p, &d);
	if (ret == -EINVAL || d.frac || *p)
		return -EINVAL;
	if (ret)
		return ret;
	*out = d.mant;
	return 0;
}

/* [-]DIGITS within [lo, hi]. */
static int parse_int_range(const char *s, long lo, long hi, int *out)
{
	bool neg = *s == '-';
	u64 v;

	if (parse_uint(s + neg, &v) || v > (u64)(neg ? -lo : hi))
		return -EINVAL;
	*out = neg ? -(int)v : (int)v;
	return *out >= lo && *out <= hi ? 0 : -EINVAL;
}

/* ---------------------------------------------------------------------
 * "Did you mean": the closest candidate by optimal string alignment
 * distance (Levenshtein plus adjacent transpositions).
 */

#define SUGGEST_MAX	32

struct suggest {
	const char *word;
	size_t len;
	const char *best;
	unsigned int dist;
};

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

static void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->len = strlen(word);
	s->best = NULL;
	s->dist = UINT_MAX;
}

static void suggest_try(struct suggest *s, const char *cand)
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

static const char *suggest_list(const char *word, const char *const *list,
				size_t n)
{
	struct suggest s;
	size_t i;

	suggest_init(&s, word);
	for (i = 0; i < n; i++)
		if (list[i])
			suggest_try(&s, list[i]);
	return s.best;
}

static int lookup(const char *word, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] && !strcmp(word, list[i]))
			return i;
	return -1;
}

/* ---------------------------------------------------------------------
 * Parser state: what has been declared so far, for use-before-declare
 * checks.  Names point into the script's arena.
 */

#define SIZE_UNKNOWN	UINT64_MAX

struct region_decl {
	const char *name;
	u64 size;		/* bytes, or SIZE_UNKNOWN after a bad mmap */
	const char *size_text;	/* as written, for messages */
};

struct proc_decl {
	const char *name;
	struct region_decl *regions;
	size_t nregions, cregions;
	const char **pins;
	size_t npins, cpins;
};

struct fd_decl {
	const char *name;
	int line;		/* where it was opened */
};

struct parser {
	struct scn_script *sc;
	struct strbuf *err;
	int nerr;
	int line;			/* current statement's first line */
	const struct scn_token *tok;	/* its remaining words */
	size_t n;
	const char *usage;		/* its syntax, for "usage:" messages */
	int body_line;		/* first non-setup statement, 0 = none yet */
	int machine_line;	/* the machine statement, 0 = none yet */
	int mount_line;		/* the mount statement, 0 = none yet */
	struct proc_decl *procs;
	size_t nprocs, cprocs;
	struct fd_decl *fds;
	size_t nfds, cfds;
	size_t cstmts;			/* capacity of sc->stmts */
};

static void *grow(void *p, size_t *cap, size_t need, size_t elt)
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

static void *palloc(struct parser *ps, size_t n)
{
	return arena_alloc(&ps->sc->arena, n);
}

static char *pstrndup(struct parser *ps, const char *s, size_t n)
{
	char *p = palloc(ps, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *pstrdup(struct parser *ps, const char *s)
{
	return pstrndup(ps, s, strlen(s));
}

static void parser_release(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->nprocs; i++) {
		free(ps->procs[i].regions);
		free(ps->procs[i].pins);
	}
	free(ps->procs);
	free(ps->fds);
}

/* ---------------------------------------------------------------------
 * Error messages: "FILE:LINE: message\n", at most SCN_MAX_ERRORS.
 */

static bool too_many_errors(struct parser *ps)
{
	return ps->nerr >= SCN_MAX_ERRORS;
}

static void count_error(struct parser *ps)
{
	if (++ps->nerr == SCN_MAX_ERRORS)
		sb_printf(ps->err, "%s:%d: too many errors, giving up\n",
			  ps->sc->file, ps->line);
}

/* @suffix: already formatted text after the message, or NULL. */
__attribute__((format(printf, 3, 0)))
static int vreport(struct parser *ps, const char *suffix, const char *fmt,
		   va_list ap)
{
	va_list aq;
	char *msg;
	int n;

	if (too_many_errors(ps))
		return -EINVAL;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = malloc(n > 0 ? n + 1 : 1);
	if (!msg)
		abort();
	vsnprintf(msg, n > 0 ? n + 1 : 1, fmt, ap);
	sb_printf(ps->err, "%s:%d: %s%s\n", ps->sc->file, ps->line, msg,
		  suffix ? suffix : "");
	free(msg);
	count_error(ps);
	return -EINVAL;
}

__attribute__((format(printf, 2, 3)))
static int perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vreport(ps, NULL, fmt, ap);
	va_end(ap);
	return ret;
}

/* perr() plus " (did you mean 'HINT'?)" when @hint is not NULL. */
__attribute__((format(printf, 3, 4)))
static int perr_hint(struct parser *ps, const char *hint, const char *fmt, ...)
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

static const char *suggest_list(const char *word, const char *const *list,
				size_t n);

/*
 * @word is not one of @list: perr() plus the closest choice, or all of
 * them when none is close.
 */
__attribute__((format(printf, 5, 6)))
static int perr_choice(struct parser *ps, const char *word,
		       const char *const *list, size_t n, const char *fmt, ...)
{
	const char *hint = suggest_list(word, list, n);
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

static int usage(struct parser *ps)
{
	return perr(ps, "usage: %s", ps->usage);
}

/* ---------------------------------------------------------------------
 * Words.
 */

/* An unquoted word equal to @kw: quoting turns keywords into text. */
static bool tok_is(const struct scn_token *t, const char *kw)
{
	return !t->quoted && !strcmp(t->text, kw);
}

static int tok_lookup(const struct scn_token *t, const char *const *list,
		      size_t n)
{
	return t->quoted ? -1 : lookup(t->text, list, n);
}

/* [A-Za-z_][A-Za-z0-9_-]* */
static bool is_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	      *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      is_digit(*s) || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* Words [from, to) joined by one space; quoted words kept exactly. */
static const char *join_words(struct parser *ps, size_t from, size_t to)
{
	size_t len = 0, i;
	char *s, *p;

	for (i = from; i < to; i++)
		len += ps->tok[i].len + 1;
	s = p = palloc(ps, len + 1);
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
static int check_new_name(struct parser *ps, const struct scn_token *t,
			  const char *what)
{
	if (!is_ident(t->text))
		return perr(ps, "invalid %s name '%s' (use letters, digits, '_' and '-')",
			    what, t->text);
	if (lookup(t->text, reserved_names, ARRAY_SIZE(reserved_names)) >= 0)
		return perr(ps, "'%s' is a reserved word and cannot name a %s",
			    t->text, what);
	return 0;
}

/* ---------------------------------------------------------------------
 * Numbers in statements, with messages.
 */

static int get_size(struct parser *ps, const struct scn_token *t, u64 *out)
{
	int ret = t->quoted ? -EINVAL : scn_parse_size(t->text, out);

	if (ret == -ERANGE)
		return perr(ps, "size '%s' is too large", t->text);
	if (ret)
		return perr(ps, "invalid size '%s' (expected a number with an optional K, M, G, T or p suffix)",
			    t->text);
	return 0;
}

static int get_positive_size(struct parser *ps, const struct scn_token *t,
			     const char *what, u64 *out)
{
	int ret = get_size(ps, t, out);

	if (ret)
		return ret;
	if (!*out)
		return perr(ps, "%s must be positive, got '%s'", what, t->text);
	return 0;
}

static int get_count(struct parser *ps, const char *s, const char *what,
		     u64 *out)
{
	int ret = scn_parse_count(s, out);

	if (ret == -ERANGE)
		return perr(ps, "%s '%s' is too large", what, s);
	if (ret)
		return perr(ps, "invalid %s '%s' (expected a number with an optional K, M, G or T suffix)",
			    what, s);
	if (!*out)
		return perr(ps, "%s must be positive, got '%s'", what, s);
	return 0;
}

static int get_duration(struct parser *ps, const char *s, u64 *ns)
{
	int ret = scn_parse_duration(s, ns);

	if (ret == -ERANGE)
		return perr(ps, "duration '%s' is too large", s);
	if (ret)
		return perr(ps, "invalid duration '%s' (expected a number with a unit: ns, us, ms or s)",
			    s);
	return 0;
}

static int get_positive_duration(struct parser *ps, const char *s, u64 *ns)
{
	int ret = get_duration(ps, s, ns);

	if (ret)
		return ret;
	if (!*ns)
		return perr(ps, "duration must be positive, got '%s'", s);
	return 0;
}

static int get_fraction(struct parser *ps, const char *s, const char *what,
			double *out)
{
	if (scn_parse_fraction(s, out))
		return perr(ps, "invalid %s '%s' (expected a fraction from 0 to 1, or a percentage)",
			    what, s);
	return 0;
}

/* N% with N a whole number from 0 to 100. */
static bool is_percent(const struct scn_token *t)
{
	return !t->quoted && t->len >= 2 && t->text[t->len - 1] == '%';
}

static int get_tolerance(struct parser *ps, const struct scn_token *t,
			 unsigned int *out)
{
	char buf[8];
	u64 v;

	if (t->len > sizeof(buf))
		goto bad;
	memcpy(buf, t->text, t->len - 1);
	buf[t->len - 1] = '\0';
	if (parse_uint(buf, &v) || v > 100)
		goto bad;
	*out = v;
	return 0;
bad:
	return perr(ps, "invalid tolerance '%s' (expected a whole percentage from 0%% to 100%%)",
		    t->text);
}

/* ---------------------------------------------------------------------
 * Paths and file targets.
 */

#define CGROUP_MOUNT	"/sys/fs/cgroup"

/*
 * Check the '/'-separated components of @s (no leading slash): none empty,
 * none "." or "..".  A trailing slash is allowed when @dir_ok.
 */
static bool components_ok(const char *s, bool dir_ok)
{
	const char *p = s;

	for (;;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (!n)
			return dir_ok && !e && p != s;
		if ((n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (!e)
			return true;
		p = e + 1;
	}
}

/* /sys/fs/cgroup[/REST]: returns REST ("" for the root), else NULL. */
static const char *strip_cgroup_mount(const char *s)
{
	size_t n = strlen(CGROUP_MOUNT);

	if (strncmp(s, CGROUP_MOUNT, n))
		return NULL;
	if (!s[n])
		return s + n;
	if (s[n] != '/')
		return NULL;
	return s + n + 1;
}

/* A cgroup directory: "/" (the root) or "A/B". */
static int get_cgroup(struct parser *ps, const struct scn_token *t,
		      const char **out)
{
	const char *s = t->text, *rest = strip_cgroup_mount(s);
	size_t n;

	if (rest)
		s = rest;
	if (!*s || !strcmp(s, "/")) {
		if (!t->len)
			return perr(ps, "empty cgroup path");
		*out = "/";
		return 0;
	}
	if (*s == '/')
		return perr(ps, "cgroup path '%s' must be relative to the cgroup root (write '%s')",
			    t->text, s + strspn(s, "/"));
	if (!components_ok(s, true))
		return perr(ps, "invalid cgroup path '%s'", t->text);
	n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	*out = pstrndup(ps, s, n);
	return 0;
}

/* An absolute file path for process actions: /data/f1, /dev/shm/s1. */
static int get_file_path(struct parser *ps, const struct scn_token *t,
			 const char **out)
{
	if (t->text[0] != '/')
		return perr(ps, "file path '%s' must be absolute", t->text);
	if (!t->text[1] || t->text[t->len - 1] == '/')
		return perr(ps, "'%s' is a directory, not a file", t->text);
	if (!components_ok(t->text + 1, false))
		return perr(ps, "invalid file path '%s'", t->text);
	*out = pstrdup(ps, t->text);
	return 0;
}

static struct fd_decl *find_fd(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nfds; i++)
		if (!strcmp(ps->fds[i].name, name))
			return &ps->fds[i];
	return NULL;
}

static const char *suggest_fd(struct parser *ps, const char *name)
{
	struct suggest s;
	size_t i;

	suggest_init(&s, name);
	for (i = 0; i < ps->nfds; i++)
		suggest_try(&s, ps->fds[i].name);
	return s.best;
}

static struct proc_decl *find_proc(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nprocs; i++)
		if (!strcmp(ps->procs[i].name, name))
			return &ps->procs[i];
	return NULL;
}

#define TGT_KEY	BIT(0)	/* :KEY allowed (reads) */
#define TGT_FD	BIT(1)	/* an open file name allowed */

/* KEY or KEY.FIELD after the colon. */
static int target_key(struct parser *ps, const struct scn_token *t,
		      const char *key, struct scn_target *tg)
{
	const char *dot = strchr(key, '.');

	if (!*key)
		return perr(ps, "missing key after ':' in '%s'", t->text);
	if (!dot) {
		tg->key = pstrdup(ps, key);
		return 0;
	}
	if (dot == key || !dot[1])
		return perr(ps, "invalid key '%s' in '%s' (expected KEY or KEY.FIELD)",
			    key, t->text);
	tg->key = pstrndup(ps, key, dot - key);
	tg->field = pstrdup(ps, dot + 1);
	return 0;
}

static int target_fd(struct parser *ps, const char *name,
		     struct scn_target *tg)
{
	if (find_fd(ps, name)) {
		tg->kind = SCN_TARGET_FD;
		tg->fd = pstrdup(ps, name);
		return 0;
	}
	if (find_proc(ps, name))
		return perr(ps, "'%s' is a process, not an open file", name);
	return perr_hint(ps, suggest_fd(ps, name),
			 "'%s' is neither a file path nor an open file name",
			 name);
}

/* A file of the cgroup tree, @s relative to its root. */
static int target_cgroup(struct parser *ps, const char *text, const char *s,
			 struct scn_target *tg)
{
	const char *slash;

	if (!*s || s[strlen(s) - 1] == '/')
		return perr(ps, "'%s' is a directory, not a file", text);
	if (!components_ok(s, false))
		return perr(ps, "invalid path '%s'", text);
	slash = strrchr(s, '/');
	tg->kind = SCN_TARGET_CGROUP;
	tg->path = pstrdup(ps, s);
	tg->cgroup = slash ? pstrndup(ps, s, slash - s) : "/";
	tg->file = pstrdup(ps, slash ? slash + 1 : s);
	return 0;
}

static int target_abs(struct parser *ps, const char *text, const char *s,
		      struct scn_target *tg)
{
	if (!s[1] || s[strlen(s) - 1] == '/')
		return perr(ps, "'%s' is a directory, not a file", text);
	if (!components_ok(s + 1, false))
		return perr(ps, "invalid path '%s'", text);
	tg->kind = SCN_TARGET_ABS;
	tg->path = pstrdup(ps, s);
	return 0;
}

static int get_target(struct parser *ps, const struct scn_token *t,
		      unsigned int flags, struct scn_target *tg)
{
	const char *colon = strrchr(t->text, ':');
	const char *name, *rest;
	int ret;

	memset(tg, 0, sizeof(*tg));
	tg->text = pstrdup(ps, t->text);
	if (colon && !(flags & TGT_KEY))
		return perr(ps, "a :KEY selector is not allowed here ('%s')",
			    t->text);
	name = colon ? pstrndup(ps, t->text, colon - t->text) : tg->text;
	if (colon) {
		ret = target_key(ps, t, colon + 1, tg);
		if (ret)
			return ret;
	}
	if (!*name)
		return perr(ps, "missing file name in '%s'", t->text);
	/* Cgroup files all have a '.', so a bare name is an open file. */
	if (is_ident(name) && (flags & TGT_FD))
		return target_fd(ps, name, tg);
	if (is_ident(name))
		return perr(ps, "'%s' is not a file path", name);
	rest = strip_cgroup_mount(name);
	if (rest)
		return target_cgroup(ps, t->text, rest, tg);
	if (*name == '/')
		return target_abs(ps, t->text, name, tg);
	return target_cgroup(ps, t->text, name, tg);
}

/* ---------------------------------------------------------------------
 * Processes, regions and pins.
 */

static struct proc_decl *get_proc(struct parser *ps, const struct scn_token *t)
{
	struct proc_decl *p = find_proc(ps, t->text);
	struct suggest s;
	size_t i;

	if (p)
		return p;
	suggest_init(&s, t->text);
	for (i = 0; i < ps->nprocs; i++)
		suggest_try(&s, ps->procs[i].name);
	perr_hint(ps, s.best, "unknown process '%s'", t->text);
	return NULL;
}

/* Check a new process name; *name is its arena copy. */
static int new_proc_name(struct parser *ps, const struct scn_token *t,
			 const char **name)
{
	int ret = check_new_name(ps, t, "process");

	if (ret)
		return ret;
	if (find_proc(ps, t->text))
		return perr(ps, "process '%s' already exists", t->text);
	*name = pstrdup(ps, t->text);
	return 0;
}

static struct proc_decl *add_proc(struct parser *ps, const char *name)
{
	struct proc_decl *p;

	ps->procs = grow(ps->procs, &ps->cprocs, ps->nprocs + 1,
			 sizeof(*ps->procs));
	p = &ps->procs[ps->nprocs++];
	memset(p, 0, sizeof(*p));
	p->name = name;
	return p;
}

static struct region_decl *find_region(struct proc_decl *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nregions; i++)
		if (!strcmp(p->regions[i].name, name))
			return &p->regions[i];
	return NULL;
}

static struct region_decl *get_region(struct parser *ps, struct proc_decl *p,
				      const struct scn_token *t)
{
	struct region_decl *r = find_region(p, t->text);
	struct suggest s;
	size_t i;

	if (r)
		return r;
	suggest_init(&s, t->text);
	for (i = 0; i < p->nregions; i++)
		suggest_try(&s, p->regions[i].name);
	perr_hint(ps, s.best, "process '%s' has no region '%s'", p->name,
		  t->text);
	return NULL;
}

static struct region_decl *add_region(struct proc_decl *p, const char *name)
{
	struct region_decl *r;

	p->regions = grow(p->regions, &p->cregions, p->nregions + 1,
			  sizeof(*p->regions));
	r = &p->regions[p->nregions++];
	r->name = name;
	r->size = SIZE_UNKNOWN;
	r->size_text = NULL;
	return r;
}

static void del_region(struct proc_decl *p, struct region_decl *r)
{
	*r = p->regions[--p->nregions];
}

static int find_pin(struct proc_decl *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->npins; i++)
		if (!strcmp(p->pins[i], name))
			return i;
	return -1;
}

/*
 * [OFFSET LENGTH] of a region (@r) or a file (@r NULL).  @off NULL means
 * no range was given.
 */
static int get_range(struct parser *ps, const struct scn_token *off,
		     const struct region_decl *r, struct scn_range *rg)
{
	int ret;

	memset(rg, 0, sizeof(*rg));
	rg->whole = !off;
	if (!off)
		return 0;
	ret = get_size(ps, off, &rg->offset);
	if (!ret)
		ret = get_positive_size(ps, off + 1, "length", &rg->length);
	if (ret)
		return ret;
	if (!r || r->size == SIZE_UNKNOWN)
		return 0;
	if (rg->length > r->size || rg->offset > r->size - rg->length)
		return perr(ps, "range %s+%s is beyond the end of region '%s' (%s)",
			    off->text, off[1].text, r->name, r->size_text);
	return 0;
}

/* ---------------------------------------------------------------------
 * Conditions: expect and wait until.
 */

static int get_cmp(struct parser *ps, const struct scn_token *t,
		   enum scn_cmp *op)
{
	int i = tok_lookup(t, cmp_names, ARRAY_SIZE(cmp_names));

	if (i < 0)
		return perr_choice(ps, t->text, cond_words,
				   ARRAY_SIZE(cond_words),
				   "unknown comparison '%s'", t->text);
	*op = i;
	return 0;
}

static bool is_number_word(const struct scn_token *t)
{
	const char *s = t->text;

	if (*s == '-' || *s == '+')
		s++;
	return !t->quoted && is_digit(*s);
}

static int get_operand(struct parser *ps, const struct scn_token *t,
		       struct scn_operand *o)
{
	const char *s = t->text;
	bool neg = *s == '-';
	u64 v;
	int ret;

	if (t->quoted) {
		o->kind = SCN_OPERAND_STRING;
		o->str = pstrdup(ps, s);
		return 0;
	}
	if (!strcmp(s, "max")) {
		o->kind = SCN_OPERAND_MAX;
		return 0;
	}
	if (!is_number_word(t)) {
		o->kind = SCN_OPERAND_TARGET;
		return get_target(ps, t, TGT_KEY | TGT_FD, &o->target);
	}
	if (*s == '-' || *s == '+')
		s++;
	ret = scn_parse_size(s, &v);
	if (ret == -ERANGE || (!ret && v > (u64)INT64_MAX))
		return perr(ps, "number '%s' is too large", t->text);
	if (ret)
		return perr(ps, "invalid number '%s' (expected an integer or a size like 50M)",
			    t->text);
	o->kind = SCN_OPERAND_NUM;
	o->num = neg ? -(s64)v : (s64)v;
	return 0;
}

static bool is_plus_minus(const struct scn_token *t)
{
	return tok_is(t, "+") || tok_is(t, "-");
}

/* An optional "* N" after a term: a positive integer factor. */
static int get_factor(struct parser *ps, size_t *i, size_t to,
		      struct scn_operand *o)
{
	const struct scn_token *t;
	u64 v;

	o->mul = 1;
	if (*i >= to || !tok_is(&ps->tok[*i], "*"))
		return 0;
	if (*i + 1 >= to)
		return perr(ps, "missing factor after '*'");
	t = &ps->tok[*i + 1];
	if (scn_parse_count(t->text, &v) || !v || v > (1ULL << 32))
		return perr(ps, "invalid factor '%s' (expected a positive integer)",
			    t->text);
	if (o->kind != SCN_OPERAND_NUM && o->kind != SCN_OPERAND_TARGET)
		return perr(ps, "only numbers and files can be multiplied");
	o->mul = v;
	*i += 2;
	return 0;
}

/* TERM ((+|-) TERM)* over words [from, to), TERM = OPERAND [* N]. */
static int get_expr(struct parser *ps, size_t from, size_t to,
		    struct scn_expr *e)
{
	size_t i = from, n = 0;
	int ret;

	if (from == to)
		return perr(ps, "missing value in comparison");
	e->ops = palloc(ps, ((to - from) / 2 + 1) * sizeof(*e->ops));
	for (;;) {
		ret = get_operand(ps, &ps->tok[i], &e->ops[n]);
		if (ret)
			return ret;
		e->ops[n].negate = n && tok_is(&ps->tok[i - 1], "-");
		i++;
		ret = get_factor(ps, &i, to, &e->ops[n]);
		if (ret)
			return ret;
		n++;
		if (i == to)
			break;
		if (!is_plus_minus(&ps->tok[i]))
			return perr(ps, "expected '+' or '-' instead of '%s'",
				    ps->tok[i].text);
		if (++i == to)
			return perr(ps, "missing value after '%s'", ps->tok[i - 1].text);
	}
	e->n = n;
	for (i = 0; i < n && n > 1; i++) {
		if (e->ops[i].kind == SCN_OPERAND_MAX)
			return perr(ps, "'max' cannot be part of a sum");
		if (e->ops[i].kind == SCN_OPERAND_STRING)
			return perr(ps, "a quoted string cannot be part of a sum");
	}
	return 0;
}

/* Strings compare a whole file as text: TARGET ==|!= "TEXT" only. */
static int check_strings(struct parser *ps, struct scn_cond *c)
{
	const struct scn_operand *l = &c->cmp.lhs.ops[0];
	const struct scn_operand *r = &c->cmp.rhs.ops[0];

	if (l->kind == SCN_OPERAND_STRING)
		return perr(ps, "a quoted string can only be on the right of a comparison");
	if (r->kind != SCN_OPERAND_STRING)
		return 0;
	if (c->cmp.lhs.n != 1 || l->kind != SCN_OPERAND_TARGET)
		return perr(ps, "a quoted string can only be compared with one file");
	if (c->cmp.op != SCN_CMP_EQ && c->cmp.op != SCN_CMP_NE)
		return perr(ps, "a quoted string can only be compared with == or !=");
	return 0;
}

/* The index of the comparison's operator (the first word that is one),
 * or -EINVAL. */
static long find_cmp(struct parser *ps, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (tok_lookup(&ps->tok[i], cmp_names,
			       ARRAY_SIZE(cmp_names)) >= 0)
			return i;
	/* Report the first word where an operator (or + -) should be. */
	for (i = from + 1; i < to; i += 2)
		if (!is_plus_minus(&ps->tok[i]))
			return perr_choice(ps, ps->tok[i].text, cond_words,
					   ARRAY_SIZE(cond_words),
					   "unknown comparison '%s'",
					   ps->tok[i].text);
	return perr(ps, "missing comparison (==, !=, <, <=, >, >=, ~, empty, contains, killed, alive, exited)");
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
	if (*to - at >= 3 && is_percent(last)) {
		if (*op != SCN_CMP_CLOSE)
			return perr(ps, "a tolerance only applies to '~'");
		ret = get_tolerance(ps, last, tol);
		if (ret)
			return ret;
		(*to)--;
		return 0;
	}
	if (*op == SCN_CMP_CLOSE)
		return perr(ps, "'~' needs a tolerance, e.g. '~ 29M 15%%'");
	return 0;
}

static int cond_compare(struct parser *ps, size_t from, size_t to,
			struct scn_cond *c)
{
	long at;
	int ret;

	c->kind = SCN_COND_COMPARE;
	at = find_cmp(ps, from, to);
	if (at < 0)
		return at;
	ret = get_op_tolerance(ps, at, &to, &c->cmp.op, &c->cmp.tolerance);
	if (!ret)
		ret = get_expr(ps, from, at, &c->cmp.lhs);
	if (!ret)
		ret = get_expr(ps, at + 1, to, &c->cmp.rhs);
	if (!ret)
		ret = check_strings(ps, c);
	return ret;
}

/* N pages: a plain integer, or a size (64M, 12p) that is whole pages. */
static int get_pages(struct parser *ps, const struct scn_token *t, u64 *pages)
{
	u64 v;
	int ret;

	if (!t->quoted && !parse_uint(t->text, pages))
		return 0;
	ret = get_size(ps, t, &v);
	if (ret)
		return ret;
	if (v % PAGE_SIZE)
		return perr(ps, "'%s' is not a whole number of pages", t->text);
	*pages = v / PAGE_SIZE;
	return 0;
}

/* pagemap NAME REGION FLAG OP N [TOL%] */
static int cond_pagemap(struct parser *ps, size_t from, size_t to,
			struct scn_cond *c)
{
	const struct scn_token *t = &ps->tok[from];
	struct region_decl *r;
	struct proc_decl *p;
	int i, ret;

	c->kind = SCN_COND_PAGEMAP;
	if (to - from != 6 && to - from != 7)
		return perr(ps, "usage: pagemap NAME REGION present|swap|file|exclusive|soft_dirty|uffd_wp OP N [TOL%%]");
	p = get_proc(ps, &t[1]);
	r = p ? get_region(ps, p, &t[2]) : NULL;
	if (!r)
		return -EINVAL;
	c->pagemap.proc = p->name;
	c->pagemap.region = r->name;
	i = tok_lookup(&t[3], pagemap_names, ARRAY_SIZE(pagemap_names));
	if (i < 0)
		return perr_choice(ps, t[3].text, pagemap_names,
				   ARRAY_SIZE(pagemap_names),
				   "unknown pagemap bit '%s'", t[3].text);
	c->pagemap.flag = i;
	ret = get_op_tolerance(ps, from + 4, &to, &c->pagemap.op,
			       &c->pagemap.tolerance);
	if (ret)
		return ret;
	if (to - from != 6)
		return perr(ps, "unexpected '%s' after the page count",
			    t[6].text);
	return get_pages(ps, &t[5], &c->pagemap.pages);
}

static int cond_proc(struct parser *ps, const struct scn_token *t, int state,
		     struct scn_cond *c)
{
	struct proc_decl *p = get_proc(ps, t);

	if (!p)
		return -EINVAL;
	c->kind = SCN_COND_PROC;
	c->proc.proc = p->name;
	c->proc.state = state;
	return 0;
}

/* TARGET empty | TARGET contains WORD | TARGET !contains WORD */
static int cond_file(struct parser *ps, const struct scn_token *t,
		     enum scn_cond_kind kind, struct scn_cond *c)
{
	int ret;

	c->kind = kind;
	ret = get_target(ps, &t[0], TGT_FD, &c->file.target);
	if (ret || kind == SCN_COND_EMPTY)
		return ret;
	if (!t[2].len)
		return perr(ps, "'%s' needs a non-empty word", t[1].text);
	c->file.word = pstrdup(ps, t[2].text);
	return 0;
}

static int get_cond(struct parser *ps, size_t from, size_t to,
		    struct scn_cond *c)
{
	const struct scn_token *t = &ps->tok[from];
	size_t n = to - from;
	int state;

	memset(c, 0, sizeof(*c));
	if (!n)
		return usage(ps);
	if (tok_is(&t[0], "pagemap"))
		return cond_pagemap(ps, from, to, c);
	state = n == 2 ? tok_lookup(&t[1], proc_state_names,
				    ARRAY_SIZE(proc_state_names)) : -1;
	if (state >= 0)
		return cond_proc(ps, &t[0], state, c);
	if (n == 2 && tok_is(&t[1], "empty"))
		return cond_file(ps, t, SCN_COND_EMPTY, c);
	if (n == 3 && tok_is(&t[1], "contains"))
		return cond_file(ps, t, SCN_COND_CONTAINS, c);
	if (n == 3 && tok_is(&t[1], "!contains"))
		return cond_file(ps, t, SCN_COND_NOT_CONTAINS, c);
	if (n == 1)
		return perr(ps, "missing comparison after '%s'", t[0].text);
	return cond_compare(ps, from, to, c);
}

/* ---------------------------------------------------------------------
 * Setup statements.
 */

static int machine_size(struct parser *ps, const char *key, const char *val,
			bool zero_ok, u64 *out)
{
	if (scn_parse_size(val, out) || (!*out && !zero_ok) ||
	    *out % PAGE_SIZE)
		return perr(ps, "machine %s must be a %smultiple of the 4K page size, got '%s'",
			    key, zero_ok ? "" : "positive ", val);
	return 0;
}

static int machine_uint(struct parser *ps, const char *key, const char *val,
			u64 lo, u64 hi, u64 *out)
{
	if (parse_uint(val, out) || *out < lo || *out > hi)
		return perr(ps, "machine %s must be an integer from %llu to %llu, got '%s'",
			    key, (unsigned long long)lo,
			    (unsigned long long)hi, val);
	return 0;
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
	default:
		return machine_size(ps, key, val, false, &m->disk);
	}
}

static int machine_key(struct parser *ps, struct scn_machine *m,
		       const struct scn_token *t)
{
	const char *eq = strchr(t->text, '=');
	const char *key;
	int idx;

	if (!eq || eq == t->text)
		return perr(ps, "expected KEY=VALUE, got '%s'", t->text);
	key = pstrndup(ps, t->text, eq - t->text);
	idx = lookup(key, machine_keys, ARRAY_SIZE(machine_keys));
	if (idx < 0)
		return perr_choice(ps, key, machine_keys,
				   ARRAY_SIZE(machine_keys),
				   "unknown machine key '%s'", key);
	if (m->set & BIT(idx))
		return perr(ps, "duplicate machine key '%s'", key);
	m->set |= BIT(idx);
	return machine_value(ps, m, idx, key, eq + 1);
}

static void machine_defaults(struct scn_machine *m)
{
	memset(m, 0, sizeof(*m));
	m->memory = SCN_DEFAULT_MEMORY;
	m->cpus = SCN_DEFAULT_CPUS;
	m->nodes = SCN_DEFAULT_NODES;
	m->swap = SCN_DEFAULT_SWAP;
	m->seed = SCN_DEFAULT_SEED;
	m->disk = SCN_DEFAULT_DISK;
}

static int parse_machine(struct parser *ps, struct scn_stmt *st)
{
	size_t i;
	int ret;

	if (ps->machine_line)
		return perr(ps, "duplicate 'machine' statement (first at line %d)",
			    ps->machine_line);
	ps->machine_line = ps->line;
	machine_defaults(&st->machine);
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
	const char *opt = pstrndup(ps, s, len);
	int i = lookup(opt, mount_options, ARRAY_SIZE(mount_options));

	if (!len)
		return perr(ps, "empty mount option");
	if (i < 0)
		return perr_choice(ps, opt, mount_options,
				   ARRAY_SIZE(mount_options),
				   "unknown cgroup2 mount option '%s'", opt);
	if (m->flags & BIT(i))
		return perr(ps, "duplicate mount option '%s'", opt);
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

static int parse_mount(struct parser *ps, struct scn_stmt *st)
{
	static const char *const fstypes[] = { "cgroup2" };
	size_t i, nopt = 0;
	int ret;

	if (ps->mount_line)
		return perr(ps, "duplicate 'mount' statement (first at line %d)",
			    ps->mount_line);
	ps->mount_line = ps->line;
	if (ps->n < 2)
		return usage(ps);
	if (tok_is(&ps->tok[1], "cgroup"))
		return perr(ps, "only cgroup2 can be mounted (cgroup v1 is not modelled)");
	if (!tok_is(&ps->tok[1], "cgroup2"))
		return perr_choice(ps, ps->tok[1].text, fstypes, 1,
				   "unknown filesystem '%s'", ps->tok[1].text);
	for (i = 2; i < ps->n; i++)
		nopt += 1 + ps->tok[i].len;	/* more than the commas */
	st->mount.opts = palloc(ps, nopt * sizeof(*st->mount.opts));
	for (i = 2; i < ps->n; i++) {
		ret = mount_word(ps, &st->mount, &ps->tok[i]);
		if (ret)
			return ret;
	}
	ps->sc->mount_flags = st->mount.flags;
	return 0;
}

/* sysctl, param and policy: KEY=VALUE... kept as strings. */
static int parse_set(struct parser *ps, struct scn_stmt *st)
{
	size_t i;

	if (ps->n < 2)
		return usage(ps);
	st->set.n = ps->n - 1;
	st->set.kv = palloc(ps, st->set.n * sizeof(*st->set.kv));
	for (i = 1; i < ps->n; i++) {
		const struct scn_token *t = &ps->tok[i];
		const char *eq = strchr(t->text, '=');
		const char *dot = strchr(t->text, '.');

		if (!eq || eq == t->text)
			return perr(ps, "expected KEY=VALUE, got '%s'", t->text);
		if (st->kind == SCN_STMT_PARAM &&
		    (!dot || dot == t->text || dot + 1 >= eq))
			return perr(ps, "param '%s' must be MODULE.NAME=VALUE",
				    t->text);
		st->set.kv[i - 1].key = pstrndup(ps, t->text, eq - t->text);
		st->set.kv[i - 1].value = pstrdup(ps, eq + 1);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Cgroup files and open files.
 */

static int parse_dirs(struct parser *ps, struct scn_stmt *st)
{
	size_t i;
	int ret;

	if (ps->n < 2)
		return usage(ps);
	if (st->expect_errno && ps->n != 2)
		return perr(ps, "'=> %s' needs exactly one path",
			    st->expect_errname);
	st->dirs.n = ps->n - 1;
	st->dirs.paths = palloc(ps, st->dirs.n * sizeof(*st->dirs.paths));
	for (i = 1; i < ps->n; i++) {
		ret = get_cgroup(ps, &ps->tok[i], &st->dirs.paths[i - 1]);
		if (ret)
			return ret;
		if (strcmp(st->dirs.paths[i - 1], "/"))
			continue;
		return perr(ps, st->kind == SCN_STMT_MKDIR ?
			    "the root cgroup always exists" :
			    "the root cgroup cannot be removed");
	}
	return 0;
}

static int parse_write(struct parser *ps, struct scn_stmt *st)
{
	int ret;

	if (ps->n < 2)
		return usage(ps);
	if (ps->n == 2)
		return perr(ps, "missing value to write (use \"\" to write an empty line)");
	ret = get_target(ps, &ps->tok[1], TGT_FD, &st->write.target);
	if (ret)
		return ret;
	st->write.value = join_words(ps, 2, ps->n);
	return 0;
}

static int parse_read(struct parser *ps, struct scn_stmt *st)
{
	if (ps->n != 2)
		return usage(ps);
	return get_target(ps, &ps->tok[1], TGT_KEY | TGT_FD, &st->read.target);
}

static int parse_open(struct parser *ps, struct scn_stmt *st)
{
	const struct scn_token *t = ps->tok;
	struct fd_decl *fd;
	int ret;

	if ((ps->n != 4 && ps->n != 5) || !tok_is(&t[2], "as"))
		return usage(ps);
	ret = get_target(ps, &t[1], 0, &st->open.target);
	if (!ret)
		ret = check_new_name(ps, &t[3], "file");
	if (ret)
		return ret;
	fd = find_fd(ps, t[3].text);
	if (fd)
		return perr(ps, "'%s' is already open (line %d)", fd->name,
			    fd->line);
	st->open.name = pstrdup(ps, t[3].text);
	if (!st->expect_errno) {
		ps->fds = grow(ps->fds, &ps->cfds, ps->nfds + 1,
			       sizeof(*ps->fds));
		ps->fds[ps->nfds].name = st->open.name;
		ps->fds[ps->nfds++].line = ps->line;
	}
	if (ps->n == 5 && !tok_is(&t[4], "nonblock"))
		return perr_choice(ps, t[4].text, open_flags, 1,
				   "unknown open flag '%s'", t[4].text);
	st->open.nonblock = ps->n == 5;
	return 0;
}

static int parse_close(struct parser *ps, struct scn_stmt *st)
{
	struct fd_decl *fd;

	if (ps->n != 2)
		return usage(ps);
	fd = find_fd(ps, ps->tok[1].text);
	if (!fd)
		return perr_hint(ps, suggest_fd(ps, ps->tok[1].text),
				 "'%s' is not an open file", ps->tok[1].text);
	st->close.name = fd->name;
	if (!st->expect_errno)
		*fd = ps->fds[--ps->nfds];
	return 0;
}

static int parse_echo(struct parser *ps, struct scn_stmt *st)
{
	st->echo.text = join_words(ps, 1, ps->n);
	return 0;
}

/* ---------------------------------------------------------------------
 * Processes.
 */

static const char *const spawn_options[] = {
	"threads", "oom_score_adj", "cpu",
};

static int spawn_option(struct parser *ps, struct scn_stmt *st,
			const struct scn_token *t, unsigned int *seen)
{
	const char *eq = strchr(t->text, '=');
	const char *key = eq ? pstrndup(ps, t->text, eq - t->text) : t->text;
	int idx = lookup(key, spawn_options, ARRAY_SIZE(spawn_options));
	u64 v;

	if (!eq || idx < 0)
		return perr_choice(ps, key, spawn_options,
				   ARRAY_SIZE(spawn_options),
				   "unknown spawn option '%s'", t->text);
	if (*seen & BIT(idx))
		return perr(ps, "duplicate spawn option '%s'", key);
	*seen |= BIT(idx);
	switch (idx) {
	case 0:
		if (parse_uint(eq + 1, &v) || !v || v > 4194304)
			return perr(ps, "threads must be an integer from 1 to 4194304, got '%s'",
				    eq + 1);
		st->spawn.threads = v;
		return 0;
	case 1:
		if (parse_int_range(eq + 1, -1000, 1000, &st->spawn.oom_score_adj))
			return perr(ps, "oom_score_adj must be an integer from -1000 to 1000, got '%s'",
				    eq + 1);
		return 0;
	default:
		if (parse_uint(eq + 1, &v) || v >= ps->sc->machine.cpus)
			return perr(ps, "cpu must be an integer from 0 to %u (machine cpus=%u), got '%s'",
				    ps->sc->machine.cpus - 1,
				    ps->sc->machine.cpus, eq + 1);
		st->spawn.cpu = v;
		return 0;
	}
}

static int parse_spawn(struct parser *ps, struct scn_stmt *st)
{
	unsigned int seen = 0;
	size_t i;
	int ret;

	if (ps->n < 4 || !tok_is(&ps->tok[2], "in"))
		return usage(ps);
	ret = new_proc_name(ps, &ps->tok[1], &st->spawn.name);
	if (ret)
		return ret;
	/* Declared even if the rest is bad: no cascade of "unknown". */
	if (!st->expect_errno)
		add_proc(ps, st->spawn.name);
	st->spawn.threads = 1;
	st->spawn.cpu = -1;
	ret = get_cgroup(ps, &ps->tok[3], &st->spawn.cgroup);
	for (i = 4; !ret && i < ps->n; i++)
		ret = spawn_option(ps, st, &ps->tok[i], &seen);
	return ret;
}

static int parse_fork(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *parent, *child;
	size_t pi;
	int ret;

	if (ps->n != 4 || !tok_is(&ps->tok[2], "as"))
		return usage(ps);
	parent = get_proc(ps, &ps->tok[1]);
	if (!parent)
		return -EINVAL;
	ret = new_proc_name(ps, &ps->tok[3], &st->fork.child);
	if (ret)
		return ret;
	st->fork.parent = parent->name;
	if (st->expect_errno)
		return 0;
	pi = parent - ps->procs;
	child = add_proc(ps, st->fork.child);
	parent = &ps->procs[pi];	/* add_proc() may move the array */
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

static int parse_move(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *p;

	if (ps->n != 4 || !tok_is(&ps->tok[2], "to"))
		return usage(ps);
	p = get_proc(ps, &ps->tok[1]);
	if (!p)
		return -EINVAL;
	st->move.proc = p->name;
	return get_cgroup(ps, &ps->tok[3], &st->move.cgroup);
}

static int parse_reclaim_until(struct parser *ps, struct scn_stmt *st)
{
	int err;

	if (ps->n != 3)
		return usage(ps);
	err = get_cgroup(ps, &ps->tok[1], &st->reclaim_until.cgroup);
	if (err)
		return err;
	return get_size(ps, &ps->tok[2], &st->reclaim_until.goal);
}

static int parse_kill(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *p;

	if (ps->n != 2)
		return usage(ps);
	p = get_proc(ps, &ps->tok[1]);
	if (!p)
		return -EINVAL;
	st->kill.proc = p->name;
	return 0;
}

/* ---------------------------------------------------------------------
 * Time, expectations and recording.
 */

static int parse_sleep(struct parser *ps, struct scn_stmt *st)
{
	if (ps->n != 2)
		return usage(ps);
	return get_duration(ps, ps->tok[1].text, &st->sleep.ns);
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
		ret = get_positive_duration(ps, ps->tok[to].text + 8,
					    &st->wait_until.timeout_ns);
		if (ret)
			return ret;
	}
	return get_cond(ps, 2, to, &st->wait_until.cond);
}

static int parse_wait(struct parser *ps, struct scn_stmt *st)
{
	struct proc_decl *p;

	if (ps->n >= 2 && tok_is(&ps->tok[1], "until"))
		return parse_wait_until(ps, st);
	if (ps->n != 2)
		return usage(ps);
	p = get_proc(ps, &ps->tok[1]);
	if (!p)
		return -EINVAL;
	st->wait.proc = p->name;
	return 0;
}

/* CONDITION [xfail ["REASON"]]: xfail is never part of a condition. */
static int parse_expect(struct parser *ps, struct scn_stmt *st)
{
	size_t to;

	for (to = 1; to < ps->n && !tok_is(&ps->tok[to], "xfail"); to++)
		;
	if (to + 2 < ps->n)
		return perr(ps, "unexpected '%s' after the xfail reason",
			    ps->tok[to + 2].text);
	if (to < ps->n) {
		st->expect.xfail = true;
		st->expect.xfail_reason = to + 1 < ps->n ?
			pstrdup(ps, ps->tok[to + 1].text) : "";
	}
	return get_cond(ps, 1, to, &st->expect.cond);
}

static int parse_record(struct parser *ps, struct scn_stmt *st)
{
	size_t i, n = ps->n;
	int ret;

	if (n < 6 || !tok_is(&ps->tok[1], "every") ||
	    !tok_is(&ps->tok[n - 2], "to"))
		return usage(ps);
	ret = get_positive_duration(ps, ps->tok[2].text,
				    &st->record.interval_ns);
	if (ret)
		return ret;
	st->record.n = n - 5;
	st->record.targets = palloc(ps, st->record.n *
				    sizeof(*st->record.targets));
	for (i = 3; i < n - 2; i++) {
		ret = get_target(ps, &ps->tok[i], TGT_KEY | TGT_FD,
				 &st->record.targets[i - 3]);
		if (ret)
			return ret;
	}
	if (!ps->tok[n - 1].len)
		return perr(ps, "empty output file name");
	st->record.file = pstrdup(ps, ps->tok[n - 1].text);
	return 0;
}

/* ---------------------------------------------------------------------
 * Process actions: NAME: ACTION ARGS... [&] [=> ERRNO].  ps->tok[0] is
 * the action word; @p the acting process.
 */

static int act_exit(struct parser *ps, struct scn_stmt *st,
		    struct proc_decl *p)
{
	return ps->n == 1 ? 0 : usage(ps);
}

static int mmap_args(struct parser *ps, struct scn_action *a,
		     struct region_decl *r)
{
	const struct scn_token *t = ps->tok;
	bool has_path = a->mmap.kind == SCN_MMAP_FILE ||
			a->mmap.kind == SCN_MMAP_SHMEM;
	size_t want = has_path ? 5 : 4;
	int ret;

	if (ps->n != want && !(a->mmap.kind == SCN_MMAP_FILE && ps->n == 6))
		return usage(ps);
	if (has_path) {
		ret = get_file_path(ps, &t[3], &a->mmap.path);
		if (ret)
			return ret;
	}
	ret = get_positive_size(ps, &t[want - 1], "mmap size", &a->mmap.size);
	if (ret)
		return ret;
	if (r) {
		r->size = a->mmap.size;
		r->size_text = pstrdup(ps, t[want - 1].text);
	}
	a->mmap.shared = a->mmap.kind != SCN_MMAP_ANON;
	if (ps->n == 6 && tok_is(&t[5], "private"))
		a->mmap.shared = false;
	else if (ps->n == 6 && !tok_is(&t[5], "shared"))
		return perr_choice(ps, t[5].text, map_types, 2,
				   "unknown mapping type '%s'", t[5].text);
	return 0;
}

static int act_mmap(struct parser *ps, struct scn_stmt *st,
		    struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r = NULL;
	int kind, ret;

	if (ps->n < 3)
		return usage(ps);
	ret = check_new_name(ps, &ps->tok[1], "region");
	if (ret)
		return ret;
	if (find_region(p, ps->tok[1].text))
		return perr(ps, "process '%s' already has a region '%s'",
			    p->name, ps->tok[1].text);
	a->mmap.region = pstrdup(ps, ps->tok[1].text);
	if (!st->expect_errno)
		r = add_region(p, a->mmap.region);
	kind = tok_lookup(&ps->tok[2], mmap_kind_names,
			  ARRAY_SIZE(mmap_kind_names));
	if (kind < 0)
		return perr_choice(ps, ps->tok[2].text, mmap_kind_names,
				   ARRAY_SIZE(mmap_kind_names),
				   "unknown mapping kind '%s'",
				   ps->tok[2].text);
	a->mmap.kind = kind;
	return mmap_args(ps, a, r);
}

/* fill=sparse|zero|text|random|ratio=R */
static int touch_fill(struct parser *ps, struct scn_action *a, const char *v)
{
	const char *eq = strchr(v, '=');
	const char *name = eq ? pstrndup(ps, v, eq - v) : v;
	int i = lookup(name, fill_names, ARRAY_SIZE(fill_names));

	if (i < 0)
		return perr_choice(ps, name, fill_names, ARRAY_SIZE(fill_names),
				   "unknown fill pattern '%s'", v);
	a->touch.fill = i;
	if (i != SCN_FILL_RATIO && eq)
		return perr(ps, "fill pattern '%s' takes no value", name);
	if (i != SCN_FILL_RATIO)
		return 0;
	if (!eq)
		return perr(ps, "fill=ratio needs a value, e.g. fill=ratio=0.3");
	return get_fraction(ps, eq + 1, "ratio", &a->touch.ratio);
}

/* One word after touch REGION: a number, read|write or fill=. */
static int touch_word(struct parser *ps, struct scn_action *a,
		      const struct scn_token *t, const struct scn_token **nums,
		      size_t *nnum, unsigned int *seen)
{
	static const char *const words[] = { "read", "write", "fill" };
	int mode = tok_lookup(t, words, 2);

	if (is_number_word(t)) {
		if (*nnum == 2)
			return perr(ps, "too many numbers: touch takes OFFSET LENGTH");
		nums[(*nnum)++] = t;
		return 0;
	}
	if (mode >= 0) {
		if (*seen & BIT(0))
			return perr(ps, "touch takes one of read or write");
		*seen |= BIT(0);
		a->touch.mode = mode ? SCN_TOUCH_WRITE : SCN_TOUCH_READ;
		return 0;
	}
	if (t->quoted || strncmp(t->text, "fill=", 5))
		return perr_choice(ps, t->text, words, 3,
				   "unknown touch argument '%s'", t->text);
	if (*seen & BIT(1))
		return perr(ps, "duplicate fill=");
	*seen |= BIT(1);
	return touch_fill(ps, a, t->text + 5);
}

static int act_touch(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	const struct scn_token *nums[2];
	struct region_decl *r;
	unsigned int seen = 0;
	size_t i, nnum = 0;
	int ret;

	if (ps->n < 2)
		return usage(ps);
	r = get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->touch.region = r->name;
	for (i = 2; i < ps->n; i++) {
		ret = touch_word(ps, a, &ps->tok[i], nums, &nnum, &seen);
		if (ret)
			return ret;
	}
	if (nnum == 1)
		return perr(ps, "touch needs both OFFSET and LENGTH");
	if (a->touch.mode == SCN_TOUCH_READ && (seen & BIT(1)))
		return perr(ps, "fill= only applies to write touches");
	return get_range(ps, nnum ? nums[0] : NULL, r, &a->touch.range);
}

static int act_write(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int ret;

	if (ps->n != 3 && ps->n != 4)
		return usage(ps);
	ret = get_file_path(ps, &ps->tok[1], &a->write.path);
	if (!ret)
		ret = get_positive_size(ps, &ps->tok[2], "write size",
					&a->write.size);
	if (!ret && ps->n == 4)
		ret = get_size(ps, &ps->tok[3], &a->write.offset);
	return ret;
}

static int act_read(struct parser *ps, struct scn_stmt *st,
		    struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int ret;

	if (ps->n != 2 && ps->n != 4)
		return usage(ps);
	ret = get_file_path(ps, &ps->tok[1], &a->read.path);
	if (ret)
		return ret;
	return get_range(ps, ps->n == 4 ? &ps->tok[2] : NULL, NULL,
			 &a->read.range);
}

static int act_truncate(struct parser *ps, struct scn_stmt *st,
			struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int ret;

	if (ps->n != 3)
		return usage(ps);
	ret = get_file_path(ps, &ps->tok[1], &a->truncate.path);
	if (ret)
		return ret;
	return get_size(ps, &ps->tok[2], &a->truncate.size);
}

static int act_mlock(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;

	if (ps->n != 2 && ps->n != 4)
		return usage(ps);
	r = get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->mlock.region = r->name;
	return get_range(ps, ps->n == 4 ? &ps->tok[2] : NULL, r,
			 &a->mlock.range);
}

static int act_madvise(struct parser *ps, struct scn_stmt *st,
		       struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;
	int adv;

	if (ps->n != 3 && ps->n != 5)
		return usage(ps);
	r = get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->madvise.region = r->name;
	adv = tok_lookup(&ps->tok[2], advice_names, ARRAY_SIZE(advice_names));
	if (adv < 0)
		return perr_choice(ps, ps->tok[2].text, advice_names,
				   ARRAY_SIZE(advice_names),
				   "unknown madvise advice '%s'",
				   ps->tok[2].text);
	a->madvise.advice = adv;
	return get_range(ps, ps->n == 5 ? &ps->tok[3] : NULL, r,
			 &a->madvise.range);
}

static int act_munmap(struct parser *ps, struct scn_stmt *st,
		      struct proc_decl *p)
{
	struct region_decl *r;

	if (ps->n != 2)
		return usage(ps);
	r = get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	st->action.munmap.region = r->name;
	if (!st->expect_errno)
		del_region(p, r);
	return 0;
}

static int act_pin(struct parser *ps, struct scn_stmt *st,
		   struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;
	int ret;

	if (ps->n != 4 || !tok_is(&ps->tok[2], "as"))
		return usage(ps);
	r = get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->pin.region = r->name;
	ret = check_new_name(ps, &ps->tok[3], "pin");
	if (ret)
		return ret;
	if (find_pin(p, ps->tok[3].text) >= 0)
		return perr(ps, "process '%s' already has a pin '%s'", p->name,
			    ps->tok[3].text);
	a->pin.pin = pstrdup(ps, ps->tok[3].text);
	if (st->expect_errno)
		return 0;
	p->pins = grow(p->pins, &p->cpins, p->npins + 1, sizeof(*p->pins));
	p->pins[p->npins++] = a->pin.pin;
	return 0;
}

static int act_unpin(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct suggest s;
	size_t k;
	int i;

	if (ps->n != 2)
		return usage(ps);
	i = find_pin(p, ps->tok[1].text);
	if (i < 0) {
		suggest_init(&s, ps->tok[1].text);
		for (k = 0; k < p->npins; k++)
			suggest_try(&s, p->pins[k]);
		return perr_hint(ps, s.best, "process '%s' has no pin '%s'",
				 p->name, ps->tok[1].text);
	}
	st->action.unpin.pin = p->pins[i];
	if (!st->expect_errno)
		p->pins[i] = p->pins[--p->npins];
	return 0;
}

static int act_dentries(struct parser *ps, struct scn_stmt *st,
			struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int kind, ret;

	if (ps->n != 2 && ps->n != 3)
		return usage(ps);
	ret = get_count(ps, ps->tok[1].text, "dentry count", &a->dentries.count);
	if (ret || ps->n == 2)
		return ret;
	kind = tok_lookup(&ps->tok[2], dentry_names, ARRAY_SIZE(dentry_names));
	if (kind < 0)
		return perr_choice(ps, ps->tok[2].text, dentry_names,
				   ARRAY_SIZE(dentry_names),
				   "unknown dentry kind '%s'", ps->tok[2].text);
	a->dentries.kind = kind;
	return 0;
}

/* pattern=uniform|seq|zipf:THETA */
static int access_pattern(struct parser *ps, struct scn_action *a,
			  const char *v)
{
	const char *colon = strchr(v, ':');
	const char *name = colon ? pstrndup(ps, v, colon - v) : v;
	int i = lookup(name, pattern_names, ARRAY_SIZE(pattern_names));
	struct decimal d;
	const char *end;

	if (i < 0)
		return perr_choice(ps, name, pattern_names,
				   ARRAY_SIZE(pattern_names),
				   "unknown access pattern '%s'", v);
	a->access.pattern = i;
	if (i != SCN_PATTERN_ZIPF)
		return colon ? perr(ps, "access pattern '%s' takes no parameter",
				    name) : 0;
	if (!colon)
		return perr(ps, "zipf needs a parameter, e.g. pattern=zipf:0.99");
	if (parse_decimal(colon + 1, &end, &d) || *end || !d.mant ||
	    decimal_double(&d) > SCN_MAX_THETA)
		return perr(ps, "invalid zipf parameter '%s' (expected a number above 0, at most 100)",
			    colon + 1);
	a->access.theta = decimal_double(&d);
	return 0;
}

/* rate=N/s */
static int access_rate(struct parser *ps, struct scn_action *a, const char *v)
{
	size_t len = strlen(v);

	if (len < 3 || strcmp(v + len - 2, "/s"))
		return perr(ps, "invalid rate '%s' (expected N/s, e.g. 1M/s)", v);
	return get_count(ps, pstrndup(ps, v, len - 2), "rate", &a->access.rate);
}

static const char *const access_keys[] = { "pattern", "ops", "rate", "write" };

static int access_option(struct parser *ps, struct scn_action *a,
			 const struct scn_token *t, unsigned int *seen)
{
	const char *eq = strchr(t->text, '=');
	const char *key = eq ? pstrndup(ps, t->text, eq - t->text) : t->text;
	int i = lookup(key, access_keys, ARRAY_SIZE(access_keys));

	if (!eq || i < 0)
		return perr_choice(ps, key, access_keys,
				   ARRAY_SIZE(access_keys),
				   "unknown access option '%s'", t->text);
	if (*seen & BIT(i))
		return perr(ps, "duplicate access option '%s'", key);
	*seen |= BIT(i);
	switch (i) {
	case 0:
		return access_pattern(ps, a, eq + 1);
	case 1:
		return get_count(ps, eq + 1, "ops count", &a->access.ops);
	case 2:
		return access_rate(ps, a, eq + 1);
	default:
		return get_fraction(ps, eq + 1, "write fraction",
				    &a->access.write_fraction);
	}
}

static int act_access(struct parser *ps, struct scn_stmt *st,
		      struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;
	unsigned int seen = 0;
	size_t i;
	int ret;

	if (ps->n < 2)
		return usage(ps);
	r = get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->access.region = r->name;
	for (i = 2; i < ps->n; i++) {
		ret = access_option(ps, a, &ps->tok[i], &seen);
		if (ret)
			return ret;
	}
	if (!(seen & BIT(0)))
		return perr(ps, "access needs pattern=uniform|seq|zipf:THETA");
	if (!(seen & BIT(1)))
		return perr(ps, "access needs ops=N");
	return 0;
}

static int act_replay(struct parser *ps, struct scn_stmt *st,
		      struct proc_decl *p)
{
	if (ps->n != 2)
		return usage(ps);
	if (!ps->tok[1].len)
		return perr(ps, "empty trace file name");
	st->action.replay.path = pstrdup(ps, ps->tok[1].text);
	return 0;
}

#define AD_BG	BIT(0)	/* may run in the background with & */

struct action_desc {
	enum scn_action_kind kind;
	int (*parse)(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p);
	const char *usage;
	unsigned int flags;
};

static const struct action_desc actions[SCN_ACT_NR_KINDS] = {
	[SCN_ACT_EXIT] = { SCN_ACT_EXIT, act_exit, "NAME: exit", 0 },
	[SCN_ACT_MMAP] = { SCN_ACT_MMAP, act_mmap,
		"NAME: mmap REGION anon|memfd SIZE | mmap REGION shmem PATH SIZE | mmap REGION file PATH SIZE [shared|private]",
		0 },
	[SCN_ACT_TOUCH] = { SCN_ACT_TOUCH, act_touch,
		"NAME: touch REGION [OFFSET LENGTH] [read|write] [fill=zero|sparse|text|random|ratio=R] [&]",
		AD_BG },
	[SCN_ACT_WRITE] = { SCN_ACT_WRITE, act_write,
		"NAME: write PATH SIZE [OFFSET]", 0 },
	[SCN_ACT_READ] = { SCN_ACT_READ, act_read,
		"NAME: read PATH [OFFSET LENGTH]", 0 },
	[SCN_ACT_TRUNCATE] = { SCN_ACT_TRUNCATE, act_truncate,
		"NAME: truncate PATH SIZE", 0 },
	[SCN_ACT_MLOCK] = { SCN_ACT_MLOCK, act_mlock,
		"NAME: mlock REGION [OFFSET LENGTH] [&]", AD_BG },
	[SCN_ACT_MUNLOCK] = { SCN_ACT_MUNLOCK, act_mlock,
		"NAME: munlock REGION [OFFSET LENGTH]", 0 },
	[SCN_ACT_MADVISE] = { SCN_ACT_MADVISE, act_madvise,
		"NAME: madvise REGION pageout|cold|dontneed|willneed [OFFSET LENGTH]",
		0 },
	[SCN_ACT_MUNMAP] = { SCN_ACT_MUNMAP, act_munmap,
		"NAME: munmap REGION", 0 },
	[SCN_ACT_PIN] = { SCN_ACT_PIN, act_pin, "NAME: pin REGION as PIN", 0 },
	[SCN_ACT_UNPIN] = { SCN_ACT_UNPIN, act_unpin, "NAME: unpin PIN", 0 },
	[SCN_ACT_DENTRIES] = { SCN_ACT_DENTRIES, act_dentries,
		"NAME: dentries N [negative|positive]", 0 },
	[SCN_ACT_ACCESS] = { SCN_ACT_ACCESS, act_access,
		"NAME: access REGION pattern=uniform|seq|zipf:THETA ops=N [rate=N/s] [write=FRACTION] [&]",
		AD_BG },
	[SCN_ACT_REPLAY] = { SCN_ACT_REPLAY, act_replay,
		"NAME: replay TRACEFILE [&]", AD_BG },
};

/* ---------------------------------------------------------------------
 * Statements.
 */

#define SD_SETUP	BIT(0)	/* before the first body statement */
#define SD_ERRNO	BIT(1)	/* may end with => ERRNO */
#define SD_TEXT		BIT(2)	/* words are text: => is not special */

struct stmt_desc {
	enum scn_stmt_kind kind;
	int (*parse)(struct parser *ps, struct scn_stmt *st);
	const char *usage;
	unsigned int flags;
};

/* Indexed by kind; "wait" also parses wait until, "action" has no word. */
static const struct stmt_desc stmts[SCN_STMT_NR_KINDS] = {
	[SCN_STMT_MACHINE] = { SCN_STMT_MACHINE, parse_machine,
		"machine [memory=SIZE] [cpus=N] [nodes=N] [swap=SIZE|none] [seed=N] [disk=SIZE]",
		SD_SETUP },
	[SCN_STMT_MOUNT] = { SCN_STMT_MOUNT, parse_mount,
		"mount cgroup2 [OPTION...]", SD_SETUP },
	[SCN_STMT_SYSCTL] = { SCN_STMT_SYSCTL, parse_set,
		"sysctl KEY=VALUE...", SD_SETUP },
	[SCN_STMT_PARAM] = { SCN_STMT_PARAM, parse_set,
		"param MODULE.NAME=VALUE...", SD_SETUP },
	[SCN_STMT_POLICY] = { SCN_STMT_POLICY, parse_set,
		"policy NAME=VALUE...", SD_SETUP },
	[SCN_STMT_MKDIR] = { SCN_STMT_MKDIR, parse_dirs,
		"mkdir PATH... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_RMDIR] = { SCN_STMT_RMDIR, parse_dirs,
		"rmdir PATH... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_WRITE] = { SCN_STMT_WRITE, parse_write,
		"write TARGET VALUE... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_READ] = { SCN_STMT_READ, parse_read,
		"read TARGET[:KEY] [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_OPEN] = { SCN_STMT_OPEN, parse_open,
		"open PATH as NAME [nonblock] [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_CLOSE] = { SCN_STMT_CLOSE, parse_close,
		"close NAME [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_ECHO] = { SCN_STMT_ECHO, parse_echo, "echo TEXT...",
		SD_TEXT },
	[SCN_STMT_SPAWN] = { SCN_STMT_SPAWN, parse_spawn,
		"spawn NAME in CGROUP [threads=N] [oom_score_adj=N] [cpu=N] [=> ERRNO]",
		SD_ERRNO },
	[SCN_STMT_FORK] = { SCN_STMT_FORK, parse_fork,
		"fork NAME as NAME2 [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_MOVE] = { SCN_STMT_MOVE, parse_move,
		"move NAME to CGROUP [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_KILL] = { SCN_STMT_KILL, parse_kill,
		"kill NAME [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_SLEEP] = { SCN_STMT_SLEEP, parse_sleep,
		"sleep DURATION", 0 },
	[SCN_STMT_WAIT] = { SCN_STMT_WAIT, parse_wait,
		"wait NAME | wait until CONDITION [timeout=DURATION]", 0 },
	[SCN_STMT_EXPECT] = { SCN_STMT_EXPECT, parse_expect,
		"expect CONDITION [xfail \"REASON\"]", 0 },
	[SCN_STMT_RECORD] = { SCN_STMT_RECORD, parse_record,
		"record every DURATION TARGET[:KEY]... to FILE", 0 },
	[SCN_STMT_RECLAIM_UNTIL] = { SCN_STMT_RECLAIM_UNTIL, parse_reclaim_until,
		"reclaim_until CGROUP SIZE", 0 },
};

/* Statement words: the stmt_names that start a statement. */
static const struct stmt_desc *find_stmt(const struct scn_token *t)
{
	int i = tok_lookup(t, stmt_names, ARRAY_SIZE(stmt_names));

	if (i < 0 || !stmts[i].parse)
		return NULL;
	return &stmts[i];
}

static int unknown_statement(struct parser *ps)
{
	const struct scn_token *t = &ps->tok[0];
	const char *colon = strchr(t->text, ':');
	const char *cands[SCN_STMT_NR_KINDS];
	size_t i, n = 0;

	if (!t->quoted && lookup(t->text, action_names, SCN_ACT_NR_KINDS) >= 0)
		return perr(ps, "'%s' is a process action: write 'NAME: %s ...'",
			    t->text, t->text);
	if (!t->quoted && find_proc(ps, t->text))
		return perr(ps, "missing ':' after process name '%s'", t->text);
	if (!t->quoted && colon &&
	    find_proc(ps, pstrndup(ps, t->text, colon - t->text)))
		return perr(ps, "missing space after ':' in '%s'", t->text);
	for (i = 0; i < ARRAY_SIZE(stmts); i++)
		if (stmts[i].parse)
			cands[n++] = stmt_names[i];
	return perr_hint(ps, t->quoted ? NULL : suggest_list(t->text, cands, n),
			 "unknown statement '%s'", t->text);
}

/* Setup statements first; everything but echo ends the setup. */
static int check_phase(struct parser *ps, enum scn_stmt_kind kind,
		       unsigned int flags)
{
	if (flags & SD_SETUP) {
		if (ps->body_line)
			return perr(ps, "'%s' must come before the first cgroup or process statement (line %d)",
				    stmt_names[kind], ps->body_line);
		return 0;
	}
	if (kind != SCN_STMT_ECHO && !ps->body_line)
		ps->body_line = ps->line;
	return 0;
}

/* A trailing "=> ERRNO" is removed from the words into st. */
static int strip_errno(struct parser *ps, struct scn_stmt *st, bool allowed)
{
	const struct scn_token *t;
	size_t i;

	for (i = 0; i < ps->n && !tok_is(&ps->tok[i], "=>"); i++)
		;
	if (i == ps->n)
		return 0;
	if (!allowed)
		return perr(ps, "'=> ERRNO' is not allowed on '%s'",
			    stmt_names[st->kind]);
	if (i + 1 == ps->n)
		return perr(ps, "missing errno name after '=>'");
	if (i + 2 != ps->n)
		return perr(ps, "unexpected '%s' after the errno", ps->tok[i + 2].text);
	t = &ps->tok[i + 1];
	st->expect_errno = t->quoted ? 0 : scn_errno_from_name(t->text);
	if (!st->expect_errno) {
		struct suggest s;
		size_t k;

		suggest_init(&s, t->text);
		for (k = 0; k < ARRAY_SIZE(errno_names); k++)
			suggest_try(&s, errno_names[k].name);
		return perr_hint(ps, s.best, "unknown errno '%s'", t->text);
	}
	st->expect_errname = pstrdup(ps, t->text);
	ps->n = i;
	return 0;
}

static bool is_action_head(const struct scn_token *t)
{
	return !t->quoted && t->len && t->text[t->len - 1] == ':';
}

static const struct action_desc *find_action(struct parser *ps,
					     const struct scn_token *t)
{
	int i = tok_lookup(t, action_names, SCN_ACT_NR_KINDS);

	if (i >= 0)
		return &actions[i];
	perr_choice(ps, t->text, action_names, SCN_ACT_NR_KINDS,
		    "unknown action '%s'", t->text);
	return NULL;
}

static int parse_action(struct parser *ps, struct scn_stmt *st)
{
	const struct scn_token *head = &ps->tok[0];
	const struct action_desc *ad;
	struct scn_token name;
	struct proc_decl *p;
	int ret;

	st->kind = SCN_STMT_ACTION;
	ps->usage = "NAME: ACTION ARGS... [&] [=> ERRNO]";
	check_phase(ps, SCN_STMT_ACTION, 0);
	ret = strip_errno(ps, st, true);
	if (ret)
		return ret;
	if (head->len == 1)
		return perr(ps, "missing process name before ':'");
	name.text = pstrndup(ps, head->text, head->len - 1);
	name.len = head->len - 1;
	name.quoted = false;
	p = get_proc(ps, &name);
	if (!p)
		return -EINVAL;
	if (ps->n < 2)
		return perr(ps, "missing action after '%s'", head->text);
	ad = find_action(ps, &ps->tok[1]);
	if (!ad)
		return -EINVAL;
	st->action.kind = ad->kind;
	st->action.proc = p->name;
	ps->usage = ad->usage;
	if (tok_is(&ps->tok[ps->n - 1], "&")) {
		if (!(ad->flags & AD_BG))
			return perr(ps, "'&' (background) only applies to touch, mlock, access and replay");
		st->action.background = true;
		ps->n--;
	}
	ps->tok++;
	ps->n--;
	return ad->parse(ps, st, p);
}

static int parse_keyword_stmt(struct parser *ps, struct scn_stmt *st)
{
	const struct stmt_desc *d = find_stmt(&ps->tok[0]);
	int ret;

	if (!d)
		return unknown_statement(ps);
	st->kind = d->kind;
	ps->usage = d->usage;
	ret = check_phase(ps, d->kind, d->flags);
	if (!ret && !(d->flags & SD_TEXT))
		ret = strip_errno(ps, st, d->flags & SD_ERRNO);
	if (ret)
		return ret;
	return d->parse(ps, st);
}

static void parse_statement(struct parser *ps, const struct scn_line *ln)
{
	struct scn_script *sc = ps->sc;
	struct scn_stmt st;
	int ret;

	memset(&st, 0, sizeof(st));
	ps->line = ln->line;
	ps->tok = ln->tok;
	ps->n = ln->ntok;
	st.file = sc->file;
	st.line = ln->line;
	st.text = pstrdup(ps, ln->raw);
	if (is_action_head(&ln->tok[0]))
		ret = parse_action(ps, &st);
	else
		ret = parse_keyword_stmt(ps, &st);
	if (ret)
		return;
	sc->stmts = grow(sc->stmts, &ps->cstmts, sc->nstmts + 1,
			 sizeof(*sc->stmts));
	sc->stmts[sc->nstmts++] = st;
}

/* ---------------------------------------------------------------------
 * Entry points.
 */

static struct scn_script *script_new(const char *filename)
{
	struct scn_script *sc = calloc(1, sizeof(*sc));
	const char *name = filename ? filename : "<string>";

	if (!sc)
		abort();
	sc->file = strcpy(arena_alloc(&sc->arena, strlen(name) + 1), name);
	machine_defaults(&sc->machine);
	return sc;
}

int scn_parse_string(const char *filename, const char *text, size_t len,
		     struct scn_script **out, struct strbuf *err)
{
	struct parser ps = { .err = err };
	struct strbuf lexerr = STRBUF_INIT;
	struct scn_lexer lx;
	struct scn_line ln;
	int ret;

	*out = NULL;
	ps.sc = script_new(filename);
	scn_lexer_init(&lx, ps.sc->file, text ? text : "", text ? len : 0);
	scn_line_init(&ln);
	while (!too_many_errors(&ps) && (ret = scn_lex_line(&lx, &ln, &lexerr))) {
		if (ret > 0) {
			parse_statement(&ps, &ln);
			continue;
		}
		ps.line = ln.line;
		sb_add(err, lexerr.buf, lexerr.len);
		sb_reset(&lexerr);
		count_error(&ps);
	}
	scn_line_release(&ln);
	sb_release(&lexerr);
	parser_release(&ps);
	if (ps.nerr) {
		scn_script_free(ps.sc);
		return -EINVAL;
	}
	*out = ps.sc;
	return 0;
}

static int read_all(FILE *f, struct strbuf *sb)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(sb, buf, n);
	return ferror(f) ? -EIO : 0;
}

int scn_parse_file(const char *path, struct scn_script **out,
		   struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	FILE *f;
	int ret;

	*out = NULL;
	f = fopen(path, "r");
	if (!f) {
		ret = -errno;
		sb_printf(err, "%s: %s\n", path, strerror(-ret));
		return ret;
	}
	errno = 0;
	ret = read_all(f, &text);
	if (ret) {
		ret = errno ? -errno : ret;
		sb_printf(err, "%s: %s\n", path, strerror(-ret));
		goto out;
	}
	ret = scn_parse_string(path, text.buf, text.len, out, err);
out:
	fclose(f);
	sb_release(&text);
	return ret;
}

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
		      is_digit(*p) || strchr("_-./:,+=%@", *p)))
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
static void dump_word(struct strbuf *sb, const char *s)
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

static void dump_u64(struct strbuf *sb, const char *prefix, u64 v,
		     const char *unit)
{
	sb_printf(sb, "%s%llu%s", prefix, (unsigned long long)v, unit);
}

static void dump_range(struct strbuf *sb, const struct scn_range *r)
{
	if (r->whole)
		return;
	dump_u64(sb, " ", r->offset, "");
	dump_u64(sb, " ", r->length, "");
}

static void dump_operand(struct strbuf *sb, const struct scn_operand *o)
{
	switch (o->kind) {
	case SCN_OPERAND_NUM:
		sb_printf(sb, "%lld", (long long)o->num);
		return;
	case SCN_OPERAND_MAX:
		sb_puts(sb, "max");
		return;
	case SCN_OPERAND_TARGET:
		/* Unquoted in the source, or it would be a string. */
		sb_puts(sb, o->target.text);
		return;
	case SCN_OPERAND_STRING:
		dump_quoted(sb, o->str);
		return;
	}
}

static void dump_expr(struct strbuf *sb, const struct scn_expr *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (i)
			sb_puts(sb, e->ops[i].negate ? " - " : " + ");
		else
			sb_add(sb, " ", 1);
		dump_operand(sb, &e->ops[i]);
		if (e->ops[i].mul > 1)
			sb_printf(sb, " * %lld", (long long)e->ops[i].mul);
	}
}

static void dump_cmp(struct strbuf *sb, enum scn_cmp op)
{
	sb_printf(sb, " %s", scn_cmp_name(op));
}

static void dump_tol(struct strbuf *sb, enum scn_cmp op, unsigned int tol)
{
	if (op == SCN_CMP_CLOSE)
		sb_printf(sb, " %u%%", tol);
}

static void dump_cond(struct strbuf *sb, const struct scn_cond *c)
{
	switch (c->kind) {
	case SCN_COND_COMPARE:
		dump_expr(sb, &c->cmp.lhs);
		dump_cmp(sb, c->cmp.op);
		dump_expr(sb, &c->cmp.rhs);
		dump_tol(sb, c->cmp.op, c->cmp.tolerance);
		return;
	case SCN_COND_EMPTY:
		dump_word(sb, c->file.target.text);
		sb_puts(sb, " empty");
		return;
	case SCN_COND_CONTAINS:
	case SCN_COND_NOT_CONTAINS:
		dump_word(sb, c->file.target.text);
		sb_puts(sb, c->kind == SCN_COND_CONTAINS ? " contains " :
			" !contains ");
		dump_quoted(sb, c->file.word);
		return;
	case SCN_COND_PROC:
		sb_printf(sb, " %s %s", c->proc.proc,
			  scn_proc_state_name(c->proc.state));
		return;
	case SCN_COND_PAGEMAP:
		sb_printf(sb, " pagemap %s %s %s", c->pagemap.proc,
			  c->pagemap.region,
			  scn_pagemap_flag_name(c->pagemap.flag));
		dump_cmp(sb, c->pagemap.op);
		dump_u64(sb, " ", c->pagemap.pages, "");
		dump_tol(sb, c->pagemap.op, c->pagemap.tolerance);
		return;
	}
}

static void dump_mmap(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s %s", a->mmap.region,
		  NAME_OR(mmap_kind_names, a->mmap.kind));
	if (a->mmap.path)
		dump_word(sb, a->mmap.path);
	dump_u64(sb, " ", a->mmap.size, "");
	if (a->mmap.kind == SCN_MMAP_FILE)
		sb_puts(sb, a->mmap.shared ? " shared" : " private");
}

static void dump_touch(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s", a->touch.region);
	dump_range(sb, &a->touch.range);
	if (a->touch.mode == SCN_TOUCH_READ) {
		sb_puts(sb, " read");
		return;
	}
	if (a->touch.fill == SCN_FILL_ZERO)
		return;
	sb_printf(sb, " fill=%s", NAME_OR(fill_names, a->touch.fill));
	if (a->touch.fill == SCN_FILL_RATIO) {
		sb_add(sb, "=", 1);
		dump_double(sb, a->touch.ratio);
	}
}

static void dump_access(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s pattern=%s", a->access.region,
		  NAME_OR(pattern_names, a->access.pattern));
	if (a->access.pattern == SCN_PATTERN_ZIPF) {
		sb_add(sb, ":", 1);
		dump_double(sb, a->access.theta);
	}
	dump_u64(sb, " ops=", a->access.ops, "");
	if (a->access.rate)
		dump_u64(sb, " rate=", a->access.rate, "/s");
	sb_puts(sb, " write=");
	dump_double(sb, a->access.write_fraction);
}

static void dump_action(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, "%s: %s", a->proc, scn_action_name(a->kind));
	switch (a->kind) {
	case SCN_ACT_EXIT:
		break;
	case SCN_ACT_MMAP:
		dump_mmap(sb, a);
		break;
	case SCN_ACT_TOUCH:
		dump_touch(sb, a);
		break;
	case SCN_ACT_WRITE:
		dump_word(sb, a->write.path);
		dump_u64(sb, " ", a->write.size, "");
		if (a->write.offset)
			dump_u64(sb, " ", a->write.offset, "");
		break;
	case SCN_ACT_READ:
		dump_word(sb, a->read.path);
		dump_range(sb, &a->read.range);
		break;
	case SCN_ACT_TRUNCATE:
		dump_word(sb, a->truncate.path);
		dump_u64(sb, " ", a->truncate.size, "");
		break;
	case SCN_ACT_MLOCK:
	case SCN_ACT_MUNLOCK:
		sb_printf(sb, " %s", a->mlock.region);
		dump_range(sb, &a->mlock.range);
		break;
	case SCN_ACT_MADVISE:
		sb_printf(sb, " %s %s", a->madvise.region,
			  scn_advice_name(a->madvise.advice));
		dump_range(sb, &a->madvise.range);
		break;
	case SCN_ACT_MUNMAP:
		sb_printf(sb, " %s", a->munmap.region);
		break;
	case SCN_ACT_PIN:
		sb_printf(sb, " %s as %s", a->pin.region, a->pin.pin);
		break;
	case SCN_ACT_UNPIN:
		sb_printf(sb, " %s", a->unpin.pin);
		break;
	case SCN_ACT_DENTRIES:
		dump_u64(sb, " ", a->dentries.count, " ");
		sb_puts(sb, NAME_OR(dentry_names, a->dentries.kind));
		break;
	case SCN_ACT_ACCESS:
		dump_access(sb, a);
		break;
	case SCN_ACT_REPLAY:
		dump_word(sb, a->replay.path);
		break;
	case SCN_ACT_NR_KINDS:
		break;
	}
	if (a->background)
		sb_puts(sb, " &");
}

static void dump_machine(struct strbuf *sb, const struct scn_machine *m)
{
	sb_puts(sb, "machine");
	if (m->set & SCN_MACHINE_MEMORY)
		dump_u64(sb, " memory=", m->memory, "");
	if (m->set & SCN_MACHINE_CPUS)
		sb_printf(sb, " cpus=%u", m->cpus);
	if (m->set & SCN_MACHINE_NODES)
		sb_printf(sb, " nodes=%u", m->nodes);
	if ((m->set & SCN_MACHINE_SWAP) && !m->swap)
		sb_puts(sb, " swap=none");
	else if (m->set & SCN_MACHINE_SWAP)
		dump_u64(sb, " swap=", m->swap, "");
	if (m->set & SCN_MACHINE_SEED)
		dump_u64(sb, " seed=", m->seed, "");
	if (m->set & SCN_MACHINE_DISK)
		dump_u64(sb, " disk=", m->disk, "");
}

static void dump_kv(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	sb_puts(sb, stmt_names[st->kind]);
	for (i = 0; i < st->set.n; i++) {
		char *w = malloc(strlen(st->set.kv[i].key) +
				 strlen(st->set.kv[i].value) + 2);

		if (!w)
			abort();
		sprintf(w, "%s=%s", st->set.kv[i].key, st->set.kv[i].value);
		dump_word(sb, w);
		free(w);
	}
}

static void dump_spawn(struct strbuf *sb, const struct scn_stmt *st)
{
	sb_printf(sb, "spawn %s in", st->spawn.name);
	dump_word(sb, st->spawn.cgroup);
	if (st->spawn.threads != 1)
		sb_printf(sb, " threads=%u", st->spawn.threads);
	if (st->spawn.oom_score_adj)
		sb_printf(sb, " oom_score_adj=%d", st->spawn.oom_score_adj);
	if (st->spawn.cpu >= 0)
		sb_printf(sb, " cpu=%d", st->spawn.cpu);
}

static void dump_record(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	dump_u64(sb, "record every ", st->record.interval_ns, "ns");
	for (i = 0; i < st->record.n; i++)
		dump_word(sb, st->record.targets[i].text);
	sb_puts(sb, " to");
	dump_word(sb, st->record.file);
}

static void dump_files(struct strbuf *sb, const struct scn_stmt *st)
{
	size_t i;

	switch (st->kind) {
	case SCN_STMT_MKDIR:
	case SCN_STMT_RMDIR:
		sb_puts(sb, stmt_names[st->kind]);
		for (i = 0; i < st->dirs.n; i++)
			dump_word(sb, st->dirs.paths[i]);
		return;
	case SCN_STMT_WRITE:
		sb_puts(sb, "write");
		dump_word(sb, st->write.target.text);
		dump_word(sb, st->write.value);
		return;
	case SCN_STMT_READ:
		sb_puts(sb, "read");
		dump_word(sb, st->read.target.text);
		return;
	case SCN_STMT_OPEN:
		sb_puts(sb, "open");
		dump_word(sb, st->open.target.text);
		sb_printf(sb, " as %s%s", st->open.name,
			  st->open.nonblock ? " nonblock" : "");
		return;
	case SCN_STMT_CLOSE:
		sb_printf(sb, "close %s", st->close.name);
		return;
	default:
		sb_puts(sb, "echo");
		if (*st->echo.text)
			dump_word(sb, st->echo.text);
		return;
	}
}

void scn_stmt_dump(const struct scn_stmt *st, struct strbuf *sb)
{
	size_t i;

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
	case SCN_STMT_SPAWN:
		dump_spawn(sb, st);
		break;
	case SCN_STMT_FORK:
		sb_printf(sb, "fork %s as %s", st->fork.parent, st->fork.child);
		break;
	case SCN_STMT_MOVE:
		sb_printf(sb, "move %s to", st->move.proc);
		dump_word(sb, st->move.cgroup);
		break;
	case SCN_STMT_KILL:
		sb_printf(sb, "kill %s", st->kill.proc);
		break;
	case SCN_STMT_RECLAIM_UNTIL:
		sb_puts(sb, "reclaim_until");
		dump_word(sb, st->reclaim_until.cgroup);
		dump_u64(sb, " ", st->reclaim_until.goal, "");
		break;
	case SCN_STMT_ACTION:
		dump_action(sb, &st->action);
		break;
	case SCN_STMT_SLEEP:
		dump_u64(sb, "sleep ", st->sleep.ns, "ns");
		break;
	case SCN_STMT_WAIT:
		sb_printf(sb, "wait %s", st->wait.proc);
		break;
	case SCN_STMT_WAIT_UNTIL:
		sb_puts(sb, "wait until");
		dump_cond(sb, &st->wait_until.cond);
		dump_u64(sb, " timeout=", st->wait_until.timeout_ns, "ns");
		break;
	case SCN_STMT_EXPECT:
		sb_puts(sb, "expect");
		dump_cond(sb, &st->expect.cond);
		if (st->expect.xfail) {
			sb_puts(sb, " xfail ");
			dump_quoted(sb, st->expect.xfail_reason);
		}
		break;
	case SCN_STMT_RECORD:
		dump_record(sb, st);
		break;
	case SCN_STMT_NR_KINDS:
		break;
	}
	if (st->expect_errno)
		sb_printf(sb, " => %s", st->expect_errname);
}

void scn_script_dump(const struct scn_script *script, struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < script->nstmts; i++) {
		scn_stmt_dump(&script->stmts[i], sb);
		sb_add(sb, "\n", 1);
	}
}
