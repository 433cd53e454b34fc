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
 * content=model: what a page holds, without its bytes.  A descriptor names
 * exactly one page of bytes (desc_materialise() writes them), and two
 * descriptors name the same bytes exactly when they are equal, as
 * desc_fill() normalises them.  PD_RAW says that the bytes themselves are
 * kept (in the frame, the zswap object, the device): what no descriptor
 * can say, such as a word stored into a page of text.  All zero is PD_ZERO,
 * the page of a fresh frame.
 */
enum page_desc_kind {
	PD_ZERO,
	PD_RAW,
	PD_SPARSE,		/* byte 0 is 0xa5, the rest zero */
	PD_TEXT,		/* key: the variant */
	PD_RANDOM,		/* key */
	PD_RATIO,		/* n random bytes of key, the rest zero */
	PD_HALF_ASCENDING,
	PD_STRIDE,		/* byte at n, n + step, ... below PAGE_SIZE */
};

struct page_desc {
	u64 key;
	u8 kind;		/* enum page_desc_kind */
	u8 byte;
	u16 n;
	u16 step;		/* at most PAGE_SIZE */
	u16 zero;		/* padding, always 0: descriptors compare whole */
};

/*
 * What writing @f for @key does to a page that @d describes: false if the
 * result has no descriptor (the caller keeps the bytes: PD_RAW).
 */
bool desc_fill(struct page_desc *d, const struct fill *f, u64 key);
/* Write the bytes @d names (not PD_RAW) into @page. */
void desc_materialise(const struct page_desc *d, u8 *page,
		      struct text_pages *t);
/* Are the bytes @d names all zero?  (Not PD_RAW.) */
bool desc_zero_filled(const struct page_desc *d);
/* A 64-bit hash of the descriptor: its content tag, as page_checksum(). */
u64 desc_tag(const struct page_desc *d);

static inline bool desc_equal(const struct page_desc *a,
			      const struct page_desc *b)
{
	return a->key == b->key && a->kind == b->kind && a->byte == b->byte &&
	       a->n == b->n && a->step == b->step;
}

/*
 * Write @f's bytes for the page with @key (its page frame or virtual page
 * number: what makes pages differ) into @page.  0, or the error of a
 * FILL_BYTES callback.
 */
int fill_page(const struct fill *f, u8 *page, u64 key);
/* A 64-bit hash of a page: the content tag checked on read-back. */
u64 page_checksum(const u8 *page);

#endif
