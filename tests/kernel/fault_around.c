// SPDX-License-Identifier: GPL-2.0
/*
 * Fault-around on Linux 6.12: the measurements behind
 * tests/scenarios/fault_around/.  Re-run with
 *	tests/kernel/run.sh fault_around 3 --swap 1G
 * A read fault on a file or shmem mapping maps the page-cache pages
 * around it that are already there (do_fault_around(), 64 KiB by
 * default, /sys/kernel/debug/fault_around_bytes).  Counts are pages of
 * the region whose pagemap entry has the bit, after the step.
 */
#include "kt.h"

#define MB	(1UL << 20)
#define KNOB	"/sys/kernel/debug/fault_around_bytes"
#define PM_PRESENT	63
#define PM_FILE		61

static void check(int ret, const char *what)
{
	if (ret)
		printf("# %s: %s\n", what, strerror(-ret));
}

static void present(const char *label, struct kt_proc *p)
{
	kt_print(label, "present", kt_pagemap(p, 0, p->size, PM_PRESENT));
}

/* Reads of a cached shmem file: at page 128, page 64, then everywhere. */
static void interior(void)
{
	struct kt_proc w, r;
	long long rss;

	kt_mkcg("fa");
	kt_spawn(&w, "fa", 0);
	kt_spawn(&r, "fa", 1);
	check(kt_cmd(&w, KT_WRITE_FILE, 0, 0, MB, "/dev/shm/f"), "write");
	check(kt_cmd(&r, KT_MMAP_SHMEM, 0, 0, MB, "/dev/shm/f"), "mmap");
	/* the static program itself is on the initramfs, a tmpfs */
	rss = kt_proc_key(&r, "status", "RssShmem");
	check(kt_cmd(&r, KT_READ, 0, 128 * PG, PG, NULL), "read");
	present("interior.read128", &r);
	kt_settle();
	kt_print("interior.read128", "RssShmem_growth",
		 kt_proc_key(&r, "status", "RssShmem") - rss);
	kt_print("interior.read128", "file_mapped",
		 kt_key(KT_CG "fa/memory.stat", "file_mapped"));
	check(kt_cmd(&r, KT_READ, 0, 64 * PG, PG, NULL), "read");
	present("interior.read64", &r);
	check(kt_cmd(&r, KT_READ, 0, 0, MB, NULL), "read");
	present("interior.read_all", &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	check(kt_cmd(&w, KT_EXIT, 0, 0, 0, NULL), "exit");
}

/* fault_around_bytes: write @val, show what reads back, fault page @pg. */
static void knob(const char *label, const char *val, unsigned long size,
		 unsigned long pg)
{
	struct kt_proc r;

	kt_print(label, "write_errno", -kt_put(KNOB, "%s", val));
	kt_print(label, "value", kt_first(KNOB));
	if (!size)
		return;
	kt_spawn(&r, "fa", 1);
	check(kt_cmd(&r, KT_MMAP_SHMEM, 0, 0, size, "/dev/shm/k"), "mmap");
	check(kt_cmd(&r, KT_READ, 0, pg * PG, PG, NULL), "read");
	present(label, &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
}

static void knobs(void)
{
	struct kt_proc w;

	kt_spawn(&w, "fa", 0);
	check(kt_cmd(&w, KT_WRITE_FILE, 0, 0, 4 * MB, "/dev/shm/k"), "write");
	kt_print("knob.default", "value", kt_first(KNOB));
	knob("knob.4096", "4096", MB, 128);
	knob("knob.16384", "16384", MB, 128);
	knob("knob.0", "0", 0, 0);
	knob("knob.100000", "100000", MB, 128);
	knob("knob.2101248", "2101248", 0, 0);
	knob("knob.abc", "abc", 0, 0);
	knob("knob.2097152", "2097152", 4 * MB, 512);
	knob("knob.65536", "65536", 0, 0);
	check(kt_cmd(&w, KT_EXIT, 0, 0, 0, NULL), "exit");
	unlink("/dev/shm/k");
}

/*
 * Only pages 126, 128 and 130 are in the cache; with 16 KiB of
 * fault-around every window of 4 pages around page 128 holds two of them
 * however the VMA is aligned.  A read of page 129, a hole, after that
 * maps what its window holds and allocates page 129.
 */
static void sparse(void)
{
	struct kt_proc w, r;
	unsigned long pg;

	kt_put(KNOB, "16384");
	kt_spawn(&w, "fa", 0);
	kt_spawn(&r, "fa", 1);
	for (pg = 126; pg <= 130; pg += 2)
		check(kt_cmd(&w, KT_WRITE_FILE, 0, pg * PG, PG, "/dev/shm/g"),
		      "write");
	check(kt_cmd(&r, KT_MMAP_SHMEM, 0, 0, MB, "/dev/shm/g"), "mmap");
	check(kt_cmd(&r, KT_READ, 0, 128 * PG, PG, NULL), "read");
	present("sparse.read128", &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	check(kt_cmd(&w, KT_EXIT, 0, 0, 0, NULL), "exit");
	unlink("/dev/shm/g");
	kt_put(KNOB, "65536");
}

/* A file on ext4, shared then private; anonymous memory; a write fault. */
static void kinds(void)
{
	struct kt_proc w, r;

	kt_spawn(&w, "fa", 0);
	check(kt_cmd(&w, KT_WRITE_FILE, 0, 0, MB, "/data/f"), "write");
	check(kt_cmd(&w, KT_WRITE_FILE, 0, 0, MB, "/dev/shm/h"), "write");
	kt_spawn(&r, "fa", 1);
	check(kt_cmd(&r, KT_MMAP_FILE, 0, 0, MB, "/data/f"), "mmap");
	check(kt_cmd(&r, KT_READ, 0, 128 * PG, PG, NULL), "read");
	present("file_shared.read128", &r);
	kt_print("file_shared.read128", "file",
		 kt_pagemap(&r, 0, r.size, PM_FILE));
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	kt_spawn(&r, "fa", 1);
	check(kt_cmd(&r, KT_MMAP_FILE, 1, 0, MB, "/data/f"), "mmap");
	check(kt_cmd(&r, KT_READ, 0, 128 * PG, PG, NULL), "read");
	present("file_private.read128", &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	kt_spawn(&r, "fa", 1);
	check(kt_cmd(&r, KT_MMAP_ANON, 0, 0, MB, NULL), "mmap");
	check(kt_cmd(&r, KT_READ, 0, 128 * PG, PG, NULL), "read");
	present("anon.read128", &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	kt_spawn(&r, "fa", 1);
	check(kt_cmd(&r, KT_MMAP_SHMEM, 0, 0, MB, "/dev/shm/h"), "mmap");
	check(kt_cmd(&r, KT_TOUCH, 0, 128 * PG, PG, NULL), "touch");
	present("shmem_write.touch128", &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	check(kt_cmd(&w, KT_EXIT, 0, 0, 0, NULL), "exit");
	unlink("/data/f");
	unlink("/dev/shm/h");
}

/*
 * p1 writes a shmem file through its mapping, p2 reads one page of it
 * (fault-around maps 16 in p2); MADV_PAGEOUT in p1 leaves the pages both
 * map.
 */
static void pageout(void)
{
	struct kt_proc p1, p2;

	kt_mkcg("po");
	kt_spawn(&p1, "po", 0);
	kt_spawn(&p2, "po", 1);
	check(kt_cmd(&p1, KT_MMAP_SHMEM, 0, 0, MB, "/dev/shm/s"), "mmap");
	check(kt_cmd(&p1, KT_TOUCH, 0, 0, MB, NULL), "touch");
	check(kt_cmd(&p2, KT_MMAP_SHMEM, 0, 0, MB, "/dev/shm/s"), "mmap");
	check(kt_cmd(&p2, KT_READ, 0, 128 * PG, PG, NULL), "read");
	present("pageout.p2_read", &p2);
	check(kt_cmd(&p1, KT_MADVISE, MADV_PAGEOUT, 0, MB, NULL), "madvise");
	present("pageout.p1", &p1);
	present("pageout.p2", &p2);
	kt_settle();
	kt_print("pageout", "shmem", kt_key(KT_CG "po/memory.stat", "shmem"));
	kt_print("pageout", "swap.current",
		 kt_first(KT_CG "po/memory.swap.current"));
	check(kt_cmd(&p1, KT_EXIT, 0, 0, 0, NULL), "exit");
	check(kt_cmd(&p2, KT_EXIT, 0, 0, 0, NULL), "exit");
	unlink("/dev/shm/s");
}

/*
 * The window is aligned in the address space and clamped to the VMA: a
 * VMA that starts 3 pages past a 64 KiB boundary (placed there with
 * MAP_FIXED_NOREPLACE) maps 16 pages from its start on a fault at its
 * first page (the clamped window is not shortened), and 3 on a fault at
 * its last.
 */
static void clamp(void)
{
	struct kt_proc w, r;
	unsigned long at = 0x7f0000000000UL + 3 * PG;

	kt_spawn(&w, "fa", 0);
	check(kt_cmd(&w, KT_WRITE_FILE, 0, 0, MB, "/dev/shm/c"), "write");
	kt_spawn(&r, "fa", 1);
	check(kt_cmd_at(&r, KT_MMAP_SHMEM, 0, 0, MB, "/dev/shm/c", at), "mmap");
	kt_print("clamp", "aligned", (unsigned long)r.base == at);
	check(kt_cmd(&r, KT_READ, 0, 0, PG, NULL), "read");
	present("clamp.read_first", &r);
	check(kt_cmd(&r, KT_READ, 0, MB - PG, PG, NULL), "read");
	present("clamp.read_last", &r);
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	check(kt_cmd(&w, KT_EXIT, 0, 0, 0, NULL), "exit");
	unlink("/dev/shm/c");
}

/*
 * A sparse 4 MiB ext4 file read through a mapping from end to end: how
 * many faults with readahead and fault-around together, with the mapping
 * where the kernel puts it (thp_get_unmapped_area() aligns ext4 mappings
 * of 2 MiB or more) and 3 pages past a 2 MiB boundary.
 */
static void readahead_faults(const char *label, unsigned long at)
{
	struct kt_proc r;
	long long before;

	kt_mkcg("ra");
	kt_spawn(&r, "ra", 1);
	unlink("/data/f4");
	check(kt_cmd(&r, KT_MMAP_FILE, 0, 0, 4 * MB, "/data/f4"), "mmap");
	if (at) {
		check(kt_cmd(&r, KT_MUNMAP, 0, 0, 4 * MB, NULL), "munmap");
		check(kt_cmd_at(&r, KT_MMAP_FILE, 0, 0, 4 * MB, "/data/f4", at),
		      "mmap at");
	}
	kt_print(label, "offset_in_2M_pages",
		 ((unsigned long)r.base & (2 * MB - 1)) / PG);
	kt_settle();
	before = kt_key(KT_CG "ra/memory.stat", "pgfault");
	check(kt_cmd(&r, KT_READ, 0, 0, 4 * MB, NULL), "read");
	kt_settle();
	kt_print(label, "pgfault", kt_key(KT_CG "ra/memory.stat", "pgfault") -
		 before);
	kt_print(label, "present", kt_pagemap(&r, 0, 4 * MB, PM_PRESENT));
	check(kt_cmd(&r, KT_EXIT, 0, 0, 0, NULL), "exit");
	unlink("/data/f4");
}

int main(void)
{
	kt_setup();
	interior();
	knobs();
	sparse();
	kinds();
	pageout();
	clamp();
	readahead_faults("ra_kernel_placed", 0);
	readahead_faults("ra_offset3", 0x7e0000000000UL + 3 * PG);
	return 0;
}
