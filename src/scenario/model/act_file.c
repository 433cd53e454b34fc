// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's file actions: write(2), read(2) and ftruncate(2) of
 * a file through the page cache, and the dentry cache workload.  A write
 * or read is a loop of system calls of SCN_IO_CHUNK bytes, as the guest
 * executor makes them, each returning to user mode (memory.high) and
 * taking the time of its copy, while background work runs.
 */
#include "scenario/model/internal.h"

#include <errno.h>

#include "fs/dcache.h"
#include "include/entry-common.h"
#include "include/fs.h"
#include "kernel/cgroup.h"
#include "mm/filemap.h"

static const char *file_path(const struct scn_action *a)
{
	switch (a->kind) {
	case SCN_ACT_WRITE:
		return a->write.path;
	case SCN_ACT_READ:
		return a->read.path;
	default:
		return a->truncate.path;
	}
}

/* The pages a write or read goes through (0 for truncate). */
static u64 io_pages(const struct scn_action *a, const struct inode *inode)
{
	u64 off, len;

	if (a->kind == SCN_ACT_WRITE) {
		off = a->write.offset;
		len = a->write.size;
	} else if (a->kind == SCN_ACT_READ && !a->read.range.whole) {
		off = a->read.range.offset;
		len = a->read.range.length;
	} else if (a->kind == SCN_ACT_READ) {
		off = 0;
		len = inode->i_size;
	} else {
		return 0;
	}
	return (len >> PAGE_SHIFT) + 1 + ((off & ~PAGE_MASK) != 0);
}

/*
 * One system call after another, as a program loops over short writes,
 * until done, the end of the file, an error or a signal: the bytes done,
 * or for a write the error that stopped it (ENOSPC on a full disk).
 */
static long file_rw_chunks(struct machine *m, struct inode *inode, bool write,
			   u64 pos, u64 len)
{
	struct fill text = { .kind = FILL_TEXT, .text = m->phys.text };
	struct file_ra_state ra = { 0 };	/* the open file's f_ra */
	u64 end = pos + len, done = 0, copy_ns;

	file_ra_state_init(&ra);
	while (pos < end) {
		u64 next = min(end, (pos / SCN_IO_CHUNK + 1) * SCN_IO_CHUNK);
		long ret = write ? filemap_write(m, inode, pos, next - pos, &text) :
				   filemap_read(m, inode, &ra, pos, next - pos);

		if (ret < 0)
			return write || !done ? ret : (long)done;
		done += ret;
		if (!exit_to_user_mode(m) || !ret)
			break;
		/* the copy takes time: the flusher and the disk run meanwhile */
		copy_ns = m->cost.copy_page_ns * DIV_ROUND_UP(ret, PAGE_SIZE);
		if (m->current)
			cgroup_account_cputime(m->current, copy_ns, false);
		machine_run_until(m, m->clock.now + copy_ns);
		pos += ret;
	}
	return done;
}

/* write, read and truncate: one open file each, as a process would. */
int scn_model_file_io(struct scn_rt *rt, struct scn_proc *p,
		      const struct scn_action *a)
{
	struct machine *m = scn_model_m(rt);
	struct inode *inode;
	long ret;
	int err;

	inode = vfs_open(m, file_path(a), a->kind != SCN_ACT_READ, &err);
	if (!inode)
		return err;
	if (scn_rt_check_ops(rt, io_pages(a, inode), "pages")) {
		iput(m, inode);
		return -E2BIG;
	}
	switch (a->kind) {
	case SCN_ACT_WRITE:
		ret = file_rw_chunks(m, inode, true, a->write.offset,
				     a->write.size);
		break;
	case SCN_ACT_READ:
		ret = a->read.range.whole ?
		      file_rw_chunks(m, inode, false, 0, inode->i_size) :
		      file_rw_chunks(m, inode, false, a->read.range.offset,
				     a->read.range.length);
		break;
	default:
		ret = vfs_truncate(m, inode, a->truncate.size);
		break;
	}
	iput(m, inode);
	return ret < 0 ? (int)ret : 0;
}

/* Path lookups of missing names, or file creations: kmem in the dcache. */
int scn_model_dentries(struct scn_rt *rt, struct scn_proc *p,
		       const struct scn_action *a)
{
	if (a->dentries.kind == SCN_DENTRY_POSITIVE)
		return dentries_create_files(scn_model_m(rt), a->dentries.count);
	return dentries_lookup_missing(scn_model_m(rt), a->dentries.count);
}
