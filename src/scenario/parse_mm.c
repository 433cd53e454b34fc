// SPDX-License-Identifier: GPL-2.0
/*
 * The statements and actions that look at and change a process's pages
 * beyond touching them (issue 11): `mount tmpfs`, reads of the binary
 * /proc files by region (pagemap, kpage*), and the actions shmctl,
 * clear_refs, mprotect, uffd and pagemap_scan.  A private helper of the
 * parser, on top of parse_util.c and parse_target.c.
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"

/*
 * WORD[,WORD...] of @names, or a plain integer (so that tests can pass the
 * kernel values it refuses, 0xFFF or -1, as the selftests do).
 */
int scn_get_named_bits(struct parser *ps, const char *text, const char *what,
		       const struct scn_named_bit *names, size_t n, u64 *out)
{
	char *copy = scn_pstrdup(ps, text), *w, *save = NULL;
	size_t k;

	*out = 0;
	if (scn_is_digit(text[0]) || (text[0] == '-' && scn_is_digit(text[1]))) {
		char *end;

		*out = strtoull(text, &end, 0);
		if (!*end)
			return 0;
		return scn_perr(ps, "invalid %s '%s'", what, text);
	}
	if (!n)
		return scn_perr(ps, "%s= takes a number, got '%s'", what, text);
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		for (k = 0; k < n && strcmp(names[k].name, w); k++)
			;
		if (k == n)
			return scn_perr_hint(ps, scn_suggest_names(w, names, n,
								   sizeof(*names)),
					     "unknown %s '%s'", what, w);
		*out |= BIT(names[k].bit);
	}
	return 0;
}

/* ---- mount tmpfs PATH [OPTION...] ---- */

int scn_parse_tmpfs(struct parser *ps, struct scn_stmt *st)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int ret;

	st->kind = SCN_STMT_TMPFS;
	if (ps->n < 3)
		return scn_perr(ps, "usage: mount tmpfs PATH [OPTION...] [=> ERRNO]");
	ret = scn_get_file_path(ps, &ps->tok[2], &st->tmpfs.path);
	for (i = 3; !ret && i < ps->n; i++) {
		if (!ps->tok[i].len || strchr(ps->tok[i].text, ' '))
			ret = scn_perr(ps, "invalid tmpfs option '%s'",
				       ps->tok[i].text);
		sb_printf(&sb, "%s%s", i > 3 ? "," : "", ps->tok[i].text);
	}
	st->tmpfs.options = scn_pstrdup(ps, sb.buf ? sb.buf : "");
	sb_release(&sb);
	return ret;
}

/* ---- read /proc/NAME/pagemap REGION ..., read /proc/kpage* NAME REGION ... ---- */

/* The source a path reads: pagemap (of @proc) or a kpage file; -1 else. */
static int pages_source(struct parser *ps, const struct scn_target *t,
			const char **proc)
{
	const char *path = t->path, *slash;
	int i;

	if (t->kind == SCN_TARGET_PROC && !t->key && !strcmp(path, "pagemap")) {
		*proc = t->proc;	/* a process's /proc/NAME/FILE */
		return SCN_PAGES_PAGEMAP;
	}
	if (t->kind != SCN_TARGET_ABS || t->key || strncmp(path, "/proc/", 6))
		return -1;
	for (i = SCN_PAGES_KPAGEFLAGS; i <= SCN_PAGES_KPAGECGROUP; i++)
		if (!strcmp(path, scn_page_src_files[i]))
			return i;
	slash = strchr(path + 6, '/');
	if (!slash || strcmp(slash, "/pagemap"))
		return -1;
	*proc = scn_pstrndup(ps, path + 6, slash - path - 6);
	return SCN_PAGES_PAGEMAP;
}

