// SPDX-License-Identifier: GPL-2.0
/*
 * A process's descriptor table (fs/file.c) and the files in it
 * (fs/file_table.c): descriptors are the lowest free slots, a fork copies
 * the table and takes a reference on every file, close and exit drop
 * them, and the last fput() calls the file's ->release().  Differences:
 * the release runs at once (the kernel defers it to task_work or a
 * workqueue, which ends before close(2) returns for a task).
 */
#include "include/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/bug.h"
#include "include/sched.h"

struct file *alloc_file(struct machine *m, const struct file_operations *op,
			void *private_data)
{
	struct file *file = calloc(1, sizeof(*file));

	if (!file)
		return NULL;
	file->f_count = 1;
	file->f_op = op;
	file->private_data = private_data;
	file->machine = m;
	return file;
}

void fput(struct file *file)
{
	if (MODEL_BUG_ON(file->machine, file->f_count <= 0,
			 "file %p: put of %d references", file, file->f_count))
		return;
	if (--file->f_count)
		return;
	if (file->f_op->release)
		file->f_op->release(file);
	free(file->f_name);
	free(file);
}

static struct files_struct *files_of(struct task_struct *t)
{
	if (!t->files)
		t->files = calloc(1, sizeof(*t->files));
	return t->files;
}

static int expand_files(struct files_struct *files, int nr)
{
	struct file **fd;
	int max = files->max_fds ? files->max_fds : 8;

	while (max <= nr)
		max *= 2;
	if (max > NR_OPEN_DEFAULT)
		max = NR_OPEN_DEFAULT;
	if (nr >= max)
		return -EMFILE;
	fd = realloc(files->fd, max * sizeof(*fd));
	if (!fd)
		return -ENOMEM;
	while (files->max_fds < max)
		fd[files->max_fds++] = NULL;
	files->fd = fd;
	return 0;
}

int fd_install_new(struct task_struct *t, struct file *file)
{
	struct files_struct *files = files_of(t);
	int fd, err;

	if (!files)
		return -ENOMEM;
	for (fd = 0; fd < files->max_fds && files->fd[fd]; fd++)
		;
	if (fd == files->max_fds) {
		err = expand_files(files, fd);
		if (err)
			return err;
	}
	files->fd[fd] = file;
	return fd;
}

struct file *fget_raw(struct task_struct *t, int fd)
{
	if (!t->files || fd < 0 || fd >= t->files->max_fds)
		return NULL;
	return t->files->fd[fd];
}

int fd_by_name(struct task_struct *t, const char *name)
{
	int fd;

	for (fd = 0; t->files && fd < t->files->max_fds; fd++)
		if (t->files->fd[fd] && t->files->fd[fd]->f_name &&
		    !strcmp(t->files->fd[fd]->f_name, name))
			return fd;
	return -1;
}

int close_fd(struct task_struct *t, int fd)
{
	struct file *file = fget_raw(t, fd);

	if (!file)
		return -EBADF;
	t->files->fd[fd] = NULL;
	fput(file);
	return 0;
}

int dup_fd(struct task_struct *child, struct task_struct *parent)
{
	struct files_struct *pf = parent->files, *cf;
	int fd, err;

	if (!pf || !pf->max_fds)
		return 0;
	cf = files_of(child);
	if (!cf)
		return -ENOMEM;
	err = expand_files(cf, pf->max_fds - 1);
	if (err)
		return err;
	for (fd = 0; fd < pf->max_fds; fd++) {
		cf->fd[fd] = pf->fd[fd];
		if (cf->fd[fd])
			cf->fd[fd]->f_count++;
	}
	return 0;
}

void exit_files(struct task_struct *t)
{
	struct files_struct *files = t->files;
	int fd;

	if (!files)
		return;
	for (fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd])
			close_fd(t, fd);
	free(files->fd);
	free(files);
	t->files = NULL;
}
