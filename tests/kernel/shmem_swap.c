// SPDX-License-Identifier: GPL-2.0
/*
 * shmem under reclaim on Linux 6.12: the measurements behind
 * tests/scenarios/shmem/.  Re-run with
 *	tests/kernel/run.sh shmem_swap 3 --swap 1G
 * Each step prints "label key value"; sizes are bytes unless the key
 * says pages.  The program is the scenario's one process, in cgroup A.
 */
#include "kt.h"

#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/shm.h>
#include <sys/statfs.h>
#include <linux/falloc.h>

#define MB	(1UL << 20)
#define A	KT_CG "A/"

static void stat_of(const char *label)
{
	kt_settle();
	kt_print(label, "shmem", kt_key(A "memory.stat", "shmem"));
	kt_print(label, "file", kt_key(A "memory.stat", "file"));
	kt_print(label, "swapcached", kt_key(A "memory.stat", "swapcached"));
	kt_print(label, "unevictable", kt_key(A "memory.stat", "unevictable"));
	kt_print(label, "swap.current", kt_first(A "memory.swap.current"));
	kt_print(label, "pgmajfault", kt_key(A "memory.stat", "pgmajfault"));
	kt_print(label, "meminfo.Shmem_kB", kt_key("/proc/meminfo", "Shmem"));
	kt_print(label, "meminfo.SwapCached_kB",
		 kt_key("/proc/meminfo", "SwapCached"));
}

static long pagemap_count(char *p, unsigned long len, int bit)
{
	struct kt_proc self = { .pid = getpid(), .base = p, .size = len };

	return kt_pagemap(&self, 0, len, bit);
}

static long resident(char *p, unsigned long len)
{
	unsigned char vec[4096];
	unsigned long i, n = 0;

	if (mincore(p, len, vec))
		return -errno;
	for (i = 0; i < len / PG; i++)
		n += vec[i] & 1;
	return n;
}

static char *map_file(const char *path, unsigned long len, int *fdp)
{
	int fd = open(path, O_RDWR | O_CREAT, 0644);
	char *p;

	if (fd < 0 || ftruncate(fd, len))
		kt_die(path);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		kt_die("mmap");
	*fdp = fd;
	return p;
}

/* memfd 16M: write, pageout, fault back, read(2) back, truncate, punch */
static void swap_cycle(void)
{
	const unsigned long len = 16 * MB;
	int fd;
	char *p = map_file("/dev/shm/s1", len, &fd), buf[PG];
	unsigned long i;

	kt_fill(p, len);
	stat_of("written");
	kt_print("written", "smaps_Swap_kB", kt_proc_key(&(struct kt_proc){ .pid = getpid() }, "smaps_rollup", "Swap"));
	madvise(p, len, MADV_PAGEOUT);
	stat_of("pageout");
	kt_print("pageout", "pagemap_present", pagemap_count(p, len, 63));
	kt_print("pageout", "pagemap_swap", pagemap_count(p, len, 62));
	kt_print("pageout", "pagemap_softdirty", pagemap_count(p, len, 55));
	kt_print("pageout", "mincore_resident", resident(p, len));
	kt_print("pageout", "seek_data_0", lseek(fd, 0, SEEK_DATA));
	kt_print("pageout", "smaps_Swap_kB", kt_proc_key(&(struct kt_proc){ .pid = getpid() }, "smaps_rollup", "Swap"));
	madvise(p, len, MADV_WILLNEED);
	stat_of("willneed");
	kt_print("willneed", "mincore_resident", resident(p, len));
	for (i = 0; i < len / 2; i += PG)
		(void)*(volatile char *)(p + i);
	stat_of("faulted_half");
	for (i = len / 2; i < len; i += PG)
		if (pread(fd, buf, PG, i) != PG)
			kt_die("pread");
	stat_of("read_half");
	madvise(p, len, MADV_PAGEOUT);
	stat_of("pageout2");
	if (ftruncate(fd, len / 2))
		kt_die("ftruncate");
	stat_of("truncated_half");
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, len / 4))
		kt_die("punch");
	stat_of("punched_quarter");
	munmap(p, len);
	close(fd);
	unlink("/dev/shm/s1");
	stat_of("unlinked");
}

