// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for kernel/cgroup.c and kernel/cgroup_files.c: the cgroup v2
 * lifecycle as a shell would see it through cgroupfs.
 *
 *  - mkdir/rmdir errnos (memcg-core.md §9.2, §12 item 30);
 *  - cgroup.subtree_control parsing and errnos (§9.2, §12 item 32);
 *  - cgroup.procs migration: charges stay with the old memcg (§12 item 33);
 *  - cgroup.events populated propagation;
 *  - cgroup.stat nr_descendants / nr_dying_descendants / nr_subsys_memory /
 *    nr_dying_subsys_memory (docs/kernel-6.12-formats.md §5);
 *  - a removed memcg that page cache still references stays dying until the
 *    cache goes (drop_caches, truncate, or reclaim from the parent), and is
 *    freed one RCU grace period later (§8.1, §12 items 30-31).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/rcupdate.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/filemap.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "fixture.h"
#include "tap.h"

static long populated(struct machine *m, const char *cg)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/cgroup.events", cg);
	return key(m, path, "populated");
}

/* A disk file of @pages pages that were never written: reading fills holes. */
static struct inode *make_file(struct machine *m, const char *path,
			       unsigned long pages)
{
	struct inode *inode;
	int err;

	inode = vfs_open(m, path, true, &err);
	if (!inode) {
		printf("Bail out! vfs_open %s: %d\n", path, err);
		exit(1);
	}
	vfs_truncate(m, inode, (u64)pages * PAGE_SIZE);
	return inode;
}

/* The root's file pages less the block device's (mount and file creation
 * metadata, fs/buffer.c): the file data the tests count. */
static long root_file_data(struct machine *m)
{
	return memstat(m, "", "file") - (long)nr_blockdev_pages(m) * PAGE_SIZE;
}

static long read_as(struct machine *m, struct task_struct *t,
		    struct inode *inode)
{
	long ret;

	m->current = t;
	ret = filemap_read(m, inode, NULL, 0, inode->i_size);
	m->current = NULL;
	return ret;
}

/* Touch (write) pages [from, to) of @vma as @t. */
static bool touch(struct machine *m, struct task_struct *t,
		  struct vm_area_struct *vma, unsigned long from,
		  unsigned long to)
{
	unsigned long i;
	bool good = true;
	u8 *page;

	m->current = t;
	for (i = from; i < to; i++)
		if (user_access(vma, vma->vm_start + i * PAGE_SIZE, true, &page))
			good = false;
		else
			page[0] = (u8)i;
	m->current = NULL;
	return good;
}

static void settle(struct machine *m)
{
	rcu_barrier(m);
	machine_run_until(m, m->clock.now + 100 * NSEC_PER_MSEC);
	rcu_barrier(m);
}

/* ---- mkdir / rmdir ---- */

