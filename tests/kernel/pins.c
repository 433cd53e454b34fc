// SPDX-License-Identifier: GPL-2.0
/*
 * Long-term pins on Linux 6.12 through io_uring's registered buffers, the
 * one pinning driver a guest has without devices: the measurements behind
 * tests/scenarios/smemcg/pin_rlimit.scn and pin_lifetime.scn.  Re-run with
 *	tests/kernel/run.sh pins 3 --swap 1G
 * "limit": a worker at uid 1000 with RLIMIT_MEMLOCK 64K registers 64K
 * (the limit exactly), then 4K more on a second ring (over it: the page
 * is pinned, then released when the accounting refuses).  "reclaim": root
 * pins half of 1M of random bytes; memory.reclaim of 1M; a fork; munmap;
 * unregister.  Each step prints "label key value".
 */
#include "kt.h"

#include <linux/io_uring.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define KB	1024UL
#define MB	(1UL << 20)
#define P	KT_CG "pins/"

static int ring(void)
{
	struct io_uring_params p;
	int fd;

	memset(&p, 0, sizeof(p));
	fd = syscall(__NR_io_uring_setup, 4, &p);
	if (fd < 0)
		kt_die("io_uring_setup");
	return fd;
}

static int reg(int fd, void *base, unsigned long len)
{
	struct iovec iov = { .iov_base = base, .iov_len = len };

	return syscall(__NR_io_uring_register, fd, IORING_REGISTER_BUFFERS,
		       &iov, 1) < 0 ? errno : 0;
}

static void pins(const char *label)
{
	kt_print(label, "VmPin", kt_key("/proc/self/status", "VmPin"));
	kt_print(label, "VmLck", kt_key("/proc/self/status", "VmLck"));
	kt_print(label, "acquired", kt_vmstat("nr_foll_pin_acquired"));
	kt_print(label, "released", kt_vmstat("nr_foll_pin_released"));
}

static void memstat(const char *label)
{
	kt_settle();
	kt_print(label, "anon", kt_key(P "memory.stat", "anon"));
	kt_print(label, "lru_anon", kt_key(P "memory.stat", "active_anon") +
				     kt_key(P "memory.stat", "inactive_anon"));
	kt_print(label, "swap", kt_first(P "memory.swap.current"));
}

static char *map(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		kt_die("mmap");
	return p;
}

static void limit(void)
{
	struct rlimit rl = { 64 * KB, 64 * KB };
	char *a = map(128 * KB);

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgid(1000) || setuid(1000))
		kt_die("setrlimit/setuid");
	pins("limit.before");
	kt_print("limit.reg64k", "errno", reg(ring(), a, 64 * KB));
	pins("limit.reg64k");
	kt_print("limit.reg4k", "errno", reg(ring(), a + 64 * KB, 4 * KB));
	pins("limit.reg4k");
	rl.rlim_cur = rl.rlim_max = 128 * KB;
	kt_print("limit.raise", "errno",
		 setrlimit(RLIMIT_MEMLOCK, &rl) ? errno : 0);
}

static void reclaim(void)
{
	char *a = map(MB);
	int fd = ring(), i, r;
	pid_t pid;

	for (i = 0; i < (int)MB; i += 4)
		*(int *)(a + i) = rand();
	kt_print("reclaim.reg", "errno", reg(fd, a, MB / 2));
	memstat("reclaim.before");
	r = kt_put(P "memory.reclaim", "1M");
	kt_print("reclaim.reclaim", "errno", r < 0 ? -r : 0);
	memstat("reclaim.after");
	pid = fork();
	if (!pid) {
		sleep(8);
		_exit(0);
	}
	memstat("reclaim.forked");
	waitpid(pid, NULL, 0);
	munmap(a, MB);
	memstat("reclaim.munmap");
	kt_print("reclaim.unreg", "errno",
		 syscall(__NR_io_uring_register, fd, IORING_UNREGISTER_BUFFERS,
			 NULL, 0) < 0 ? errno : 0);
	memstat("reclaim.unreg");
}

int main(void)
{
	pid_t pid;

	kt_setup();
	kt_mkcg("pins");
	pid = fork();
	if (!pid) {
		kt_put(P "cgroup.procs", "0");
		limit();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	pid = fork();
	if (!pid) {
		kt_put(P "cgroup.procs", "0");
		reclaim();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
