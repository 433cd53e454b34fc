// SPDX-License-Identifier: GPL-2.0
/*
 * Property test of shared-memory cgroups (issue 12): random sequences of
 * spawn, mmap and munmap of a shared tmpfs file of an smemcg mount (and
 * of anonymous memory), touching its pages (faults, fault-around, swap-
 * ins), MADV_PAGEOUT (to swap), MADV_DONTNEED, MADV_REMOVE, pin
 * (each driver), unpin, close, fork, exit, move, rmdir/mkdir, and detach
 * and attach of memory.smemcg, across several cgroups, under smemcg=
 * charge and borrow, each with pins=cgroup and pins=smemcg.  After every
 * step every counter is checked against the sum it is made of, computed
 * here from other state:
 *
 *  - a pair's mapped: the present PTEs of the shared regions of the
 *    tasks in its memcg (walked in their page tables);
 *  - its pinned: the live pins taken by tasks of that memcg while it was
 *    attached, under pins=smemcg (a shadow of the pins);
 *  - its charged: the smemcg's whole charge under `charge` (attached),
 *    mapped + pinned under `borrow`;
 *  - the smemcg's charge: at least the file's pages in the page cache
 *    (and, in mm_verify(), exactly its folios, swap cache included);
 *  - every pins.current: the live pins below it, shared and anonymous;
 *
 * nothing is negative, and a step changed no cgroup's mapped or pinned
 * (nor under `borrow` its charge) but the actor's and, for a move, the
 * destination's; only releasing a pin may lower another cgroup's pinned,
 * and only a hole punched in the file another's mapped.
 * detach must fail with EBUSY exactly while the pair borrows.  At the end
 * of a sequence every process exits and the file is emptied: every
 * counter must be 0, and mm_verify() must find nothing wrong.
 *
 * Up to 1000 sequences a combination, mm_verify() runs after every step
 * too (the model's own invariants: memory.current is charged folios,
 * stock, kernel memory and the pairs' charges).
 *
 *	build/tests/test_smemcg_property [SEQUENCES [SEED]]
 * (default 60 sequences a combination, seed 1; issue 12 asks for
 * >= 100000: 25000 a combination).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/rng.h"
#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/entry-common.h"
#include "include/file.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "kernel/cgroup.h"
#include "kernel/pins.h"
#include "kernel/task.h"
#include "mm/debug.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/smemcg.h"
#include "drivers/pin_dev.h"
#include "fixture.h"
#include "tap.h"

#define NT	6		/* live tasks at most */
#define NR	3		/* regions a task: two of the file, one anon */
#define NFD	8		/* descriptors a task */
#define NB	64		/* driver files a sequence */
#define STEPS	40
#define FPAGES	24		/* pages of the shared file and a region */

static const char *const cgs[] = { "A/B", "C", "D" };	/* leaves */
static const char *const all_cgs[] = { "A", "A/B", "C", "D" };
#define NL	3
#define NCG	4
static const char *const rname[NR] = { "r0", "r1", "anon" };

struct sbuf {			/* a driver file */
	int refs;		/* descriptors */
	bool pinned;
	int npages, cg;		/* cg: the leaf it was taken in */
	bool borrowed;		/* counted in that leaf's pair */
};

struct stask {
	struct task_struct *t;
	int fd[NFD];		/* sbuf index, -1 */
	int cg;			/* leaf */
};

struct snap {
	long mapped[NL], pinned[NL], charged[NL];
};

struct state {
	struct machine *m;
	struct smemcg *s;
	struct rng rng;
	int policy, pins;	/* smemcg=, pins= */
	struct stask ts[NT];
	struct sbuf b[NB];
	int nb, ntasks_made;
	bool d_exists, attached[NL];
	long failures;
	long faults, pins_ok, pins_refused, detach_busy, steps, borrowed;
	long pageouts;
	bool verify_every_step;
	bool hole_punched;	/* this step: others' mappings may go */
};

static void fail(struct state *s, const char *what, long got, long want)
{
	if (s->failures++ < 10)
		printf("# %s: got %ld, want %ld\n", what, got, want);
}

static bool leaf_exists(struct state *s, int k)
{
	return k != 2 || s->d_exists;
}

