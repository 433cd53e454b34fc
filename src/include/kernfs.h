/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface-file tree (fs/kernfs, fs/proc, sysfs, debugfs): it routes a
 * path to a table row (struct cftype) and runs the row's handlers.
 *
 * Files are described next to the state they show and registered by their
 * owners at init, the kernel's way: proc_create(), register_sysctl(),
 * module_param(), debugfs_create_dir() for the absolute trees under /proc
 * and /sys, and for directories whose entries their owner resolves
 * (/proc/PID, the cgroup hierarchy) a mount with struct kernfs_dir_ops.
 * fs/ knows no subsystem; the registrations hang off the machine and go
 * with it (kernfs_release_all()).
 */
#ifndef MEMCGLAB_INCLUDE_KERNFS_H
#define MEMCGLAB_INCLUDE_KERNFS_H

#include "lib/list.h"
#include "include/cgroup-defs.h"

struct machine;
struct strbuf;

/* open flags the handlers look at */
#define KF_O_NONBLOCK	0x1u

/* Which filesystem's rules a file follows where its row has no handler. */
enum kernfs_kind {
	KF_CGROUP,		/* cgroupfs: kernfs semantics */
	KF_PROC,		/* proc_create(), sysfs and debugfs files */
	KF_PROC_PID,		/* /proc/PID: no write method at all */
	KF_SYSCTL,		/* /proc/sys: sysctl permissions */
};

struct kernfs_dir;

struct kernfs_open_file {
	struct machine *machine;
	enum kernfs_kind kind;
	const struct cftype *cft;
	const struct kernfs_dir *dir;	/* where it was found */
	void *data;			/* the directory's object (task, cgroup) */
	void *ctx;			/* its table's context there (the css) */
	struct cgroup *cgrp;		/* cgroupfs files; NULL once removed */
	void *priv;			/* per-open state (memory.peak) */
	unsigned int flags;
	bool removed;			/* its directory went: ENODEV */
	struct list_head list;		/* the machine's open files */
};

/* The controller state a cgroup file was opened with (NULL: the core's). */
static inline struct cgroup_subsys_state *of_css(struct kernfs_open_file *of)
{
	return of->ctx;
}

/* Resolve @path and open it.  -ENOENT if no such file, -EISDIR for a dir. */
int kernfs_open(struct machine *m, const char *path, unsigned int flags,
		struct kernfs_open_file **ofp);
/*
 * The whole content (a pread at offset 0), or a negative errno; a binary
 * file (/proc/PID/pagemap, /proc/kpage*) is read through in chunks, as
 * read(2) in a loop does, up to 64M.
 */
int kernfs_read(struct kernfs_open_file *of, struct strbuf *sb);
/* pread(2) of @count bytes at @pos of a binary file: bytes or -errno. */
long kernfs_pread(struct kernfs_open_file *of, void *buf, size_t count,
		  u64 pos);
/* One write(2): bytes written or a negative errno. */
long kernfs_write(struct kernfs_open_file *of, const char *buf, size_t len);
void kernfs_close(struct kernfs_open_file *of);

int kernfs_read_path(struct machine *m, const char *path, struct strbuf *sb);
long kernfs_write_path(struct machine *m, const char *path, const char *buf,
		       size_t len);
/* Whether @path in the cgroup hierarchy is a file (mkdir: EEXIST). */
bool kernfs_file_exists(struct machine *m, const char *path);
/* List a cgroup directory's entries, one per line (ls). */
int kernfs_list(struct machine *m, const char *path, struct strbuf *sb);

/*
 * @node went away: a directory's object (rmdir), or a context its files
 * were opened with (a css killed when its controller is disabled).  Their
 * open files are released at once and their later calls fail with -ENODEV,
 * as kernfs drains them.
 */
void kernfs_node_removed(struct machine *m, void *node);
/* Machine teardown: close every open file, drop every registration. */
void kernfs_release_all(struct machine *m);

/* ---- registration ---- */

/*
 * Add the table @cfts (terminated by an empty row) to the absolute
 * directory @dir, which appears with its first table and takes that one's
 * @kind.  Registering a table twice is a no-op; a name the directory
 * already has is -EEXIST.
 */
int kernfs_create_files(struct machine *m, const char *dir,
			enum kernfs_kind kind, const struct cftype *cfts);
/* Take @cfts out of @dir again: its open files fail with -ENODEV. */
void kernfs_remove_files(struct machine *m, const char *dir,
			 const struct cftype *cfts);

/* The kernel's trees, by the calls that make them. */
int proc_create_files(struct machine *m, const struct cftype *cfts);
int register_sysctl(struct machine *m, const char *path,
		    const struct cftype *cfts);		/* /proc/sys/PATH */
int module_param_files(struct machine *m, const char *mod,
		       const struct cftype *cfts);	/* /sys/module/MOD/parameters */
int debugfs_create_files(struct machine *m, const char *dir,
			 const struct cftype *cfts);	/* /sys/kernel/debug/DIR,
							 * or the root (NULL) */

/*
 * A directory tree whose entries its owner resolves.  It is mounted at an
 * absolute directory (its subdirectories are the owner's objects, as the
 * tasks are /proc's) or at "" (the cgroup2 hierarchy: every path outside
 * /proc and /sys, relative to its root, which is a directory too).  Its files are tables added with a tag; a directory shows a
 * tag's files when @shows says so, filtered by CFTYPE_ONLY_ON_ROOT and
 * CFTYPE_NOT_ON_ROOT.  Only @lookup is required.
 */
struct kernfs_dir_ops {
	/* The object of directory @path below the mount point (at "": the
	 * root itself is ""), or NULL if there is none. */
	void *(*lookup)(struct machine *m, const char *path);
	/* Whether @node is the root (default: yes). */
	bool (*is_root)(void *node);
	/* Whether @node shows the files of @tag, and their context for
	 * open, of->ctx (default: all, no context). */
	bool (*shows)(void *node, int tag, void **ctx);
	/* Take and drop what an open file of its directory pins. */
	void (*open)(struct kernfs_open_file *of);
	void (*release)(struct kernfs_open_file *of);
	/* 0 while the file's object lives, else the errno of its calls. */
	int (*gone)(struct kernfs_open_file *of);
	/* The subdirectories of @node, one "name/" line each. */
	void (*list)(void *node, struct strbuf *sb);
};

/* Mount @ops at @at; mounting the same ops twice is a no-op. */
int kernfs_mount(struct machine *m, const char *at, enum kernfs_kind kind,
		 const struct kernfs_dir_ops *ops);
/* Add @cfts to the directories of the mount of @ops, under @tag. */
int kernfs_mount_add_files(struct machine *m, const struct kernfs_dir_ops *ops,
			   int tag, const struct cftype *cfts);

#endif
