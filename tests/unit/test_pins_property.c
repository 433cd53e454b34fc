// SPDX-License-Identifier: GPL-2.0
/*
 * Property test of pin and locked-memory accounting (issue 12): random
 * sequences of spawn, mmap, munmap, mlock, munlock, pin (each driver),
 * unpin, close, fork, exit, move, rmdir and mkdir across several
 * cgroups, under pins=off (Linux 6.12) and pins=cgroup.  A shadow of
 * what was done (which driver file pins what, captured where, held by
 * how many descriptors) gives every counter the sum it must equal; after
 * every step this checks mm->pinned_vm and locked_vm of every mm still
 * referenced, each uid's user->locked_vm, every pins.current,
 * nr_foll_pin_acquired - released, that nothing is negative, and that
 * the step changed no pins.current outside the cgroups it may change
 * (the actor's, or the one a released pin was charged to); at the end of
 * a sequence every process exits and every counter must be back at 0.
 *
 *	build/tests/test_pins_property [SEQUENCES [SEED]]
 * (default 300 sequences, seed 1; issue 12 asks for >= 100000).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/rng.h"
#include "include/machine.h"
#include "include/entry-common.h"
#include "include/file.h"
#include "kernel/cgroup.h"
#include "kernel/pins.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "mm/vmstat.h"
#include "drivers/pin_dev.h"
#include "fixture.h"
#include "tap.h"

#define NT	6		/* live tasks at most */
#define NR	2		/* regions a task */
#define NFD	8		/* descriptors a task */
#define NB	64		/* driver files a sequence */
#define STEPS	40
#define RPAGES	16		/* pages a region */

static const char *const cgs[] = { "A/B", "C", "D" };	/* leaves */
static const char *const all_cgs[] = { "A", "A/B", "C", "D" };
#define NCG	4

struct sbuf {			/* a driver file */
	int refs;		/* descriptors */
	bool pinned;		/* registered and not unregistered */
	int drv, npages, cg;	/* cg: all_cgs index captured, -1 none */
	struct mm_struct *mm;
	unsigned int uid;
};

struct stask {
	struct task_struct *t;
	bool locked[NR], mapped[NR];
	int fd[NFD];		/* sbuf index, -1 */
	int cg;			/* cgs index */
};

struct state {
	struct machine *m;
	struct rng rng;
	bool cgroup;		/* pins=cgroup */
	struct stask ts[NT];
	struct sbuf b[NB];
	int nb, ntasks_made;
	bool d_exists;
	long failures;
	long pins_ok, pins_refused, locks_ok;	/* what was exercised */
};

static int all_index(const char *path)
{
	int i;

	for (i = 0; i < NCG; i++)
		if (!strcmp(all_cgs[i], path))
			return i;
	return -1;
}

/* Is all_cgs[@i] @leaf (cgs index) or one of its ancestors? */
static bool in_chain(int i, int leaf)
{
	return all_index(cgs[leaf]) == i ||
	       (i == 0 && leaf == 0);	/* A above A/B */
}

static long pins_current(struct state *s, int i)
{
	struct cgroup *cgrp = cgroup_lookup(s->m, all_cgs[i]);
	struct cgroup_subsys_state *css;

	if (!s->cgroup || !cgrp)
		return 0;
	css = cgroup_e_css(cgrp, pins_cgrp_id);
	return container_of(css, struct pins_cgroup, css)->counter;
}

static void fail(struct state *s, const char *what, long got, long want)
{
	if (s->failures++ < 10)
		printf("# %s: got %ld, want %ld\n", what, got, want);
}

/* ---- the sums every counter must equal ---- */

static bool charges_pinned_vm(struct state *s, const struct sbuf *b)
{
	return s->cgroup || b->drv != PIN_DRIVER_VFIO;
}

static void check_mm(struct state *s, struct mm_struct *mm)
{
	long pinned = 0, locked = 0;
	int i, j;

	for (i = 0; i < s->nb; i++) {
		const struct sbuf *b = &s->b[i];

		if (!b->pinned || b->mm != mm)
			continue;
		if (charges_pinned_vm(s, b))
			pinned += b->npages;
		else
			locked += b->npages;
	}
	for (i = 0; i < NT; i++)
		if (s->ts[i].t && s->ts[i].t->mm == mm)
			for (j = 0; j < NR; j++)
				locked += s->ts[i].locked[j] ? RPAGES : 0;
	if ((long)mm->pinned_vm != pinned)
		fail(s, "pinned_vm", mm->pinned_vm, pinned);
	/* vfio uncharges nothing once the mm has no users (mmget_not_zero) */
	if ((long)mm->locked_vm != locked && mm->mm_users)
		fail(s, "locked_vm", mm->locked_vm, locked);
}