static struct smemcg_pair *pair_of(struct state *s, int k)
{
	if (!leaf_exists(s, k))
		return NULL;
	return smemcg_pair_find(s->s, memcg_of(s->m, cgs[k]));
}

/* ---- the sums ---- */

static long present_ptes(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long addr;
	long n = 0;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm, addr);

		n += pte && pte_present(*pte);
	}
	return n;
}

static long mapped_want(struct state *s, int k)
{
	long n = 0;
	int i, r;

	for (i = 0; i < NT; i++) {
		struct task_struct *t = s->ts[i].t;

		if (!t || s->ts[i].cg != k)
			continue;
		for (r = 0; r < 2; r++) {
			struct vm_area_struct *vma =
				find_vma_by_name(t->mm, rname[r]);

			if (vma)
				n += present_ptes(t->mm, vma);
		}
	}
	return n;
}

static long pinned_want(struct state *s, int k)
{
	long n = 0;
	int i;

	for (i = 0; i < s->nb; i++)
		if (s->b[i].pinned && s->b[i].borrowed && s->b[i].cg == k)
			n += s->b[i].npages;
	return n;
}

static void take_snap(struct state *s, struct snap *v)
{
	int k;

	for (k = 0; k < NL; k++) {
		struct smemcg_pair *pair = pair_of(s, k);

		v->mapped[k] = pair ? pair->mapped : 0;
		v->pinned[k] = pair ? pair->pinned : 0;
		v->charged[k] = pair ? pair->charged : 0;
	}
}

static long pins_current(struct state *s, int i)
{
	struct cgroup *cgrp = cgroup_lookup(s->m, all_cgs[i]);
	struct cgroup_subsys_state *css;

	if (!cgrp)
		return 0;
	css = cgroup_e_css(cgrp, pins_cgrp_id);
	return container_of(css, struct pins_cgroup, css)->counter;
}

static void check_pins_current(struct state *s)
{
	long want[NCG] = { 0 };
	int i, k;

	for (i = 0; i < s->nb; i++) {
		const struct sbuf *b = &s->b[i];

		if (!b->pinned || b->cg < 0)
			continue;
		want[b->cg + 1] += b->npages;
		if (b->cg == 0)
			want[0] += b->npages;		/* A above A/B */
	}
	for (k = 0; k < NCG; k++)
		if ((k != 3 || s->d_exists) && pins_current(s, k) != want[k])
			fail(s, all_cgs[k], pins_current(s, k), want[k]);
}

static void check_counters(struct state *s)
{
	struct inode *inode = NULL;
	struct snap v;
	long usage = page_counter_read(&s->s->counter), charged;
	int err, k;

	inode = vfs_open(s->m, "/s/f", false, &err);
	if (inode) {
		/* and those swap-out left in the swap cache: mm_verify()
		 * counts the folios exactly */
		if (usage < (long)inode->i_data.nrpages)
			fail(s, "smemcg usage below the file's pages", usage,
			     inode->i_data.nrpages);
		iput(s->m, inode);
	}
	take_snap(s, &v);
	for (k = 0; k < NL; k++) {
		if (!leaf_exists(s, k))
			continue;
		if (s->attached[k] && v.mapped[k] != mapped_want(s, k))
			fail(s, "mapped", v.mapped[k], mapped_want(s, k));
		if (v.pinned[k] != pinned_want(s, k))
			fail(s, "pinned", v.pinned[k], pinned_want(s, k));
		charged = s->policy == SMEMCG_CHARGE ?
			  (s->attached[k] ? usage : 0) :
			  v.mapped[k] + v.pinned[k];
		if (v.charged[k] != charged)
			fail(s, "charged", v.charged[k], charged);
		if (v.mapped[k] < 0 || v.pinned[k] < 0 || v.charged[k] < 0)
			fail(s, "a negative counter", -1, 0);
		if (page_counter_read(&memcg_of(s->m, cgs[k])->memory) <
		    v.charged[k])
			fail(s, "memory.current below the pair's charge", 0, 0);
	}
	check_pins_current(s);
}

