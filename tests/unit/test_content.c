// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for sim/content.c.
 *
 * fill_page(): the text generator copies one of 256 pages made once (issue
 * 17) and must write the bytes docs/scenario.md defines.  That definition
 * lives here, written plainly, as the reference: the page of key K is the
 * variant V = fmix64(K) mod 256 (MurmurHash3's fmix64), and variant V is
 * made word by word: a hash chain from fmix64(V ^ 0x5bd1e9955bd1e995)
 * picks one of 32 words per step, strlen() gives its length, the step's
 * bits 40-43 choose a newline (when zero) or a space after it, and the
 * word that would run past the page is cut so that the page's last byte
 * is a separator.  (Before issue 17 every key was its own variant, V = K:
 * the same algorithm, 2^64 pages instead of 256.)
 *
 * page_checksum(): XXH3_64bits over the page.  The library is checked
 * against xxHash's own test vectors (XSUM_XXH3_testdata, seed 0, in
 * xxHash 0.8's cli/xsum_sanity_check.c, over its sanity buffer), and the
 * sum must change when any one byte of a page changes, or when two
 * different words swap places.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "sim/content.h"
#include "tap.h"

/* ---- the reference: fill_text as first written ---- */

static const char *const ref_words[] = {
	"the", "memory", "of", "cgroup", "page", "and", "to", "reclaim",
	"a", "in", "is", "charge", "for", "kernel", "that", "swap",
	"with", "on", "as", "folio", "limit", "by", "this", "be",
	"list", "from", "at", "node", "or", "which", "zswap", "pressure",
};

static u64 ref_mix64(u64 x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static void ref_fill_text(u8 *p, u64 key)
{
	u64 variant = ref_mix64(key) % 256;
	u64 state = ref_mix64(variant ^ 0x5bd1e9955bd1e995ULL);
	size_t pos = 0;

	while (pos < PAGE_SIZE) {
		const char *w;
		size_t len;

		state = ref_mix64(state + 1);
		w = ref_words[state % 32];
		len = strlen(w);
		if (pos + len + 1 > PAGE_SIZE)
			len = PAGE_SIZE - pos - 1;
		memcpy(p + pos, w, len);
		pos += len;
		if (pos < PAGE_SIZE)
			p[pos++] = (state >> 40) % 16 ? ' ' : '\n';
	}
}

static u8 page[PAGE_SIZE], want[PAGE_SIZE];

/* xorshift64: keys spread over all 64 bits */
static u64 next_key(u64 *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static struct text_pages *made;

/*
 * fill_page(FILL_TEXT) == the reference for @key, over a dirty page: made
 * anew, and copied from the variants made so far.
 */
static bool text_matches(u64 key, u8 junk)
{
	struct fill text = { .kind = FILL_TEXT };
	bool same;

	memset(page, junk, sizeof(page));
	fill_page(&text, page, key);
	ref_fill_text(want, key);
	same = !memcmp(page, want, PAGE_SIZE);
	memset(page, ~junk, sizeof(page));
	text.text = made;
	fill_page(&text, page, key);
	return same && !memcmp(page, want, PAGE_SIZE);
}

static void test_text_identity(void)
{
	static const u64 edges[] = {
		0, 1, 2, 0x5bd1e9955bd1e995ULL, ~0ULL, ~0ULL - 1,
		1ULL << 63, (1ULL << 32) - 1, 1ULL << 32,
	};
	unsigned long bad = 0, n = 0, i;
	u64 x = 0x9e3779b97f4a7c15ULL, first_bad = 0;

	for (i = 0; i < ARRAY_SIZE(edges); i++, n++)
		if (!text_matches(edges[i], 0xff) && !bad++)
			first_bad = edges[i];
	/* page numbers as scenarios use them, and keys from anywhere */
	for (i = 0; i < 8192; i++, n++)
		if (!text_matches(i, (u8)i) && !bad++)
			first_bad = i;
	for (i = 0; i < 8192; i++, n++) {
		u64 key = next_key(&x);

		if (!text_matches(key, (u8)i) && !bad++)
			first_bad = key;
	}
	if (!ok(!bad, "fill text: the same bytes as the reference for %lu keys",
		n))
		printf("#   %lu differ, the first for key %#llx\n", bad,
		       (unsigned long long)first_bad);
}

/* 256 variants, each used: 8192 keys reach every one of them. */
static void test_text_variants(void)
{
	unsigned long seen[256] = { 0 }, used = 0, i;

	for (i = 0; i < 8192; i++)
		seen[text_variant_of(i)]++;
	for (i = 0; i < 256; i++)
		used += seen[i] > 0;
	is_long(used, 256, "fill text: keys 0-8191 use all 256 variants");
	ok(text_variant_of(7) == ref_mix64(7) % 256,
	   "fill text: the variant of a key is fmix64(key) mod 256");
}

/* The page always ends with a separator; a cut word comes before it. */
static void test_text_shape(void)
{
	static const struct fill text = { .kind = FILL_TEXT, .ratio = 0 };
	unsigned long i, bad_end = 0, lines = 0, words = 0;

	for (i = 0; i < 256; i++) {
		size_t j;

		fill_page(&text, page, i);
		bad_end += page[PAGE_SIZE - 1] != ' ' &&
			   page[PAGE_SIZE - 1] != '\n';
		for (j = 0; j < PAGE_SIZE; j++) {
			lines += page[j] == '\n';
			words += page[j] == ' ' || page[j] == '\n';
		}
	}
	is_long(bad_end, 0, "fill text: every page ends with a separator");
	/* one separator in 16 is a newline: 6.25 %, +-1 point over 256 pages */
	ok(lines * 100 > words * 5 && lines * 100 < words * 7.5,
	   "fill text: %lu of %lu separators are newlines (1 in 16)", lines,
	   words);
}

/* ---- the selftests' patterns, byte by byte (docs/scenario.md) ---- */

/* test_zswap's attempt_writeback(): buf[i] = i < 2048 ? (char)i : 0 */
static void test_half_ascending(void)
{
	static const struct fill f = { .kind = FILL_HALF_ASCENDING };
	unsigned long bad = 0, key;
	size_t i;

	for (key = 0; key < 3; key++) {
		memset(page, 0x5a, PAGE_SIZE);
		fill_page(&f, page, key * 977);
		for (i = 0; i < PAGE_SIZE; i++)
			bad += page[i] != (i < PAGE_SIZE / 2 ? (u8)i : 0);
	}
	is_long(bad, 0, "half_ascending: 0, 1, ... 255, 0, 1, ... to byte 2047, then zeros");
}

/*
 * `for (i = 0; i < size; i += 4095) mem[i] = 'a'` over a region whose
 * first page has key 100: page p holds 'a' at offsets o with
 * (p * 4096 + o) % 4095 == 0: o = 0 and 4095 on page 0, 4095 - p after.
 */
static void test_stride(void)
{
	static const struct fill f = { .kind = FILL_STRIDE, .origin = 100,
				       .step = 4095, .byte = 'a' };
	unsigned long bad = 0, p;
	size_t i;

	for (p = 0; p < 4100; p++) {
		memset(page, 0x5a, PAGE_SIZE);
		fill_page(&f, page, 100 + p);
		for (i = 0; i < PAGE_SIZE; i++) {
			bool a = !p ? i == 0 || i == 4095 :
				 p < 4095 ? i == 4095 - p :
				 p == 4095 ? i == 0 || i == 4095 : i == 8190 - p;

			bad += page[i] != (a ? 'a' : 0);
		}
	}
	is_long(bad, 0, "stride=4095:97: 'a' where the region offset is a multiple of 4095");
}

/* ---- page_checksum ---- */

/* xxHash's sanity buffer: byte i is the top byte of PRIME32 * PRIME64^i. */
static void sanity_buffer(u8 *buf, size_t len)
{
	u64 gen = 2654435761ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		buf[i] = (u8)(gen >> 56);
		gen *= 11400714785074694797ULL;
	}
}

static void test_xxh3_vectors(void)
{
	static const struct {
		size_t len;
		u64 sum;
	} v[] = {
		{ 0, 0x2D06800538D394C2ULL },
		{ 1, 0xC44BDFF4074EECDBULL },
		{ 195, 0xCD94217EE362EC3AULL },
		{ 512, 0x617E49599013CB6BULL },
		{ 2048, 0xDD59E2C3A5F038E0ULL },
		{ 2367, 0xCB37AEB9E5D361EDULL },
	};
	size_t i;

	sanity_buffer(page, PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(v); i++)
		ok(XXH3_64bits(page, v[i].len) == v[i].sum,
		   "XXH3_64bits: xxHash's test vector for %zu bytes", v[i].len);
	ok(page_checksum(page) == XXH3_64bits(page, PAGE_SIZE),
	   "page_checksum is XXH3_64bits of the page");
}

static void test_checksum_changes(void)
{
	static const struct fill text = { .kind = FILL_TEXT, .ratio = 0 };
	unsigned long same = 0, i;
	u64 sum, w0, w1;

	fill_page(&text, page, 42);
	sum = page_checksum(page);
	ok(sum == page_checksum(page), "page_checksum: same page, same sum");
	for (i = 0; i < PAGE_SIZE; i++) {
		page[i] ^= 1 << (i % 8);
		same += page_checksum(page) == sum;
		page[i] ^= 1 << (i % 8);
	}
	is_long(same, 0, "page_checksum: a one-bit change anywhere changes it");
	memcpy(&w0, page, 8);
	memcpy(&w1, page + 2048, 8);
	ok(w0 != w1, "two different words");
	memcpy(page, &w1, 8);
	memcpy(page + 2048, &w0, 8);
	ok(page_checksum(page) != sum,
	   "page_checksum: two words swapping places changes it");
}

int main(void)
{
	test_half_ascending();
	test_stride();
	made = text_pages_create();
	test_text_identity();
	test_text_variants();
	test_text_shape();
	text_pages_destroy(made);
	test_xxh3_vectors();
	test_checksum_changes();
	return done_testing();
}
