// SPDX-License-Identifier: GPL-2.0
/*
 * RLIMIT_MEMLOCK and mlock(2) on Linux 6.12: the measurements behind
 * tests/scenarios/mlock/limit.scn.  Re-run with
 *	tests/kernel/run.sh mlock_limit 3
 * A worker that setuid()s to 1000 (no CAP_IPC_LOCK) keeps the init task's
 * limit, MLOCK_LIMIT: it maps an 8 MiB, a 4 KiB and an 8 MiB + 4 KiB
 * region and locks them in turn, printing each errno, VmLck and VmRSS
 * after it; then root locks all three at once.
 */
#include "kt.h"

#include <sys/resource.h>

#define MB	(1UL << 20)

static char *map(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		kt_die("mmap");
	return p;
}

static void step(const char *label, int ret)
{
	kt_print(label, "errno", ret ? errno : 0);
	kt_print(label, "VmLck", kt_key("/proc/self/status", "VmLck"));
	kt_print(label, "VmRSS", kt_key("/proc/self/status", "VmRSS"));
}

static void run(const char *who)
{
	char *a = map(8 * MB), *b = map(PG), *c = map(8 * MB + PG);
	struct rlimit rl;
	char l[64];

	getrlimit(RLIMIT_MEMLOCK, &rl);
	snprintf(l, sizeof(l), "%s.rlimit", who);
	kt_print(l, "cur", rl.rlim_cur);
	kt_print(l, "max", rl.rlim_max);
#define STEP(name, call) do {						\
		snprintf(l, sizeof(l), "%s.%s", who, name);		\
		step(l, call);						\
	} while (0)
	STEP("mlock_a", mlock(a, 8 * MB));
	STEP("mlock_b", mlock(b, PG));
	STEP("mlock_a_again", mlock(a, 8 * MB));
	STEP("munlock_a", munlock(a, 8 * MB));
	STEP("mlock_c", mlock(c, 8 * MB + PG));
	STEP("mlock_b_after", mlock(b, PG));
}

int main(void)
{
	pid_t pid;

	kt_setup();
	kt_mkcg("lim");
	pid = fork();
	if (!pid) {
		kt_put(KT_CG "lim/cgroup.procs", "0");
		if (setgid(1000) || setuid(1000))
			kt_die("setuid");
		run("user");
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	pid = fork();
	if (!pid) {
		kt_put(KT_CG "lim/cgroup.procs", "0");
		run("root");
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
