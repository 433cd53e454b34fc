// SPDX-License-Identifier: GPL-2.0
/*
 * Interface files by registration (fs/kernfs/dir.c and file.c, fs/proc,
 * sysfs, debugfs): the owners of state register tables of struct cftype
 * rows for directories, this file routes a path to a row and runs its
 * handlers.  It names no subsystem and no table.
 *
 * Two kinds of directory: a plain one has a fixed absolute path (/proc,
 * /proc/sys/vm, /sys/module/zswap/parameters, ...); a mount resolves the
 * directories below it through its owner's kernfs_dir_ops (/proc/PID, and
 * the cgroup2 hierarchy, which the model mounts at the root of every path
 * outside /proc and /sys).  A mount's directory shows a table when the
 * owner says so (a controller's files where the controller is enabled),
 * filtered by the row's ONLY_ON_ROOT / NOT_ON_ROOT flags, as
 * cgroup_addrm_files() does.  When a directory goes its open files are
 * released at once and later calls fail with ENODEV, as kernfs drains them.
 *
 * Differences: the kernel builds a node per file; here a directory is a
 * list of tables, looked up row by row on every open.  Only cgroup
 * directories can be listed.
 */
#include "include/kernfs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"

/* One registered table. */
struct kernfs_set {
	struct list_head list;		/* in kernfs_dir.sets, in order */
	const struct cftype *cfts;
	int tag;
};

struct kernfs_dir {
	struct list_head list;		/* in kernfs_root.dirs */
	char *path;			/* absolute, or "" for the root mount */
	enum kernfs_kind kind;
	const struct kernfs_dir_ops *ops;	/* NULL: a plain directory */
	struct list_head sets;
};

struct kernfs_root {
	struct list_head dirs;		/* in registration order */
};

/* ---- the registry ---- */

static struct kernfs_root *kernfs_root_get(struct machine *m)
{
	if (!m->kernfs) {
		m->kernfs = calloc(1, sizeof(*m->kernfs));
		if (m->kernfs)
			INIT_LIST_HEAD(&m->kernfs->dirs);
	}
	return m->kernfs;
}

/* The plain directory @path (@ops NULL) or the mount of @ops. */
static struct kernfs_dir *dir_find(struct machine *m, const char *path,
				   const struct kernfs_dir_ops *ops)
{
	struct kernfs_dir *dir;

	if (!m->kernfs)
		return NULL;
	list_for_each_entry(dir, &m->kernfs->dirs, list)
		if (ops ? dir->ops == ops : !dir->ops && !strcmp(dir->path, path))
			return dir;
	return NULL;
}

static struct kernfs_dir *dir_new(struct machine *m, const char *path,
				  enum kernfs_kind kind,
				  const struct kernfs_dir_ops *ops)
{
	struct kernfs_root *root = kernfs_root_get(m);
	struct kernfs_dir *dir;

	if (!root)
		return NULL;
	dir = calloc(1, sizeof(*dir));
	if (!dir)
		return NULL;
	dir->path = strdup(path);
	if (!dir->path) {
		free(dir);
		return NULL;
	}
	dir->kind = kind;
	dir->ops = ops;
	INIT_LIST_HEAD(&dir->sets);
	list_add_tail(&dir->list, &root->dirs);
	return dir;
}

static void dir_free(struct kernfs_dir *dir)
{
	struct kernfs_set *set, *n;

	list_for_each_entry_safe(set, n, &dir->sets, list)
		free(set);
	list_del(&dir->list);
	free(dir->path);
	free(dir);
}

static struct kernfs_set *set_find(struct kernfs_dir *dir,
				   const struct cftype *cfts)
{
	struct kernfs_set *set;

	list_for_each_entry(set, &dir->sets, list)
		if (set->cfts == cfts)
			return set;
	return NULL;
}

/* Does a table of @dir have a row named as one of @cfts's? */
static bool names_clash(struct kernfs_dir *dir, const struct cftype *cfts)
{
	const struct cftype *cft, *old;
	struct kernfs_set *set;

	list_for_each_entry(set, &dir->sets, list)
		for (old = set->cfts; old->name; old++)
			for (cft = cfts; cft->name; cft++)
				if (!strcmp(cft->name, old->name))
					return true;
	return false;
}

