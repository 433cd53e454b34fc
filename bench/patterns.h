/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page contents the zswap benchmarks compress (sim/content.c fills):
 * bench_zswap_compress gives the library's baseline on them and bench_zswap
 * divides by it, so both must use the same three.
 */
#ifndef MEMCGLAB_BENCH_PATTERNS_H
#define MEMCGLAB_BENCH_PATTERNS_H

#include "sim/content.h"

struct pattern {
	const char *name;
	struct fill fill;
};

static const struct pattern patterns[] = {
	{ "text", { .kind = FILL_TEXT, .ratio = 0 } },
	{ "random", { .kind = FILL_RANDOM, .ratio = 0 } },
	{ "ratio0.3", { .kind = FILL_RATIO, .ratio = 0.3 } },
};

#endif
