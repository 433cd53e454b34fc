/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Seeded pseudo-random numbers (xoshiro256**, seeded through splitmix64).
 * Every random choice of the model draws from the machine's generator, so the
 * same seed replays the same run.
 */
#ifndef MEMCGLAB_LIB_RNG_H
#define MEMCGLAB_LIB_RNG_H

#include "compiler.h"

struct rng {
	u64 s[4];
};

void rng_seed(struct rng *r, u64 seed);
u64 rng_next(struct rng *r);
/* Uniform in [0, bound). */
u64 rng_below(struct rng *r, u64 bound);
/* Uniform in [0, 1). */
double rng_double(struct rng *r);

#endif
