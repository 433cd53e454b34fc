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
