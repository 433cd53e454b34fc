// SPDX-License-Identifier: GPL-2.0
/*
 * mlock(2)'s populate marks every page accessed (GUP's FOLL_TOUCH) on
 * Linux 6.12: the measurement behind test_mlock's test_populate_touch.
 * Re-run with
 *	tests/kernel/run.sh mlock_touch 3
 * For 64 pages of anonymous memory and of a shmem file, written first
 * (a write fault does not mark a page accessed), then mlocked, then
 * munlocked: how many have PG_referenced (/proc/kpageflags bit 2) and
 * PG_active (bit 6), read through the pagemap's frame numbers as root.
 */
#include "kt.h"

#define NR		64
#define KPF_REFERENCED	2
#define KPF_ACTIVE	6

/* How many of the @n pages at @p have kpageflags bit @bit. */
static long flagged(char *p, unsigned long n, int bit)
{
	int pm = open("/proc/self/pagemap", O_RDONLY);
	int kf = open("/proc/kpageflags", O_RDONLY);
	unsigned long i;
	long count = 0;

	if (pm < 0 || kf < 0)
		kt_die("open pagemap/kpageflags");
	for (i = 0; i < n; i++) {
		uint64_t e, flags;
		off_t at = ((unsigned long)p / PG + i) * 8;

		if (pread(pm, &e, 8, at) != 8 || !(e >> 63))
			continue;
		at = (e & ((1ULL << 55) - 1)) * 8;
		if (pread(kf, &flags, 8, at) == 8 && (flags >> bit & 1))
			count++;
	}
	close(pm);
	close(kf);
	return count;
}

static void show(const char *label, char *p)
{
	kt_print(label, "referenced", flagged(p, NR, KPF_REFERENCED));
	kt_print(label, "active", flagged(p, NR, KPF_ACTIVE));
}

static void one(const char *name, char *p)
{
	char l[64];

	memset(p, 1, NR * PG);
	snprintf(l, sizeof(l), "%s.written", name);
	show(l, p);
	if (mlock(p, NR * PG))
		kt_die("mlock");
	snprintf(l, sizeof(l), "%s.mlocked", name);
	show(l, p);
	if (munlock(p, NR * PG))
		kt_die("munlock");
	kt_settle();
	snprintf(l, sizeof(l), "%s.munlocked", name);
	show(l, p);
}

int main(void)
{
	int fd = open("/dev/shm/t", O_RDWR | O_CREAT, 0600);
	char *a, *s;

	kt_setup();
	if (fd < 0 || ftruncate(fd, NR * PG))
		kt_die("/dev/shm/t");
	a = mmap(NULL, NR * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	s = mmap(NULL, NR * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (a == MAP_FAILED || s == MAP_FAILED)
		kt_die("mmap");
	one("anon", a);
	one("shmem", s);
	return 0;
}
