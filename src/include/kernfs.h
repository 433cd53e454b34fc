/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface-file tree (fs/kernfs, fs/proc, sysfs, debugfs): it routes a
 * path to a table row (struct cftype) and runs the row's handlers.  Files
 * are described next to the state they show; this layer only finds them.
 */
#ifndef MEMCGLAB_INCLUDE_KERNFS_H
#define MEMCGLAB_INCLUDE_KERNFS_H

#include "lib/list.h"
#include "include/cgroup-defs.h"

struct machine;
struct strbuf;

/* open flags the handlers look at */
#define KF_O_NONBLOCK	0x1u

enum kernfs_kind {
	KF_CGROUP,		/* cgroupfs: kernfs semantics */
	KF_PROC,		/* /proc files: procfs semantics */
	KF_SYSCTL,		/* /proc/sys: sysctl permissions */
};

struct kernfs_open_file {
	struct machine *machine;
	enum kernfs_kind kind;
	const struct cftype *cft;
	struct cgroup *cgrp;		/* cgroupfs files; NULL once removed */
	struct cgroup_subsys_state *css;	/* the file's controller state */
	void *data;			/* table context, e.g. the task of /proc/PID */
	void *priv;			/* per-open state (memory.peak) */
	unsigned int flags;
	bool removed;			/* its cgroup was removed: ENODEV */
	struct list_head list;		/* the machine's open files */
};

static inline struct cgroup_subsys_state *of_css(struct kernfs_open_file *of)
{
	return of->css;
}

/* Resolve @path and open it.  -ENOENT if no such file, -EISDIR for a dir. */
int kernfs_open(struct machine *m, const char *path, unsigned int flags,
		struct kernfs_open_file **ofp);
/* The whole content (a pread at offset 0), or a negative errno. */
int kernfs_read(struct kernfs_open_file *of, struct strbuf *sb);
/* One write(2): bytes written or a negative errno. */
long kernfs_write(struct kernfs_open_file *of, const char *buf, size_t len);
void kernfs_close(struct kernfs_open_file *of);

int kernfs_read_path(struct machine *m, const char *path, struct strbuf *sb);
long kernfs_write_path(struct machine *m, const char *path, const char *buf,
		       size_t len);
/* List a directory's entries, one per line (ls). */
int kernfs_list(struct machine *m, const char *path, struct strbuf *sb);

/* rmdir: open files of @cgrp are released, later reads get -ENODEV. */
void kernfs_cgroup_removed(struct cgroup *cgrp);
void kernfs_release_all(struct machine *m);

#endif
