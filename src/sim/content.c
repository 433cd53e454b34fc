// SPDX-License-Identifier: GPL-2.0
/*
 * Page content generators.  Text is one of 256 pages of words from a fixed
 * vocabulary, chosen by a hash of the key, so it compresses roughly like
 * prose (lz4 around 2x) and is written at memory speed once its page is
 * made; random bytes come from the same hash and do not compress.  The
 * checksum of a page is checksum.c's: the generators need no library, so
 * that the guest executor (src/guest/exec) writes the same bytes with
 * nothing more than this file.  The selftests' own patterns
 * (half_ascending, stride) are written as the C tests write them;
 * docs/scenario.md gives every pattern's exact bytes.
 */
#include "content.h"
#include "lib/hash.h"

#include <stdlib.h>
#include <string.h>

/*
 * The vocabulary, each word followed by a space and padded to 16 bytes, so
 * that one 16-byte copy writes a word and its separator; the padding is
 * overwritten by the words that follow.
 */
struct text_word {
	char text[15];
	u8 len;
};

#define WORD(s)	{ s " ", sizeof(s) - 1 }

static const struct text_word words[] = {
	WORD("the"), WORD("memory"), WORD("of"), WORD("cgroup"),
	WORD("page"), WORD("and"), WORD("to"), WORD("reclaim"),
	WORD("a"), WORD("in"), WORD("is"), WORD("charge"),
	WORD("for"), WORD("kernel"), WORD("that"), WORD("swap"),
	WORD("with"), WORD("on"), WORD("as"), WORD("folio"),
	WORD("limit"), WORD("by"), WORD("this"), WORD("be"),
	WORD("list"), WORD("from"), WORD("at"), WORD("node"),
	WORD("or"), WORD("which"), WORD("zswap"), WORD("pressure"),
};

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

/* One word in sixteen ends a line. */
static inline u8 text_separator(u64 state)
{
	return (state >> 40) % 16 ? ' ' : '\n';
}

/*
 * Text variant @v: words chosen by a hash chain, one step per word, each
 * followed by a space or a newline; the last word is cut short so that
 * the page ends with its separator.  The chain is serial, so its latency
 * (one mix64() per word, 4 us a page) is the floor: the loop does nothing
 * else on the chain's path.  (Before issue 17, every key had a page of
 * its own, this one with v = key.)
 */
static void text_variant(u8 *p, u64 key)
{
	u64 state = mix64(key ^ 0x5bd1e9955bd1e995ULL);
	const struct text_word *w;
	size_t pos = 0, len;

	/* whole words while a 16-byte copy fits: none is cut here */
	while (pos + sizeof(*w) <= PAGE_SIZE) {
		state = mix64(state + 1);
		w = &words[state % ARRAY_SIZE(words)];
		memcpy(p + pos, w, sizeof(*w));
		p[pos + w->len] = text_separator(state);
		pos += w->len + 1;
	}
	while (pos < PAGE_SIZE) {
		state = mix64(state + 1);
		w = &words[state % ARRAY_SIZE(words)];
		len = min((size_t)w->len, PAGE_SIZE - pos - 1);
		memcpy(p + pos, w->text, len);
		pos += len;
		p[pos++] = text_separator(state);
	}
}

unsigned int text_variant_of(u64 key)
{
	return mix64(key) % TEXT_VARIANTS;
}

struct text_pages {
	u64 made[TEXT_VARIANTS / 64];	/* variants generated so far */
	u8 page[TEXT_VARIANTS][PAGE_SIZE];
};

struct text_pages *text_pages_create(void)
{
	/* calloc: the host backs a variant's page when it is first made */
	return calloc(1, sizeof(struct text_pages));
}

void text_pages_destroy(struct text_pages *t)
{
	free(t);
}

/*
 * One of TEXT_VARIANTS pages of text, chosen by a hash of the key: a copy
 * at memory speed from @t, where each variant is generated once.
 */
static void fill_text(u8 *p, u64 key, struct text_pages *t)
{
	unsigned int v = text_variant_of(key);

	if (!t) {
		text_variant(p, v);
		return;
	}
	if (!(t->made[v / 64] & (1ULL << (v % 64)))) {
		text_variant(t->page[v], v);
		t->made[v / 64] |= (1ULL << (v % 64));
	}
	memcpy(p, t->page[v], PAGE_SIZE);
}

/* test_zswap's attempt_writeback(): the first half counts up, wrapping. */
static void fill_half_ascending(u8 *page)
{
	size_t i;

	for (i = 0; i < PAGE_SIZE / 2; i++)
		page[i] = (u8)i;
	memset(page + PAGE_SIZE / 2, 0, PAGE_SIZE / 2);
}

/* f->byte at region offsets 0, step, 2 * step, ...: this page's share. */
static void fill_stride(const struct fill *f, u8 *page, u64 key)
{
	u64 off = (key - f->origin) * PAGE_SIZE;
	u64 first = (f->step - off % f->step) % f->step;
	u64 i;

	memset(page, 0, PAGE_SIZE);
	for (i = first; i < PAGE_SIZE; i += f->step)
		page[i] = f->byte;
}

