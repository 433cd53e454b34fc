// SPDX-License-Identifier: GPL-2.0
/*
 * uffd-wp markers on shmem on Linux 6.12: the measurements behind
 * tests/scenarios/uffd/markers.scn.  Re-run with
 *	tests/kernel/run.sh uffd_markers 3 --swap 1G
 * Each step prints "label key value": pagemap bits of page 0 of a
 * 4-page memfd mapped MAP_SHARED and registered for uffd-wp.
 */
#include "kt.h"

#include <linux/fs.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#ifndef PAGEMAP_SCAN	/* Debian 12's headers are 6.1's: 6.12's ABI */
struct page_region {
	uint64_t start, end, categories;
};

struct pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

#define PAGEMAP_SCAN	_IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_SWAPPED	(1 << 4)
#endif

#define A	KT_CG "A/"
#define LEN	(4 * PG)

static int uffd;

/* present 63, swap 62, file 61, uffd-wp 57, and the frame bits' low 5 */
static void bits(const char *label, char *p)
{
	uint64_t e = kt_entry(p);

	kt_print(label, "present", e >> 63 & 1);
	kt_print(label, "swap", e >> 62 & 1);
	kt_print(label, "uffd_wp", e >> 57 & 1);
	kt_print(label, "frame", e & ((1ULL << 55) - 1));
}

static void wp(char *p, unsigned long len, int on)
{
	struct uffdio_writeprotect w = {
		.range = { (unsigned long)p, len },
		.mode = on ? UFFDIO_WRITEPROTECT_MODE_WP : 0,
	};

	if (ioctl(uffd, UFFDIO_WRITEPROTECT, &w))
		kt_die("UFFDIO_WRITEPROTECT");
}

static char *region(int *fdp)
{
	struct uffdio_register r;
	int fd = memfd_create("m", 0);
	char *p;

	if (fd < 0 || ftruncate(fd, LEN))
		kt_die("memfd");
	p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(p, 1, LEN);
	r.range.start = (unsigned long)p;
	r.range.len = LEN;
	r.mode = UFFDIO_REGISTER_MODE_WP;
	if (ioctl(uffd, UFFDIO_REGISTER, &r))
		kt_die("UFFDIO_REGISTER");
	*fdp = fd;
	return p;
}

/* PAGEMAP_SCAN of page 0 for the swapped category: regions found */
static long scan_swapped(char *p)
{
	struct page_region v;
	struct pm_scan_arg a = {
		.size = sizeof(a), .start = (unsigned long)p,
		.end = (unsigned long)p + PG, .vec = (unsigned long)&v,
		.vec_len = 1, .category_mask = PAGE_IS_SWAPPED,
		.return_mask = PAGE_IS_SWAPPED,
	};
	int fd = open("/proc/self/pagemap", O_RDONLY);
	long n = ioctl(fd, PAGEMAP_SCAN, &a);

	close(fd);
	return n < 0 ? -errno : n;
}

int main(void)
{
	struct uffdio_api api = {
		.api = UFFD_API, .features = UFFD_FEATURE_WP_HUGETLBFS_SHMEM,
	};
	char *p;
	int fd;

	kt_enter("A");
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		kt_die("userfaultfd");

	p = region(&fd);
	wp(p, LEN, 1);
	bits("wp_present", p);
	madvise(p, LEN, MADV_DONTNEED);
	bits("dontneed", p);
	kt_print("dontneed", "scan_swapped", scan_swapped(p));
	(void)*(volatile char *)p;	/* read fault on the marker */
	bits("read_fault", p);
	madvise(p, LEN, MADV_PAGEOUT);
	kt_settle();
	bits("pageout", p);
	kt_print("pageout", "swap.current", kt_first(A "memory.swap.current"));
	if (ftruncate(fd, 0))
		kt_die("ftruncate");
	bits("truncate", p);
	munmap(p, LEN);
	close(fd);

	p = region(&fd);
	wp(p, LEN, 1);
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, LEN))
		kt_die("punch");
	bits("punch", p);
	madvise(p, LEN, MADV_REMOVE);
	bits("remove", p);
	munmap(p, LEN);
	p = mmap(p, LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	bits("munmap_mmap", p);
	close(fd);
	return 0;
}
