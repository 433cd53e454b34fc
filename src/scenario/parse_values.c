// SPDX-License-Identifier: GPL-2.0
/*
 * Values in scenario statements: the number syntaxes (sizes, counts,
 * durations, fractions), words and names, and "did you mean" suggestions
 * for misspelt ones.
 */
#include "parser_internal.h"

#include <errno.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Numbers.  Decimal only, parsed by hand: no locale, exact results.
 */

bool is_digit(char c)
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
int parse_decimal(const char *s, const char **end, struct decimal *d)
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

double decimal_double(const struct decimal *d)
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
int parse_uint(const char *s, u64 *out)
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
int parse_int_range(const char *s, long lo, long hi, int *out)
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

void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->len = strlen(word);
	s->best = NULL;
	s->dist = UINT_MAX;
}

void suggest_try(struct suggest *s, const char *cand)
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

const char *suggest_list(const char *word, const char *const *list,
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

int word_lookup(const char *word, const char *const *list, size_t n)
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
	"pagemap", "until", "max",
};

/* An unquoted word equal to @kw: quoting turns keywords into text. */
bool tok_is(const struct scn_token *t, const char *kw)
{
	return !t->quoted && !strcmp(t->text, kw);
}

int tok_lookup(const struct scn_token *t, const char *const *list,
	       size_t n)
{
	return t->quoted ? -1 : word_lookup(t->text, list, n);
}

/* [A-Za-z_][A-Za-z0-9_-]* */
bool is_ident(const char *s)
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
const char *join_words(struct parser *ps, size_t from, size_t to)
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
int check_new_name(struct parser *ps, const struct scn_token *t,
		   const char *what)
{
	if (!is_ident(t->text))
		return perr(ps, "invalid %s name '%s' (use letters, digits, '_' and '-')",
			    what, t->text);
	if (word_lookup(t->text, reserved_names, ARRAY_SIZE(reserved_names)) >= 0)
		return perr(ps, "'%s' is a reserved word and cannot name a %s",
			    t->text, what);
	return 0;
}

/* ---------------------------------------------------------------------
 * Numbers in statements, with messages.
 */

int get_size(struct parser *ps, const struct scn_token *t, u64 *out)
{
	int ret = t->quoted ? -EINVAL : scn_parse_size(t->text, out);

	if (ret == -ERANGE)
		return perr(ps, "size '%s' is too large", t->text);
	if (ret)
		return perr(ps, "invalid size '%s' (expected a number with an optional K, M, G, T or p suffix)",
			    t->text);
	return 0;
}

int get_positive_size(struct parser *ps, const struct scn_token *t,
		      const char *what, u64 *out)
{
	int ret = get_size(ps, t, out);

	if (ret)
		return ret;
	if (!*out)
		return perr(ps, "%s must be positive, got '%s'", what, t->text);
	return 0;
}

int get_count(struct parser *ps, const char *s, const char *what,
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

int get_duration(struct parser *ps, const char *s, u64 *ns)
{
	int ret = scn_parse_duration(s, ns);

	if (ret == -ERANGE)
		return perr(ps, "duration '%s' is too large", s);
	if (ret)
		return perr(ps, "invalid duration '%s' (expected a number with a unit: ns, us, ms or s)",
			    s);
	return 0;
}

int get_positive_duration(struct parser *ps, const char *s, u64 *ns)
{
	int ret = get_duration(ps, s, ns);

	if (ret)
		return ret;
	if (!*ns)
		return perr(ps, "duration must be positive, got '%s'", s);
	return 0;
}

int get_fraction(struct parser *ps, const char *s, const char *what,
		 double *out)
{
	if (scn_parse_fraction(s, out))
		return perr(ps, "invalid %s '%s' (expected a fraction from 0 to 1, or a percentage)",
			    what, s);
	return 0;
}

/* N% with N a whole number from 0 to 100. */
bool is_percent(const struct scn_token *t)
{
	return !t->quoted && t->len >= 2 && t->text[t->len - 1] == '%';
}

int get_tolerance(struct parser *ps, const struct scn_token *t,
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
