/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What programs write into their pages.  Every fill is a pure function of
 * (pattern, seed, key), so the same scenario writes the same bytes, and a
 * page's expected content can be recomputed at any time.
 */
#ifndef MEMCGLAB_SIM_CONTENT_H
#define MEMCGLAB_SIM_CONTENT_H

#include "lib/compiler.h"

enum fill_kind {
	FILL_ZERO,	/* a zero byte per page: the page stays zero-filled */
	FILL_SPARSE,	/* one non-zero byte per page, the rest zero */
	FILL_TEXT,	/* English-like words: compresses like text */
	FILL_RANDOM,	/* incompressible */
	FILL_RATIO,	/* about ratio * 4096 random bytes, the rest zero */
};

struct fill {
	enum fill_kind kind;
	double ratio;
};

void fill_page(const struct fill *f, u8 *page, u64 key);
/* A 64-bit hash of a page: the content tag checked on read-back. */
u64 page_checksum(const u8 *page);

#endif
