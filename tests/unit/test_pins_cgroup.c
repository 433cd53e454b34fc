// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for the pins controller (kernel/pins.c, policy pins=cgroup):
 * the hierarchical charge and its rollback at every level (spec D37),
 * the root never charged, pins.max's formats and EINVAL, pins.events,
 * and a vm_account's charge going to the cgroup captured at init (D38)
 * with the rlimit counters undone when the cgroup refuses (D39).  Values
 * derive from the series' pins_try_charge() and vm_account_pinned().
 */
#include <errno.h>
#include <string.h>

#include "include/machine.h"
#include "include/entry-common.h"
#include "kernel/cgroup.h"
#include "kernel/pins.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "fixture.h"
#include "tap.h"

static struct pins_cgroup *pins_of(struct machine *m, const char *path)
{
	struct cgroup *cgrp = cgroup_lookup(m, path);

	return cgrp ? container_of(cgroup_e_css(cgrp, pins_cgrp_id),
				   struct pins_cgroup, css) : NULL;
}

static void test_files(struct machine *m)
{
	ok(wr(m, "A/pins.max", "8") > 0, "pins.max 8");
	is_str(rd(m, "A/pins.max"), "8\n", "reads 8");
	is_long(wr(m, "A/pins.max", "-1"), -EINVAL, "negative: EINVAL");
	is_long(wr(m, "A/pins.max", "9223372036854775807"), -EINVAL,
		"LONG_MAX is \"max\" only: EINVAL");
	is_long(wr(m, "A/pins.max", "8M"), -EINVAL, "no suffixes: EINVAL");
	is_str(rd(m, "A/pins.events"), "max 0\n", "pins.events");
	is_str(rd(m, "pins.max"), "ERR 2", "no pins.max on the root");
}

static void test_charge(struct machine *m)
{
	struct pins_cgroup *a = pins_of(m, "A"), *b = pins_of(m, "A/B"),
			   *root = pins_of(m, "");

	is_long(pins_try_charge(b, 8), 0, "8 of A's 8: allowed");
	is_long(num(m, "A/B/pins.current"), 8, "B 8");
	is_long(num(m, "A/pins.current"), 8, "A 8");
	is_long(pins_try_charge(b, 1), -ENOMEM, "9 > A's 8: ENOMEM");
	is_long(b->counter, 8, "B's level rolled back");
	is_long(a->counter, 8, "A unchanged");
	is_long(key(m, "A/pins.events", "max"), 1, "A counted the refusal");
	is_long(key(m, "A/B/pins.events", "max"), 0, "B did not refuse");
	ok(wr(m, "A/B/pins.max", "0") > 0, "B's max 0");
	is_long(pins_try_charge(b, 1), -ENOMEM, "B refuses first");
	is_long(a->counter, 8, "A untouched by B's refusal");
	pins_uncharge(b, 8);
	is_long(a->counter + b->counter, 0, "uncharged at every level");
	is_long(pins_try_charge(root, 5), 0, "the root charges nothing");
	is_long(root->counter, 0, "root counter 0");
	wr(m, "A/B/pins.max", "max");
}

static void test_vm_account(struct machine *m)
{
	struct task_struct *t = spawn(m, "p", "A/B"), *prev;
	struct rlimit lim = { 1UL << 12, 1UL << 12 };
	struct vm_account acct;

	t->uid = 1000;
	do_prlimit_memlock(t, &lim);
	prev = enter_task(m, t);
	vm_account_init(&acct, t, VM_ACCOUNT_TASK);
	leave_task(m, prev);
	is_long(vm_account_pinned(&acct, 2), -ENOMEM, "2 pages > 1: rlimit");
	is_long(t->mm->pinned_vm, 0, "pinned_vm untouched");
	lim.rlim_cur = lim.rlim_max = 1UL << 20;
	t->uid = 0;
	do_prlimit_memlock(t, &lim);
	is_long(vm_account_pinned(&acct, 9), -ENOMEM, "9 > A's 8: cgroup");
	is_long(t->mm->pinned_vm, 0, "pinned_vm rolled back");
	is_long(vm_account_pinned(&acct, 4), 0, "4 pages");
	is_long(cgroup_attach_task(cgroup_lookup(m, "C"), t), 0, "move to C");
	vm_unaccount_pinned(&acct, 4);
	is_long(num(m, "A/B/pins.current"), 0, "uncharged from B, captured");
	is_long(num(m, "C/pins.current"), 0, "C never charged");
	is_long(t->mm->pinned_vm, 0, "pinned_vm 0");
	vm_account_release(&acct);
	task_exit(t);
}

/* pins=off, Linux 6.12: no controller, no files, "+pins" unknown */
static void test_off(void)
{
	struct machine *m = boot_machine(256 << 20, 1);

	is_str(rd(m, "cgroup.controllers"), "memory\n", "off: not offered");
	is_long(wr(m, "cgroup.subtree_control", "+pins"), -EINVAL,
		"off: +pins is EINVAL");
	ok(!strstr(rd(m, "cgroup.stat"), "pins"), "off: not in cgroup.stat");
	destroy_machine(m);
}

int main(void)
{
	struct machine *m;

	test_off();
	m = boot_machine(256 << 20, 1);
	m->policy.pins = 1;
	is_str(rd(m, "cgroup.controllers"), "memory pins\n",
	       "pins=cgroup offers the controller");
	wr(m, "cgroup.subtree_control", "+pins");
	wr(m, "cgroup.subtree_control", "+memory");
	cgroup_mkdir(m, "A");
	cgroup_mkdir(m, "C");
	wr(m, "A/cgroup.subtree_control", "+pins");
	cgroup_mkdir(m, "A/B");
	test_files(m);
	test_charge(m);
	test_vm_account(m);
	destroy_machine(m);
	return done_testing();
}