int fill_page(const struct fill *f, u8 *page, u64 key)
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
		fill_text(page, key, f->text);
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
	case FILL_HALF_ASCENDING:
		fill_half_ascending(page);
		break;
	case FILL_STRIDE:
		fill_stride(f, page, key);
		break;
	case FILL_BYTES:
		return f->bytes(f->arg, page, (key - f->origin) * PAGE_SIZE);
	}
	return 0;
}

/* ---- content=model: descriptors ---- */

static void desc_set(struct page_desc *d, enum page_desc_kind kind, u64 key)
{
	*d = (struct page_desc){ .kind = kind, .key = key };
}

/* A stride's share of this page: its first byte, or the page is zero. */
static void desc_stride(struct page_desc *d, const struct fill *f, u64 key)
{
	u64 off = (key - f->origin) * PAGE_SIZE;
	u64 first = (f->step - off % f->step) % f->step;

	if (first >= PAGE_SIZE || !f->byte) {
		desc_set(d, PD_ZERO, 0);
		return;
	}
	desc_set(d, PD_STRIDE, 0);
	d->n = first;
	d->step = min(f->step, (u64)PAGE_SIZE);
	d->byte = f->byte;
}

/* fill=ratio: all random, none, or a prefix. */
static void desc_ratio(struct page_desc *d, const struct fill *f, u64 key)
{
	size_t n = min((size_t)(f->ratio * PAGE_SIZE), (size_t)PAGE_SIZE);

	if (!n)
		desc_set(d, PD_ZERO, 0);
	else if (n == PAGE_SIZE)
		desc_set(d, PD_RANDOM, key);
	else {
		desc_set(d, PD_RATIO, key);
		d->n = n;
	}
}

/* zero and sparse store one byte, over what the page holds */
static bool desc_byte0(struct page_desc *d, u8 byte)
{
	bool zero0 = d->kind == PD_ZERO || d->kind == PD_SPARSE ||
		     d->kind == PD_HALF_ASCENDING ||
		     (d->kind == PD_STRIDE && d->n);

	if (!byte && zero0) {
		if (d->kind == PD_SPARSE)
			desc_set(d, PD_ZERO, 0);
		return true;
	}
	if (byte == 0xa5 && (d->kind == PD_ZERO || d->kind == PD_SPARSE)) {
		desc_set(d, PD_SPARSE, 0);
		return true;
	}
	return false;
}

bool desc_fill(struct page_desc *d, const struct fill *f, u64 key)
{
	switch (f->kind) {
	case FILL_ZERO:
		return desc_byte0(d, 0);
	case FILL_SPARSE:
		return desc_byte0(d, 0xa5);
	case FILL_TEXT:
		desc_set(d, PD_TEXT, text_variant_of(key));
		return true;
	case FILL_RANDOM:
		desc_set(d, PD_RANDOM, key);
		return true;
	case FILL_RATIO:
		desc_ratio(d, f, key);
		return true;
	case FILL_HALF_ASCENDING:
		desc_set(d, PD_HALF_ASCENDING, 0);
		return true;
	case FILL_STRIDE:
		desc_stride(d, f, key);
		return true;
	case FILL_BYTES:
		break;
	}
	return false;
}

void desc_materialise(const struct page_desc *d, u8 *page,
		      struct text_pages *t)
{
	size_t i;

	switch (d->kind) {
	case PD_TEXT:
		/* the variant's own key gives the variant back: v = key */
		if (t && (t->made[d->key / 64] & (1ULL << (d->key % 64))))
			memcpy(page, t->page[d->key], PAGE_SIZE);
		else
			text_variant(page, d->key);
		return;
	case PD_RANDOM:
		fill_random(page, PAGE_SIZE, d->key);
		return;
	case PD_RATIO:
		fill_random(page, d->n, d->key);
		memset(page + d->n, 0, PAGE_SIZE - d->n);
		return;
	case PD_HALF_ASCENDING:
		fill_half_ascending(page);
		return;
	default:
		break;
	}
	memset(page, 0, PAGE_SIZE);
	if (d->kind == PD_SPARSE)
		page[0] = 0xa5;
	if (d->kind == PD_STRIDE)
		for (i = d->n; i < PAGE_SIZE; i += d->step)
			page[i] = d->byte;
}

bool desc_zero_filled(const struct page_desc *d)
{
	u8 bytes[PAGE_SIZE];
	size_t i;

	if (d->kind == PD_ZERO)
		return true;
	if (d->kind != PD_RATIO)
		return false;	/* each has a non-zero byte by construction */
	/* a few random bytes may all be zero: look */
	fill_random(bytes, d->n, d->key);
	for (i = 0; i < d->n; i++)
		if (bytes[i])
			return false;
	return true;
}

u64 desc_tag(const struct page_desc *d)
{
	u64 fields = d->kind | (u64)d->byte << 8 | (u64)d->n << 16 |
		     (u64)d->step << 32;

	return mix64(d->key ^ mix64(fields + 0x9e3779b97f4a7c15ULL));
}
