// SPDX-License-Identifier: GPL-2.0
/*
 * Page content generators.  Text is built from a fixed vocabulary chosen by
 * a hash of the key, so it compresses roughly like prose (lz4 around 2x);
 * random bytes come from the same hash stream and do not compress.
 */
#include "content.h"

#include <string.h>

static const char *const words[] = {
	"the", "memory", "of", "cgroup", "page", "and", "to", "reclaim",
	"a", "in", "is", "charge", "for", "kernel", "that", "swap",
	"with", "on", "as", "folio", "limit", "by", "this", "be",
	"list", "from", "at", "node", "or", "which", "zswap", "pressure",
};

static u64 mix64(u64 x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static void fill_random(u8 *p, size_t len, u64 key)
{
	u64 state = mix64(key + 0x9e3779b97f4a7c15ULL);
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		state = mix64(state + 0x9e3779b97f4a7c15ULL);
		memcpy(p + i, &state, 8);
	}
	for (; i < len; i++)
		p[i] = (u8)mix64(state + i);
}

static void fill_text(u8 *p, u64 key)
{
	u64 state = mix64(key ^ 0x5bd1e9955bd1e995ULL);
	size_t pos = 0;

	while (pos < PAGE_SIZE) {
		const char *w;
		size_t len;

		state = mix64(state + 1);
		w = words[state % ARRAY_SIZE(words)];
		len = strlen(w);
		if (pos + len + 1 > PAGE_SIZE)
			len = PAGE_SIZE - pos - 1;
		memcpy(p + pos, w, len);
		pos += len;
		if (pos < PAGE_SIZE)
			p[pos++] = (state >> 40) % 16 ? ' ' : '\n';
	}
}

void fill_page(const struct fill *f, u8 *page, u64 key)
{
	size_t n;

	switch (f->kind) {
	case FILL_ZERO:
		page[0] = 0;
		break;
	case FILL_SPARSE:
		page[0] = 0xa5;
		break;
	case FILL_TEXT:
		fill_text(page, key);
		break;
	case FILL_RANDOM:
		fill_random(page, PAGE_SIZE, key);
		break;
	case FILL_RATIO:
		n = (size_t)(f->ratio * PAGE_SIZE);
		if (n > PAGE_SIZE)
			n = PAGE_SIZE;
		fill_random(page, n, key);
		memset(page + n, 0, PAGE_SIZE - n);
		break;
	}
}

u64 page_checksum(const u8 *page)
{
	u64 h[4] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL,
		     0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL };
	u64 w;
	size_t i;
	int lane;

	/*
	 * Four independent FNV-style chains over interleaved words: the
	 * multiplies overlap, so a page costs a quarter of one serial chain.
	 */
	for (i = 0; i < PAGE_SIZE; i += 32) {
		for (lane = 0; lane < 4; lane++) {
			memcpy(&w, page + i + 8 * lane, 8);
			h[lane] = (h[lane] ^ w) * 0x100000001b3ULL;
		}
	}
	return mix64(h[0] ^ mix64(h[1] ^ mix64(h[2] ^ mix64(h[3]))));
}