static void test_mkdir_rmdir(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *t;

	is_long(cgroup_mkdir(m, "X/Y"), -ENOENT, "mkdir: missing parent -> ENOENT");
	is_long(cgroup_mkdir(m, "A"), 0, "mkdir A");
	is_long(cgroup_mkdir(m, "A"), -EEXIST, "mkdir: existing -> EEXIST");
	is_long(cgroup_mkdir(m, "/A"), -EEXIST, "mkdir: /A is A -> EEXIST");
	is_long(cgroup_mkdir(m, "A/B"), 0, "mkdir A/B");
	is_long(cgroup_mkdir(m, "A/B/C/D"), -ENOENT, "mkdir: two levels at once -> ENOENT");
	is_long(cgroup_mkdir(m, "A/bad\nname"), -EINVAL, "mkdir: newline in name -> EINVAL");
	ok(cgroup_lookup(m, "A/B") && cgroup_lookup(m, "/A/B/") &&
	   cgroup_lookup(m, "A/B") == cgroup_lookup(m, "./A/./B"),
	   "lookup: slashes and dots");
	ok(!cgroup_lookup(m, "A/nope"), "lookup: missing -> NULL");

	is_long(cgroup_rmdir(m, "A"), -EBUSY, "rmdir: cgroup with a child -> EBUSY");
	is_long(cgroup_rmdir(m, "nope"), -ENOENT, "rmdir: missing -> ENOENT");
	is_long(cgroup_rmdir(m, ""), -EBUSY, "rmdir: the root -> EBUSY");
	is_long(cgroup_rmdir(m, "/"), -EBUSY, "rmdir: '/' (the root) -> EBUSY");

	t = spawn(m, "sleeper", "A/B");
	is_long(cgroup_rmdir(m, "A/B"), -EBUSY, "rmdir: populated -> EBUSY");
	is_long(cgroup_rmdir(m, "A"), -EBUSY, "rmdir: populated below -> EBUSY");
	task_exit(t);
	is_long(cgroup_rmdir(m, "A/B"), 0, "rmdir: empty after the task exits");
	ok(!cgroup_lookup(m, "A/B"), "rmdir: gone from lookups at once");
	is_long(cgroup_rmdir(m, "A/B"), -ENOENT, "rmdir: twice -> ENOENT");
	is_long(cgroup_mkdir(m, "A/B"), 0, "mkdir: the name is free again");
	is_long(cgroup_rmdir(m, "A/B"), 0, "rmdir A/B again");
	is_long(cgroup_rmdir(m, "A"), 0, "rmdir A once its child is gone");

	/* a task killed by SIGKILL does not keep the cgroup populated */
	is_long(cgroup_mkdir(m, "K"), 0, "mkdir K");
	t = spawn(m, "victim", "K");
	task_send_sigkill(t);
	is_long(cgroup_rmdir(m, "K"), 0, "rmdir after the only task was killed");

	/* cgroup.max.descendants / cgroup.max.depth -> EAGAIN */
	is_long(cgroup_mkdir(m, "L"), 0, "mkdir L");
	is_long(wr(m, "L/cgroup.max.descendants", "1\n"), 2, "L max.descendants 1");
	is_long(wr(m, "L/cgroup.max.depth", "2"), 1, "L max.depth 2");
	is_long(cgroup_mkdir(m, "L/a"), 0, "mkdir L/a (1 descendant)");
	is_long(cgroup_mkdir(m, "L/b"), -EAGAIN, "mkdir L/b over max.descendants -> EAGAIN");
	is_long(wr(m, "L/cgroup.max.descendants", "max"), 3, "L max.descendants max");
	is_long(cgroup_mkdir(m, "L/a/b"), 0, "mkdir L/a/b (depth 2)");
	is_long(cgroup_mkdir(m, "L/a/b/c"), -EAGAIN, "mkdir at depth 3 -> EAGAIN");
	is_str(rd(m, "L/cgroup.max.depth"), "2\n", "cgroup.max.depth reads 2");
	is_long(wr(m, "L/cgroup.max.depth", "abc"), -EINVAL, "cgroup.max.depth abc -> EINVAL");
	ok(wr(m, "L/cgroup.max.depth", "-1") == -ERANGE,
		"cgroup.max.depth -1 -> ERANGE (cgroup_max_depth_write)");
	ok(wr(m, "L/cgroup.max.descendants", "-1") == -ERANGE,
		"cgroup.max.descendants -1 -> ERANGE (cgroup_max_descendants_write)");
	is_str(rd(m, "L/cgroup.max.descendants"), "max\n", "cgroup.max.descendants reads max");
	destroy_machine(m);
}

/* ---- cgroup.subtree_control ---- */