/* A page read-faulted from a hole is clean: pageout drops it. */
static void clean_page(void)
{
	const unsigned long len = 4 * MB;
	int fd;
	char *p = map_file("/dev/shm/s2", len, &fd);
	unsigned long i;

	for (i = 0; i < len; i += PG)
		(void)*(volatile char *)(p + i);
	stat_of("clean_read");
	madvise(p, len, MADV_PAGEOUT);
	stat_of("clean_pageout");
	munmap(p, len);
	close(fd);
	unlink("/dev/shm/s2");
}

/* A tmpfs of size=4M: an 8M write stops at 4M with ENOSPC, no OOM. */
static void small_tmpfs(void)
{
	static char page[PG];
	long long oom = kt_vmstat("oom_kill");
	unsigned long done = 0;
	struct statfs sf;
	int fd;

	mkdir("/tmp/t", 0755);
	if (mount("tmpfs", "/tmp/t", "tmpfs", 0, "size=4M"))
		kt_die("mount");
	fd = open("/tmp/t/f", O_RDWR | O_CREAT, 0644);
	memset(page, 'x', sizeof(page));
	while (done < 8 * MB && pwrite(fd, page, PG, done) == PG)
		done += PG;
	kt_print("tmpfs4M", "written", done);
	kt_print("tmpfs4M", "errno_is_ENOSPC", errno == ENOSPC);
	kt_print("tmpfs4M", "oom_kill_growth", kt_vmstat("oom_kill") - oom);
	close(fd);
	umount("/tmp/t");
	if (statfs("/dev/shm", &sf) == 0)
		kt_print("devshm", "size_kB", sf.f_blocks * sf.f_bsize / 1024);
	kt_print("devshm", "MemTotal_kB", kt_key("/proc/meminfo", "MemTotal"));
	kt_print("devshm", "files_limit", sf.f_files);
}

/* SHM_LOCK and noswap: pageout leaves the pages in memory. */
static void locked(void)
{
	const unsigned long len = 4 * MB;
	int id = shmget(IPC_PRIVATE, len, IPC_CREAT | 0600), fd;
	char *p = shmat(id, NULL, 0);

	shmctl(id, IPC_RMID, NULL);
	kt_fill(p, len);
	shmctl(id, SHM_LOCK, NULL);
	madvise(p, len, MADV_PAGEOUT);
	stat_of("shm_lock_pageout");
	kt_print("shm_lock_pageout", "mincore_resident", resident(p, len));
	shmctl(id, SHM_UNLOCK, NULL);
	stat_of("shm_unlock");
	shmdt(p);

	mkdir("/tmp/n", 0755);
	if (mount("tmpfs", "/tmp/n", "tmpfs", 0, "noswap"))
		kt_die("mount noswap");
	p = map_file("/tmp/n/f", len, &fd);
	kt_fill(p, len);
	madvise(p, len, MADV_PAGEOUT);
	stat_of("noswap_pageout");
	munmap(p, len);
	close(fd);
	umount("/tmp/n");
}

/* Two sharers: pageout by one leaves the pages; both mapcounts show. */
static void shared(void)
{
	const unsigned long len = 4 * MB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int go[2], done[2];
	pid_t child;

	kt_fill(p, len);
	child = kt_reader(p, len, go, done);
	kt_print("shared2", "pagemap_exclusive", pagemap_count(p, len, 56));
	madvise(p, len, MADV_PAGEOUT);
	stat_of("shared2_pageout");
	kt_print("shared2_pageout", "pagemap_present", pagemap_count(p, len, 63));
	kt_finish(child, go);
	kt_print("shared1", "pagemap_exclusive", pagemap_count(p, len, 56));
	madvise(p, len, MADV_PAGEOUT);
	stat_of("shared1_pageout");
	munmap(p, len);
}

int main(void)
{
	kt_enter("A");
	swap_cycle();
	clean_page();
	small_tmpfs();
	locked();
	shared();
	return 0;
}
