// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/sys/vm knobs the model honours (kernel/sysctl.c, mm/page_alloc.c,
 * mm/vmscan.c).  Integers are parsed as proc_dointvec_minmax does: one
 * number with C base detection, surrounding whitespace allowed, -EINVAL
 * out of range.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
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
	int v;

	/* proc_get_long(): base 0, so 0x10 and 010 are 16 and 8 */
	if (kstrtoint(strstrip(buf), 0, &v))
		return -EINVAL;
	if (v < k->min || v > k->max)
		return -EINVAL;
	*knob_ptr(of) = v;
	if (k->changed)
		k->changed(of->machine);
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

/*
 * One int of struct vm_sysctl, by its field's name, with the range
 * proc_dointvec_minmax enforces and what to recompute after a change: a
 * new knob is its field and one row here.
 */
#define VM_INT(field, lo, hi, fn) {					\
	.name = #field, .seq_show = knob_show, .write = knob_write,	\
	.private = (unsigned long)&(const struct vm_knob){		\
		offsetof(struct vm_sysctl, field), lo, hi, fn }		\
}

static const struct cftype vm_sysctl_files[] = {
	VM_INT(swappiness, 0, 200, NULL),
	VM_INT(min_free_kbytes, 0, INT_MAX, setup_per_zone_wmarks),
	VM_INT(watermark_scale_factor, 1, 3000, setup_per_zone_wmarks),
	VM_INT(overcommit_memory, 0, 2, NULL),
	VM_INT(panic_on_oom, 0, 2, NULL),
	VM_INT(oom_kill_allocating_task, 0, INT_MAX, NULL),
	VM_INT(dirty_ratio, 0, 100, NULL),
	VM_INT(dirty_background_ratio, 0, 100, NULL),
	{ .name = "drop_caches", .write = drop_caches_write },
	{ }	/* terminate */
};

/* sysctl_init_bases(): the "vm" table */
int proc_sys_init(struct machine *m)
{
	return register_sysctl(m, "vm", vm_sysctl_files);
}
