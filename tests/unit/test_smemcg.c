// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of shared-memory cgroups (policy smemcg=charge|borrow,
 * mm/smemcg.c; issue 12): every errno of the mount option and of
 * memory.smemcg, smemcg.max's refusal, and the rollback of each charge
 * path (a new page under `charge`, an attach under `charge`, a pin under
 * pins=smemcg with `borrow`): a failure leaves every counter as it was.
 * The design is the model's (docs/smemcg.md); the expected values follow
 * from it: one page is 4096 bytes, charged once to the smemcg, and to an
 * attached memcg as that policy says.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "include/machine.h"
#include "include/entry-common.h"
#include "include/file.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "lib/strbuf.h"
#include "mm/debug.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/smemcg.h"
#include "drivers/pin_dev.h"
#include "fixture.h"
#include "tap.h"

static struct machine *setup(int policy, int pins)
{
	struct machine *m = boot_machine(128 << 20, 1);

	m->policy.smemcg = policy;
	m->policy.pins = pins;
	wr(m, "cgroup.subtree_control", pins ? "+memory +pins" : "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "B");
	return m;
}

static long usage(struct machine *m, const char *cg)
{
	return page_counter_read(&memcg_of(m, cg)->memory);
}

static struct smemcg_pair *pair(struct machine *m, const char *cg)
{
	return smemcg_pair_find(smemcg_lookup_path(m, "/s"), memcg_of(m, cg));
}

static void verified(struct machine *m, const char *what)
{
	struct strbuf why = { 0 };

	is_long(mm_verify(m, &why), 0, "%s%s%s", what, why.buf ? ": " : "",
		why.buf ? why.buf : "");
	sb_release(&why);
}

static void test_mount(void)
{
	struct machine *m = setup(SMEMCG_OFF, 0);

	is_long(shmem_mount(m, "/s", "smemcg"), -EINVAL,
		"smemcg=off: the option is EINVAL, as 6.12's tmpfs");
	is_long(wr(m, "A/memory.smemcg", "+/s"), -ENOENT,
		"smemcg=off: no memory.smemcg file");
	destroy_machine(m);
	m = setup(SMEMCG_BORROW, 0);
	is_long(wr(m, "A/memory.smemcg", "+/s"), -ENOENT,
		"no smemcg mount yet: no memory.smemcg file");
	is_long(shmem_mount(m, "/s", "smemcg=1"), -EINVAL,
		"smemcg takes no value: EINVAL");
	is_long(shmem_mount(m, "/s", "size=1M,smemcg"), 0, "mount ... smemcg");
	is_long(num(m, "/sys/kernel/mm/smemcg/s/smemcg.current"), 0,
		"smemcg.current 0");
	is_str(rd(m, "/sys/kernel/mm/smemcg/s/smemcg.max"), "max\n",
		  "smemcg.max max");
	is_long(wr(m, "/sys/kernel/mm/smemcg/s/smemcg.max", "lots"), -EINVAL,
		"smemcg.max lots: EINVAL");
	destroy_machine(m);
}

static void test_attach_errnos(void)
{
	struct machine *m = setup(SMEMCG_BORROW, 0);
	struct task_struct *t;
	struct vm_area_struct *vma;

	shmem_mount(m, "/s", "smemcg");
	is_long(wr(m, "A/memory.smemcg", "+/missing"), -ENOENT,
		"attach a path with no mount: ENOENT");
	is_long(wr(m, "A/memory.smemcg", "+/dev/shm"), -ENOENT,
		"attach a tmpfs without smemcg: ENOENT");
	is_long(wr(m, "A/memory.smemcg", "/s"), -EINVAL, "no + or -: EINVAL");
	is_long(wr(m, "A/memory.smemcg", "\n"), -EINVAL,
		"an empty line: EINVAL");
	is_long(wr(m, "A/memory.smemcg", "-/s"), -ENOENT,
		"detach what is not attached: ENOENT");
	ok(wr(m, "A/memory.smemcg", "+/s") > 0, "attach");
	is_long(wr(m, "A/memory.smemcg", "+/s"), -EEXIST,
		"attach twice: EEXIST");
	is_str(rd(m, "A/memory.smemcg"), "/s\n", "memory.smemcg lists it");
	is_str(rd(m, "B/memory.smemcg"), "", "B has none");
	t = spawn(m, "t", "A");
	vma = map_shmem(m, t, "/s/f", 4);
	ok(task_access(m, t, vma, 0, true), "a page mapped");
	is_long(key(m, "A/memory.smemcg.borrow", "s"), 0,
		"the borrow line is keyed by name");
	is_long(wr(m, "A/memory.smemcg", "-/s"), -EBUSY,
		"detach while its tasks map a page: EBUSY");
	task_exit(t);
	ok(wr(m, "A/memory.smemcg", "-/s") > 0,
	   "detach once nothing is mapped");
	is_str(rd(m, "A/memory.smemcg.borrow"), "",
		  "the pair is gone");
	destroy_machine(m);
}

/* smemcg.max refuses a page with ENOSPC and charges nobody. */
static void test_smemcg_max(void)
{
	struct machine *m = setup(SMEMCG_CHARGE, 0);
	struct task_struct *t;
	struct vm_area_struct *vma;
	long before;

	shmem_mount(m, "/s", "smemcg");
	wr(m, "A/memory.smemcg", "+/s");
	ok(wr(m, "/sys/kernel/mm/smemcg/s/smemcg.max", "8K") > 0,
	   "smemcg.max 8K: two pages");
	t = spawn(m, "t", "A");
	vma = map_shmem(m, t, "/s/f", 4);
	ok(task_access(m, t, vma, 0, true) && task_access(m, t, vma, 1, true),
	   "two pages fit");
	before = usage(m, "A");
	ok(!task_access(m, t, vma, 2, true), "the third faults SIGBUS");
	is_long(num(m, "/sys/kernel/mm/smemcg/s/smemcg.current"), 8192,
		"smemcg.current stays 8K");
	is_long(key(m, "/sys/kernel/mm/smemcg/s/smemcg.events", "max"), 1,
		"smemcg.events max 1");
	is_long(usage(m, "A"), before, "A's charge did not move");
	task_exit(t);
	destroy_machine(m);
}

/* charge: B cannot take the page; A's charge is rolled back. */
static void test_charge_rollback(void)
{
	struct machine *m = setup(SMEMCG_CHARGE, 0);
	struct task_struct *t;
	struct vm_area_struct *vma;

	shmem_mount(m, "/s", "smemcg");
	wr(m, "A/memory.smemcg", "+/s");
	wr(m, "B/memory.smemcg", "+/s");
	wr(m, "B/memory.max", "0");		/* nothing in B to kill */
	t = spawn(m, "t", "A");
	vma = map_shmem(m, t, "/s/f", 4);
	ok(!task_access(m, t, vma, 0, true), "B over its limit: the fault fails");
	is_long(pair(m, "A")->charged, 0, "A's charge rolled back");
	verified(m, "memory.current is folios, stock, kmem and pairs");
	is_long(usage(m, "B"), 0, "B holds nothing");
	is_long(num(m, "/sys/kernel/mm/smemcg/s/smemcg.current"), 0,
		"the smemcg holds nothing");
	ok(key(m, "B/memory.events", "max") > 0, "B counted max events");
	wr(m, "B/memory.max", "max");
	ok(task_access(m, t, vma, 0, true), "with room in B it maps");
	is_long(pair(m, "B")->charged, 1, "B carries the page");
	is_long(pair(m, "A")->charged, 1, "so does A");
	/* an attach that cannot take the whole charge */
	cgroup_mkdir(m, "C");
	wr(m, "C/memory.max", "0");
	is_long(wr(m, "C/memory.smemcg", "+/s"), -ENOMEM,
		"attach over C's limit: ENOMEM");
	is_str(rd(m, "C/memory.smemcg"), "", "C is not attached");
	is_long(usage(m, "C"), 0, "C holds nothing");
	task_exit(t);
	destroy_machine(m);
}

/* pin @n pages of @vma from its start as @t; the fd or an errno */
static int pin(struct machine *m, struct task_struct *t, int drv,
	       struct vm_area_struct *vma, unsigned long n)
{
	struct task_struct *prev = enter_task(m, t);
	int fd = pin_dev_register(t, drv, vma, vma->vm_start,
				  vma->vm_start + n * PAGE_SIZE);

