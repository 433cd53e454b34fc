/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Open files of a process (include/linux/fs.h's struct file,
 * include/linux/fdtable.h, include/linux/file.h), for the files a driver
 * hands out: a file is shared by every descriptor that refers to it (a
 * fork copies the table) and released with its last reference.  Regular
 * files keep their own references (include/fs.h); they are not here.
 */
#ifndef MEMCGLAB_INCLUDE_FILE_H
#define MEMCGLAB_INCLUDE_FILE_H

#include "include/machine.h"

struct file;
struct task_struct;

struct file_operations {
	const char *name;
	/* the last reference went: the driver's ->release() */
	void (*release)(struct file *file);
};

struct file {
	int f_count;
	const struct file_operations *f_op;
	void *private_data;
	struct machine *machine;
	char *f_name;		/* the scenario's name for it (model only) */
};

/* NR_OPEN_DEFAULT: RLIMIT_NOFILE's soft default, the model's bound */
#define NR_OPEN_DEFAULT	1024

struct files_struct {
	struct file **fd;		/* by descriptor; NULL: free */
	int max_fds;			/* allocated slots */
};

struct file *alloc_file(struct machine *m, const struct file_operations *op,
			void *private_data);
/* get_unused_fd_flags() + fd_install(): the new descriptor, or -EMFILE */
int fd_install_new(struct task_struct *t, struct file *file);
/* The file behind @fd (no new reference), NULL if none. */
struct file *fget_raw(struct task_struct *t, int fd);
int close_fd(struct task_struct *t, int fd);
/* The descriptor of @t whose file has the scenario's name @name, or -1. */
int fd_by_name(struct task_struct *t, const char *name);
void fput(struct file *file);
/* copy_files() at fork: every descriptor refers to the same file */
int dup_fd(struct task_struct *child, struct task_struct *parent);
/* exit_files(): every descriptor closes */
void exit_files(struct task_struct *t);

#endif
