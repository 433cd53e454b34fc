// SPDX-License-Identifier: GPL-2.0
/*
 * Shared pages under reclaim on Linux 6.12: the measurements behind
 * tests/scenarios/rmap/.  Re-run with
 *	tests/kernel/run.sh shmem_rmap 3 --swap 1G
 * The program is the scenario's first process, in cgroup A; its children
 * are the other sharers.
 */
#include "kt.h"

#include <sys/prctl.h>
#include <sys/stat.h>

#define MB	(1UL << 20)
#define A	KT_CG "A/"

static long present(pid_t pid, char *p, unsigned long len)
{
	struct kt_proc who = { .pid = pid, .base = p, .size = len };

	return kt_pagemap(&who, 0, len, 63);
}

/* Two mappers: the shmem region written by us, read by a child. */
static char *two_mappers(unsigned long len, int go[2], int done[2],
			 pid_t *child)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	kt_fill(p, len);
	*child = kt_reader(p, len, go, done);
	kt_print("two_mappers", "present_parent", present(getpid(), p, len));
	kt_print("two_mappers", "present_child", present(*child, p, len));
	return p;
}

/*
 * memory.reclaim of more than the cgroup holds, on 4M of shmem that two
 * processes map: what it takes, with the young bits the accesses left,
 * then again after both processes cleared them (clear_refs 1).
 */
static void reclaim_all(void)
{
	const unsigned long len = 4 * MB;
	int go[2], done[2], err;
	char path[64];
	pid_t child;
	char *p = two_mappers(len, go, done, &child);

	err = kt_put(A "memory.reclaim", "8M");
	kt_print("reclaim8M_young", "errno", -err);
	kt_print("reclaim8M_young", "present_parent", present(getpid(), p, len));
	snprintf(path, sizeof(path), "/proc/%d/clear_refs", child);
	kt_put(path, "1");
	kt_put("/proc/self/clear_refs", "1");
	err = kt_put(A "memory.reclaim", "8M");
	kt_print("reclaim8M", "errno", -err);
	kt_settle();
	kt_print("reclaim8M", "present_parent", present(getpid(), p, len));
	kt_print("reclaim8M", "present_child", present(child, p, len));
	kt_print("reclaim8M", "shmem", kt_key(A "memory.stat", "shmem"));
	kt_print("reclaim8M", "swap.current", kt_first(A "memory.swap.current"));
	kt_print("reclaim8M", "swapcached", kt_key(A "memory.stat", "swapcached"));
	kt_finish(child, go);
	munmap(p, len);
}

/*
 * The same under memory.max=1M: the last step, since the kernel may
 * OOM-kill this program here (guest-run's verdict says so); the lines
 * after "max1M begin" appear only if it does not.
 */
static void max_1m(void)
{
	const unsigned long len = 4 * MB;
	int go[2], done[2], err;
	pid_t child;
	char *p = two_mappers(len, go, done, &child);

	printf("max1M begin 1\n");
	fflush(stdout);
	err = kt_put(A "memory.max", "1M");
	kt_print("max1M", "errno", -err);
	kt_settle();
	kt_print("max1M", "present_parent", present(getpid(), p, len));
	kt_print("max1M", "present_child", present(child, p, len));
	kt_print("max1M", "swap.current", kt_first(A "memory.swap.current"));
	kt_put(A "memory.max", "max");
	kt_finish(child, go);
	munmap(p, len);
}

/* Pageout of a file mapped by a user who neither owns nor may write it. */
static void pageout_perm(void)
{
	const unsigned long len = 4 * MB;
	static char page[PG];
	int fd = open("/data/f", O_RDWR | O_CREAT, 0644), go[2], done[2];
	unsigned long i;
	pid_t child;
	char c;

	memset(page, 'x', sizeof(page));
	for (i = 0; i < len; i += PG)
		if (pwrite(fd, page, PG, i) != PG)
			kt_die("pwrite");
	fsync(fd);
	close(fd);
	if (pipe(go) || pipe(done))
		kt_die("pipe");
	child = fork();
	if (!child) {
		char *q;
		int rfd;

		/* as a program started by that user: it may read its /proc */
		if (setgid(1000) || setuid(1000) ||
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(1);
		rfd = open("/data/f", O_RDONLY);
		q = mmap(NULL, len, PROT_READ, MAP_SHARED, rfd, 0);
		for (i = 0; i < len; i += PG)
			(void)*(volatile char *)(q + i);
		printf("notowner present_before %ld\n", present(getpid(), q, len));
		printf("notowner madvise_ret %d\n", madvise(q, len, MADV_PAGEOUT));
		printf("notowner present_after %ld\n", present(getpid(), q, len));
		fflush(stdout);
		if (write(done[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (read(done[0], &c, 1) != 1)
		kt_die("child");
	kt_finish(child, go);
	fd = open("/data/f", O_RDONLY);
	{
		char *q = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);

		for (i = 0; i < len; i += PG)
			(void)*(volatile char *)(q + i);
		kt_print("owner", "present_before", present(getpid(), q, len));
		kt_print("owner", "madvise_ret", madvise(q, len, MADV_PAGEOUT));
		kt_print("owner", "present_after", present(getpid(), q, len));
		munmap(q, len);
	}
	close(fd);
}

/* After MADV_PAGEOUT, the next reclaim frees what waits in the swap cache. */
static void pageout_then_reclaim(void)
{
	const unsigned long len = 4 * MB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	kt_fill(p, len);
	madvise(p, len, MADV_PAGEOUT);
	kt_settle();
	kt_print("pageout", "swapcached", kt_key(A "memory.stat", "swapcached"));
	kt_print("pageout", "swap.current", kt_first(A "memory.swap.current"));
	kt_put(A "memory.reclaim", "4M");
	kt_settle();
	kt_print("pageout_reclaim", "swapcached",
		 kt_key(A "memory.stat", "swapcached"));
	kt_print("pageout_reclaim", "swap.current",
		 kt_first(A "memory.swap.current"));
	munmap(p, len);
}

int main(void)
{
	kt_enter("A");
	reclaim_all();
	pageout_perm();
	pageout_then_reclaim();
	max_1m();
	return 0;
}
