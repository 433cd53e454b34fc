// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys/vm knobs the model honours (kernel/sysctl.c, mm/page_alloc.c,
 * mm/vmscan.c).  Integers are parsed as proc_dointvec_minmax does: one
 * number with C base detection, surrounding whitespace allowed, -EINVAL
 * out of range.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/writeback.h"
#include "include/machine.h"
#include "include/kernfs.h"
#include "fs/proc/internal.h"
#include "include/fs.h"
#include "mm/filemap.h"
#include "mm/page_alloc.h"
#include "mm/vmstat.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

struct vm_knob {
	size_t offset;		/* in struct vm_sysctl */
	int min, max;
	void (*changed)(struct machine *m);
	/* after a successful write, with the value before it */
	void (*written)(struct machine *m, int old);
};

static int *knob_ptr(struct kernfs_open_file *of)
{
	const struct vm_knob *k = (const void *)of->cft->private;

	return (int *)((char *)&of->machine->vm + k->offset);
}

static int knob_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", *knob_ptr(of));
	return 0;
}

static long knob_write(struct kernfs_open_file *of, char *buf, size_t nbytes)
{
	const struct vm_knob *k = (const void *)of->cft->private;
	int v, old;

	/* proc_get_long(): base 0, so 0x10 and 010 are 16 and 8 */
	if (kstrtoint(strstrip(buf), 0, &v))
		return -EINVAL;
	if (v < k->min || v > k->max)
		return -EINVAL;
	old = *knob_ptr(of);
	*knob_ptr(of) = v;
	if (k->changed)
		k->changed(of->machine);
	if (k->written)
		k->written(of->machine, old);
	return nbytes;
}

/* invalidate_mapping_pages(): clean, unmapped page cache goes */
static void drop_pagecache(struct machine *m)
{
	struct inode *inode;

	lru_add_drain_all(m);
	list_for_each_entry(inode, &m->vfs->inodes, i_sb_list) {
		unsigned long index = 0;
		struct folio *folio;

		if (inode->kind != INODE_DISK)
			continue;
		while ((folio = xa_find(&inode->i_data.i_pages, &index))) {
			if (!xa_is_value(folio) && !folio_mapped(folio) &&
			    !folio_test(folio, PG_dirty) && folio->_refcount == 1)
				filemap_remove_folio(m, folio);
			index++;
		}
	}
}

static long drop_caches_write(struct kernfs_open_file *of, char *buf,
			      size_t nbytes)
{
	struct machine *m = of->machine;
	int v;

	if (kstrtoint(strstrip(buf), 10, &v) || v < 1 || v > 4)
		return -EINVAL;
	if (v & 1) {
		drop_pagecache(m);
		count_vm_event(m, DROP_PAGECACHE);
	}
	if (v & 2) {
		drop_slab(m);
		count_vm_event(m, DROP_SLAB);
	}
	return nbytes;
}

/* ---- the dirty knobs (mm/page-writeback.c's handlers) ---- */

/* proc_doulongvec_minmax(): one unsigned number, at least @min */
static int parse_ulong(char *buf, unsigned long min, unsigned long *v)
{
	char *s = strstrip(buf);
	unsigned long long ull;

	if (*s == '-' || kstrtoull(s, 0, &ull) || ull < min)
		return -EINVAL;
	*v = ull;
	return 0;
}

static int ulong_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	const struct vm_knob *k = (const void *)of->cft->private;

	sb_printf(sb, "%lu\n",
		  *(unsigned long *)((char *)&of->machine->vm + k->offset));
	return 0;
}

