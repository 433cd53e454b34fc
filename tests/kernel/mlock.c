// SPDX-License-Identifier: GPL-2.0
/*
 * mlock's unevictable accounting on Linux 6.12: the measurements behind
 * tests/scenarios/mlock/.  Re-run with
 *	tests/kernel/run.sh mlock 3 --swap 1G
 * Each experiment prints, after every step and 3 s of settling, memory.stat
 * unevictable of its cgroup, /proc/meminfo Mlocked and Unevictable, each
 * live worker's VmLck and smaps_rollup Locked, and the growth of the
 * unevictable_pgs_* events since the experiment began.
 */
#include "kt.h"

#define MB	(1UL << 20)

static const char *const events[] = {
	"unevictable_pgs_culled", "unevictable_pgs_scanned",
	"unevictable_pgs_rescued", "unevictable_pgs_mlocked",
	"unevictable_pgs_munlocked", "unevictable_pgs_cleared",
	"unevictable_pgs_stranded",
};
#define NR_EVENTS (sizeof(events) / sizeof(events[0]))

static long long base_ev[NR_EVENTS];

static void events_start(void)
{
	unsigned int i;

	for (i = 0; i < NR_EVENTS; i++)
		base_ev[i] = kt_vmstat(events[i]);
}

/* After step @step of experiment @cg: settle, then print everything. */
static void snap(const char *cg, const char *step, struct kt_proc **procs,
		 const char *const *names)
{
	char path[128], label[64];
	unsigned int i;

	snprintf(label, sizeof(label), "%s.%s", cg, step);
	kt_settle();
	snprintf(path, sizeof(path), KT_CG "%s/memory.stat", cg);
	kt_print(label, "unevictable", kt_key(path, "unevictable"));
	kt_print(label, "shmem", kt_key(path, "shmem"));
	kt_print(label, "anon", kt_key(path, "anon"));
	snprintf(path, sizeof(path), KT_CG "%s/memory.current", cg);
	kt_print(label, "current", kt_first(path));
	kt_print(label, "Mlocked", kt_key("/proc/meminfo", "Mlocked"));
	kt_print(label, "Unevictable", kt_key("/proc/meminfo", "Unevictable"));
	for (i = 0; procs[i]; i++) {
		char key[64];

		if (!procs[i]->pid)
			continue;
		snprintf(key, sizeof(key), "%s.VmLck", names[i]);
		kt_print(label, key, kt_proc_key(procs[i], "status", "VmLck"));
		snprintf(key, sizeof(key), "%s.Locked", names[i]);
		kt_print(label, key, kt_proc_key(procs[i], "smaps_rollup",
						 "Locked"));
	}
	for (i = 0; i < NR_EVENTS; i++)
		kt_print(label, events[i] + 16, kt_vmstat(events[i]) - base_ev[i]);
}

static void check(int ret, const char *what)
{
	if (ret)
		printf("# %s: %s\n", what, strerror(-ret));
}

static void gone(struct kt_proc *p)
{
	check(kt_cmd(p, KT_EXIT, 0, 0, 0, NULL), "exit");
	p->pid = 0;
}

/*
 * Two lockers of one shmem file: p1 writes and locks it, p2 maps and
 * locks it, then p1 lets go (munlock, or exit when @p1_exits) and p2
 * goes (exit, or munlock when @p1_exits).
 */
static void shared(const char *label, int cpu1, int cpu2, bool p1_exits)
{
	static const char *const names[] = { "p1", "p2" };
	struct kt_proc p1, p2, *procs[] = { &p1, &p2, NULL };

	kt_mkcg(label);
	events_start();
	kt_spawn(&p1, label, cpu1);
	kt_spawn(&p2, label, cpu2);
	check(kt_cmd(&p1, KT_MMAP_SHMEM, 0, 0, 4 * MB, "/dev/shm/s"), "mmap");
	check(kt_cmd(&p1, KT_TOUCH, 0, 0, 4 * MB, NULL), "touch");
	snap(label, "touched", procs, names);
	check(kt_cmd(&p1, KT_MLOCK, 0, 0, 4 * MB, NULL), "p1 mlock");
	snap(label, "p1_mlock", procs, names);
	check(kt_cmd(&p2, KT_MMAP_SHMEM, 0, 0, 4 * MB, "/dev/shm/s"), "mmap");
	check(kt_cmd(&p2, KT_MLOCK, 0, 0, 4 * MB, NULL), "p2 mlock");
	snap(label, "p2_mlock", procs, names);
	if (p1_exits) {
		gone(&p1);
			snap(label, "p1_exit", procs, names);
		check(kt_cmd(&p2, KT_MUNLOCK, 0, 0, 4 * MB, NULL), "munlock");
			snap(label, "p2_munlock", procs, names);
		gone(&p2);
	} else {
		check(kt_cmd(&p1, KT_MUNLOCK, 0, 0, 4 * MB, NULL), "munlock");
			snap(label, "p1_munlock", procs, names);
		gone(&p2);
			snap(label, "p2_exit", procs, names);
		gone(&p1);
	}
	unlink("/dev/shm/s");
	snap(label, "unlinked", procs, names);
}

