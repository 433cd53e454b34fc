// SPDX-License-Identifier: GPL-2.0
/*
 * Page content generators.  Text is built from a fixed vocabulary chosen by
 * a hash of the key, so it compresses roughly like prose (lz4 around 2x);
 * random bytes come from the same hash stream and do not compress.  The
 * checksum of a page is checksum.c's: the generators need no library, so
 * that the guest executor (src/guest/exec) writes the same bytes with
 * nothing more than this file.  The selftests' own patterns
 * (half_ascending, stride) are written as the C tests write them;
 * docs/scenario.md gives every pattern's exact bytes.
 */
#include "content.h"
#include "lib/hash.h"

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
 * Words chosen by a hash chain, one step per word, each followed by a
 * space or a newline; the last word is cut short so that the page ends
 * with its separator.  The chain is serial, so its latency (one mix64()
 * per word) is the floor: the loop does nothing else on the chain's path.
 */
static void fill_text(u8 *p, u64 key)
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
