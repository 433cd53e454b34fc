// SPDX-License-Identifier: GPL-2.0
/*
 * Path routing for interface files (fs/kernfs/file.c, fs/proc, sysfs).
 *
 * Files are rows of struct cftype tables owned by the code whose state they
 * show.  Cgroup directories are the cgroup tree itself; a controller's files
 * appear in a cgroup when the controller is enabled for it, filtered by the
 * row's ONLY_ON_ROOT / NOT_ON_ROOT flags, as cgroup_addrm_files() does.
 * When a cgroup is removed its open files are released at once and later
 * reads fail with ENODEV, as kernfs drains them.
 */
#include "include/kernfs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/memcontrol.h"
#include "mm/slab.h"
#include "fs/proc.h"
#include "mm/zswap.h"
#include "kernel/psi.h"

/* Absolute directories and their tables. */
static const struct {
	const char *dir;
	const struct cftype *files;
} static_dirs[] = {
	{ "/proc", proc_root_files },
	{ "/proc/sys/vm", vm_sysctl_files },
	{ "/proc", slab_proc_files },
	{ "/sys/kernel/debug/memcglab", kmem_debug_files },
	{ "/sys/module/zswap/parameters", zswap_param_files },
	{ "/sys/kernel/debug/zswap", zswap_debug_files },
};

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

static const struct cftype *cgroup_file_find(struct cgroup *cgrp,
					     const char *name,
					     struct cgroup_subsys_state **cssp)
{
	bool root = !cgrp->parent;
	const struct cftype *cft = cft_find(cgroup_base_files, name, root);

	*cssp = NULL;
	if (cft)
		return cft;
	cft = cft_find(cgroup_psi_files, name, root);
	if (cft)
		return cft;
	if (!cgrp->subsys[memory_cgrp_id])
		return NULL;
	*cssp = cgrp->subsys[memory_cgrp_id];
	return cft_find(memory_files, name, root);
}

static struct kernfs_open_file *of_alloc(struct machine *m,
					 const struct cftype *cft,
					 unsigned int flags)
{
	struct kernfs_open_file *of = calloc(1, sizeof(*of));

	if (!of)
		return NULL;
	of->machine = m;
	of->cft = cft;
	of->flags = flags;
	INIT_LIST_HEAD(&of->list);
	return of;
}

/* Split @path at its last '/': the directory (no trailing '/') and name. */
static char *split_path(const char *path, const char **name)
{
	char *dir = strdup(path);
	char *slash = strrchr(dir, '/');

	if (!slash) {
		*name = path;
		dir[0] = '\0';
		return dir;
	}
	*name = path + (slash - dir) + 1;
	*slash = '\0';
	return dir;
}

static int open_static(struct machine *m, const char *dir, const char *name,
		       unsigned int flags, struct kernfs_open_file **ofp)
{
	const struct cftype *cft = NULL;
	struct task_struct *t = NULL;
	size_t i;

	/* zswap's debugfs directory appears with zswap_setup() */
	if (!strcmp(dir, "/sys/kernel/debug/zswap") && !m->zswap->setup_done)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(static_dirs) && !cft; i++)
		if (!strcmp(dir, static_dirs[i].dir))
			cft = cft_find(static_dirs[i].files, name, true);
	if (!cft && !strncmp(dir, "/proc/", 6)) {
		char *end;
		long pid = strtol(dir + 6, &end, 10);

		t = *end ? NULL : find_task_by_pid(m, pid);
		if (t && t->life == TASK_ALIVE)
			cft = cft_find(proc_pid_files, name, true);
	}
	if (!cft)
		return -ENOENT;
	*ofp = of_alloc(m, cft, flags);
	if (!*ofp)
		return -ENOMEM;
	(*ofp)->data = t;
	(*ofp)->kind = !strncmp(dir, "/proc/sys/", 10) ? KF_SYSCTL : KF_PROC;
	return 0;
}

static int open_cgroup_file(struct machine *m, const char *dir,
			    const char *name, unsigned int flags,
			    struct kernfs_open_file **ofp)
{
	struct cgroup *cgrp = cgroup_lookup(m, dir);
	struct cgroup_subsys_state *css;
	const struct cftype *cft;
	struct kernfs_open_file *of;