/* Anonymous memory: lock, munmap; lock again, exit while locked. */
static void anon(const char *label)
{
	static const char *const names[] = { "p" };
	struct kt_proc p, *procs[] = { &p, NULL };

	kt_mkcg(label);
	events_start();
	kt_spawn(&p, label, 1);
	check(kt_cmd(&p, KT_MMAP_ANON, 0, 0, 4 * MB, NULL), "mmap");
	check(kt_cmd(&p, KT_TOUCH, 0, 0, 4 * MB, NULL), "touch");
	check(kt_cmd(&p, KT_MLOCK, 0, 0, 4 * MB, NULL), "mlock");
	snap(label, "mlock", procs, names);
	check(kt_cmd(&p, KT_MUNMAP, 0, 0, 4 * MB, NULL), "munmap");
	snap(label, "munmap", procs, names);
	check(kt_cmd(&p, KT_MMAP_ANON, 0, 0, 4 * MB, NULL), "mmap");
	check(kt_cmd(&p, KT_MLOCK, 0, 0, 4 * MB, NULL), "mlock untouched");
	snap(label, "mlock_populate", procs, names);
	gone(&p);
	snap(label, "exit", procs, names);
}

/* mlock of an untouched shmem mapping: the populate allocates the pages. */
static void populate(const char *label)
{
	static const char *const names[] = { "p" };
	struct kt_proc p, *procs[] = { &p, NULL };

	kt_mkcg(label);
	events_start();
	kt_spawn(&p, label, 0);
	check(kt_cmd(&p, KT_MMAP_SHMEM, 0, 0, 4 * MB, "/dev/shm/q"), "mmap");
	check(kt_cmd(&p, KT_MLOCK, 0, 0, 4 * MB, NULL), "mlock");
	snap(label, "mlock", procs, names);
	check(kt_cmd(&p, KT_MUNLOCK, 0, 0, 4 * MB, NULL), "munlock");
	snap(label, "munlock", procs, names);
	gone(&p);
	unlink("/dev/shm/q");
}

/*
 * The count undercounts: p2 (CPU 1) writes a page, which waits in CPU 1's
 * LRU add batch; p1 (CPU 0) mlocks it there, uncounted; p2's mlock
 * drains CPU 1 and counts its own mapping only.  p1's munlock then makes
 * the page evictable although p2 locks it, until reclaim meets p2's
 * locked VMA.
 */
static void undercount(const char *label)
{
	static const char *const names[] = { "p1", "p2" };
	struct kt_proc p1, p2, *procs[] = { &p1, &p2, NULL };
	char l[64];

	kt_mkcg(label);
	events_start();
	kt_spawn(&p1, label, 0);
	kt_spawn(&p2, label, 1);
	check(kt_cmd(&p2, KT_MMAP_SHMEM, 0, 0, PG, "/dev/shm/u"), "mmap");
	check(kt_cmd(&p1, KT_MMAP_SHMEM, 0, 0, PG, "/dev/shm/u"), "mmap");
	check(kt_cmd(&p2, KT_TOUCH, 0, 0, PG, NULL), "touch");
	check(kt_cmd(&p1, KT_MLOCK, 0, 0, PG, NULL), "p1 mlock");
	check(kt_cmd(&p2, KT_MLOCK, 0, 0, PG, NULL), "p2 mlock");
	snap(label, "both_mlock", procs, names);
	check(kt_cmd(&p1, KT_MUNLOCK, 0, 0, PG, NULL), "p1 munlock");
	snap(label, "p1_munlock", procs, names);
	snprintf(l, sizeof(l), KT_CG "%s/memory.reclaim", label);
	kt_print(label, "reclaim_errno", -kt_put(l, "4096"));
	snap(label, "reclaimed", procs, names);
	gone(&p2);
	snap(label, "p2_exit", procs, names);
	gone(&p1);
	unlink("/dev/shm/u");
}

int main(void)
{
	kt_setup();
	shared("two_cpus", 0, 1, false);
	shared("one_cpu", 0, 0, false);
	shared("exit_first", 0, 1, true);
	anon("anon");
	populate("populate");
	undercount("undercount");
	return 0;
}