/* Another cgroup's counters may only fall, and only through pins. */
static void check_isolation(struct state *s, const struct snap *before,
			    int actor, int dest)
{
	struct snap after;
	int k;

	take_snap(s, &after);
	for (k = 0; k < NL; k++) {
		if (k == actor || k == dest || !leaf_exists(s, k))
			continue;
		if (s->hole_punched ? after.mapped[k] > before->mapped[k] :
		    after.mapped[k] != before->mapped[k])
			fail(s, "another cgroup's mapped", after.mapped[k],
			     before->mapped[k]);
		if (after.pinned[k] > before->pinned[k])
			fail(s, "another cgroup's pinned", after.pinned[k],
			     before->pinned[k]);
		if (s->policy == SMEMCG_BORROW &&
		    after.charged[k] > before->charged[k])
			fail(s, "another cgroup's charge", after.charged[k],
			     before->charged[k]);
	}
}

/* ---- the operations ---- */

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

static int pick_leaf(struct state *s)
{
	return rng_below(&s->rng, s->d_exists ? 3 : 2);
}

static void buf_put(struct state *s, int bi)
{
	if (bi >= 0 && !--s->b[bi].refs)
		s->b[bi].pinned = false;
}

static void op_spawn(struct state *s)
{
	int i = free_slot(s), cg = pick_leaf(s), err, k;
	char name[32];

	if (i < 0)
		return;
	snprintf(name, sizeof(name), "t%d", s->ntasks_made++);
	s->ts[i].t = task_spawn(s->m, name, cgroup_lookup(s->m, cgs[cg]),
				&err);
	if (!s->ts[i].t)
		return;
	s->ts[i].cg = cg;
	for (k = 0; k < NFD; k++)
		s->ts[i].fd[k] = -1;
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
	for (k = 0; k < NFD; k++)
		if (s->ts[c].fd[k] >= 0)
			s->b[s->ts[c].fd[k]].refs++;
}

static void op_map(struct state *s, int i)
{
	struct mm_struct *mm = s->ts[i].t->mm;
	int r = rng_below(&s->rng, NR), err;
	struct vm_area_struct *vma = find_vma_by_name(mm, rname[r]);
	struct inode *inode;

	if (vma) {
		do_munmap(mm, vma);
		return;
	}
	if (r == 2) {
		do_mmap(mm, rname[r], VMA_ANON, NULL, FPAGES * PAGE_SIZE,
			false, &vma);
		return;
	}
	inode = vfs_open(s->m, "/s/f", true, &err);
	if (!inode)
		return;
	if (inode->i_size < FPAGES * PAGE_SIZE)
		vfs_truncate(s->m, inode, FPAGES * PAGE_SIZE);
	do_mmap(mm, rname[r], VMA_SHMEM, inode, FPAGES * PAGE_SIZE, true,
		&vma);
	iput(s->m, inode);
}

static void op_touch(struct state *s, int i)
{
	struct mm_struct *mm = s->ts[i].t->mm;
	struct vm_area_struct *vma =
		find_vma_by_name(mm, rname[rng_below(&s->rng, NR)]);
	int n = 1 + rng_below(&s->rng, 6), k;
	u8 *page;

	for (k = 0; vma && k < n; k++) {
		unsigned long p = rng_below(&s->rng, FPAGES);

		if (!user_access(vma, vma->vm_start + p * PAGE_SIZE,
				 rng_below(&s->rng, 2), &page))
			s->faults++;
	}
}

/* pageout (swap; only the actor's own mappings), dontneed, or a hole
 * punched in the file, which unmaps it from every task */
