// SPDX-License-Identifier: GPL-2.0
/*
 * bench_zswap_compress: raw compressor throughput on the model's page
 * contents, the baseline a later zswap benchmark divides by.
 *
 * For each compressor zswap can use (lzo, the 6.12 default, then lz4,
 * lz4hc, zstd) and each content pattern (text, random, ratio 0.3 from
 * sim/content.c), it compresses and decompresses a set of distinct 4 KiB
 * pages through lib/compress.c and reports:
 *
 *   comp MB/s    compression, as zswap 6.12 asks for it (PAGE_SIZE of
 *                room in a two-page buffer), failures included
 *   decomp MB/s  decompression of every page (compressed with room)
 *   ratio        input bytes / compressed bytes
 *   fit          pages that compress to less than a page with zswap's
 *                room: what zswap 6.12 could store
 *   zs ratio     those pages / the frames a zsmalloc pool (chain size 8)
 *                needs to hold them: the ratio zswap's pool_total_size
 *                would show
 *
 * Host time (CLOCK_MONOTONIC); numbers are reported, never asserted.
 *
 *   bench_zswap_compress [-n pages] [-t seconds-per-measurement]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/compress.h"
#include "sim/content.h"
#include "include/machine.h"
#include "include/gfp.h"
#include "mm/zsmalloc.h"
#include "patterns.h"

static const char *const algs[] = { "lzo", "lz4", "lz4hc", "zstd" };

struct bench {
	size_t nr_pages;
	double min_time;
	u8 *src;		/* nr_pages input pages */
	u8 *comp;		/* nr_pages slots of ZCOMP_DST_BUF_SIZE */
	size_t *clen;		/* compressed length with room */
	u8 *out;		/* one page */
	struct machine *m;
};