static int dir_add_files(struct kernfs_dir *dir, int tag,
			 const struct cftype *cfts)
{
	struct kernfs_set *set;

	if (set_find(dir, cfts))
		return 0;
	if (names_clash(dir, cfts))
		return -EEXIST;
	set = calloc(1, sizeof(*set));
	if (!set)
		return -ENOMEM;
	set->cfts = cfts;
	set->tag = tag;
	list_add_tail(&set->list, &dir->sets);
	return 0;
}

int kernfs_create_files(struct machine *m, const char *path,
			enum kernfs_kind kind, const struct cftype *cfts)
{
	struct kernfs_dir *dir = dir_find(m, path, NULL);

	if (!dir)
		dir = dir_new(m, path, kind, NULL);
	if (!dir)
		return -ENOMEM;
	return dir_add_files(dir, 0, cfts);
}

static void of_release(struct kernfs_open_file *of);

/* Release the open files @match picks and make their later calls ENODEV. */
static void kill_open_files(struct machine *m,
			    bool (*match)(struct kernfs_open_file *of,
					  const void *what),
			    const void *what)
{
	struct kernfs_open_file *of;

	list_for_each_entry(of, &m->open_files, list) {
		if (of->removed || !match(of, what))
			continue;
		of_release(of);
		of->removed = true;
	}
}

static bool of_in_table(struct kernfs_open_file *of, const void *cfts)
{
	const struct cftype *cft;

	for (cft = cfts; cft->name; cft++)
		if (of->cft == cft)
			return true;
	return false;
}

void kernfs_remove_files(struct machine *m, const char *path,
			 const struct cftype *cfts)
{
	struct kernfs_dir *dir = dir_find(m, path, NULL);
	struct kernfs_set *set = dir ? set_find(dir, cfts) : NULL;

	if (!set)
		return;
	kill_open_files(m, of_in_table, cfts);
	list_del(&set->list);
	free(set);
}

/* Register @cfts in the directory @pre@name@post. */
static int create_files_in(struct machine *m, enum kernfs_kind kind,
			   const struct cftype *cfts, const char *pre,
			   const char *name, const char *post)
{
	char path[256];
	int len = snprintf(path, sizeof(path), "%s%s%s", pre, name, post);

	if (len < 0 || len >= (int)sizeof(path))
		return -ENAMETOOLONG;
	return kernfs_create_files(m, path, kind, cfts);
}

int proc_create_files(struct machine *m, const struct cftype *cfts)
{
	return kernfs_create_files(m, "/proc", KF_PROC, cfts);
}

int register_sysctl(struct machine *m, const char *path,
		    const struct cftype *cfts)
{
	return create_files_in(m, KF_SYSCTL, cfts, "/proc/sys/", path, "");
}

int module_param_files(struct machine *m, const char *mod,
		       const struct cftype *cfts)
{
	return create_files_in(m, KF_PROC, cfts, "/sys/module/", mod,
			       "/parameters");
}

int debugfs_create_files(struct machine *m, const char *dir,
			 const struct cftype *cfts)
{
	if (!dir)
		return kernfs_create_files(m, "/sys/kernel/debug", KF_PROC, cfts);
	return create_files_in(m, KF_PROC, cfts, "/sys/kernel/debug/", dir, "");
}

int kernfs_mount(struct machine *m, const char *at, enum kernfs_kind kind,
		 const struct kernfs_dir_ops *ops)
{
	struct kernfs_dir *dir;

	if (dir_find(m, NULL, ops))
		return 0;
	if (m->kernfs)
		list_for_each_entry(dir, &m->kernfs->dirs, list)
			if (dir->ops && !strcmp(dir->path, at))
				return -EBUSY;
	return dir_new(m, at, kind, ops) ? 0 : -ENOMEM;
}

int kernfs_mount_add_files(struct machine *m, const struct kernfs_dir_ops *ops,
			   int tag, const struct cftype *cfts)
{
	struct kernfs_dir *dir = dir_find(m, NULL, ops);

	return dir ? dir_add_files(dir, tag, cfts) : -ENOENT;
}

/* ---- lookup ---- */

