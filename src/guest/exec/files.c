// SPDX-License-Identifier: GPL-2.0
/*
 * The guest executor's interface files and cgroups, and its operations
 * table.  A cgroup target (A/memory.max) is a file under the cgroup2
 * mount, root + /sys/fs/cgroup; an absolute one (/proc/vmstat) is itself
 * under the root.  The root is "" in the guest; the executor's own test
 * gives it a scratch tree of plain files, so that nothing of the host's
 * /sys/fs/cgroup or /proc/sys is ever touched.
 *
 * An open file is opened read-write when the kernel allows it, else
 * read-only or write-only; a read of a write-only file (or a write of a
 * read-only one) then fails with what opening it that way failed with, as
 * `cat FILE` or `echo V > FILE` would.  Writes append (O_APPEND, as the
 * language's `open` says), so a scratch file keeps every value written.
 */
#define _GNU_SOURCE
#include "guest/exec/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario/policy.h"

/* Files larger than this are not interface files: read no further. */
#define READ_MAX	(64u << 20)

struct gfile {
	int fd;
	int rd_err;	/* 0, or why it cannot be read */
	int wr_err;	/* 0, or why it cannot be written */
};

char *gexec_path(struct gexec *ge, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	if (path[0] == '/')
		sb_printf(&sb, "%s%s", ge->root, path);
	else
		sb_printf(&sb, "%s/%s", ge->cgroot, path);
	return sb_detach(&sb);
}

static int open_as(const char *path, int mode, unsigned int flags)
{
	int fd;

	do {
		fd = open(path, mode | O_APPEND | O_CLOEXEC | O_NOCTTY |
			  (flags & SCN_O_NONBLOCK ? O_NONBLOCK : 0));
	} while (fd < 0 && errno == EINTR);
	return fd < 0 ? -errno : fd;
}

static int ge_open(struct scn_rt *rt, const char *path, unsigned int flags,
		   void **file)
{
	char *p = gexec_path(gexec_of(rt), path);
	struct gfile *f = calloc(1, sizeof(*f));
	int fd = open_as(p, O_RDWR, flags), rd, wr;

	if (!f)
		abort();
	if (fd == -EACCES || fd == -EPERM) {
		wr = fd;
		fd = rd = open_as(p, O_RDONLY, flags);
		if (rd < 0)
			fd = open_as(p, O_WRONLY, flags);
		f->rd_err = rd < 0 ? rd : 0;
		f->wr_err = rd < 0 ? 0 : wr;
	}
	free(p);
	if (fd < 0) {
		free(f);
		return fd;
	}
	f->fd = fd;
	*file = f;
	return 0;
}

static void ge_close(struct scn_rt *rt, void *file)
{
	struct gfile *f = file;

	close(f->fd);
	free(f);
}

/*
 * The whole file from offset 0, with pread(); a file that cannot seek
 * (debugfs attributes: ESPIPE) is read from where it is, which for a file
 * just opened is its start.
 */