static void test_subtree_control(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *t, *r;
	char pid[32];

	is_str(rd(m, "cgroup.subtree_control"), "", "root subtree_control starts empty (no newline)");
	is_str(rd(m, "cgroup.controllers"), "memory\n", "root cgroup.controllers lists memory");

	/* a process in the root does not stop the root enabling memory */
	r = spawn(m, "init", "");
	is_long(wr(m, "cgroup.subtree_control", "memory"), -EINVAL, "'memory' without +/- -> EINVAL");
	is_long(wr(m, "cgroup.subtree_control", "+foo"), -EINVAL, "'+foo' -> EINVAL");
	is_long(wr(m, "cgroup.subtree_control", "-foo"), -EINVAL, "'-foo' -> EINVAL");
	is_long(wr(m, "cgroup.subtree_control", "+"), -EINVAL, "'+' alone -> EINVAL");
	is_long(wr(m, "cgroup.subtree_control", "+memory +foo"), -EINVAL,
		"'+memory +foo' -> EINVAL");
	is_str(rd(m, "cgroup.subtree_control"), "", "a failed write changes nothing");
	is_long(wr(m, "cgroup.subtree_control", "+memory -memory"), 15,
		"'+memory -memory': the last mention wins");
	is_str(rd(m, "cgroup.subtree_control"), "", "... memory stays disabled");
	is_long(wr(m, "cgroup.subtree_control", "-memory"), 7, "disabling a disabled one: no-op");
	is_long(wr(m, "cgroup.subtree_control", "+memory\n"), 8, "'+memory\\n' at the root (echo)");
	is_str(rd(m, "cgroup.subtree_control"), "memory\n", "root subtree_control reads memory");
	is_long(wr(m, "cgroup.subtree_control", "  +memory  "), 11, "enabling twice: no-op success");
	task_exit(r);

	is_long(cgroup_mkdir(m, "A"), 0, "mkdir A");
	is_long(cgroup_mkdir(m, "A/B"), 0, "mkdir A/B");
	is_str(rd(m, "A/cgroup.controllers"), "memory\n", "A/cgroup.controllers: memory");
	is_str(rd(m, "A/B/cgroup.controllers"), "", "A/B/cgroup.controllers: empty");
	is_str(rd(m, "A/memory.max"), "max\n", "A has memory.max");
	is_str(rd(m, "A/B/memory.max"), "ERR 2", "A/B has no memory.max (ENOENT)");
	is_long(wr(m, "A/B/cgroup.subtree_control", "+memory"), -ENOENT,
		"+memory where the parent lacks it -> ENOENT");
	is_long(wr(m, "A/B/cgroup.subtree_control", "-memory"), 7,
		"-memory where it is not enabled: no-op");

	/* no internal processes: +memory on a non-root cgroup with tasks */
	t = spawn(m, "worker", "A");
	is_long(wr(m, "A/cgroup.subtree_control", "+memory"), -EBUSY,
		"+memory on a non-root cgroup with processes -> EBUSY");
	is_str(rd(m, "A/cgroup.subtree_control"), "", "... and nothing changed");
	snprintf(pid, sizeof(pid), "%d", t->pid);
	is_long(wr(m, "A/B/cgroup.procs", pid), (long)strlen(pid), "move the task to A/B");
	is_long(wr(m, "A/cgroup.subtree_control", "+memory"), 7,
		"+memory on A once it has no processes");
	is_str(rd(m, "A/B/memory.max"), "max\n", "A/B has memory.max now");
	is_str(rd(m, "A/B/cgroup.controllers"), "memory\n", "A/B/cgroup.controllers: memory");
	ok(memcg_of(m, "A/B") && mem_cgroup_from_task(t) == memcg_of(m, "A/B"),
	   "the task in A/B charges A/B's new memcg");
	is_long(wr(m, "A/cgroup.procs", pid), -EBUSY,
		"pid into a non-root cgroup with memory in subtree_control -> EBUSY");
	is_long(wr(m, "A/cgroup.procs", pid), -EBUSY, "... every time");
	ok(t->cgroup == cgroup_lookup(m, "A/B"), "... and the task stays put");
	{
		int err = 0;

		ok(!task_spawn(m, "x", cgroup_lookup(m, "A"), &err) && err == -EBUSY,
		   "spawning into A (CLONE_INTO_CGROUP) -> EBUSY");
	}
	is_long(wr(m, "cgroup.procs", pid), (long)strlen(pid),
		"the root takes processes whatever its subtree_control");
	ok(t->cgroup == m->cgrp_root, "task back in the root");

	/* disabling while a child has it enabled */
	is_long(wr(m, "A/B/cgroup.subtree_control", "+memory"), 7, "+memory in A/B");
	is_long(wr(m, "A/cgroup.subtree_control", "-memory"), -EBUSY,
		"-memory in A while A/B has it enabled -> EBUSY");
	is_long(wr(m, "cgroup.subtree_control", "-memory"), -EBUSY,
		"-memory in the root while A has it enabled -> EBUSY");
	is_long(wr(m, "A/B/cgroup.subtree_control", "-memory"), 7, "-memory in A/B");
	is_long(cgstat(m, "A", "nr_subsys_memory"), 2, "A: nr_subsys_memory 2 (A, A/B)");
	is_long(wr(m, "A/cgroup.subtree_control", "-memory\n"), 8, "-memory in A now works");
	is_str(rd(m, "A/B/memory.max"), "ERR 2", "A/B lost its memory files");
	is_long(cgstat(m, "A", "nr_subsys_memory"), 1, "A: nr_subsys_memory 1");
	is_long(cgstat(m, "A", "nr_dying_subsys_memory"), 1,
		"A: A/B's memory css is dying right after the write");
	is_long(cgstat(m, "A", "nr_dying_descendants"), 0,
		"A: A/B itself is not dying");
	settle(m);
	is_long(cgstat(m, "A", "nr_dying_subsys_memory"), 0,
		"A: A/B's memory css freed after a grace period");
	is_long(cgstat(m, "A", "nr_descendants"), 1, "A: nr_descendants 1");
	is_long(wr(m, "cgroup.subtree_control", "-memory"), 7, "-memory in the root");
	is_str(rd(m, "A/memory.max"), "ERR 2", "A lost its memory files");
	is_str(rd(m, "memory.stat"), rd(m, "memory.stat"), "the root keeps memory.stat");
	ok(strncmp(rd(m, "memory.stat"), "ERR", 3), "the root's memory.stat is readable");
	settle(m);
	is_long(cgstat(m, "", "nr_dying_subsys_memory"), 0, "root: no dying memory css left");
	task_exit(t);
	destroy_machine(m);
}