static void check_counters(struct state *s)
{
	long want[NCG] = { 0 }, user = 0, pins = 0;
	int i, j, k;

	for (i = 0; i < s->nb; i++) {
		const struct sbuf *b = &s->b[i];

		if (!b->pinned)
			continue;
		check_mm(s, b->mm);
		pins += b->npages;
		if (b->drv == PIN_DRIVER_IO_URING && b->uid)
			user += b->npages;
		for (k = 0; b->cg >= 0 && k < NCG; k++)
			if (k == b->cg || (k == 0 && b->cg == 1))
				want[k] += b->npages;
	}
	for (i = 0; i < NT; i++) {
		if (!s->ts[i].t)
			continue;
		check_mm(s, s->ts[i].t->mm);
		for (j = 0; s->cgroup && j < NR; j++)
			for (k = 0; k < NCG; k++)
				if (s->ts[i].locked[j] && in_chain(k, s->ts[i].cg))
					want[k] += RPAGES;
	}
	for (k = 0; k < NCG; k++)
		if (pins_current(s, k) != want[k] || pins_current(s, k) < 0)
			fail(s, all_cgs[k], pins_current(s, k), want[k]);
	if ((long)user_locked_vm(s->m, 1000) != user)
		fail(s, "user->locked_vm", user_locked_vm(s->m, 1000), user);
	k = global_node_page_state(s->m, NR_FOLL_PIN_ACQUIRED) -
	    global_node_page_state(s->m, NR_FOLL_PIN_RELEASED);
	if (k != pins)
		fail(s, "pins held", k, pins);
}

/* ---- the operations ---- */

static const char *const rname[NR] = { "r0", "r1" };

static int live_task(struct state *s)
{
	int i, n = 0, pick[NT];

	for (i = 0; i < NT; i++)
		if (s->ts[i].t)
			pick[n++] = i;
	return n ? pick[rng_below(&s->rng, n)] : -1;
}

static int free_slot(struct state *s)
{
	int i;

	for (i = 0; i < NT; i++)
		if (!s->ts[i].t)
			return i;
	return -1;
}

static void buf_put(struct state *s, int bi)
{
	if (bi >= 0 && !--s->b[bi].refs)
		s->b[bi].pinned = false;
}

static void op_spawn(struct state *s)
{
	int i = free_slot(s), cg = rng_below(&s->rng, s->d_exists ? 3 : 2);
	struct rlimit lim = { 64 << 10, 64 << 10 };
	char name[32];
	int err, k;

	if (i < 0)
		return;
	snprintf(name, sizeof(name), "t%d", s->ntasks_made++);
	s->ts[i].t = task_spawn(s->m, name, cgroup_lookup(s->m, cgs[cg]),
				&err);
	if (!s->ts[i].t)
		return;
	s->ts[i].t->uid = rng_below(&s->rng, 2) ? 1000 : 0;
	do_prlimit_memlock(s->ts[i].t, &lim);
	s->ts[i].cg = cg;
	for (k = 0; k < NFD; k++)
		s->ts[i].fd[k] = -1;
	memset(s->ts[i].locked, 0, sizeof(s->ts[i].locked));
	memset(s->ts[i].mapped, 0, sizeof(s->ts[i].mapped));
}

static void op_exit(struct state *s, int i)
{
	int k;

	task_exit(s->ts[i].t);
	for (k = 0; k < NFD; k++)
		buf_put(s, s->ts[i].fd[k]);
	s->ts[i].t = NULL;
}

