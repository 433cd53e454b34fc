// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's file actions: write(2), read(2) and ftruncate(2) of
 * a file through the page cache, and the dentry cache workload.
 */
#include "scenario/model/internal.h"

#include <errno.h>

#include "fs/dcache.h"
#include "include/fs.h"
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
 * write(2) of the whole range, as a program loops over short writes: the
 * bytes written, or the error that stopped it (ENOSPC on a full disk).
 */
static long write_all(struct machine *m, struct inode *inode, u64 off,
		      u64 size, const struct fill *fill)
{
	u64 done = 0;

	while (done < size) {
		long r = filemap_write(m, inode, off + done, size - done, fill);

		if (r < 0)
			return r;
		done += r;
		if (!r || fatal_signal_pending(m->current))
			break;
	}
	return done;
}

/* write, read and truncate: one open file each, as a process would. */
int scn_model_file_io(struct scn_rt *rt, struct scn_proc *p,
		      const struct scn_action *a)
{
	struct machine *m = scn_model_m(rt);
	struct fill text = { .kind = FILL_TEXT, .ratio = 0 };
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
		ret = write_all(m, inode, a->write.offset, a->write.size,
				&text);
		break;
	case SCN_ACT_READ:
		ret = a->read.range.whole ?
		      filemap_read(m, inode, 0, inode->i_size) :
		      filemap_read(m, inode, a->read.range.offset,
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