/*
 * Toggling memory in a parent's subtree_control while a child has a task:
 * the kernel moves the task to the new css (cgroup_update_dfl_csses ->
 * cgroup_migrate -> mem_cgroup_attach sets CURRENT_OBJCG_UPDATE_FLAG), so
 * its next kernel allocation (a page table) is charged to the new memcg at
 * once; pages already charged keep the old css alive as a dying css.
 */
static void test_subtree_toggle_with_tasks(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct vm_area_struct *vma;
	struct mem_cgroup *a, *b, *b2;
	struct task_struct *t;
	long a_pt, a_anon;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	wr(m, "A/cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A/B");
	a = memcg_of(m, "A");
	b = memcg_of(m, "A/B");
	t = spawn(m, "toggler", "A/B");
	is_long(do_mmap(t->mm, "big", VMA_ANON, NULL, 8UL << 20, false, &vma), 0,
		"toggle: map 8 MiB");
	/* pages 0, 512, 1024 and 1536 each need their own PTE table */
	ok(touch(m, t, vma, 0, 1), "toggle: touch page 0 in A/B");
	ok(memcg_page_state_local(b, NR_PAGETABLE) > 0 &&
	   memcg_page_state_local(b, NR_ANON_MAPPED) == 1,
	   "toggle: B pays for the page and its page tables");

	is_long(wr(m, "A/cgroup.subtree_control", "-memory"), 7,
		"toggle: -memory in A with a task in A/B");
	ok(mem_cgroup_from_task(t) == a, "toggle: the task now charges A");
	a_pt = memcg_page_state_local(a, NR_PAGETABLE);
	a_anon = memcg_page_state_local(a, NR_ANON_MAPPED);
	ok(touch(m, t, vma, 512, 513), "toggle: touch page 512");
	is_long(memcg_page_state_local(a, NR_ANON_MAPPED), a_anon + 1,
		"toggle: the new anon page is A's");
	ok(memcg_page_state_local(a, NR_PAGETABLE) == a_pt + 1,
		"toggle: the new page table is charged to A at once (local %ld -> %ld)",
		a_pt, memcg_page_state_local(a, NR_PAGETABLE));
	settle(m);
	is_long(cgstat(m, "A", "nr_dying_subsys_memory"), 1,
		"toggle: B's old memcg is dying, pinned by its anon page");
	is_long(cgstat(m, "A", "nr_dying_descendants"), 0,
		"toggle: A/B itself is alive");

	is_long(wr(m, "A/cgroup.subtree_control", "+memory"), 7,
		"toggle: +memory in A again");
	b2 = memcg_of(m, "A/B");
	ok(b2 && b2 != b, "toggle: A/B has a new memcg");
	ok(mem_cgroup_from_task(t) == b2, "toggle: the task charges the new memcg");
	ok(touch(m, t, vma, 1024, 1025), "toggle: touch page 1024");
	is_long(memcg_page_state_local(b2, NR_ANON_MAPPED), 1,
		"toggle: the new anon page is the new memcg's");
	a_pt = memcg_page_state_local(a, NR_PAGETABLE);
	ok(memcg_page_state_local(b2, NR_PAGETABLE) == 1,
		"toggle: the new page table is the new memcg's (got %ld; A local %ld)",
		memcg_page_state_local(b2, NR_PAGETABLE), a_pt);
	is_str(rd(m, "A/B/memory.current"), rd(m, "A/B/memory.current"),
	       "toggle: A/B/memory.current readable again");

	task_exit(t);
	settle(m);
	is_long(cgstat(m, "A", "nr_dying_subsys_memory"), 0,
		"toggle: the old memcg is freed once its page is");
	is_long(memstat(m, "A", "anon"), 0, "toggle: no anon left");
	is_long(memstat(m, "A", "pagetables"), 0, "toggle: no page tables left");
	destroy_machine(m);
}

/* ---- cgroup.procs: charges stay behind ---- */