	if (!cgrp)
		return -ENOENT;
	cft = cgroup_file_find(cgrp, name, &css);
	if (!cft)
		return -ENOENT;
	of = of_alloc(m, cft, flags);
	if (!of)
		return -ENOMEM;
	of->cgrp = cgrp;
	of->css = css;
	css_get(&cgrp->self);
	if (css)
		css_get(css);
	*ofp = of;
	return 0;
}

static bool is_cgroup_dir(struct machine *m, const char *path)
{
	return path[0] != '/' || !path[1] ? cgroup_lookup(m, path) != NULL
					  : false;
}

int kernfs_open(struct machine *m, const char *path, unsigned int flags,
		struct kernfs_open_file **ofp)
{
	const char *name;
	char *dir;
	int err;

	if (!strncmp(path, "/proc/", 6) || !strncmp(path, "/sys/", 5)) {
		dir = split_path(path, &name);
		err = open_static(m, dir, name, flags, ofp);
	} else {
		while (*path == '/')
			path++;
		if (is_cgroup_dir(m, path))
			return -EISDIR;
		dir = split_path(path, &name);
		err = open_cgroup_file(m, dir, name, flags, ofp);
	}
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

static bool of_dead(const struct kernfs_open_file *of)
{
	if (of->data)
		return ((struct task_struct *)of->data)->life != TASK_ALIVE;
	return of->removed;
}

/* A removed cgroup's file is gone (ENODEV); a reaped task's, ESRCH. */
static int of_dead_errno(const struct kernfs_open_file *of)
{
	return of->data ? -ESRCH : -ENODEV;
}

/* The errno for an operation the file has no handler for. */
static int no_handler_errno(const struct kernfs_open_file *of, bool write)
{
	if (of->kind == KF_SYSCTL)
		return -EACCES;		/* sysctl_perm() on a 0200/0444 file */
	/* proc_ops files (meminfo) fail in pde_write(); /proc/PID files
	 * have no write method at all */
	if (of->kind == KF_PROC && !of->data)
		return write ? -EIO : -EACCES;
	return -EINVAL;
}

int kernfs_read(struct kernfs_open_file *of, struct strbuf *sb)
{
	if (of_dead(of))
		return of_dead_errno(of);
	if (!of->cft->seq_show)
		return no_handler_errno(of, false);
	return of->cft->seq_show(of, sb);
}

long kernfs_write(struct kernfs_open_file *of, const char *buf, size_t len)
{
	char *copy;
	long ret;

	if (of_dead(of))
		return of_dead_errno(of);
	if (!of->cft->write)
		return no_handler_errno(of, true);
	/* kernfs and sysctl return at once for a zero-length write; other
	 * proc files hand the empty buffer to their parser */
	if (!len && of->kind != KF_PROC)
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
	if (of->cft->release && !of_dead(of))
		of->cft->release(of);
	if (of->css)
		css_put(of->css);
	if (of->cgrp)
		css_put(&of->cgrp->self);
	of->css = NULL;
	of->cgrp = NULL;
}

void kernfs_close(struct kernfs_open_file *of)
{
	of_release(of);
	if (of->list.next)
		list_del(&of->list);
	free(of);
}

void kernfs_cgroup_removed(struct cgroup *cgrp)
{
	struct machine *m = cgrp->machine;
	struct kernfs_open_file *of;

	list_for_each_entry(of, &m->open_files, list) {
		if (of->cgrp != cgrp)
			continue;
		of_release(of);
		of->removed = true;
	}
}

void kernfs_release_all(struct machine *m)
{
	struct kernfs_open_file *of, *n;

	list_for_each_entry_safe(of, n, &m->open_files, list)
		kernfs_close(of);
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
	struct cgroup_subsys_state *pos;
	struct cgroup *cgrp;
	bool root;

	while (*path == '/')
		path++;
	cgrp = cgroup_lookup(m, path);
	if (!cgrp)
		return -ENOENT;
	root = !cgrp->parent;
	list_for_each_entry(pos, &cgrp->self.children, sibling) {
		struct cgroup *child = container_of(pos, struct cgroup, self);

		if (!cgroup_is_dead(child))
			sb_printf(sb, "%s/\n", child->name);
	}
	list_files(sb, cgroup_base_files, root);
	list_files(sb, cgroup_psi_files, root);
	if (cgrp->subsys[memory_cgrp_id])
		list_files(sb, memory_files, root);
	return 0;
}
