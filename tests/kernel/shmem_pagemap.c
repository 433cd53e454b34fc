// SPDX-License-Identifier: GPL-2.0
/*
 * pagemap, kpage*, clear_refs, smaps, mincore and lseek on Linux 6.12:
 * the measurements behind tests/scenarios/pagemap/.  Re-run with
 *	tests/kernel/run.sh shmem_pagemap 3 --swap 1G
 */
#include "kt.h"

#include <ctype.h>
#include <sys/stat.h>

#define MB	(1UL << 20)
#define A	KT_CG "A/"

static long count_bit(char *p, unsigned long len, int bit)
{
	unsigned long i;
	long n = 0;

	for (i = 0; i < len; i += PG)
		n += (kt_entry(p + i) >> bit) & 1;
	return n;
}

static uint64_t kpage(const char *file, uint64_t pfn)
{
	uint64_t v = ~0ULL;
	int fd = open(file, O_RDONLY);

	if (pread(fd, &v, 8, pfn * 8) != 8)
		v = ~0ULL;
	close(fd);
	return v;
}

static void hex(const char *label, const char *key, uint64_t v)
{
	printf("%s %s 0x%llx\n", label, key, (unsigned long long)v);
}

/* The read rules: offsets and lengths in multiples of 8. */
static void read_rules(void)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	char buf[16];

	kt_print("rules", "pread_4_at_0", pread(fd, buf, 4, 0) < 0 ? -errno : 0);
	kt_print("rules", "pread_8_at_4", pread(fd, buf, 8, 4) < 0 ? -errno : 0);
	kt_print("rules", "pread_8_at_8", pread(fd, buf, 8, 8));
	kt_print("rules", "pread_0_at_8", pread(fd, buf, 0, 8));
	close(fd);
	fd = open("/proc/self/clear_refs", O_WRONLY);
	kt_print("rules", "clear_refs_0", write(fd, "0", 1) < 0 ? -errno : 0);
	kt_print("rules", "clear_refs_6", write(fd, "6", 1) < 0 ? -errno : 0);
	kt_print("rules", "clear_refs_x", write(fd, "x", 1) < 0 ? -errno : 0);
	kt_print("rules", "clear_refs_5", write(fd, "5", 1));
	close(fd);
}