static void test_procs_migration(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct vm_area_struct *vma;
	struct task_struct *t;
	long a_cur, a_anon;
	char pid[32], line[40];
	int err;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "B");
	t = spawn(m, "mover", "A");
	snprintf(pid, sizeof(pid), "%d", t->pid);
	snprintf(line, sizeof(line), "%d\n", t->pid);
	err = do_mmap(t->mm, "r1", VMA_ANON, NULL, 200 * PAGE_SIZE, false, &vma);
	is_long(err, 0, "mmap 200 pages");
	ok(touch(m, t, vma, 0, 100), "touch 100 pages in A");
	a_cur = num(m, "A/memory.current");
	a_anon = memstat(m, "A", "anon");
	is_long(a_anon, 100 * PAGE_SIZE, "A anon = 100 pages");
	is_str(rd(m, "A/cgroup.procs"), line, "A/cgroup.procs lists the task");

	is_long(wr(m, "B/cgroup.procs", "abc"), -EINVAL, "cgroup.procs 'abc' -> EINVAL");
	is_long(wr(m, "B/cgroup.procs", "-1"), -EINVAL, "cgroup.procs '-1' -> EINVAL");
	is_long(wr(m, "B/cgroup.procs", "99999"), -ESRCH, "cgroup.procs unknown pid -> ESRCH");
	is_long(wr(m, "B/cgroup.procs", line), (long)strlen(line), "move to B ('PID\\n')");
	is_str(rd(m, "A/cgroup.procs"), "", "A/cgroup.procs empty");
	is_str(rd(m, "B/cgroup.procs"), line, "B/cgroup.procs lists the task");
	ok(mem_cgroup_from_task(t) == memcg_of(m, "B"), "the task's memcg is B's");
	is_long(num(m, "A/memory.current"), a_cur, "A memory.current unchanged by the move");
	is_long(memstat(m, "A", "anon"), a_anon, "A anon unchanged by the move");
	is_long(num(m, "B/memory.current"), 0, "B memory.current 0 after the move");
	is_long(populated(m, "A"), 0, "A no longer populated");
	is_long(populated(m, "B"), 1, "B populated");

	ok(touch(m, t, vma, 100, 150), "touch 50 more pages (now in B)");
	is_long(memstat(m, "B", "anon"), 50 * PAGE_SIZE, "B anon = the 50 new pages");
	is_long(memstat(m, "A", "anon"), a_anon, "A anon still the 100 old pages");
	is_long(num(m, "B/memory.current"), 64 * PAGE_SIZE,
		"B memory.current = one 64-page batch");
	/* refilling the CPU's stock for B drained A's pre-charge */
	is_long(num(m, "A/memory.current"),
		memstat(m, "A", "anon") + memstat(m, "A", "kernel"),
		"A memory.current = its anon + page tables (stock drained)");
	ok(touch(m, t, vma, 0, 100), "rewriting the old pages charges nothing new");
	is_long(memstat(m, "B", "anon"), 50 * PAGE_SIZE, "B anon unchanged by rewrites");

	/* pid 0 is the writer itself */
	m->current = t;
	is_long(wr(m, "A/cgroup.procs", "0"), 1, "'0' moves the writing task");
	m->current = NULL;
	ok(t->cgroup == cgroup_lookup(m, "A"), "... back into A");

	task_exit(t);
	is_long(memstat(m, "A", "anon"), 0, "A anon 0 after exit");
	is_long(memstat(m, "B", "anon"), 0, "B anon 0 after exit");
	is_long(wr(m, "B/cgroup.procs", pid), -ESRCH, "moving an exited task -> ESRCH");
	destroy_machine(m);
}

/*
 * cgroup.threads of domain cgroups: __cgroup_procs_write(threadgroup=false)
 * lets a single thread move only inside its domain (cgroup_attach_
 * permissions(): src->dom_cgrp != dst->dom_cgrp -> EOPNOTSUPP).  Measured
 * on 6.12.118: writing init's pid to a child's cgroup.threads is
 * EOPNOTSUPP.  Where the task already is, the write succeeds.
 */
static void test_threads(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *t;
	char pid[32], line[40];

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "B");
	t = spawn(m, "threads", "A");
	snprintf(pid, sizeof(pid), "%d", t->pid);
	snprintf(line, sizeof(line), "%d\n", t->pid);
	is_str(rd(m, "A/cgroup.threads"), line, "A/cgroup.threads lists its thread");
	is_long(wr(m, "B/cgroup.threads", pid), -EOPNOTSUPP,
		"a thread into another domain -> EOPNOTSUPP");
	is_long(wr(m, "A/cgroup.threads", pid), (long)strlen(pid),
		"into its own cgroup: nothing to do");
	ok(t->cgroup == cgroup_lookup(m, "A"), "... and it stays in A");
	is_long(wr(m, "A/cgroup.threads", "99999"), -ESRCH, "unknown tid -> ESRCH");
	is_long(wr(m, "A/cgroup.threads", "x"), -EINVAL, "'x' -> EINVAL");
	task_exit(t);
	destroy_machine(m);
}

/* ---- cgroup.events ---- */