/* The words after the file: [NAME] REGION [OFF LEN | bytes POS COUNT]. */
int scn_parse_read_pages(struct parser *ps, struct scn_stmt *st)
{
	const char *proc = NULL;
	int src = pages_source(ps, &st->read.target, &proc);
	size_t at = src == SCN_PAGES_PAGEMAP ? 2 : 3;
	struct region_decl *r;
	struct proc_decl *p;

	if (src < 0)
		return scn_perr(ps, "only /proc/NAME/pagemap and /proc/kpageflags, kpagecount and kpagecgroup are read by region");
	p = src == SCN_PAGES_PAGEMAP ? scn_find_proc(ps, proc) :
					 scn_get_proc(ps, &ps->tok[2]);
	if (!p && src == SCN_PAGES_PAGEMAP)
		return scn_perr(ps, "unknown process '%s'", proc);
	if (!p || ps->n < at + 1)
		return p ? scn_usage(ps) : -EINVAL;
	r = scn_get_region(ps, p, &ps->tok[at]);
	if (!r)
		return -EINVAL;
	st->read.pages.proc = p->name;
	st->read.pages.region = r->name;
	st->read.pages.src = src;
	if (ps->n == at + 4 && scn_tok_is(&ps->tok[at + 1], "bytes")) {
		u64 pos;
		int ret = src != SCN_PAGES_PAGEMAP ?
			  scn_perr(ps, "bytes POS COUNT reads the pagemap only") :
			  scn_get_size(ps, &ps->tok[at + 2], &pos);

		st->read.pages.raw = true;
		st->read.pages.pos = pos;
		return ret ? ret : scn_get_size(ps, &ps->tok[at + 3],
						&st->read.pages.count);
	}
	if (ps->n != at + 1 && ps->n != at + 3)
		return scn_usage(ps);
	return scn_get_range(ps, ps->n == at + 3 ? &ps->tok[at + 1] : NULL, r,
			     &st->read.pages.range);
}

/*
 * read pagemap|kpageflags|kpagecount|kpagecgroup|mincore NAME REGION ...:
 * what the condition of that name counts, read as a one-number file
 * named by the statement's canonical words.
 */
int scn_parse_read_count(struct parser *ps, struct scn_stmt *st)
{
	struct scn_cond *c = scn_palloc(ps, sizeof(*c));
	struct strbuf sb = STRBUF_INIT;
	int src = scn_tok_lookup(&ps->tok[1], scn_page_src_names,
				 ARRAY_SIZE(scn_page_src_names));
	int ret;

	memset(c, 0, sizeof(*c));
	ret = scn_parse_pages_cond(ps, 1, ps->n, src, true, c);
	if (ret)
		return ret;
	st->read.count = c;
	scn_dump_pages_cond(&sb, c, false);
	st->read.target.kind = SCN_TARGET_ABS;
	st->read.target.text = st->read.target.path =
		scn_pstrdup(ps, sb.buf + 1);	/* no leading blank */
	sb_release(&sb);
	return 0;
}

/* ---- actions ---- */

/* NAME: ACTION REGION ...: the region of the acting process. */
static struct region_decl *act_region(struct parser *ps, struct proc_decl *p,
				      size_t i)
{
	if (ps->n <= i) {
		scn_usage(ps);
		return NULL;
	}
	return scn_get_region(ps, p, &ps->tok[i]);
}

int scn_act_shmctl(struct parser *ps, struct scn_stmt *st, struct proc_decl *p)
{
	static const char *const cmds[] = { "lock", "unlock" };
	struct region_decl *r = act_region(ps, p, 1);
	int cmd;

	if (!r)
		return -EINVAL;
	if (ps->n != 3)
		return scn_usage(ps);
	cmd = scn_tok_lookup(&ps->tok[2], cmds, 2);
	if (cmd < 0)
		return scn_perr_choice(ps, ps->tok[2].text, cmds, 2,
				       "unknown shmctl command '%s'",
				       ps->tok[2].text);
	st->action.shmctl.region = r->name;
	st->action.shmctl.lock = cmd == 0;
	return 0;
}

int scn_act_clear_refs(struct parser *ps, struct scn_stmt *st,
		       struct proc_decl *p)
{
	char *end;

	if (ps->n != 2)
		return scn_usage(ps);
	st->action.clear_refs.value = strtoll(ps->tok[1].text, &end, 10);
	if (*end || end == ps->tok[1].text)
		return scn_perr(ps, "clear_refs takes an integer, got '%s'",
				ps->tok[1].text);
	return 0;
}

int scn_act_mprotect(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	static const char *const prots[] = { "none", "read", "write" };
	static const unsigned long bits[] = {
		0, SCN_PROT_READ, SCN_PROT_READ | SCN_PROT_WRITE,
	};
	struct region_decl *r = act_region(ps, p, 1);
	int i;

	if (!r)
		return -EINVAL;
	if (ps->n != 3)
		return scn_usage(ps);
	i = scn_tok_lookup(&ps->tok[2], prots, 3);
	if (i < 0)
		return scn_perr_choice(ps, ps->tok[2].text, prots, 3,
				       "unknown protection '%s'", ps->tok[2].text);
	st->action.mprotect.region = r->name;
	st->action.mprotect.prot = bits[i];
	return 0;
}