static void op_madvise(struct state *s, int i)
{
	int r = rng_below(&s->rng, NR), how = rng_below(&s->rng, 3);
	struct vm_area_struct *vma = find_vma_by_name(s->ts[i].t->mm, rname[r]);
	unsigned long first = rng_below(&s->rng, FPAGES), end;

	if (!vma)
		return;
	first = vma->vm_start + first * PAGE_SIZE;
	end = first + (1 + rng_below(&s->rng, 8)) * PAGE_SIZE;
	if (end > vma->vm_end)
		end = vma->vm_end;
	if (how == 0)
		s->pageouts += !madvise_pageout(vma, first, end);
	else if (how == 1)
		madvise_dontneed(vma, first, end);
	else if (r < 2 && !madvise_remove(vma, first, end))
		s->hole_punched = true;
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
	first = rng_below(&s->rng, FPAGES);
	n = 1 + rng_below(&s->rng, FPAGES - first);
	fd = pin_dev_register(st->t, drv, vma, vma->vm_start + first * PAGE_SIZE,
			      vma->vm_start + (first + n) * PAGE_SIZE);
	if (fd < 0) {
		s->pins_refused++;
		return;
	}
	s->pins_ok++;
	s->borrowed += s->pins == 2 && r < 2 && s->attached[st->cg];
	s->b[s->nb] = (struct sbuf){
		.refs = 1, .pinned = true, .npages = n, .cg = st->cg,
		.borrowed = s->pins == 2 && r < 2 && s->attached[st->cg],
	};
	if (fd >= NFD) {
		s->nb++;
		close_fd(st->t, fd);
		s->b[s->nb - 1].pinned = false;
		return;
	}
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
	int cg = pick_leaf(s);

	if (!cgroup_attach_task(cgroup_lookup(s->m, cgs[cg]), s->ts[i].t))
		s->ts[i].cg = cg;
}

static void attach_leaf(struct state *s, int k)
{
	char path[32];
	long ret;

	snprintf(path, sizeof(path), "%s/memory.smemcg", cgs[k]);
	ret = wr(s->m, path, "+/s");
	if (ret < 0)
		fail(s, "attach", ret, 0);
	s->attached[k] = ret >= 0;
}

/*
 * The admin's detach of leaf @k: EBUSY exactly while the pair borrows;
 * or its attach again, which adopts what its tasks map.
 */
static void op_toggle(struct state *s, int k)
{
	struct smemcg_pair *pair = pair_of(s, k);
	bool busy = pair && (pair->mapped || pair->pinned);
	char path[32];
	long ret;

	if (!s->attached[k]) {
		attach_leaf(s, k);
		return;
	}
	snprintf(path, sizeof(path), "%s/memory.smemcg", cgs[k]);
	ret = wr(s->m, path, "-/s");
	if (busy ? ret != -EBUSY : ret < 0)
		fail(s, "detach", ret, busy ? -EBUSY : 0);
	s->detach_busy += busy;
	if (ret > 0)
		s->attached[k] = false;
}

/* rmdir D (its pinned borrows stay with the dying memcg), or mkdir it */
static void op_rmdir(struct state *s)
{
	int i;

	if (!s->d_exists) {
		s->d_exists = !cgroup_mkdir(s->m, "D");
		if (s->d_exists)
			attach_leaf(s, 2);
		return;
	}
	if (cgroup_rmdir(s->m, "D"))
		return;
	s->d_exists = false;
	s->attached[2] = false;
	for (i = 0; i < s->nb; i++)
		if (s->b[i].cg == 2)
			s->b[i].cg = -1;	/* not readable any more */
}

/* ---- a step, checked ---- */

/* One of 16: spawn, map x2, touch x4, pin x2, unpin or close, fork,
 * exit, move, rmdir/mkdir, detach/attach, madvise. */
static void run_op(struct state *s, int op, int i, int *actor, int *dest)
{
	struct task_struct *prev;

	if (op == 0 || i < 0) {
		op_spawn(s);
		*actor = -1;
	} else if (op == 13) {
		op_rmdir(s);
		*actor = 2;
	} else if (op == 14) {
		*actor = pick_leaf(s);
		op_toggle(s, *actor);
	} else if (op == 12) {
		op_move(s, i);
		*dest = s->ts[i].cg;
	} else if (op == 11) {
		op_exit(s, i);
	} else {
		prev = enter_task(s->m, s->ts[i].t);
		if (op <= 2)
			op_map(s, i);
		else if (op <= 6)
			op_touch(s, i);
		else if (op == 15)
			op_madvise(s, i);
		else if (op <= 8)
			op_pin(s, i);
		else if (op == 9)
			op_unpin(s, i, rng_below(&s->rng, 2));
		else
			op_fork(s, i);
		leave_task(s->m, prev);
	}
}