static void test_events_populated(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *d, *c;
	char pid[32];

	cgroup_mkdir(m, "P");
	cgroup_mkdir(m, "P/C");
	cgroup_mkdir(m, "P/C/D");
	cgroup_mkdir(m, "Q");
	is_str(rd(m, "P/cgroup.events"), "populated 0\nfrozen 0\n",
	       "fresh cgroup.events text");
	is_str(rd(m, "cgroup.events"), "ERR 2", "no cgroup.events on the root");

	d = spawn(m, "d", "P/C/D");
	ok(populated(m, "P/C/D") == 1 && populated(m, "P/C") == 1 &&
	   populated(m, "P") == 1, "a task in D populates D, C and P");
	is_long(populated(m, "Q"), 0, "Q unaffected");
	c = spawn(m, "c", "P/C");
	task_exit(d);
	is_long(populated(m, "P/C/D"), 0, "D empty after its task exits");
	ok(populated(m, "P/C") == 1 && populated(m, "P") == 1,
	   "C and P stay populated by C's own task");
	snprintf(pid, sizeof(pid), "%d", c->pid);
	is_long(wr(m, "Q/cgroup.procs", pid), (long)strlen(pid), "move c to Q");
	ok(populated(m, "P/C") == 0 && populated(m, "P") == 0 &&
	   populated(m, "Q") == 1, "migration moves populated from P to Q");
	is_str(rd(m, "Q/cgroup.events"), "populated 1\nfrozen 0\n",
	       "populated cgroup.events text");
	task_send_sigkill(c);
	is_long(populated(m, "Q"), 0, "a killed task unpopulates Q");

	/* cgroup.kill: "1" kills the whole subtree */
	d = spawn(m, "d2", "P/C/D");
	c = spawn(m, "c2", "P/C");
	is_long(wr(m, "P/cgroup.kill", "0"), -ERANGE, "cgroup.kill 0 -> ERANGE");
	is_long(wr(m, "P/cgroup.kill", "2"), -ERANGE, "cgroup.kill 2 -> ERANGE");
	is_long(wr(m, "P/cgroup.kill", "x"), -EINVAL, "cgroup.kill x -> EINVAL");
	ok(c->life == TASK_ALIVE && d->life == TASK_ALIVE, "... nobody died");
	is_long(wr(m, "P/cgroup.kill", "1\n"), 2, "cgroup.kill 1");
	ok(c->life == TASK_KILLED && d->life == TASK_KILLED, "both tasks of the subtree died");
	is_long(populated(m, "P"), 0, "P unpopulated after cgroup.kill");
	destroy_machine(m);
}

/* ---- cgroup.stat ---- */

static void test_stat(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);

	is_str(rd(m, "cgroup.stat"),
	       "nr_descendants 0\nnr_subsys_memory 1\n"
	       "nr_dying_descendants 0\nnr_dying_subsys_memory 0\n",
	       "root cgroup.stat (memory lines only: the model's one controller)");
	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "A/B");
	cgroup_mkdir(m, "C");
	is_long(cgstat(m, "", "nr_descendants"), 3, "root nr_descendants 3");
	is_long(cgstat(m, "", "nr_subsys_memory"), 3, "root nr_subsys_memory 3 (root, A, C)");
	is_long(cgstat(m, "A", "nr_descendants"), 1, "A nr_descendants 1");
	is_long(cgstat(m, "A", "nr_subsys_memory"), 1, "A nr_subsys_memory 1");
	is_long(cgstat(m, "A/B", "nr_subsys_memory"), 0, "A/B nr_subsys_memory 0");
	wr(m, "A/cgroup.subtree_control", "+memory");
	is_long(cgstat(m, "", "nr_subsys_memory"), 4, "root nr_subsys_memory 4 after A +memory");
	is_long(cgstat(m, "A/B", "nr_subsys_memory"), 1, "A/B nr_subsys_memory 1");

	is_long(cgroup_rmdir(m, "C"), 0, "rmdir C");
	is_long(cgstat(m, "", "nr_descendants"), 2, "root nr_descendants 2 at once");
	is_long(cgstat(m, "", "nr_dying_descendants"), 1, "root nr_dying_descendants 1 at once");
	is_long(cgstat(m, "", "nr_dying_subsys_memory"), 1,
		"root nr_dying_subsys_memory 1 at once (6.12.94+: raised at rmdir)");
	is_long(cgstat(m, "", "nr_subsys_memory"), 3, "root nr_subsys_memory 3");
	settle(m);
	is_long(cgstat(m, "", "nr_dying_descendants"), 0, "an unreferenced cgroup is freed");
	is_long(cgstat(m, "", "nr_dying_subsys_memory"), 0, "... with its memory css");

	is_long(cgroup_rmdir(m, "A/B"), 0, "rmdir A/B");
	ok(cgstat(m, "A", "nr_dying_descendants") == 1 &&
	   cgstat(m, "", "nr_dying_descendants") == 1,
	   "dying counts reach every ancestor");
	ok(cgstat(m, "A", "nr_dying_subsys_memory") == 1 &&
	   cgstat(m, "", "nr_dying_subsys_memory") == 1,
	   "dying memory css counted at every ancestor");
	settle(m);
	is_long(cgstat(m, "", "nr_dying_descendants"), 0, "A/B freed");
	is_long(cgstat(m, "A", "nr_dying_subsys_memory"), 0, "A/B's memcg freed");
	destroy_machine(m);
}

