// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of a folio's mlock count (mm/mlock.c), on shmem pages shared
 * by two processes.
 *
 * 6.12's rules (mm/mlock.c, mm/rmap.c, mm/swap.c):
 *  - each locked mapping of a folio the mlock batch finds on the LRU adds
 *    one to its mlock_count; the first moves it to the unevictable list;
 *  - munlock and unmapping (munmap, exit) take one off, and the folio
 *    becomes evictable, no longer PG_mlocked, when the count reaches 0;
 *  - a folio still in an LRU add batch when its mlock is processed is not
 *    counted (it enters the unevictable list with a count of 0), so the
 *    count can undercount; reclaim's rmap walk mlocks it again when it
 *    meets a locked VMA.
 * The end states agree with Linux 6.12 measured under qemu
 * (tests/kernel/mlock.c, tests/scenarios/mlock/).
 */
#include "lib/strbuf.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "include/machine.h"
#include "include/sched.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "fixture.h"
#include "tap.h"

#define NR	16	/* pages of the shared file */

/* As @t: mlock(2) or munlock(2) of the whole VMA. */
static int lock(struct machine *m, struct task_struct *t,
		struct vm_area_struct *vma, bool on)
{
	struct task_struct *prev = m->current;
	int err;

	m->current = t;
	err = on ? do_mlock(vma, vma->vm_start, vma->vm_end)
		 : do_munlock(vma, vma->vm_start, vma->vm_end);
	m->current = prev;
	return err;
}

static struct folio *page_folio(struct vm_area_struct *vma, unsigned long i)
{
	return vm_normal_folio(vma, vma->vm_start + i * PAGE_SIZE);
}

/* Every page's mlock state: @count locked mappings counted, or evictable. */
static bool all_counted(struct vm_area_struct *vma, unsigned int count)
{
	unsigned long i;

	for (i = 0; i < NR; i++) {
		struct folio *f = page_folio(vma, i);

		if (!f)
			return false;
		if (!count && (folio_test(f, PG_mlocked) ||
			       folio_test(f, PG_unevictable)))
			return false;
		if (count && (!folio_test(f, PG_mlocked) ||
			      !folio_test(f, PG_unevictable) ||
			      !folio_test(f, PG_lru) || f->mlock_count != count))
			return false;
	}
	return true;
}

/* Cgroup A with p1 on CPU 0 and p2 on CPU 1. */
static void spawn_two(struct machine *m, struct task_struct **p1,
		      struct task_struct **p2)
{
	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	*p1 = spawn(m, "p1", "A");
	*p2 = spawn(m, "p2", "A");
	(*p1)->cpu = 0;
	(*p2)->cpu = 1;
}

static void test_count(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct vm_area_struct *v1, *v2;
	struct task_struct *p1, *p2;
	unsigned long i;
	bool good = true;

	spawn_two(m, &p1, &p2);
	v1 = map_shmem(m, p1, "/dev/shm/s", NR);
	v2 = map_shmem(m, p2, "/dev/shm/s", NR);
	ok(v1 && v2, "both map /dev/shm/s");
	for (i = 0; i < NR; i++)
		good &= task_access(m, p1, v1, i, true);
	ok(good, "p1 writes its %d pages", NR);

	is_long(lock(m, p1, v1, true), 0, "p1: mlock");
	ok(all_counted(v1, 1), "every page: mlocked, unevictable, count 1");
	is_long(memstat(m, "A", "unevictable"), NR * PAGE_SIZE,
		"A unevictable = %d pages", NR);
	is_long(p1->mm->locked_vm, NR, "p1 locked_vm = %d", NR);

	is_long(lock(m, p2, v2, true), 0, "p2: mlock (a second locker)");
	ok(all_counted(v1, 2), "every page: count 2");
	is_long(key(m, "/proc/meminfo", "Mlocked:"), NR * 4,
		"Mlocked %d kB: each page once", NR * 4);

	is_long(lock(m, p1, v1, false), 0, "p1: munlock");
	ok(all_counted(v2, 1), "every page: count 1, still unevictable");
	is_long(memstat(m, "A", "unevictable"), NR * PAGE_SIZE,
		"A unevictable still %d pages: p2 locks them", NR);
	is_long(p1->mm->locked_vm, 0, "p1 locked_vm = 0");

	task_exit(p2);
	ok(all_counted(v1, 0), "p2 exits: every page evictable, not mlocked");
	is_long(memstat(m, "A", "unevictable"), 0, "A unevictable = 0");
	is_long(memstat(m, "A", "shmem"), NR * PAGE_SIZE, "A shmem stays");
	is_long(key(m, "/proc/meminfo", "Mlocked:"), 0, "Mlocked 0 kB");
	task_exit(p1);
	destroy_machine(m);
}

/*
 * A folio that is still in another CPU's add batch when its mlock runs is
 * not counted; with two lockers counted once, the first munlock makes it
 * evictable while the second still locks it, and reclaim, meeting the
 * locked VMA in its rmap walk, mlocks it again.
 */
