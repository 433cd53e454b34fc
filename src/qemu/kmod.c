// SPDX-License-Identifier: GPL-2.0
/*
 * Module resolution for the guest (kmod.h), as modprobe does it from
 * modules.dep: a line "kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz
 * ..." lists the modules ext4 needs; each of those is loaded first, with
 * its own dependencies before it.  Names compare with '-' and '_' equal.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "qemu/initramfs.h"
#include "qemu/kmod.h"
#include "qemu/spawn.h"

#define KMOD_DEPTH	16
#define XZ_TIMEOUT_MS	60000

struct kmod_db {
	const char *dir;
	struct strbuf dep, builtin;
};

/* "kernel/fs/ext4/ext4.ko.xz" -> "ext4" with '-' as '_'. */
static void module_name(const char *path, size_t len, char *out, size_t n)
{
	const char *base = path, *p;
	size_t i, blen;

	for (p = path; p < path + len; p++)
		if (*p == '/')
			base = p + 1;
	blen = path + len - base;
	for (p = base; p + 3 <= base + blen; p++)
		if (!strncmp(p, ".ko", 3))
			break;
	blen = p + 3 <= base + blen ? (size_t)(p - base) : blen;
	for (i = 0; i < blen && i < n - 1; i++)
		out[i] = base[i] == '-' ? '_' : base[i];
	out[i] = '\0';
}

static void normalize(const char *name, char *out, size_t n)
{
	module_name(name, strlen(name), out, n);
}

/* The line of modules.builtin or modules.dep whose module is name. */
static const char *find_line(const struct strbuf *sb, const char *name)
{
	const char *p = sb->buf, *end;
	char this[64];

	while (p && *p) {
		end = p + strcspn(p, ":\n");
		module_name(p, end - p, this, sizeof(this));
		if (!strcmp(this, name))
			return p;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

static int in_set(const struct kmod_set *set, const char *name)
{
	char this[64];
	int i;

	for (i = 0; i < set->nr; i++) {
		normalize(set->name[i], this, sizeof(this));
		if (!strcmp(this, name))
			return 1;
	}
	return 0;
}

static int add_one(struct kmod_db *db, const char *name,
		   struct kmod_set *set, int depth, char *err, size_t n);

/* Each dependency on the line, last first, as modprobe loads them. */
static int add_deps(struct kmod_db *db, const char *deps, size_t len,
		    struct kmod_set *set, int depth, char *err, size_t n)
{
	char name[64];
	const char *p = deps + len;
	size_t wlen;

	while (p > deps) {
		while (p > deps && p[-1] == ' ')
			p--;
		wlen = 0;
		while (p > deps && p[-1] != ' ') {
			p--;
			wlen++;
		}
		if (!wlen)
			break;
		module_name(p, wlen, name, sizeof(name));
		if (add_one(db, name, set, depth + 1, err, n))
			return -1;
	}
	return 0;
}

static int append(struct kmod_db *db, const char *line, size_t plen,
		  const char *name, struct kmod_set *set, char *err, size_t n)
{
	char file[60];

	if (set->nr == KMOD_MAX) {
		snprintf(err, n, "module %s: more than %d modules", name,
			 KMOD_MAX);
		return -1;
	}
	snprintf(set->path[set->nr], sizeof(set->path[0]), "%s/%.*s", db->dir,
		 (int)plen, line);
	module_name(line, plen, file, sizeof(file));
	snprintf(set->name[set->nr], sizeof(set->name[0]), "%s.ko", file);
	set->nr++;
	return 0;
}

static int add_one(struct kmod_db *db, const char *name,
		   struct kmod_set *set, int depth, char *err, size_t n)
{
	const char *line, *colon, *eol;

	if (in_set(set, name) || find_line(&db->builtin, name))
		return 0;
	if (depth > KMOD_DEPTH) {
		snprintf(err, n, "module %s: dependencies nest too deep", name);
		return -1;
	}
	line = find_line(&db->dep, name);
	if (!line) {
		snprintf(err, n, "module %s: neither in %s/modules.dep nor "
			 "built in", name, db->dir);
		return -1;
	}
	colon = line + strcspn(line, ":\n");
	eol = colon + strcspn(colon, "\n");
	if (*colon == ':' &&
	    add_deps(db, colon + 1, eol - colon - 1, set, depth, err, n))
		return -1;
	return append(db, line, colon - line, name, set, err, n);
}

static int load_db(struct kmod_db *db, const char *dir, char *err, size_t n)
{
	char path[512];
	int ret;

	db->dir = dir;
	sb_init(&db->dep);
	sb_init(&db->builtin);
	snprintf(path, sizeof(path), "%s/modules.dep", dir);
	ret = read_host_file(path, &db->dep);
	if (ret) {
		snprintf(err, n, "%s: %s", path, strerror(-ret));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/modules.builtin", dir);
	read_host_file(path, &db->builtin);	/* absent: nothing built in */
	sb_add(&db->dep, "", 0);
	sb_add(&db->builtin, "", 0);
	return 0;
}

int kmod_resolve(const char *moddir, const char *const names[], int nr,
		 struct kmod_set *set, char *err, size_t n)
{
	struct kmod_db db;
	char name[64];
	int i, ret = 0;

	if (load_db(&db, moddir, err, n))
		return -1;
	for (i = 0; i < nr && !ret; i++) {
		normalize(names[i], name, sizeof(name));
		ret = add_one(&db, name, set, 0, err, n);
	}
	sb_release(&db.dep);
	sb_release(&db.builtin);
	return ret;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

int kmod_read(const char *path, struct strbuf *out, char *err, size_t n)
{
	char *argv[] = { "xz", "-dc", "--", (char *)path, NULL };
	int ret;

	if (ends_with(path, ".ko.xz"))
		return run_command(argv, XZ_TIMEOUT_MS, out, err, n);
	if (!ends_with(path, ".ko")) {
		snprintf(err, n, "%s: only .ko and .ko.xz modules are "
			 "supported", path);
		return -1;
	}
	ret = read_host_file(path, out);
	if (ret)
		snprintf(err, n, "%s: %s", path, strerror(-ret));
	return ret ? -1 : 0;
}