/* uffd register REGION [OFF LEN] MODE...: the modes from word @from */
static int uffd_modes(struct parser *ps, size_t from, u64 *bits)
{
	size_t i;
	u64 b;
	int ret;

	for (i = from; i < ps->n; i++) {
		ret = scn_get_named_bits(ps, ps->tok[i].text, "uffd mode",
					 scn_uffd_mode_names,
					 scn_nr_uffd_mode_names, &b);
		if (ret)
			return ret;
		*bits |= b;
	}
	if (!*bits)
		return scn_perr(ps, "uffd register needs a mode: missing, wp or minor");
	return 0;
}

/* REGION [OFF LEN] from word 2; the words after it start at *next. */
static int uffd_range(struct parser *ps, struct scn_action *a,
		      struct proc_decl *p, size_t *next)
{
	struct region_decl *r = act_region(ps, p, 2);
	bool range = ps->n > 4 && scn_is_number_word(&ps->tok[3]) &&
		     scn_is_number_word(&ps->tok[4]);

	if (!r)
		return -EINVAL;
	a->uffd.region = r->name;
	*next = range ? 5 : 3;
	return scn_get_range(ps, range ? &ps->tok[3] : NULL, r, &a->uffd.range);
}

int scn_act_uffd(struct parser *ps, struct scn_stmt *st, struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	size_t i, next;
	u64 b;
	int op, ret;

	if (ps->n < 2)
		return scn_usage(ps);
	op = scn_tok_lookup(&ps->tok[1], scn_uffd_op_names,
			    ARRAY_SIZE(scn_uffd_op_names));
	if (op < 0)
		return scn_perr_choice(ps, ps->tok[1].text, scn_uffd_op_names,
				       ARRAY_SIZE(scn_uffd_op_names),
				       "unknown uffd operation '%s'",
				       ps->tok[1].text);
	a->uffd.op = op;
	if (op == SCN_UFFD_OPEN) {
		for (i = 2; i < ps->n; i++) {
			ret = scn_get_named_bits(ps, ps->tok[i].text,
						 "uffd feature",
						 scn_uffd_feature_names,
						 scn_nr_uffd_feature_names, &b);
			if (ret)
				return ret;
			a->uffd.bits |= b;
		}
		return 0;
	}
	if (op == SCN_UFFD_CLOSE)
		return ps->n == 2 ? 0 : scn_usage(ps);
	ret = uffd_range(ps, a, p, &next);
	if (ret)
		return ret;
	if (op == SCN_UFFD_REGISTER)
		return uffd_modes(ps, next, &a->uffd.bits);
	return next == ps->n ? 0 : scn_usage(ps);
}

/* pagemap_scan's KEY=VALUE options, each at most once */
static const char *const scan_keys[] = {
	"vec", "nullvec", "flags", "max_pages", "mask", "inverted", "anyof",
	"return",
};

static int scan_option(struct parser *ps, struct scn_action *a,
		       const struct scn_token *t, unsigned int *seen)
{
	u64 *cats[] = { &a->scan.mask, &a->scan.inverted, &a->scan.anyof,
			&a->scan.ret_mask };
	const char *val;
	int idx = scn_get_option(ps, t, scan_keys, ARRAY_SIZE(scan_keys),
				 "pagemap_scan option", seen, &val);

	if (idx < 0)
		return idx;
	if (idx <= 1 || idx == 3) {
		u64 *v = idx == 3 ? &a->scan.max_pages : &a->scan.vec_len;

		if ((*seen & BIT(0)) && (*seen & BIT(1)))
			return scn_perr(ps, "vec= and nullvec= exclude each other");
		a->scan.vec |= idx == 0;
		if (scn_deferred(ps, val)) {	/* vec=$n: parsed per run */
			*v = 1;
			return 0;
		}
		return scn_get_named_bits(ps, val, scan_keys[idx], NULL, 0, v);
	}
	if (idx == 2)
		return scn_get_named_bits(ps, val, "pagemap_scan flag",
					  scn_scan_flag_names,
					  scn_nr_scan_flag_names, &a->scan.flags);
	return scn_get_named_bits(ps, val, "page category",
				  scn_scan_category_names,
				  scn_nr_scan_category_names, cats[idx - 4]);
}

int scn_act_pagemap_scan(struct parser *ps, struct scn_stmt *st,
			 struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r = act_region(ps, p, 1);
	bool range = ps->n > 3 && scn_is_number_word(&ps->tok[2]) &&
		     scn_is_number_word(&ps->tok[3]);
	unsigned int seen = 0;
	size_t i;
	int ret;

	if (!r)
		return -EINVAL;
	a->scan.region = r->name;
	ret = scn_get_range(ps, range ? &ps->tok[2] : NULL, r, &a->scan.range);
	for (i = range ? 4 : 2; !ret && i < ps->n; i++)
		ret = scan_option(ps, a, &ps->tok[i], &seen);
	return ret;
}
