// SPDX-License-Identifier: GPL-2.0
/*
 * should_fail() against lib/fault-inject.c's rules, call by call: what
 * each knob lets through, the order they are asked in (fail-nth before
 * everything, space before interval), times counting down, in_task()
 * (no current task: neither fail-nth nor task-filter picks it), and the
 * draw coming from the machine's seed: the same seed, the same failures.
 */
#include <string.h>

#include "include/fault-inject.h"
#include "include/machine.h"
#include "include/entry-common.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "include/sched.h"
#include "lib/strbuf.h"
#include "kernel/cgroup.h"
#include "mm/debug.h"
#include "mm/mm.h"
#include "kernel/task.h"
#include "fixture.h"
#include "tap.h"

static struct fault_attr attr(unsigned long prob)
{
	struct fault_attr a = FAULT_ATTR_INIT("test");

	a.probability = prob;
	a.times = -1;
	return a;
}

/* The calls out of @n that fail, as a bit string "0010...". */
static const char *pattern(struct machine *m, struct fault_attr *a, int n,
			   ssize_t size)
{
	static char buf[65];
	int i;

	for (i = 0; i < n && i < 64; i++)
		buf[i] = should_fail(m, a, size) ? '1' : '0';
	buf[i] = '\0';
	return buf;
}

static void test_rules(void)
{
	struct machine *m = boot_machine(64ULL << 20, 1);
	struct fault_attr a = attr(0);
	struct task_struct *t = spawn(m, "p", "");

	is_str(pattern(m, &a, 8, 1), "00000000", "probability 0: never");
	a = attr(100);
	is_str(pattern(m, &a, 8, 1), "11111111", "probability 100: always");
	a = attr(100);
	a.times = 3;
	is_str(pattern(m, &a, 8, 1), "11100000", "times 3: three, then none");
	is_long(a.times, 0, "times reads 0 after");
	a = attr(100);
	a.interval = 3;
	is_str(pattern(m, &a, 9, 1), "001001001", "interval 3: every third");
	a = attr(100);
	a.space = 10;
	is_str(pattern(m, &a, 6, 4), "001111",
	       "space 10 at 4 a call: 6, 2 left, then 2 <= 4 fails");
	a = attr(100);
	a.space = 10;
	a.interval = 2;
	is_str(pattern(m, &a, 6, 4), "000101",
	       "space is spent before interval counts");
	a = attr(100);
	a.task_filter = true;
	is_str(pattern(m, &a, 4, 1), "0000", "task-filter without a task: never");
	m->current = t;
	is_str(pattern(m, &a, 4, 1), "0000", "... nor a task without make-it-fail");
	t->make_it_fail = true;
	is_str(pattern(m, &a, 4, 1), "1111", "... only one with it");
	a = attr(0);
	t->fail_nth = 3;
	is_str(pattern(m, &a, 5, 1), "00100", "fail-nth 3: the third call, "
	       "probability 0 or not");
	is_long(t->fail_nth, 0, "fail-nth reads 0 once it fired");
	m->current = NULL;
	t->fail_nth = 2;
	is_str(pattern(m, &a, 4, 1), "0000", "fail-nth needs the task to run");
	destroy_machine(m);
}

/* The same seed draws the same failures; another seed, others. */
static void test_seed(void)
{
	struct machine *m1 = boot_machine(64ULL << 20, 1);
	struct machine *m2 = boot_machine(64ULL << 20, 1);
	struct fault_attr a1 = attr(50), a2 = attr(50);
	char p1[65];

	strcpy(p1, pattern(m1, &a1, 64, 1));
	is_str(pattern(m2, &a2, 64, 1), p1, "probability 50: the same calls "
	       "fail on two machines of the same seed");
	ok(strchr(p1, '0') && strchr(p1, '1'), "and some fail, some not");
	{
		long ones = 0;
		const char *c;

		for (c = p1; *c; c++)
			ones += *c == '1';
		is_long(fault_injected(m1), ones,
			"every forced failure is counted");
	}
	destroy_machine(m1);
	destroy_machine(m2);
}

/* Every allocation may fail: the knobs' filters off, probability 0. */
static void all_allocations_may_fail(struct machine *m)
{
	wr(m, "/sys/kernel/debug/failslab/ignore-gfp-wait", "N");
	wr(m, "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N");
	wr(m, "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N");
	wr(m, "/sys/kernel/debug/fail_page_alloc/min-order", "0");
}

/*
 * fail-nth as the kernel's own tests use it: a fork whose Nth
 * allocation fails, for every N until the fork succeeds, each on a
 * fresh machine; the accounting must add up after the fork and after
 * both processes are gone.
 */
static void test_fork_fail_nth(void)
{
	struct strbuf why = STRBUF_INIT;
	bool all_good = true;
	unsigned int n;

	for (n = 1; n < 200; n++) {
		struct machine *m = boot_machine_swap(64ULL << 20, 1, 16ULL << 20);
		struct task_struct *parent, *child, *prev;
		struct vm_area_struct *vma;
		struct inode *inode;
		unsigned long i;
		int err;
		u8 *page;

		wr(m, "cgroup.subtree_control", "+memory");
		cgroup_mkdir(m, "A");
		parent = spawn(m, "p", "A");
		prev = enter_task(m, parent);
		do_mmap(parent->mm, "r", VMA_ANON, NULL, 64 * PAGE_SIZE, false,
			&vma);
		for (i = 0; i < 64; i++)
			user_access(vma, vma->vm_start + i * PAGE_SIZE, true,
				    &page);
		inode = shmem_file_setup(m, 16 * PAGE_SIZE, SHMEM_F_NORESERVE,
					 &err);
		do_mmap(parent->mm, "s", VMA_SHMEM, inode, 16 * PAGE_SIZE,
			true, &vma);
		iput(m, inode);
		for (i = 0; i < 16; i++)
			user_access(vma, vma->vm_start + i * PAGE_SIZE, true,
				    &page);
		all_allocations_may_fail(m);
		parent->fail_nth = n;
		child = task_fork(parent, "c", &err);
		leave_task(m, prev);
		if (mm_verify(m, &why)) {
			printf("# fork failing at allocation %u: %s\n", n,
			       why.buf);
			all_good = false;
		}
		if (child)
			task_exit(child);
		task_exit(parent);
		machine_run_until(m, m->clock.now + NSEC_PER_SEC);
		if (mm_verify(m, &why) || memstat(m, "A", "anon") ||
		    memstat(m, "A", "shmem")) {
			printf("# after fork failing at %u, exit: %s\n", n,
			       why.buf ?: "anon left");
			all_good = false;
		}
		if (machine_destroy(m))
			all_good = false;
		sb_reset(&why);
		if (child)
			break;	/* the fork made it: every N before it failed */
	}
	ok(all_good, "a fork failing at each of its %u allocations leaves "
	   "nothing behind", n - 1);
	sb_release(&why);
}

int main(void)
{
	test_rules();
	test_seed();
	test_fork_fail_nth();
	return done_testing();
}