static const struct cftype *cft_find(const struct cftype *files,
				     const char *name, bool on_root)
{
	const struct cftype *cft;

	for (cft = files; cft && cft->name; cft++) {
		if (strcmp(cft->name, name))
			continue;
		if ((cft->flags & CFTYPE_NOT_ON_ROOT) && on_root)
			return NULL;
		if ((cft->flags & CFTYPE_ONLY_ON_ROOT) && !on_root)
			return NULL;
		return cft;
	}
	return NULL;
}

static bool node_is_root(const struct kernfs_dir *dir, void *node)
{
	return !dir->ops || !dir->ops->is_root || dir->ops->is_root(node);
}

/* Does directory @node of @dir show the table @set?  Its context too. */
static bool node_shows(const struct kernfs_dir *dir, void *node,
		       const struct kernfs_set *set, void **ctx)
{
	*ctx = NULL;
	return !dir->ops || !dir->ops->shows ||
	       dir->ops->shows(node, set->tag, ctx);
}

static const struct cftype *file_find(const struct kernfs_dir *dir,
				      void *node, const char *name, void **ctx)
{
	bool root = node_is_root(dir, node);
	const struct kernfs_set *set;
	const struct cftype *cft;

	list_for_each_entry(set, &dir->sets, list) {
		if (!node_shows(dir, node, set, ctx))
			continue;
		cft = cft_find(set->cfts, name, root);
		if (cft)
			return cft;
	}
	return NULL;
}

/* The path of @dirpath strictly below mount point @at, or NULL. */
static const char *below(const char *dirpath, const char *at)
{
	size_t len = strlen(at);

	if (!len || strncmp(dirpath, at, len) || dirpath[len] != '/')
		return NULL;
	return dirpath + len + 1;
}

/* The mount of the cgroup2 hierarchy: every path outside /proc and /sys. */
static struct kernfs_dir *root_mount(struct machine *m)
{
	struct kernfs_dir *dir;

	if (!m->kernfs)
		return NULL;
	list_for_each_entry(dir, &m->kernfs->dirs, list)
		if (dir->ops && !dir->path[0])
			return dir;
	return NULL;
}

static bool in_abs_tree(const char *path)
{
	return !strncmp(path, "/proc/", 6) || !strncmp(path, "/sys/", 5);
}

/* ---- open files ---- */

static struct kernfs_open_file *of_alloc(struct machine *m,
					 const struct kernfs_dir *dir,
					 const struct cftype *cft,
					 unsigned int flags)
{
	struct kernfs_open_file *of = calloc(1, sizeof(*of));

	if (!of)
		return NULL;
	of->machine = m;
	of->dir = dir;
	of->kind = dir->kind;
	of->cft = cft;
	of->flags = flags;
	INIT_LIST_HEAD(&of->list);
	return of;
}

/* Open file @name of directory @node (NULL: a plain one) of @dir. */
static int open_in(struct machine *m, const struct kernfs_dir *dir,
		   void *node, const char *name, unsigned int flags,
		   struct kernfs_open_file **ofp)
{
	const struct cftype *cft;
	void *ctx;

	cft = file_find(dir, node, name, &ctx);
	if (!cft)
		return -ENOENT;
	*ofp = of_alloc(m, dir, cft, flags);
	if (!*ofp)
		return -ENOMEM;
	(*ofp)->data = node;
	(*ofp)->ctx = ctx;
	if (dir->ops && dir->ops->open)
		dir->ops->open(*ofp);
	return 0;
}

/* @dirpath/@name in /proc or /sys: a plain directory, else a mount's. */
static int open_abs(struct machine *m, const char *dirpath, const char *name,
		    unsigned int flags, struct kernfs_open_file **ofp)
{
	struct kernfs_dir *dir = dir_find(m, dirpath, NULL);
	const char *rest;
	void *node;
	int err;

	if (dir) {
		err = open_in(m, dir, NULL, name, flags, ofp);
		if (err != -ENOENT)
			return err;
	}
	if (!m->kernfs)
		return -ENOENT;
	list_for_each_entry(dir, &m->kernfs->dirs, list) {
		if (!dir->ops || !(rest = below(dirpath, dir->path)))
			continue;
		node = dir->ops->lookup(m, rest);
		if (node)
			return open_in(m, dir, node, name, flags, ofp);
	}
	return -ENOENT;
}