static void test_undercount(void)
{
	struct machine *m = boot_machine_swap(256ULL << 20, 1, 64ULL << 20);
	struct vm_area_struct *v1, *v2;
	struct task_struct *p1, *p2;
	struct folio *f;

	spawn_two(m, &p1, &p2);
	v1 = map_shmem(m, p1, "/dev/shm/u", 1);
	v2 = map_shmem(m, p2, "/dev/shm/u", 1);
	ok(v1 && v2 && task_access(m, p2, v2, 0, true),
	   "p2 writes the page: it waits in CPU 1's add batch");
	f = page_folio(v2, 0);
	ok(f && !folio_test(f, PG_lru), "not on the LRU yet");

	is_long(lock(m, p1, v1, true), 0, "p1 (CPU 0): mlock maps and locks it");
	ok(folio_test(f, PG_mlocked) && !folio_test(f, PG_lru),
	   "mlocked, but its mlock found it off the LRU");
	is_long(lock(m, p2, v2, true), 0,
		"p2 (CPU 1): mlock drains CPU 1, then counts its own mapping");
	ok(folio_test(f, PG_unevictable) && f->mlock_count == 1,
	   "two locked mappings, counted once");

	is_long(lock(m, p1, v1, false), 0, "p1: munlock");
	ok(!folio_test(f, PG_mlocked) && !folio_test(f, PG_unevictable),
	   "the count reached 0: evictable while p2 still locks it");
	is_long(memstat(m, "A", "unevictable"), 0, "A unevictable 0");

	ok(wr(m, "A/memory.reclaim", "4K") < 0, "memory.reclaim cannot take it");
	lru_add_drain_all(m);
	ok(folio_test(f, PG_mlocked) && folio_test(f, PG_unevictable),
	   "reclaim met p2's locked VMA: mlocked and unevictable again");
	is_long(memstat(m, "A", "unevictable"), PAGE_SIZE, "A unevictable 1 page");
	ok(page_folio(v2, 0) == f, "still mapped by p2");

	task_exit(p2);
	ok(!folio_test(f, PG_mlocked) && !folio_test(f, PG_unevictable),
	   "p2 exits: evictable");
	is_long(key(m, "/proc/meminfo", "Mlocked:"), 0, "Mlocked 0 kB");
	task_exit(p1);
	destroy_machine(m);
}

/*
 * A folio of a SHM_LOCKed file is unevictable without being mlocked, and
 * __mlock_folio() counts only an mlocked folio: a munlock and an mlock of
 * it that meet in one batch (the munlock first) leave it unevictable with
 * a count of 0, PG_mlocked gone, as 6.12's batch does.
 */
static void test_shm_locked(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct vm_area_struct *v;
	struct task_struct *p1, *p2;
	struct folio *f;

	spawn_two(m, &p1, &p2);
	v = map_shmem(m, p1, "/dev/shm/l", 1);
	ok(v && task_access(m, p1, v, 0, true), "p1 writes the page");
	shmem_lock(m, v->vm_file, true);
	is_long(lock(m, p1, v, true), 0, "p1: mlock");
	f = page_folio(v, 0);
	ok(f && folio_test(f, PG_unevictable) && f->mlock_count == 1,
	   "unevictable, count 1");

	m->current = p1;
	munlock_folio(m, f);		/* the count goes to 0 */
	mlock_folio(m, f);		/* already PG_mlocked: queued only */
	mlock_drain_cpu(m, smp_processor_id(m));
	m->current = NULL;
	ok(!folio_test(f, PG_mlocked) && folio_test(f, PG_unevictable) &&
	   !f->mlock_count, "SHM_LOCK keeps it unevictable, not counted");
	is_long(key(m, "/proc/meminfo", "Mlocked:"), 0, "Mlocked 0 kB");
	shmem_lock(m, v->vm_file, false);
	task_exit(p1);
	task_exit(p2);
	destroy_machine(m);
}

/* How many of @vma's NR pages have @flag. */
static unsigned int nr_with(struct vm_area_struct *vma, unsigned int flag)
{
	unsigned int i, n = 0;

	for (i = 0; i < NR; i++) {
		struct folio *f = page_folio(vma, i);

		n += f && folio_test(f, flag);
	}
	return n;
}

/*
 * mlock's populate takes every page through GUP with FOLL_TOUCH, which
 * marks it accessed: pages written (a write fault does not mark them) are
 * PG_referenced once mlocked, and still when munlock puts them back on the
 * inactive list.  Measured on 6.12 with /proc/kpageflags,
 * tests/kernel/mlock_touch.c, 2 runs, no spread: of 64 pages, anonymous
 * or shmem, 0 referenced written, 64 mlocked, 64 munlocked, none active.
 */
static void test_populate_touch(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *p1, *p2;
	struct vm_area_struct *v;
	unsigned long i;
	bool good = true;

	spawn_two(m, &p1, &p2);
	v = map_shmem(m, p1, "/dev/shm/t", NR);
	for (i = 0; v && i < NR; i++)
		good &= task_access(m, p1, v, i, true);
	ok(v && good, "p1 writes its %d pages", NR);
	lru_add_drain_all(m);
	is_long(nr_with(v, PG_referenced), 0, "none referenced");
	is_long(lock(m, p1, v, true), 0, "p1: mlock");
	is_long(nr_with(v, PG_referenced), NR, "all referenced once mlocked");
	is_long(lock(m, p1, v, false), 0, "p1: munlock");
	lru_add_drain_all(m);
	is_long(nr_with(v, PG_referenced), NR, "still referenced");
	is_long(nr_with(v, PG_active), 0, "none active");
	task_exit(p1);
	task_exit(p2);
	destroy_machine(m);
}

int main(void)
{
	test_count();
	test_undercount();
	test_shm_locked();
	test_populate_touch();
	return done_testing();
}
