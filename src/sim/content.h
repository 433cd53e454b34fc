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
	/* byte i of every page: i % 256 for i < 2048, then 0 */
	FILL_HALF_ASCENDING,
	/* @byte at every @step-th byte from the region's start, the rest 0 */
	FILL_STRIDE,
	/* whatever @bytes writes: the page at its offset in the region */
	FILL_BYTES,
};

/*
 * TEXT: every page of text is one of TEXT_VARIANTS pages, the variant
 * text_variant_of(key).  A struct text_pages keeps the variants made so
 * far (1 MiB at most), so that a page of text costs a copy.
 */
#define TEXT_VARIANTS	256
struct text_pages;

struct text_pages *text_pages_create(void);
void text_pages_destroy(struct text_pages *t);
unsigned int text_variant_of(u64 key);

struct fill {
	enum fill_kind kind;
	double ratio;		/* RATIO */
	/*
	 * STRIDE, BYTES: the key of the region's first page, so that a
	 * page's offset in the region is (key - origin) * PAGE_SIZE.
	 */
	u64 origin;
	u64 step;		/* STRIDE: > 0 */
	u8 byte;		/* STRIDE */
	/* BYTES: fill @page, at region offset @off; 0 or a negative errno */
	int (*bytes)(const void *arg, u8 *page, u64 off);
	const void *arg;
	/* TEXT: the variants made so far; NULL makes each page anew (slow) */
	struct text_pages *text;
};

/*
 * Write @f's bytes for the page with @key (its page frame or virtual page
 * number: what makes pages differ) into @page.  0, or the error of a
 * FILL_BYTES callback.
 */
int fill_page(const struct fill *f, u8 *page, u64 key);
/* A 64-bit hash of a page: the content tag checked on read-back. */
u64 page_checksum(const u8 *page);

#endif