static int ge_read(struct scn_rt *rt, void *file, struct strbuf *sb)
{
	struct gfile *f = file;
	bool seekable = true;
	char buf[16384];
	off_t off = 0;
	ssize_t n;

	if (f->rd_err)
		return f->rd_err;
	while (off < READ_MAX) {
		n = seekable ? pread(f->fd, buf, sizeof(buf), off) :
			       read(f->fd, buf, sizeof(buf));
		if (n < 0 && errno == ESPIPE && seekable && !off) {
			seekable = false;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			break;
		sb_add(sb, buf, n);
		off += n;
	}
	return 0;
}

static long ge_write(struct scn_rt *rt, void *file, const char *buf,
		     size_t len)
{
	struct gfile *f = file;
	ssize_t n;

	if (f->wr_err)
		return f->wr_err;
	do {
		n = write(f->fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static int ge_mkdir(struct scn_rt *rt, const char *cgroup)
{
	char *p = gexec_path(gexec_of(rt), cgroup);
	int err = mkdir(p, 0755) ? -errno : 0;

	free(p);
	return err;
}

static int ge_rmdir(struct scn_rt *rt, const char *cgroup)
{
	char *p = gexec_path(gexec_of(rt), cgroup);
	int err = rmdir(p) ? -errno : 0;

	free(p);
	return err;
}

/* lseek(2) of @path opened read-only as root: SEEK_DATA or SEEK_HOLE. */
static s64 ge_lseek(struct scn_rt *rt, const char *path, bool data,
		    u64 offset)
{
	char *p = gexec_path(gexec_of(rt), path);
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	s64 ret = fd < 0 ? -errno : 0;

	free(p);
	if (fd < 0)
		return ret;
	ret = lseek(fd, (off_t)offset, data ? SEEK_DATA : SEEK_HOLE);
	if (ret < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* mkdir -p @path under the root (each component 0755). */
static int mkdir_p(char *p)
{
	char *s;

	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST) {
			*s = '/';
			return -errno;
		}
		*s = '/';
	}
	return mkdir(p, 0755) && errno != EEXIST ? -errno : 0;
}

/* mount -t tmpfs -o @options tmpfs @path, after mkdir -p @path. */
static int ge_mount_tmpfs(struct scn_rt *rt, const char *path,
			  const char *options)
{
	char *p = gexec_path(gexec_of(rt), path);
	int err = mkdir_p(p);

	if (!err && mount("tmpfs", p, "tmpfs", 0, *options ? options : NULL))
		err = -errno;
	free(p);
	return err;
}

/* The kernel has one behaviour per switch, its first value. */
static int ge_policy(struct scn_rt *rt, const struct scn_policy *pol,
		     unsigned int value)
{
	return value ? -EOPNOTSUPP : 0;
}

/* A kernel checks itself; its warnings are on the guest's console. */
static int ge_check(struct scn_rt *rt, struct strbuf *why)
{
	return 0;
}

static const struct scn_backend_ops gexec_ops = {
	.name = "kernel",
	.sysctls = "no such file under /proc/sys",
	.open = ge_open,
	.close = ge_close,
	.read = ge_read,
	.write = ge_write,
	.mkdir = ge_mkdir,
	.rmdir = ge_rmdir,
	.policy = ge_policy,
	.spawn = gexec_spawn,
	.threads = gexec_threads,
	.fork = gexec_fork,
	.kill = gexec_kill,
	.pid = gexec_pid,
	.state = gexec_state,
	.frozen = gexec_frozen,
	.pagemap = gexec_pagemap,
	.lseek = ge_lseek,
	.mount_tmpfs = ge_mount_tmpfs,
	.enter = gexec_enter,
	.leave = gexec_leave,
	.act = {
		.exit = gexec_act_exit,
		.mmap = gexec_act_mmap,
		.touch = gexec_act_touch,
		.write = gexec_act_file,
		.read = gexec_act_file,
		.truncate = gexec_act_file,
		.mlock = gexec_act_mlock,
		.munlock = gexec_act_mlock,
		.madvise = gexec_act_madvise,
		.munmap = gexec_act_munmap,
		.pin = gexec_act_pin,
		.unpin = gexec_act_pin,
		.close = gexec_act_pin,
		.setrlimit = gexec_act_setrlimit,
		.shmctl = gexec_act_shmctl,
		.clear_refs = gexec_act_clear_refs,
		.mprotect = gexec_act_mprotect,
		.dentries = gexec_act_dentries,
		.access = gexec_act_access,
		.replay = gexec_act_replay,
	},
	.now = gexec_now,
	.sleep = gexec_sleep,
	.step = gexec_step,
	.wait = gexec_wait,
	.timer_start = gexec_timer_start,
	.timer_stop = gexec_timer_stop,
	.check = ge_check,
};

struct scn_backend *gexec_create(const char *root, uint64_t seed,
				 int action_timeout_s)
{
	struct gexec *ge = calloc(1, sizeof(*ge));

	if (!ge)
		abort();
	ge->be.ops = &gexec_ops;
	ge->root = root;
	snprintf(ge->cgroot, sizeof(ge->cgroot), "%s/sys/fs/cgroup", root);
	ge->start_ns = gexec_clock();
	ge->seed = seed;
	ge->action_timeout_s = action_timeout_s;
	return &ge->be;
}

void gexec_destroy(struct scn_backend *be)
{
	struct gexec *ge = (struct gexec *)be;

	gexec_procs_release(ge);
	gexec_timers_release(ge);
	free(ge);
}
