/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MEMCGLAB_BENCH_HOST_RUSAGE_H
#define MEMCGLAB_BENCH_HOST_RUSAGE_H

#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

/*
 * The host's getrusage(2), without <sys/resource.h>: its struct rlimit
 * and RLIMIT_* would clash with the model's include/resource.h.  The
 * layout is the kernel's ABI (two timevals, then fourteen longs).
 */
struct host_rusage {
	struct timeval utime, stime;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
	long inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

static inline void host_rusage(struct host_rusage *ru)
{
	syscall(SYS_getrusage, 0 /* RUSAGE_SELF */, ru);
}

#endif