	leave_task(m, prev);
	return fd;
}

/*
 * borrow + pins=smemcg: a pin over the pinner's memory.max undoes it
 * all.  Every page is mapped first, so the pin's own faults charge
 * nothing; the limit is the usage then, and 100 pinned pages are more
 * than the 63 the per-CPU stock may hold.
 */
static void test_pin_rollback(void)
{
	struct machine *m = setup(SMEMCG_BORROW, 2);
	struct task_struct *t, *prev;
	struct vm_area_struct *vma;
	char max[32];
	long pins;
	int fd, i;

	shmem_mount(m, "/s", "smemcg");
	wr(m, "A/memory.smemcg", "+/s");
	t = spawn(m, "t", "A");
	vma = map_shmem(m, t, "/s/f", 128);
	for (i = 0; i < 128; i++)
		task_access(m, t, vma, i, true);
	fd = pin(m, t, PIN_DRIVER_RDMA, vma, 4);
	ok(fd >= 0, "pin 4 pages of the file");
	is_long(pair(m, "A")->pinned, 4, "pinned 4: borrowed by A");
	is_long(pair(m, "A")->mapped, 128, "mapped 128");
	is_long(pair(m, "A")->charged, 132, "charged mapped + pinned");
	is_long(wr(m, "A/memory.smemcg", "-/s"), -EBUSY,
		"detach with pins out: EBUSY");
	pins = num(m, "A/pins.current");
	snprintf(max, sizeof(max), "%ld", usage(m, "A") * PAGE_SIZE);
	wr(m, "A/memory.max", max);
	is_long(pin(m, t, PIN_DRIVER_VFIO, vma, 100), -ENOMEM,
		"a pin A's memory.max cannot take: ENOMEM");
	is_long(pair(m, "A")->pinned, 4, "pinned as before");
	is_long(num(m, "A/pins.current"), pins, "pins.current as before");
	verified(m, "after the rollback");
	wr(m, "A/memory.max", "max");
	prev = enter_task(m, t);
	is_long(pin_dev_unregister(t, fd), 0, "unpin");
	leave_task(m, prev);
	is_long(pair(m, "A")->pinned, 0, "pinned 0");
	is_long(num(m, "A/pins.current"), 0, "pins.current 0");
	task_exit(t);
	destroy_machine(m);
}

int main(void)
{
	test_mount();
	test_attach_errnos();
	test_smemcg_max();
	test_charge_rollback();
	test_pin_rollback();
	return done_testing();
}
