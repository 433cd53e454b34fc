// SPDX-License-Identifier: GPL-2.0
/*
 * bench_content: the cost of the model's real bytes (issue 17).  Every
 * page a scenario writes is filled by fill_page() (sim/content.c), and
 * every page that goes to swap is summed by page_checksum() on the way out
 * and again on the way in.  This times both per 4 KiB page, next to the
 * host's floors:
 *
 *   fill, hot     fill_page() into one page again and again (keys 0, 1,
 *                 ...): the generator's own cost.  Text is copied from
 *                 the 256 variants made once, as the model does; "made
 *                 anew" generates each page's variant word by word, as
 *                 the guest executor does (and every page did before)
 *   fill, buffer  fill_page() into each page of a buffer (-s MiB, touched
 *                 before timing): generation plus the stores to memory
 *   chain floor   the serial hash chain the pattern's bytes are defined by
 *                 (one mix64() per word of text, per 8 bytes of random):
 *                 no generator of the same bytes can be faster than this
 *   memset, copy  4 KiB memset and memcpy into the buffer: what
 *                 generating at memory bandwidth would cost
 *   checksum      page_checksum() over 16 pages (in cache) and over the
 *                 buffer (each page read once: from memory, as a page
 *                 reclaim picks is)
 *
 * Each figure is the fastest of -r repetitions, per second of the
 * thread's CPU time; numbers are reported, never asserted.
 *
 *   bench_content [-s MiB] [-r reps]
 */
#define BENCH_NAME "bench_content"
#include <unistd.h>

#include "bench.h"
#include "lib/hash.h"
#include "sim/content.h"

struct bench {
	size_t nr_pages;
	int reps;
	u8 *buf;		/* nr_pages pages, host-backed before timing */
	u8 *hot;		/* 16 pages */
	u64 sink;		/* results the compiler must not drop */
};

struct fill_pattern {
	const char *name;
	struct fill fill;
};

/* "text" gets the machine's cache of variants in main() */
static struct fill_pattern fills[] = {
	{ "text", { .kind = FILL_TEXT, .ratio = 0 } },
	{ "text, each page made anew", { .kind = FILL_TEXT, .ratio = 0 } },
	{ "random", { .kind = FILL_RANDOM, .ratio = 0 } },
	{ "ratio0.3", { .kind = FILL_RATIO, .ratio = 0.3 } },
	{ "sparse", { .kind = FILL_SPARSE, .ratio = 0 } },
};

#define HOT_PAGES	16

/* CPU seconds of the fastest of b->reps runs of @fn(b, arg). */
static double best_of(struct bench *b, void (*fn)(struct bench *, const void *),
		      const void *arg)
{
	double best = 1e30;
	int r;

	for (r = 0; r < b->reps; r++) {
		struct stopwatch sw;

		sw_start(&sw);
		fn(b, arg);
		sw_stop(&sw);
		if (sw.cpu < best)
			best = sw.cpu;
	}
	return best;
}

static void fill_hot(struct bench *b, const void *arg)
{
	const struct fill *f = arg;
	size_t i;

	for (i = 0; i < b->nr_pages; i++) {
		fill_page(f, b->hot, i);
		b->sink += b->hot[i % PAGE_SIZE];
	}
}

static void fill_buffer(struct bench *b, const void *arg)
{
	const struct fill *f = arg;
	size_t i;

	for (i = 0; i < b->nr_pages; i++)
		fill_page(f, b->buf + (i << PAGE_SHIFT), i);
}

/* @arg: the chain's steps per page, as a size_t. */
static void chain(struct bench *b, const void *arg)
{
	size_t steps = *(const size_t *)arg, i, s;

	for (i = 0; i < b->nr_pages; i++) {
		u64 x = i;

		for (s = 0; s < steps; s++)
			x = mix64(x + 1);
		b->sink += x;
	}
}

static void floor_memset(struct bench *b, const void *arg)
{
	size_t i;

	for (i = 0; i < b->nr_pages; i++)
		memset(b->buf + (i << PAGE_SHIFT), (int)i | 1, PAGE_SIZE);
}

static void floor_memcpy(struct bench *b, const void *arg)
{
	size_t i;

	for (i = 0; i < b->nr_pages; i++)
		memcpy(b->buf + (i << PAGE_SHIFT),
		       b->hot + ((i % HOT_PAGES) << PAGE_SHIFT), PAGE_SIZE);
}

static void checksum_hot(struct bench *b, const void *arg)
{
	size_t i;

	for (i = 0; i < b->nr_pages; i++)
		b->sink += page_checksum(b->hot +
					 ((i % HOT_PAGES) << PAGE_SHIFT));
}