/* @dirpath/@name relative to the root mount. */
static int open_rel(struct machine *m, const char *dirpath, const char *name,
		    unsigned int flags, struct kernfs_open_file **ofp)
{
	struct kernfs_dir *dir = root_mount(m);
	void *node = dir ? dir->ops->lookup(m, dirpath) : NULL;

	if (!node)
		return -ENOENT;
	return open_in(m, dir, node, name, flags, ofp);
}

/* Split @path at its last '/': the directory (no trailing '/') and name. */
static char *split_path(const char *path, const char **name)
{
	char *dir = strdup(path);
	char *slash;

	if (!dir)
		return NULL;
	slash = strrchr(dir, '/');
	if (!slash) {
		*name = path;
		dir[0] = '\0';
		return dir;
	}
	*name = path + (slash - dir) + 1;
	*slash = '\0';
	return dir;
}

static bool is_rel_dir(struct machine *m, const char *path)
{
	struct kernfs_dir *dir = root_mount(m);

	return dir && dir->ops->lookup(m, path);
}

bool kernfs_file_exists(struct machine *m, const char *path)
{
	struct kernfs_dir *dir = root_mount(m);
	const struct cftype *cft = NULL;
	const char *name;
	void *node, *ctx;
	char *dirpath;

	while (*path == '/')
		path++;
	dirpath = dir ? split_path(path, &name) : NULL;
	if (!dirpath)
		return false;
	node = dir->ops->lookup(m, dirpath);
	if (node)
		cft = file_find(dir, node, name, &ctx);
	free(dirpath);
	return cft;
}

int kernfs_open(struct machine *m, const char *path, unsigned int flags,
		struct kernfs_open_file **ofp)
{
	bool abs = in_abs_tree(path);
	const char *name;
	char *dir;
	int err;

	if (!abs) {
		while (*path == '/')
			path++;
		if (is_rel_dir(m, path))
			return -EISDIR;
	}
	dir = split_path(path, &name);
	if (!dir)
		return -ENOMEM;
	err = abs ? open_abs(m, dir, name, flags, ofp)
		  : open_rel(m, dir, name, flags, ofp);
	free(dir);
	if (err)
		return err;
	if ((*ofp)->cft->open) {
		err = (*ofp)->cft->open(*ofp);
		if (err) {
			kernfs_close(*ofp);
			return err;
		}
	}
	list_add_tail(&(*ofp)->list, &m->open_files);
	return 0;
}

/* 0 while the file exists, else the errno its calls get. */
static int of_gone(const struct kernfs_open_file *of)
{
	if (of->removed)
		return -ENODEV;
	if (of->dir->ops && of->dir->ops->gone)
		return of->dir->ops->gone((struct kernfs_open_file *)of);
	return 0;
}

/* The errno for an operation the file has no handler for. */
static int no_handler_errno(const struct kernfs_open_file *of, bool write)
{
	switch (of->kind) {
	case KF_SYSCTL:
		return -EACCES;		/* sysctl_perm() on a 0200/0444 file */
	case KF_PROC:
		/* proc_ops files (meminfo) fail in pde_write() */
		return write ? -EIO : -EACCES;
	default:
		/* /proc/PID files have no write method at all */
		return -EINVAL;
	}
}

/*
 * A binary file read through as a program reads it: read(2) after read(2)
 * of BIN_CHUNK bytes until one returns 0 or an error.  A file larger than
 * BIN_READ_MAX (a process's whole /proc/PID/pagemap) is read that far,
 * where the kernel backend's executor stops too.
 */
#define BIN_CHUNK	16384
#define BIN_READ_MAX	(64u << 20)

static int read_binary(struct kernfs_open_file *of, struct strbuf *sb)
{
	char *buf = malloc(BIN_CHUNK);
	u64 pos = 0;
	long n = 0;

	if (!buf)
		return -ENOMEM;
	while (pos < BIN_READ_MAX) {
		n = of->cft->read(of, buf, BIN_CHUNK, pos);
		if (n <= 0)
			break;
		sb_add(sb, buf, n);
		pos += n;
	}
	free(buf);
	return n < 0 ? (int)n : 0;
}