static void op_fork(struct state *s, int i)
{
	int c = free_slot(s), err, k;
	char name[32];

	if (c < 0)
		return;
	snprintf(name, sizeof(name), "t%d", s->ntasks_made++);
	s->ts[c] = s->ts[i];
	s->ts[c].t = task_fork(s->ts[i].t, name, &err);
	if (!s->ts[c].t)
		return;
	memset(s->ts[c].locked, 0, sizeof(s->ts[c].locked));	/* not inherited */
	for (k = 0; k < NFD; k++)
		if (s->ts[c].fd[k] >= 0)
			s->b[s->ts[c].fd[k]].refs++;
}

/* An action as the task: a vma operation, a pin, a close. */
static void op_memory(struct state *s, int i, int what)
{
	struct stask *st = &s->ts[i];
	struct mm_struct *mm = st->t->mm;
	int r = rng_below(&s->rng, NR), err = 0;
	struct vm_area_struct *vma = find_vma_by_name(mm, rname[r]);

	if (what == 0 && !vma) {
		err = do_mmap(mm, rname[r], VMA_ANON, NULL, RPAGES * PAGE_SIZE,
			      false, &vma);
		st->mapped[r] = !err;
	} else if (what == 0 && vma) {
		do_munmap(mm, vma);
		st->mapped[r] = st->locked[r] = false;
	} else if (what == 1 && vma && !st->locked[r]) {
		st->locked[r] = !do_mlock(vma, vma->vm_start, vma->vm_end);
		s->locks_ok += st->locked[r];
	} else if (what == 1 && vma) {
		st->locked[r] = !!do_munlock(vma, vma->vm_start, vma->vm_end);
	}
}

static void op_pin(struct state *s, int i)
{
	struct stask *st = &s->ts[i];
	int r = rng_below(&s->rng, NR), drv = rng_below(&s->rng, 3);
	struct vm_area_struct *vma = find_vma_by_name(st->t->mm, rname[r]);
	unsigned long first, n;
	int fd;

	if (!vma || s->nb == NB)
		return;
	first = rng_below(&s->rng, RPAGES);
	n = 1 + rng_below(&s->rng, RPAGES - first);
	fd = pin_dev_register(st->t, drv, vma, vma->vm_start + first * PAGE_SIZE,
			      vma->vm_start + (first + n) * PAGE_SIZE);
	if (fd < 0) {
		s->pins_refused++;
		return;
	}
	s->pins_ok++;
	if (fd >= NFD) {
		close_fd(st->t, fd);
		return;
	}
	s->b[s->nb] = (struct sbuf){
		.refs = 1, .pinned = true, .drv = drv, .npages = n,
		.cg = s->cgroup ? all_index(cgs[st->cg]) : -1,
		.mm = st->t->mm, .uid = st->t->uid,
	};
	st->fd[fd] = s->nb++;
}

static void op_unpin(struct state *s, int i, bool close_only)
{
	struct stask *st = &s->ts[i];
	int fd = rng_below(&s->rng, NFD), bi = st->fd[fd];

	if (bi < 0)
		return;
	if (!close_only) {
		pin_dev_unregister(st->t, fd);
		s->b[bi].pinned = false;
	}
	close_fd(st->t, fd);
	st->fd[fd] = -1;
	buf_put(s, bi);
}

static void op_move(struct state *s, int i)
{
	int cg = rng_below(&s->rng, s->d_exists ? 3 : 2);

	if (!cgroup_attach_task(cgroup_lookup(s->m, cgs[cg]), s->ts[i].t))
		s->ts[i].cg = cg;
}

/* rmdir D (its pins stay charged to the dying css), or mkdir it again */
static void op_rmdir(struct state *s)
{
	int i;

	if (!s->d_exists) {
		s->d_exists = !cgroup_mkdir(s->m, "D");
		return;
	}
	if (cgroup_rmdir(s->m, "D"))
		return;
	s->d_exists = false;
	for (i = 0; i < s->nb; i++)
		if (s->b[i].cg == 3)
			s->b[i].cg = -2;	/* not readable any more */
}

/* ---- a step, checked ---- */

static void snapshot(struct state *s, long *v)
{
	int k;

	for (k = 0; k < NCG; k++)
		v[k] = pins_current(s, k);
}

/* pins.current may change only in the actor's cgroups and in those of
 * the pins released by the step */