static void checksum_buffer(struct bench *b, const void *arg)
{
	size_t i;

	for (i = 0; i < b->nr_pages; i++)
		b->sink += page_checksum(b->buf + (i << PAGE_SHIFT));
}

/* The chain steps behind one page of @f: words of text, words of random. */
static size_t chain_steps(const struct fill *f, struct bench *b)
{
	size_t i, n = 0, pages = 64;
	u64 key;

	switch (f->kind) {
	case FILL_TEXT:		/* one step per word: one separator each */
		if (f->text)
			return 0;	/* a copy: no chain */
		for (key = 0; key < pages; key++) {
			fill_page(f, b->hot, key);
			for (i = 0; i < PAGE_SIZE; i++)
				n += b->hot[i] == ' ' || b->hot[i] == '\n';
		}
		return n / pages;
	case FILL_RANDOM:
		return PAGE_SIZE / 8;
	case FILL_RATIO:
		return (size_t)(f->ratio * PAGE_SIZE) / 8;
	default:
		return 0;
	}
}

static double ns_per_page(struct bench *b, double s)
{
	return s * 1e9 / b->nr_pages;
}

static double mb_per_s(struct bench *b, double s)
{
	return b->nr_pages * PAGE_SIZE / s / 1e6;
}

static void row(struct bench *b, const char *what, double s, double ref)
{
	printf("  %-30s %8.0f ns %9.0f MB/s", what, ns_per_page(b, s),
	       mb_per_s(b, s));
	if (ref > 0)
		printf(" %7.2f x", s / ref);
	printf("\n");
}

static void bench_fills(struct bench *b, double floor)
{
	size_t p;

	printf("fill_page(), per 4 KiB page; x = time / a 4 KiB memset "
	       "into the buffer\n");
	for (p = 0; p < ARRAY_SIZE(fills); p++) {
		const struct fill *f = &fills[p].fill;
		size_t steps = chain_steps(f, b);
		char what[64];

		printf("%s\n", fills[p].name);
		row(b, "fill, hot page", best_of(b, fill_hot, f), floor);
		row(b, "fill, buffer", best_of(b, fill_buffer, f), floor);
		if (!steps)
			continue;
		snprintf(what, sizeof(what), "chain floor (%zu mix64)", steps);
		row(b, what, best_of(b, chain, &steps), floor);
	}
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-s MiB (1..4096)] [-r reps (1..100)]\n",
		prog);
	return 2;
}

int main(int argc, char **argv)
{
	struct bench b = { .reps = 5 };
	unsigned long mib = 256;
	double floor;
	int opt;

	while ((opt = getopt(argc, argv, "s:r:")) != -1) {
		if (opt == 's')
			mib = strtoul(optarg, NULL, 0);
		else if (opt == 'r')
			b.reps = atoi(optarg);
		else
			return usage(argv[0]);
	}
	if (optind != argc || !mib || mib > 4096 || b.reps < 1 || b.reps > 100)
		return usage(argv[0]);
	b.nr_pages = mib << (20 - PAGE_SHIFT);
	b.buf = aligned_alloc(PAGE_SIZE, b.nr_pages << PAGE_SHIFT);
	b.hot = aligned_alloc(PAGE_SIZE, HOT_PAGES << PAGE_SHIFT);
	if (!b.buf || !b.hot)
		fail("allocating the buffers", -ENOMEM);
	memset(b.buf, 1, b.nr_pages << PAGE_SHIFT);
	memset(b.hot, 1, HOT_PAGES << PAGE_SHIFT);
	fills[0].fill.text = text_pages_create();
	if (!fills[0].fill.text)
		fail("allocating the text variants", -ENOMEM);

	printf(BENCH_NAME ": %lu MiB buffer (%zu pages), best of %d, "
	       "CPU time\n", mib, b.nr_pages, b.reps);
	floor = best_of(&b, floor_memset, NULL);
	bench_fills(&b, floor);
	printf("floors\n");
	row(&b, "memset 4 KiB into the buffer", floor, floor);
	row(&b, "memcpy 4 KiB into the buffer",
	    best_of(&b, floor_memcpy, NULL), floor);
	printf("page_checksum(), per 4 KiB page\n");
	fill_buffer(&b, &fills[0].fill);
	row(&b, "16 pages, in cache", best_of(&b, checksum_hot, NULL), 0);
	row(&b, "the buffer, each page once", best_of(&b, checksum_buffer, NULL),
	    0);
	printf(BENCH_NAME ": done (sink %llx)\n", (unsigned long long)b.sink);
	text_pages_destroy(fills[0].fill.text);
	free(b.buf);
	free(b.hot);
	return 0;
}