struct result {
	double comp_mbs, decomp_mbs, ratio, zs_ratio;
	size_t fit;
	int err;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void fill_pages(struct bench *b, const struct pattern *p)
{
	size_t i;

	for (i = 0; i < b->nr_pages; i++) {
		u8 *page = b->src + i * PAGE_SIZE;

		memset(page, 0, PAGE_SIZE);
		fill_page(&p->fill, page, 1000 + i);
	}
}

/* Compress every page with zswap's declared room, as often as time asks. */
static double time_compress(struct bench *b, struct zcomp *zc, size_t *fit)
{
	double t0 = now_s(), t;
	size_t rounds = 0, i;

	do {
		*fit = 0;
		for (i = 0; i < b->nr_pages; i++) {
			size_t len = PAGE_SIZE;

			if (!zcomp_compress(zc, b->src + i * PAGE_SIZE, PAGE_SIZE,
					    b->comp + i * ZCOMP_DST_BUF_SIZE, &len) &&
			    len < PAGE_SIZE)
				(*fit)++;
		}
		rounds++;
		t = now_s() - t0;
	} while (t < b->min_time);
	return rounds * b->nr_pages * PAGE_SIZE / t / 1e6;
}

/* Compress with room, so every page has an input to decompress. */
static int prepare_decompress(struct bench *b, struct zcomp *zc, double *ratio)
{
	size_t i, total = 0;
	int err;

	for (i = 0; i < b->nr_pages; i++) {
		b->clen[i] = ZCOMP_DST_BUF_SIZE;
		err = zcomp_compress(zc, b->src + i * PAGE_SIZE, PAGE_SIZE,
				     b->comp + i * ZCOMP_DST_BUF_SIZE, &b->clen[i]);
		if (err)
			return err;
		total += b->clen[i];
	}
	*ratio = (double)b->nr_pages * PAGE_SIZE / total;
	return 0;
}

static double time_decompress(struct bench *b, struct zcomp *zc, int *err)
{
	double t0 = now_s(), t;
	size_t rounds = 0, i;

	do {
		for (i = 0; i < b->nr_pages; i++) {
			size_t len = PAGE_SIZE;

			*err = zcomp_decompress(zc, b->comp + i * ZCOMP_DST_BUF_SIZE,
						b->clen[i], b->out, &len);
			if (!*err && len != PAGE_SIZE)
				*err = -EIO;
			if (*err)
				return 0;
		}
		rounds++;
		t = now_s() - t0;
	} while (t < b->min_time);
	return rounds * b->nr_pages * PAGE_SIZE / t / 1e6;
}

/* Store the pages zswap could take in a fresh pool; pages per frame. */
static double zs_ratio(struct bench *b)
{
	struct zs_pool *pool = zs_create_pool(b->m, "bench");
	unsigned long *handles = calloc(b->nr_pages, sizeof(*handles));
	size_t i, stored = 0;
	double ratio = 0;

	if (!pool || !handles)
		goto out;
	for (i = 0; i < b->nr_pages; i++) {
		if (b->clen[i] >= PAGE_SIZE)
			continue;
		handles[i] = zs_malloc(pool, b->clen[i], GFP_NOWAIT);
		if (zs_handle_is_err(handles[i])) {
			handles[i] = 0;
			continue;
		}
		zs_obj_write(pool, handles[i], b->comp + i * ZCOMP_DST_BUF_SIZE,
			     b->clen[i]);
		stored++;
	}
	if (zs_get_total_pages(pool))
		ratio = (double)stored / zs_get_total_pages(pool);
	for (i = 0; i < b->nr_pages; i++)
		zs_free(pool, handles[i]);
out:
	zs_destroy_pool(pool);
	free(handles);
	return ratio;
}

static void run_one(struct bench *b, const char *alg, struct result *r)
{
	struct zcomp *zc;

	memset(r, 0, sizeof(*r));
	r->err = zcomp_create(&zc, alg);
	if (r->err)
		return;
	r->comp_mbs = time_compress(b, zc, &r->fit);
	r->err = prepare_decompress(b, zc, &r->ratio);
	if (!r->err)
		r->decomp_mbs = time_decompress(b, zc, &r->err);
	if (!r->err)
		r->zs_ratio = zs_ratio(b);
	zcomp_destroy(zc);
}

static int bench_init(struct bench *b)
{
	static const struct machine_config cfg = {
		.memory_bytes = 256ull << 20,
		.nr_cpus = 1,
		.nr_nodes = 1,
		.disk_bytes = 16ull << 20,
		.seed = 1,
	};

	b->src = malloc(b->nr_pages * PAGE_SIZE);
	b->comp = malloc(b->nr_pages * ZCOMP_DST_BUF_SIZE);
	b->clen = calloc(b->nr_pages, sizeof(*b->clen));
	b->out = malloc(PAGE_SIZE);
	b->m = machine_create(&cfg);
	return b->src && b->comp && b->clen && b->out && b->m ? 0 : -ENOMEM;
}

static void bench_release(struct bench *b)
{
	free(b->src);
	free(b->comp);
	free(b->clen);
	free(b->out);
	machine_destroy(b->m);
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-n pages (1..16384)] [-t seconds]\n", prog);
	return 2;
}

int main(int argc, char **argv)
{
	struct bench b = { .nr_pages = 2048, .min_time = 0.1 };
	size_t p, a;
	int opt;

	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		if (opt == 'n')
			b.nr_pages = strtoul(optarg, NULL, 0);
		else if (opt == 't')
			b.min_time = strtod(optarg, NULL);
		else
			return usage(argv[0]);
	}
	if (!b.nr_pages || b.nr_pages > 16384 || b.min_time < 0)
		return usage(argv[0]);
	if (bench_init(&b)) {
		fprintf(stderr, "bench_zswap_compress: out of memory\n");
		bench_release(&b);
		return 1;
	}

	printf("raw compressors, %zu distinct 4 KiB pages per pattern, >= %.2f s per figure\n",
	       b.nr_pages, b.min_time);
	printf("%-6s %-9s %10s %11s %7s %11s %8s\n", "alg", "pattern",
	       "comp MB/s", "decomp MB/s", "ratio", "fit", "zs ratio");
	for (p = 0; p < ARRAY_SIZE(patterns); p++) {
		fill_pages(&b, &patterns[p]);
		for (a = 0; a < ARRAY_SIZE(algs); a++) {
			struct result r;

			run_one(&b, algs[a], &r);
			if (r.err) {
				printf("%-6s %-9s error %d\n", algs[a],
				       patterns[p].name, r.err);
				continue;
			}
			printf("%-6s %-9s %10.0f %11.0f %7.2f %5zu/%-5zu %8.2f\n",
			       algs[a], patterns[p].name, r.comp_mbs, r.decomp_mbs,
			       r.ratio, r.fit, b.nr_pages, r.zs_ratio);
		}
	}
	bench_release(&b);
	return 0;
}