/* A ratio written turns its bytes knob off, and bytes the ratio. */
static long dirty_bytes_write(struct kernfs_open_file *of, char *buf,
			      size_t nbytes)
{
	const struct vm_knob *k = (const void *)of->cft->private;
	struct vm_sysctl *vm = &of->machine->vm;
	bool bg = k->offset == offsetof(struct vm_sysctl, dirty_background_bytes);
	unsigned long v, *bytes = bg ? &vm->dirty_background_bytes :
				      &vm->dirty_bytes;
	int err = parse_ulong(buf, bg ? 1 : 2 * PAGE_SIZE, &v);

	if (err)
		return err;
	if (DIV_ROUND_UP(v, PAGE_SIZE) > UINT_MAX)
		return -ERANGE;
	/* dirty_bytes_handler() acts on a change only */
	if (bg || v != *bytes)
		*(bg ? &vm->dirty_background_ratio : &vm->dirty_ratio) = 0;
	*bytes = v;
	return nbytes;
}

static void dirty_ratio_written(struct machine *m, int old)
{
	if (m->vm.dirty_ratio != old)
		m->vm.dirty_bytes = 0;
}

static void dirty_background_ratio_written(struct machine *m, int old)
{
	m->vm.dirty_background_bytes = 0;
}

/* dirty_writeback_centisecs_handler(): a new nonzero period starts now */
static void dirty_writeback_written(struct machine *m, int old)
{
	if (m->vm.dirty_writeback_centisecs != old)
		wb_interval_changed(m);
}

/*
 * One int of struct vm_sysctl, by its field's name, with the range
 * proc_dointvec_minmax enforces and what to recompute after a change: a
 * new knob is its field and one row here.
 */
#define VM_INT2(field, lo, hi, fn, wfn) {				\
	.name = #field, .seq_show = knob_show, .write = knob_write,	\
	.private = (unsigned long)&(const struct vm_knob){		\
		offsetof(struct vm_sysctl, field), lo, hi, fn, wfn }	\
}
#define VM_INT(field, lo, hi, fn)	VM_INT2(field, lo, hi, fn, NULL)

/* The same for a knob whose file name is not its field's. */
#define VM_INT_NAMED(fname, field, lo, hi, fn) {			\
	.name = fname, .seq_show = knob_show, .write = knob_write,	\
	.private = (unsigned long)&(const struct vm_knob){		\
		offsetof(struct vm_sysctl, field), lo, hi, fn, NULL }	\
}

static const struct cftype vm_sysctl_files[] = {
	VM_INT(swappiness, 0, 200, NULL),
	VM_INT(min_free_kbytes, 0, INT_MAX, setup_per_zone_wmarks),
	VM_INT(watermark_scale_factor, 1, 3000, setup_per_zone_wmarks),
	VM_INT(overcommit_memory, 0, 2, NULL),
	VM_INT(panic_on_oom, 0, 2, NULL),
	VM_INT(oom_kill_allocating_task, 0, INT_MAX, NULL),
	VM_INT2(dirty_ratio, 0, 100, NULL, dirty_ratio_written),
	VM_INT2(dirty_background_ratio, 0, 100, NULL,
		dirty_background_ratio_written),
	{ .name = "dirty_bytes", .seq_show = ulong_show,
	  .write = dirty_bytes_write,
	  .private = (unsigned long)&(const struct vm_knob){
		.offset = offsetof(struct vm_sysctl, dirty_bytes) } },
	{ .name = "dirty_background_bytes", .seq_show = ulong_show,
	  .write = dirty_bytes_write,
	  .private = (unsigned long)&(const struct vm_knob){
		.offset = offsetof(struct vm_sysctl,
				  dirty_background_bytes) } },
	VM_INT(dirty_expire_centisecs, 0, INT_MAX, NULL),
	VM_INT2(dirty_writeback_centisecs, INT_MIN, INT_MAX, NULL,
		dirty_writeback_written),
	VM_INT_NAMED("page-cluster", page_cluster, 0, 31, NULL),
	{ .name = "drop_caches", .write = drop_caches_write },
	{ }	/* terminate */
};

/* sysctl_init_bases(): the "vm" table */
int proc_sys_init(struct machine *m)
{
	return register_sysctl(m, "vm", vm_sysctl_files);
}
