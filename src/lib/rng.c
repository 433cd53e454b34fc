// SPDX-License-Identifier: GPL-2.0
/*
 * xoshiro256** (Blackman and Vigna), seeded with splitmix64.  Written from
 * the published algorithm; no kernel counterpart (the kernel's prandom is not
 * seeded reproducibly).
 */
#include "rng.h"

static u64 splitmix64(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline u64 rotl(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void rng_seed(struct rng *r, u64 seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

u64 rng_next(struct rng *r)
{
	u64 *s = r->s;
	u64 result = rotl(s[1] * 5, 7) * 9;
	u64 t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

u64 rng_below(struct rng *r, u64 bound)
{
	/* Lemire's multiply-shift; the tiny bias is irrelevant for the model. */
	if (!bound)
		return 0;
	return (u64)(((unsigned __int128)rng_next(r) * bound) >> 64);
}

double rng_double(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}