/* One anon and one shmem page, present; their kpage* and exact bits. */
static void bits(void)
{
	char *a = mmap(NULL, PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct stat st;
	uint64_t e;

	a[0] = 1;
	s[0] = 1;
	(void)*(volatile char *)(s + PG);	/* a read fault: clean */
	e = kt_entry(a);
	hex("anon", "flags", e & ~((1ULL << 55) - 1));
	hex("anon", "kpageflags", kpage("/proc/kpageflags", e & ((1ULL << 55) - 1)));
	kt_print("anon", "kpagecount", kpage("/proc/kpagecount", e & ((1ULL << 55) - 1)));
	kt_print("anon", "kpagecgroup", kpage("/proc/kpagecgroup", e & ((1ULL << 55) - 1)));
	stat(A, &st);
	kt_print("A", "ino", st.st_ino);
	e = kt_entry(s);
	hex("shmem", "flags", e & ~((1ULL << 55) - 1));
	hex("shmem", "kpageflags", kpage("/proc/kpageflags", e & ((1ULL << 55) - 1)));
	kt_print("shmem", "kpagecount", kpage("/proc/kpagecount", e & ((1ULL << 55) - 1)));
	e = kt_entry(s + PG);
	hex("shmem_read", "flags", e & ~((1ULL << 55) - 1));
	hex("shmem_read", "kpageflags", kpage("/proc/kpageflags", e & ((1ULL << 55) - 1)));
	if (!fork()) {
		(void)*(volatile char *)s;
		_exit(0);
	}
	wait(NULL);
	kt_print("shmem_child_gone", "kpagecount", kpage("/proc/kpagecount", kt_entry(s) & ((1ULL << 55) - 1)));
	munmap(a, PG);
	munmap(s, 2 * PG);
}

/* soft-dirty through clear_refs 4, a write, a pageout of anon and shmem. */
static void soft_dirty(void)
{
	const unsigned long len = 16 * PG;
	char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *s = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	kt_print("new", "anon_sd", count_bit(a, len, 55));
	kt_fill(a, len);
	kt_fill(s, len);
	kt_put("/proc/self/clear_refs", "4");
	kt_print("cleared", "anon_sd", count_bit(a, len, 55));
	kt_print("cleared", "shmem_sd", count_bit(s, len, 55));
	a[0] = 2;
	s[0] = 2;
	kt_print("written1", "anon_sd", count_bit(a, len, 55));
	kt_print("written1", "shmem_sd", count_bit(s, len, 55));
	madvise(a, len, MADV_PAGEOUT);
	madvise(s, len, MADV_PAGEOUT);
	kt_print("pageout", "anon_sd", count_bit(a, len, 55));
	kt_print("pageout", "anon_swap", count_bit(a, len, 62));
	kt_print("pageout", "shmem_sd", count_bit(s, len, 55));
	kt_print("pageout", "shmem_swap", count_bit(s, len, 62));
	hex("pageout", "anon_entry0_flags", kt_entry(a) & ~((1ULL << 55) - 1));
	hex("pageout", "anon_entry0_type", kt_entry(a) & 31);
	munmap(a, len);
	munmap(s, len);
}

/* smaps Swap: whole, partial and private mappings of a swapped memfd. */
static void smaps_swap(void)
{
	const unsigned long len = 16 * PG;
	int fd = memfd_create("m", 0);
	char *w, *part, *priv;
	unsigned char vec[16];
	int i, n;

	ftruncate(fd, len);
	w = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	kt_fill(w, len);
	madvise(w, len, MADV_PAGEOUT);
	kt_put(A "memory.reclaim", "1M");	/* out of the swap cache */
	kt_settle();
	mincore(w, len, vec);
	for (i = n = 0; i < 16; i++)
		n += vec[i] & 1;
	kt_print("memfd", "mincore_resident", n);
	kt_print("memfd", "seek_data_0", lseek(fd, 0, SEEK_DATA));
	kt_print("memfd", "seek_hole_0", lseek(fd, 0, SEEK_HOLE));
	part = mmap(NULL, 4 * PG, PROT_READ, MAP_SHARED, fd, 4 * PG);
	priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	priv[0] = 1;		/* COW: swaps page 0 in, copies it */
	priv[PG] = 1;
	printf("smaps begin\n");
	fflush(stdout);
	{
		char line[256];
		FILE *f = fopen("/proc/self/smaps", "r");
		unsigned long vma = 0;

		while (f && fgets(line, sizeof(line), f)) {
			if (isxdigit((unsigned char)line[0]) && strchr(line, '-'))
				vma = strtoul(line, NULL, 16);
			else if (!strncmp(line, "Swap:", 5) ||
				 !strncmp(line, "SwapPss:", 8) ||
				 !strncmp(line, "Rss:", 4))
				printf("smaps %s %s", vma == (unsigned long)w ?
				       "whole" : vma == (unsigned long)part ?
				       "part" : vma == (unsigned long)priv ?
				       "priv" : "other", line);
		}
		if (f)
			fclose(f);
	}
	printf("smaps end\n");
	ftruncate(fd, 8 * PG);
	kt_print("memfd_trunc", "seek_hole_0", lseek(fd, 0, SEEK_HOLE));
	kt_print("memfd_trunc", "seek_data_8p", lseek(fd, 8 * PG, SEEK_DATA) < 0 ? -errno : 0);
	close(fd);
}

int main(void)
{
	kt_enter("A");
	read_rules();
	bits();
	soft_dirty();
	smaps_swap();
	return 0;
}