/* ---- a removed memcg pinned by its page cache ---- */

enum release_how { BY_DROP_CACHES, BY_TRUNCATE, BY_PARENT_RECLAIM };

static void test_dying_memcg(enum release_how how)
{
	static const char *const names[] = { "drop_caches", "truncate", "parent reclaim" };
	const char *n = names[how];
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct kernfs_open_file *of;
	struct task_struct *t;
	struct inode *inode;
	struct strbuf sb = STRBUF_INIT;
	long p_cur;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "P");
	wr(m, "P/cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "P/A");
	t = spawn(m, "reader", "P/A");
	inode = make_file(m, "/data/cache", 10);
	is_long(read_as(m, t, inode), 10 * PAGE_SIZE, "%s: the task reads 10 pages", n);
	is_long(memstat(m, "P/A", "file"), 10 * PAGE_SIZE, "%s: A file = 40960", n);
	is_long(root_file_data(m), 10 * PAGE_SIZE, "%s: root file = 40960", n);
	task_exit(t);
	is_long(populated(m, "P/A"), 0, "%s: A unpopulated after exit", n);
	is_long(kernfs_open(m, "P/A/memory.current", 0, &of), 0, "%s: hold A/memory.current open", n);

	is_long(cgroup_rmdir(m, "P/A"), 0, "%s: rmdir A with page cache charged succeeds", n);
	ok(!cgroup_lookup(m, "P/A"), "%s: A is gone from the tree", n);
	is_long(kernfs_read(of, &sb), -ENODEV, "%s: an open file of A reads ENODEV", n);
	kernfs_close(of);
	is_long(cgstat(m, "P", "nr_descendants"), 0, "%s: P nr_descendants 0", n);
	is_long(cgstat(m, "P", "nr_dying_descendants"), 1, "%s: P nr_dying_descendants 1", n);
	is_long(cgstat(m, "P", "nr_dying_subsys_memory"), 1, "%s: P nr_dying_subsys_memory 1", n);

	settle(m);
	machine_run_until(m, m->clock.now + 10 * NSEC_PER_SEC);
	rcu_barrier(m);
	is_long(cgstat(m, "P", "nr_dying_descendants"), 1,
		"%s: still dying after grace periods and 10 s", n);
	is_long(cgstat(m, "", "nr_dying_descendants"), 1, "%s: root nr_dying_descendants 1", n);
	is_long(cgstat(m, "P", "nr_dying_subsys_memory"), 1,
		"%s: P nr_dying_subsys_memory still 1", n);
	is_long(root_file_data(m), 10 * PAGE_SIZE,
		"%s: root memory.stat file still counts the cache", n);
	is_long(memstat(m, "P", "file"), 10 * PAGE_SIZE, "%s: P memory.stat file too", n);
	p_cur = num(m, "P/memory.current");
	ok(p_cur >= 10 * PAGE_SIZE,
	   "%s: P memory.current (%ld) includes the dying child's 10 pages", n, p_cur);

	switch (how) {
	case BY_DROP_CACHES:
		is_long(wr(m, "/proc/sys/vm/drop_caches", "1\n"), 2, "%s: echo 1 > drop_caches", n);
		break;
	case BY_TRUNCATE:
		is_long(vfs_truncate(m, inode, 0), 0, "%s: truncate the file to 0", n);
		break;
	case BY_PARENT_RECLAIM:
		/* §12 item 31: the parent's reclaim visits the dying child */
		is_long(wr(m, "P/memory.reclaim", "40960"), 5,
			"%s: P/memory.reclaim 40960 succeeds", n);
		break;
	}
	is_long(root_file_data(m), 0, "%s: root file 0 once the cache is gone", n);
	is_long(num(m, "P/memory.current"), p_cur - 10 * PAGE_SIZE,
		"%s: P memory.current drops by the 10 pages", n);
	settle(m);
	is_long(cgstat(m, "P", "nr_dying_descendants"), 0, "%s: P nr_dying_descendants 0", n);
	is_long(cgstat(m, "P", "nr_dying_subsys_memory"), 0, "%s: P nr_dying_subsys_memory 0", n);
	is_long(cgstat(m, "", "nr_dying_descendants"), 0, "%s: root nr_dying_descendants 0", n);
	is_long(cgstat(m, "", "nr_dying_subsys_memory"), 0, "%s: root nr_dying_subsys_memory 0", n);
	if (how == BY_PARENT_RECLAIM)
		ok(key(m, "P/memory.stat", "pgsteal") >= 10,
		   "%s: the parent's pgsteal counts the freed child's pages", n);
	is_long(cgroup_mkdir(m, "P/A"), 0, "%s: the name can be reused", n);
	iput(m, inode);
	sb_release(&sb);
	destroy_machine(m);
}