static void check_isolation(struct state *s, const long *before,
			    const bool *was_pinned, int actor_cg, int other_cg)
{
	bool allowed[NCG] = { false };
	long after[NCG];
	int i, k;

	for (k = 0; k < NCG; k++)
		allowed[k] = (actor_cg >= 0 && in_chain(k, actor_cg)) ||
			     (other_cg >= 0 && in_chain(k, other_cg));
	for (i = 0; i < s->nb; i++)
		if (was_pinned[i] && !s->b[i].pinned && s->b[i].cg >= 0)
			for (k = 0; k < NCG; k++)
				allowed[k] |= k == s->b[i].cg ||
					      (k == 0 && s->b[i].cg == 1);
	snapshot(s, after);
	for (k = 0; k < NCG; k++)
		if (!allowed[k] && after[k] != before[k])
			fail(s, "a cgroup the step may not touch", after[k],
			     before[k]);
}

static void step(struct state *s)
{
	int op = rng_below(&s->rng, 11), i = live_task(s);
	int actor_cg = i >= 0 ? s->ts[i].cg : -1, other_cg = -1;
	bool was_pinned[NB];
	long before[NCG];
	struct task_struct *prev;

	snapshot(s, before);
	for (int b = 0; b < s->nb; b++)
		was_pinned[b] = s->b[b].pinned;
	if (op == 0 || i < 0) {
		op_spawn(s);
		actor_cg = -1;
	} else if (op == 9) {
		op_rmdir(s);
		actor_cg = 2;	/* D's own files come and go */
	} else if (op == 8) {
		op_move(s, i);
		other_cg = s->ts[i].cg;
	} else if (op == 7) {
		op_exit(s, i);
	} else {
		prev = enter_task(s->m, s->ts[i].t);
		if (op <= 2)
			op_memory(s, i, op - 1);
		else if (op <= 4)
			op_pin(s, i);
		else if (op == 5)
			op_unpin(s, i, false);
		else if (op == 6)
			op_unpin(s, i, true);
		else
			op_fork(s, i);
		leave_task(s->m, prev);
	}
	check_counters(s);
	check_isolation(s, before, was_pinned, actor_cg, other_cg);
}

static void end_sequence(struct state *s)
{
	int i, k;

	for (i = 0; i < NT; i++)
		if (s->ts[i].t)
			op_exit(s, i);
	check_counters(s);
	for (k = 0; k < NCG; k++)
		if (pins_current(s, k))
			fail(s, "pins.current after the end", pins_current(s, k), 0);
	if (user_locked_vm(s->m, 1000))
		fail(s, "user->locked_vm after the end",
		     user_locked_vm(s->m, 1000), 0);
	s->nb = 0;
}

static struct machine *setup(bool cgroup)
{
	struct machine *m = boot_machine(256 << 20, 1);

	m->policy.pins = cgroup;
	if (cgroup)
		wr(m, "cgroup.subtree_control", "+pins");
	cgroup_mkdir(m, "A");
	if (cgroup)
		wr(m, "A/cgroup.subtree_control", "+pins");
	cgroup_mkdir(m, "A/B");
	cgroup_mkdir(m, "C");
	cgroup_mkdir(m, "D");
	if (cgroup) {		/* limits that refuse, at two levels */
		wr(m, "A/pins.max", "40");
		wr(m, "C/pins.max", "24");
	}
	return m;
}

static void run_policy(bool cgroup, long n, u64 seed)
{
	struct state *s = calloc(1, sizeof(*s));
	long seq;
	int k;

	s->cgroup = cgroup;
	rng_seed(&s->rng, seed);
	for (seq = 0; seq < n && s->failures == 0; seq++) {
		if (seq % 500 == 0) {
			if (s->m)
				destroy_machine(s->m);
			s->m = setup(cgroup);
			s->d_exists = true;
		}
		for (k = 0; k < STEPS; k++)
			step(s);
		end_sequence(s);
	}
	printf("# pins=%s: %ld pins taken, %ld refused, %ld mlocks\n",
	       cgroup ? "cgroup" : "off", s->pins_ok, s->pins_refused,
	       s->locks_ok);
	is_long(s->failures, 0, "pins=%s: %ld sequences of %d steps, every "
		"counter its sum after every step, zero at the end",
		cgroup ? "cgroup" : "off", seq, STEPS);
	destroy_machine(s->m);
	free(s);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 300;
	u64 seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;

	run_policy(false, n, seed);
	run_policy(true, n, seed);
	return done_testing();
}
