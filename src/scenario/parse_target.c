// SPDX-License-Identifier: GPL-2.0
/*
 * What scenario statements refer to: cgroup paths, file paths, file
 * targets (TARGET[:KEY]) and ranges.  A private helper of the parser, on
 * top of parse_util.c.
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
int scn_get_cgroup(struct parser *ps, const struct scn_token *t,
		   const char **out)
{
	const char *s = t->text, *rest = strip_cgroup_mount(s);
	size_t n;

	if (rest)
		s = rest;
	if (!*s || !strcmp(s, "/")) {
		if (!t->len)
			return scn_perr(ps, "empty cgroup path");
		*out = "/";
		return 0;
	}
	if (*s == '/')
		return scn_perr(ps, "cgroup path '%s' must be relative to the cgroup root (write '%s')",
				t->text, s + strspn(s, "/"));
	if (!components_ok(s, true))
		return scn_perr(ps, "invalid cgroup path '%s'", t->text);
	n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	*out = scn_pstrndup(ps, s, n);
	return 0;
}

/* An absolute file path for process actions: /data/f1, /dev/shm/s1. */
int scn_get_file_path(struct parser *ps, const struct scn_token *t,
		      const char **out)
{
	if (t->text[0] != '/')
		return scn_perr(ps, "file path '%s' must be absolute", t->text);
	if (!t->text[1] || t->text[t->len - 1] == '/')
		return scn_perr(ps, "'%s' is a directory, not a file", t->text);
	if (!components_ok(t->text + 1, false))
		return scn_perr(ps, "invalid file path '%s'", t->text);
	*out = scn_pstrdup(ps, t->text);
	return 0;
}

/* KEY or KEY.FIELD after the colon. */
static int target_key(struct parser *ps, const struct scn_token *t,
		      const char *key, struct scn_target *tg)
{
	const char *dot = strchr(key, '.');

	if (!*key)
		return scn_perr(ps, "missing key after ':' in '%s'", t->text);
	if (!dot) {
		tg->key = scn_pstrdup(ps, key);
		return 0;
	}
	if (dot == key || !dot[1])
		return scn_perr(ps, "invalid key '%s' in '%s' (expected KEY or KEY.FIELD)",
				key, t->text);
	tg->key = scn_pstrndup(ps, key, dot - key);
	tg->field = scn_pstrdup(ps, dot + 1);
	return 0;
}

static int target_fd(struct parser *ps, const char *name,
		     struct scn_target *tg)
{
	if (scn_find_fd(ps, name) || ps->instance) {
		tg->kind = SCN_TARGET_FD;
		tg->fd = scn_pstrdup(ps, name);
		return 0;
	}
	if (scn_find_proc(ps, name))
		return scn_perr(ps, "'%s' is a process, not an open file", name);
	return scn_perr_hint(ps, scn_suggest_fd(ps, name),
			     "'%s' is neither a file path nor an open file name",
			     name);
}

/* A file of the cgroup tree, @s relative to its root. */
static int target_cgroup(struct parser *ps, const char *text, const char *s,
			 struct scn_target *tg)
{
	const char *slash;

	if (!*s || s[strlen(s) - 1] == '/')
		return scn_perr(ps, "'%s' is a directory, not a file", text);
	if (!components_ok(s, false))
		return scn_perr(ps, "invalid path '%s'", text);
	slash = strrchr(s, '/');
	tg->kind = SCN_TARGET_CGROUP;
	tg->path = scn_pstrdup(ps, s);
	tg->cgroup = slash ? scn_pstrndup(ps, s, slash - s) : "/";
	tg->file = scn_pstrdup(ps, slash ? slash + 1 : s);
	return 0;
}

/*
 * /proc/NAME/FILE where NAME is a process of the scenario: that process's
 * FILE, whatever its pid.  Anything else under /proc is a plain path.
 */
static bool target_proc(struct parser *ps, const char *s,
			struct scn_target *tg)
{
	const char *name = s + strlen("/proc/"), *slash;

	if (strncmp(s, "/proc/", strlen("/proc/")))
		return false;
	slash = strchr(name, '/');
	if (!slash || strchr(slash + 1, '/'))
		return false;
	tg->proc = scn_pstrndup(ps, name, slash - name);
	if (!scn_find_proc(ps, tg->proc)) {
		tg->proc = NULL;
		return false;
	}
	tg->kind = SCN_TARGET_PROC;
	tg->path = scn_pstrdup(ps, slash + 1);
	return true;
}

static int target_abs(struct parser *ps, const char *text, const char *s,
		      struct scn_target *tg)
{
	if (!s[1] || s[strlen(s) - 1] == '/')
		return scn_perr(ps, "'%s' is a directory, not a file", text);
	if (!components_ok(s + 1, false))
		return scn_perr(ps, "invalid path '%s'", text);
	if (target_proc(ps, s, tg))
		return 0;
	tg->kind = SCN_TARGET_ABS;
	tg->path = scn_pstrdup(ps, s);
	return 0;
}

int scn_get_target(struct parser *ps, const struct scn_token *t,
		   unsigned int flags, struct scn_target *tg)
{
	const char *colon = strrchr(t->text, ':');
	const char *name, *rest;
	int ret;

	memset(tg, 0, sizeof(*tg));
	tg->text = scn_pstrdup(ps, t->text);
	if (colon && !(flags & TGT_KEY))
		return scn_perr(ps, "a :KEY selector is not allowed here ('%s')",
				t->text);
	name = colon ? scn_pstrndup(ps, t->text, colon - t->text) : tg->text;
	if (colon) {
		ret = target_key(ps, t, colon + 1, tg);
		if (ret)
			return ret;
	}
	if (!*name)
		return scn_perr(ps, "missing file name in '%s'", t->text);
	/* Cgroup files all have a '.', so a bare name is an open file. */
	if (scn_is_name(ps, name) && (flags & TGT_FD))
		return target_fd(ps, name, tg);
	if (scn_is_name(ps, name))
		return scn_perr(ps, "'%s' is not a file path", name);
	rest = strip_cgroup_mount(name);
	if (rest)
		return target_cgroup(ps, t->text, rest, tg);
	if (*name == '/')
		return target_abs(ps, t->text, name, tg);
	return target_cgroup(ps, t->text, name, tg);
}

/*
 * [OFFSET LENGTH] of a region (@r) or a file (@r NULL).  @off NULL means
 * no range was given.
 */
int scn_get_range(struct parser *ps, const struct scn_token *off,
		  const struct region_decl *r, struct scn_range *rg)
{
	int ret;

	memset(rg, 0, sizeof(*rg));
	rg->whole = !off;
	if (!off)
		return 0;
	ret = scn_get_size(ps, off, &rg->offset);
	if (!ret)
		ret = scn_get_positive_size(ps, off + 1, "length", &rg->length);
	if (ret)
		return ret;
	if (!r || r->size == SIZE_UNKNOWN || scn_deferred(ps, off->text) ||
	    scn_deferred(ps, off[1].text))
		return 0;
	if (rg->length > r->size || rg->offset > r->size - rg->length)
		return scn_perr(ps, "range %s+%s is beyond the end of region '%s' (%s)",
				off->text, off[1].text, r->name, r->size_text);
	return 0;
}
