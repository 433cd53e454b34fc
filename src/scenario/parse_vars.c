// SPDX-License-Identifier: GPL-2.0
/*
 * Variables of the scenario language: $NAME and ${NAME} references in
 * words, their declarations (let, repeat ... as, for) in source order,
 * and the substitution of their values that the runtime does before a
 * statement that uses them runs.  A '$' not followed by a letter, '_' or
 * '{' is an ordinary character.
 */
#include "parser_internal.h"

#include <errno.h>
#include <string.h>

static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || scn_is_digit(c);
}

/*
 * The reference at @s (s[0] == '$'): its length, with its name at *name
 * (*nlen bytes).  0: not a reference.  -1: a "${" that is malformed.
 */
long scn_var_ref(const char *s, const char **name, size_t *nlen)
{
	size_t n;

	if (is_name_start(s[1])) {
		for (n = 1; is_name_char(s[1 + n]); n++)
			;
		*name = s + 1;
		*nlen = n;
		return 1 + n;
	}
	if (s[1] != '{')
		return 0;
	if (!is_name_start(s[2]))
		return -1;
	for (n = 1; is_name_char(s[2 + n]); n++)
		;
	if (s[2 + n] != '}')
		return -1;
	*name = s + 2;
	*nlen = n;
	return 3 + n;
}

bool scn_has_var(const char *s)
{
	const char *name;
	size_t n;

	for (s = strchr(s, '$'); s; s = strchr(s + 1, '$'))
		if (scn_var_ref(s, &name, &n))
			return true;
	return false;
}

bool scn_tok_has_var(const struct scn_token *t)
{
	return scn_has_var(t->text);
}

struct var_decl *scn_find_var(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nvars; i++)
		if (!strcmp(ps->vars[i].name, name))
			return &ps->vars[i];
	return NULL;
}

/* One reference of @t at @p: checked, appended to @sb canonically. */
static int check_ref(struct parser *ps, const struct scn_token *t,
		     const char *p, long len, const char *name, size_t nlen,
		     struct strbuf *sb)
{
	const char *v;

	if (len < 0)
		return scn_perr(ps, "malformed variable reference in '%s' (expected ${NAME})",
				t->text);
	v = scn_pstrndup(ps, name, nlen);
	if (!scn_find_var(ps, v))
		return scn_perr_hint(ps, scn_suggest_names(v, ps->vars, ps->nvars,
							   sizeof(*ps->vars)),
				     "unknown variable '$%s' (declare it with let, repeat ... as or for)",
				     v);
	sb_printf(sb, is_name_char(p[len]) ? "${%s}" : "$%s", v);
	return 0;
}

int scn_check_vars(struct parser *ps, const struct scn_token *t,
		   struct scn_token *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = t->text, *dollar, *name = NULL;
	size_t nlen = 0;
	int found = 0, ret = 0;

	*out = *t;
	while ((dollar = strchr(p, '$'))) {
		long len = scn_var_ref(dollar, &name, &nlen);

		sb_add(&sb, p, dollar - p);
		if (!len) {
			sb_add(&sb, "$", 1);
			p = dollar + 1;
			continue;
		}
		ret = check_ref(ps, t, dollar, len, name, nlen, &sb);
		if (ret)
			break;
		found = 1;
		p = dollar + len;
	}
	if (!ret && found) {
		sb_puts(&sb, p);
		out->text = scn_pstrdup(ps, sb.buf);
		out->len = sb.len;
	}
	sb_release(&sb);
	return ret ? ret : found;
}

int scn_declare_var(struct parser *ps, const struct scn_token *t,
		    const char **name)
{
	const char *s = t->text;
	struct var_decl *v;

	if (t->quoted || !is_name_start(*s) || strspn(s, "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != t->len)
		return scn_perr(ps, "invalid variable name '%s' (use letters, digits and '_')",
				s);
	v = scn_find_var(ps, s);
	if (v) {
		*name = v->name;
		return 0;
	}
	ps->vars = scn_grow(ps->vars, &ps->cvars, ps->nvars + 1,
			    sizeof(*ps->vars));
	v = &ps->vars[ps->nvars++];
	v->name = scn_pstrdup(ps, s);
	v->line = ps->line;
	*name = v->name;
	return 0;
}

int scn_subst(const char *tmpl, scn_var_fn *value, void *arg,
	      struct strbuf *out, struct strbuf *why)
{
	const char *p = tmpl, *dollar, *name = NULL;
	size_t nlen = 0;
	s64 v;
	int err;

	while ((dollar = strchr(p, '$'))) {
		long len = scn_var_ref(dollar, &name, &nlen);

		sb_add(out, p, dollar - p);
		if (len <= 0) {
			sb_add(out, "$", 1);
			p = dollar + 1;
			continue;
		}
		err = value(arg, name, nlen, &v, why);
		if (err)
			return err;
		sb_printf(out, "%lld", (long long)v);
		p = dollar + len;
	}
	sb_puts(out, p);
	return 0;
}