int kernfs_read(struct kernfs_open_file *of, struct strbuf *sb)
{
	int err = of_gone(of);

	if (err)
		return err;
	if (!of->cft->seq_show)
		return of->cft->read ? read_binary(of, sb) :
				       no_handler_errno(of, false);
	return of->cft->seq_show(of, sb);
}

long kernfs_pread(struct kernfs_open_file *of, void *buf, size_t count,
		  u64 pos)
{
	int err = of_gone(of);

	if (err)
		return err;
	if (!of->cft->read)
		return no_handler_errno(of, false);
	return of->cft->read(of, buf, count, pos);
}

/* kernfs and sysctl return at once for a zero-length write; proc files
 * hand the empty buffer to their parser */
static bool writes_empty(const struct kernfs_open_file *of)
{
	return of->kind == KF_PROC || of->kind == KF_PROC_PID;
}

long kernfs_write(struct kernfs_open_file *of, const char *buf, size_t len)
{
	long ret;
	char *copy;

	/*
	 * cgroup files take a write whole or not at all: their kf_ops have
	 * atomic_write_len = PAGE_SIZE, checked before anything else.
	 */
	if (of->kind == KF_CGROUP && len > PAGE_SIZE)
		return -E2BIG;
	ret = of_gone(of);
	if (ret)
		return ret;
	if (!of->cft->write)
		return no_handler_errno(of, true);
	if (!len && !writes_empty(of))
		return 0;
	copy = malloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, buf, len);
	copy[len] = '\0';
	ret = of->cft->write(of, copy, len);
	free(copy);
	return ret;
}

static void of_release(struct kernfs_open_file *of)
{
	if (of->cft->release && !of_gone(of))
		of->cft->release(of);
	if (!of->removed && of->dir->ops && of->dir->ops->release)
		of->dir->ops->release(of);
}

void kernfs_close(struct kernfs_open_file *of)
{
	of_release(of);
	if (of->list.next)
		list_del(&of->list);
	free(of);
}

static bool of_of_node(struct kernfs_open_file *of, const void *node)
{
	return of->data == node || of->ctx == node;
}

void kernfs_node_removed(struct machine *m, void *node)
{
	kill_open_files(m, of_of_node, node);
}

void kernfs_release_all(struct machine *m)
{
	struct kernfs_open_file *of, *n;
	struct kernfs_dir *dir, *dn;

	list_for_each_entry_safe(of, n, &m->open_files, list)
		kernfs_close(of);
	if (!m->kernfs)
		return;
	list_for_each_entry_safe(dir, dn, &m->kernfs->dirs, list)
		dir_free(dir);
	free(m->kernfs);
	m->kernfs = NULL;
}

int kernfs_read_path(struct machine *m, const char *path, struct strbuf *sb)
{
	struct kernfs_open_file *of;
	int err = kernfs_open(m, path, 0, &of);

	if (err)
		return err;
	err = kernfs_read(of, sb);
	kernfs_close(of);
	return err;
}

long kernfs_write_path(struct machine *m, const char *path, const char *buf,
		       size_t len)
{
	struct kernfs_open_file *of;
	long ret = kernfs_open(m, path, 0, &of);

	if (ret)
		return ret;
	ret = kernfs_write(of, buf, len);
	kernfs_close(of);
	return ret;
}

/* ---- listing ---- */

static void list_files(struct strbuf *sb, const struct cftype *files,
		       bool on_root)
{
	const struct cftype *cft;

	for (cft = files; cft && cft->name; cft++)
		if (cft_find(files, cft->name, on_root) == cft)
			sb_printf(sb, "%s\n", cft->name);
}

int kernfs_list(struct machine *m, const char *path, struct strbuf *sb)
{
	struct kernfs_dir *dir = root_mount(m);
	const struct kernfs_set *set;
	void *node, *ctx;
	bool root;

	while (*path == '/')
		path++;
	node = dir ? dir->ops->lookup(m, path) : NULL;
	if (!node)
		return -ENOENT;
	root = node_is_root(dir, node);
	if (dir->ops->list)
		dir->ops->list(node, sb);
	list_for_each_entry(set, &dir->sets, list)
		if (node_shows(dir, node, set, &ctx))
			list_files(sb, set->cfts, root);
	return 0;
}