/* "name N0=v" of memory.numa_stat; -1 if absent. */
static long numa_key(struct machine *m, const char *path, const char *name)
{
	const char *s = rd(m, path);
	size_t n = strlen(name);

	while (s && *s) {
		if (!strncmp(s, name, n) && !strncmp(s + n, " N0=", 4))
			return strtol(s + n + 4, NULL, 10);
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	return -1;
}

/*
 * Cumulative counters of a freed child live on in its parent: the kernel
 * flushes the child's rstat deltas into the parent's memcg and lruvec
 * counters before freeing it, so memory.stat and memory.numa_stat of the
 * parent keep agreeing.
 */
static void test_stats_survive_child(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *t;
	struct inode *inode;
	long refaults, numa;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "P");
	wr(m, "P/cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "P/A");
	t = spawn(m, "reader", "P/A");
	inode = make_file(m, "/data/ws", 20);
	is_long(read_as(m, t, inode), 20 * PAGE_SIZE, "stats: read 20 pages");
	is_long(wr(m, "P/A/memory.reclaim", "80K"), 3, "stats: reclaim them");
	is_long(read_as(m, t, inode), 20 * PAGE_SIZE, "stats: read them again");
	refaults = memstat(m, "P", "workingset_refault_file");
	ok(refaults > 0, "stats: P counts %ld file refaults", refaults);
	is_long(numa_key(m, "P/memory.numa_stat", "workingset_refault_file"), refaults,
		"stats: P's numa_stat agrees while A lives");
	task_exit(t);
	is_long(cgroup_rmdir(m, "P/A"), 0, "stats: rmdir A");
	wr(m, "/proc/sys/vm/drop_caches", "1");
	settle(m);
	is_long(cgstat(m, "P", "nr_dying_descendants"), 0, "stats: A is freed");
	is_long(memstat(m, "P", "workingset_refault_file"), refaults,
		"stats: P memory.stat keeps A's refaults after A is freed");
	numa = numa_key(m, "P/memory.numa_stat", "workingset_refault_file");
	ok(numa == refaults,
		"stats: P memory.numa_stat keeps them too (got %ld, want %ld)", numa, refaults);
	iput(m, inode);
	destroy_machine(m);
}

/* The key case of the issue, exactly as it reads: A directly under the root. */
static void test_dying_at_root(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);
	struct task_struct *t;
	struct inode *inode;

	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	t = spawn(m, "reader", "A");
	inode = make_file(m, "/data/f", 25);
	is_long(read_as(m, t, inode), 25 * PAGE_SIZE, "root/A: read 25 pages into the cache");
	task_exit(t);
	is_long(cgroup_rmdir(m, "A"), 0, "root/A: rmdir A succeeds");
	rcu_barrier(m);
	is_long(cgstat(m, "", "nr_dying_descendants"), 1,
		"root/A: nr_dying_descendants 1 after rcu_barrier");
	is_long(cgstat(m, "", "nr_dying_subsys_memory"), 1,
		"root/A: nr_dying_subsys_memory 1 after rcu_barrier");
	is_long(root_file_data(m), 25 * PAGE_SIZE,
		"root/A: root memory.stat file still counts the page cache");
	is_long(wr(m, "/proc/sys/vm/drop_caches", "1"), 1, "root/A: drop caches");
	is_long(root_file_data(m), 0, "root/A: page cache gone");
	rcu_barrier(m);
	is_long(cgstat(m, "", "nr_dying_descendants"), 0,
		"root/A: nr_dying_descendants 0 once released");
	is_long(cgstat(m, "", "nr_dying_subsys_memory"), 0,
		"root/A: nr_dying_subsys_memory 0 once released");
	iput(m, inode);
	destroy_machine(m);
}

int main(void)
{
	test_mkdir_rmdir();
	test_subtree_control();
	test_subtree_toggle_with_tasks();
	test_procs_migration();
	test_threads();
	test_events_populated();
	test_stat();
	test_dying_at_root();
	test_stats_survive_child();
	test_dying_memcg(BY_DROP_CACHES);
	test_dying_memcg(BY_TRUNCATE);
	test_dying_memcg(BY_PARENT_RECLAIM);
	return done_testing();
}
