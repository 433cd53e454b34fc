// SPDX-License-Identifier: GPL-2.0
/*
 * What scenario statements refer to: cgroup paths, file paths and file
 * targets (TARGET[:KEY]), and the processes, regions, pins and open files
 * declared by earlier statements.
 */
#include "parser_internal.h"

#include <string.h>

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
int get_cgroup(struct parser *ps, const struct scn_token *t,
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
int get_file_path(struct parser *ps, const struct scn_token *t,
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

struct fd_decl *find_fd(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nfds; i++)
		if (!strcmp(ps->fds[i].name, name))
			return &ps->fds[i];
	return NULL;
}

const char *suggest_fd(struct parser *ps, const char *name)
{
	struct suggest s;
	size_t i;

	suggest_init(&s, name);
	for (i = 0; i < ps->nfds; i++)
		suggest_try(&s, ps->fds[i].name);
	return s.best;
}

struct proc_decl *find_proc(struct parser *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->nprocs; i++)
		if (!strcmp(ps->procs[i].name, name))
			return &ps->procs[i];
	return NULL;
}

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

int get_target(struct parser *ps, const struct scn_token *t,
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

struct proc_decl *get_proc(struct parser *ps, const struct scn_token *t)
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
int new_proc_name(struct parser *ps, const struct scn_token *t,
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

struct proc_decl *add_proc(struct parser *ps, const char *name)
{
	struct proc_decl *p;

	ps->procs = parser_grow(ps->procs, &ps->cprocs, ps->nprocs + 1,
				sizeof(*ps->procs));
	p = &ps->procs[ps->nprocs++];
	memset(p, 0, sizeof(*p));
	p->name = name;
	return p;
}

struct region_decl *find_region(struct proc_decl *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nregions; i++)
		if (!strcmp(p->regions[i].name, name))
			return &p->regions[i];
	return NULL;
}

struct region_decl *get_region(struct parser *ps, struct proc_decl *p,
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

struct region_decl *add_region(struct proc_decl *p, const char *name)
{
	struct region_decl *r;

	p->regions = parser_grow(p->regions, &p->cregions, p->nregions + 1,
				 sizeof(*p->regions));
	r = &p->regions[p->nregions++];
	r->name = name;
	r->size = SIZE_UNKNOWN;
	r->size_text = NULL;
	return r;
}

void del_region(struct proc_decl *p, struct region_decl *r)
{
	*r = p->regions[--p->nregions];
}

int find_pin(struct proc_decl *p, const char *name)
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
int get_range(struct parser *ps, const struct scn_token *off,
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