/* mm_verify(): memory.current is folios + stock + kmem + the pairs' */
static void verify(struct state *s)
{
	struct strbuf why = { 0 };

	if (mm_verify(s->m, &why))
		fail(s, why.buf, 1, 0);
	sb_release(&why);
}

static void step(struct state *s)
{
	int op = rng_below(&s->rng, 16), i = live_task(s);
	int actor = i >= 0 ? s->ts[i].cg : -1, dest = -1;
	struct snap before;

	take_snap(s, &before);
	s->hole_punched = false;
	run_op(s, op, i, &actor, &dest);
	s->steps++;
	check_counters(s);
	if (s->verify_every_step)
		verify(s);
	check_isolation(s, &before, actor, dest);
}

static void end_sequence(struct state *s)
{
	struct inode *inode;
	struct snap v;
	int i, k, err;

	for (i = 0; i < NT; i++)
		if (s->ts[i].t)
			op_exit(s, i);
	inode = vfs_open(s->m, "/s/f", false, &err);
	if (inode) {
		vfs_truncate(s->m, inode, 0);
		iput(s->m, inode);
	}
	check_counters(s);
	take_snap(s, &v);
	for (k = 0; k < NL; k++)
		if (v.mapped[k] || v.pinned[k] || v.charged[k])
			fail(s, "a pair's counter after the end",
			     v.mapped[k] + v.pinned[k] + v.charged[k], 0);
	if (page_counter_read(&s->s->counter))
		fail(s, "smemcg usage after the end",
		     page_counter_read(&s->s->counter), 0);
	verify(s);
	s->nb = 0;
}

static struct machine *setup(struct state *s)
{
	struct machine *m = boot_machine_swap(64 << 20, 1, 64 << 20);
	int k;

	m->policy.smemcg = s->policy;
	m->policy.pins = s->pins;
	s->m = m;
	wr(m, "cgroup.subtree_control", "+memory +pins");
	cgroup_mkdir(m, "A");
	wr(m, "A/cgroup.subtree_control", "+memory +pins");
	cgroup_mkdir(m, "A/B");
	cgroup_mkdir(m, "C");
	cgroup_mkdir(m, "D");
	s->d_exists = true;
	wr(m, "A/pins.max", "40");		/* limits that refuse */
	wr(m, "C/pins.max", "24");
	if (shmem_mount(m, "/s", "size=64M,smemcg"))
		fail(s, "mount", -1, 0);
	s->s = smemcg_lookup_path(m, "/s");
	for (k = 0; k < NL; k++)
		attach_leaf(s, k);
	return m;
}

static void run_policy(int policy, int pins, long n, u64 seed)
{
	static const char *const pname[] = { "off", "charge", "borrow" };
	static const char *const pinname[] = { "off", "cgroup", "smemcg" };
	struct state *s = calloc(1, sizeof(*s));
	long seq;
	int k;

	s->policy = policy;
	s->pins = pins;
	s->verify_every_step = n <= 1000;	/* the long run: at the ends */
	rng_seed(&s->rng, seed);
	for (seq = 0; seq < n && s->failures == 0; seq++) {
		if (seq % 200 == 0) {
			if (s->m)
				destroy_machine(s->m);
			setup(s);
		}
		for (k = 0; k < STEPS; k++)
			step(s);
		end_sequence(s);
	}
	printf("# smemcg=%s pins=%s: %ld steps, %ld accesses, %ld pageouts, "
	       "%ld pins taken (%ld borrowed), %ld refused, %ld detaches "
	       "refused busy\n", pname[policy], pinname[pins], s->steps,
	       s->faults, s->pageouts, s->pins_ok, s->borrowed,
	       s->pins_refused, s->detach_busy);
	is_long(s->failures, 0, "smemcg=%s pins=%s: %ld sequences of %d "
		"steps, every counter its sum after every step, zero at the "
		"end", pname[policy], pinname[pins], seq, STEPS);
	destroy_machine(s->m);
	free(s);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 60;
	u64 seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
	int policy, pins;

	for (policy = SMEMCG_CHARGE; policy <= SMEMCG_BORROW; policy++)
		for (pins = 1; pins <= 2; pins++)
			run_policy(policy, pins, n, seed);
	return done_testing();
}
