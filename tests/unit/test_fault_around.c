// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of fault-around (mm/memory.c do_fault_around(), mm/filemap.c
 * filemap_map_pages()) where the result depends on where the mapping
 * lies, which on the kernel is decided by ASLR and by
 * thp_get_unmapped_area(): the expected values were measured on Linux
 * 6.12 with mappings placed by MAP_FIXED_NOREPLACE
 * (tests/kernel/fault_around.c, 3 runs, no spread); a padding mapping
 * puts the model's VMA at the same offset.
 */
#include "include/fs.h"
#include "include/machine.h"
#include "include/sched.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/vmstat.h"
#include "sim/content.h"
#include "fixture.h"
#include "tap.h"

static struct folio *page_folio(struct vm_area_struct *vma, unsigned long i)
{
	return vm_normal_folio(vma, vma->vm_start + i * PAGE_SIZE);
}

/* Pages of @vma that are mapped. */
static unsigned long present(struct vm_area_struct *vma)
{
	unsigned long i, n = 0;

	for (i = 0; i < vma_pages(vma); i++)
		n += page_folio(vma, i) != NULL;
	return n;
}

/*
 * The window is aligned in the address space, its start clamped to the
 * VMA and the window not shortened for it; its end is clamped to the VMA.
 * Linux 6.12 with a 1 MiB shmem VMA placed 3 pages past a 64 KiB boundary
 * maps 16 pages on a read of its first page and 3 more on a read of its
 * last (tests/kernel/fault_around.c, "clamp", 3 runs).  A 48 KiB mapping
 * first puts the model's VMA at the same offset.
 */
static void test_fault_around_clamp(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct vm_area_struct *pad, *v;
	struct task_struct *r = spawn(m, "r", "");
	struct inode *inode;
	int err = 0;

	inode = vfs_open(m, "/dev/shm/c", true, &err);
	ok(inode && filemap_write(m, inode, 0, 256 * PAGE_SIZE,
				  &(struct fill){ .kind = FILL_ZERO }) ==
		    256 * PAGE_SIZE, "write(2) 1 MiB to /dev/shm/c");
	iput(m, inode);
	ok(!do_mmap(r->mm, "pad", VMA_ANON, NULL, 12 * PAGE_SIZE, false, &pad),
	   "r maps 48 KiB");
	v = map_shmem(m, r, "/dev/shm/c", 256);
	ok(v && ((v->vm_start >> PAGE_SHIFT) & 15) == 3,
	   "then 1 MiB of /dev/shm/c, 3 pages past a 64 KiB boundary");
	ok(v && (v->vm_start >> PAGE_SHIFT) / 512 ==
		((v->vm_end - 1) >> PAGE_SHIFT) / 512,
	   "within one PTE table, as the kernel's was");
	ok(task_access(m, r, v, 0, false), "read its first page");
	is_long(present(v), 16, "16 pages mapped from the VMA's start");
	ok(task_access(m, r, v, 255, false), "read its last page");
	is_long(present(v), 19, "3 more: the window's end is the VMA's");
	destroy_machine(m);
}

/*
 * A sparse 4 MiB ext4 file read through a shared mapping from end to end:
 * readahead brings 32 pages around the first fault, then a window at each
 * mark, and each fault that started readahead is retried and faults
 * around.  6.12 takes 65 faults with the mapping 2 MiB-aligned (where it
 * puts it) and 97 with it 3 pages past a 2 MiB boundary.
 */
static void test_readahead_faults(unsigned long offset, long want)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *r = spawn(m, "r", "");
	struct vm_area_struct *pad, *v = NULL;
	unsigned long faults, i;
	struct inode *inode;
	int err = 0;
	bool good = true;

	inode = vfs_open(m, "/data/f4", true, &err);
	ok(inode && !vfs_truncate(m, inode, 4 << 20), "a sparse 4 MiB file");
	/* top-down from a base 511 pages past a 2 MiB boundary */
	ok(!do_mmap(r->mm, "pad", VMA_ANON, NULL, (511 - offset) * PAGE_SIZE,
		    false, &pad), "a padding mapping");
	ok(inode && !do_mmap(r->mm, "f", VMA_FILE, inode, 4 << 20, true, &v),
	   "then the file, shared");
	if (inode)
		iput(m, inode);
	if (!v) {
		destroy_machine(m);
		return;
	}
	is_long((v->vm_start >> PAGE_SHIFT) & 511, offset,
		"%lu pages past a 2 MiB boundary", offset);
	faults = m->vm_events[PGFAULT];
	for (i = 0; i < vma_pages(v); i++)
		good &= task_access(m, r, v, i, false);
	ok(good, "read every page");
	is_long(m->vm_events[PGFAULT] - faults, want, "%ld faults", want);
	is_long(present(v), 1024, "all 1024 pages mapped");
	destroy_machine(m);
}

int main(void)
{
	test_fault_around_clamp();
	test_readahead_faults(0, 65);
	test_readahead_faults(3, 97);
	return done_testing();
}
