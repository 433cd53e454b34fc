// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for sim/frame.c and the descriptors of sim/content.c
 * (content=model, issue 17).  Two RAMs, one real and one described, take
 * the same random sequence of whole-page operations (clear, copy, every
 * fill pattern, zero and sparse over what is there, a stored word, a
 * zeroed range, a trip to a block device and back); after each, the
 * described page's bytes (made from its descriptor, or its own if PD_RAW)
 * must equal the real page's, and both must agree on zero-filled.  A
 * descriptor must not be PD_RAW when no stored word or partial zeroing
 * made it so: those are the pages content=model keeps without bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "sim/frame.h"
#include "tap.h"

#define FRAMES	8
#define STEPS	20000

static struct physmem real, model;
static struct blockdev dev_real, dev_model;
static u8 want[PAGE_SIZE], got[PAGE_SIZE];

static u8 *at(struct physmem *pm, unsigned int f)
{
	return pm->base + (size_t)f * PAGE_SIZE;
}

/* The bytes the described page names, without changing how it is held. */
static const u8 *bytes_of(unsigned int f)
{
	const struct page_desc *d = frame_desc(&model, at(&model, f));

	if (!d)
		return at(&model, f);
	desc_materialise(d, got, model.text);
	return got;
}

static const double ratios[] = { 0, 0.0002, 0.001, 0.3, 0.9999, 1 };
static const u64 steps[] = { 1, 7, 4095, 4096, 5000, 1 << 20 };

static struct fill random_fill(u64 *x)
{
	struct fill f = { .kind = (enum fill_kind)(*x % FILL_BYTES) };

	f.ratio = ratios[(*x >> 8) % ARRAY_SIZE(ratios)];
	f.origin = (*x >> 16) % 64;
	f.step = steps[(*x >> 24) % ARRAY_SIZE(steps)];
	f.byte = (*x >> 32) % 3 ? (u8)(*x >> 40) : 0;
	return f;
}

/* One operation on frame @f (and @g) of both RAMs; false if it is one
 * that makes a described page keep bytes. */
static bool step(u64 x, unsigned int f, unsigned int g, u64 key)
{
	struct fill fl = random_fill(&x);
	u64 word = mix64(x);
	size_t from = (x >> 48) % PAGE_SIZE;

	switch ((x >> 56) % 7) {
	case 0:
		frame_zero(&real, at(&real, f));
		frame_zero(&model, at(&model, f));
		return true;
	case 1:
		frame_copy(&real, at(&real, f), at(&real, g));
		frame_copy(&model, at(&model, f), at(&model, g));
		return true;
	case 2:
		frame_store(&real, at(&real, f), from & ~7UL, &word, 8);
		frame_store(&model, at(&model, f), from & ~7UL, &word, 8);
		return false;
	case 3:
		frame_zero_range(&real, at(&real, f), from, PAGE_SIZE);
		frame_zero_range(&model, at(&model, f), from, PAGE_SIZE);
		return !from;
	case 4:
		frame_write_block(&real, at(&real, g), &dev_real, f);
		frame_write_block(&model, at(&model, g), &dev_model, f);
		frame_read_block(&real, at(&real, f), &dev_real, f);
		frame_read_block(&model, at(&model, f), &dev_model, f);
		return true;
	default:
		frame_fill(&real, at(&real, f), &fl, key);
		frame_fill(&model, at(&model, f), &fl, key);
		return fl.kind != FILL_ZERO && fl.kind != FILL_SPARSE;
	}
}

static void test_random_operations(void)
{
	unsigned long differ = 0, zero_differ = 0, raw = 0, described = 0, i;
	u64 x = 0x2545f4914f6cdd1dULL;

	for (i = 0; i < STEPS; i++) {
		unsigned int f, g;
		bool describable;

		x = mix64(x + i);
		f = x % FRAMES;
		g = (x >> 3) % FRAMES;
		describable = step(x, f, g, 1000 + (x >> 20) % 100000);
		memcpy(want, at(&real, f), PAGE_SIZE);
		differ += memcmp(want, bytes_of(f), PAGE_SIZE) != 0;
		zero_differ += frame_zero_filled(&real, at(&real, f)) !=
			       frame_zero_filled(&model, at(&model, f));
		if (describable && frame_desc(&model, at(&model, f)))
			described++;
		else if (describable)
			raw++;
	}
	is_long(differ, 0, "%d operations: the described pages name the real bytes",
		STEPS);
	is_long(zero_differ, 0, "zero-filled: the same answer in both");
	ok(described > STEPS / 4, "%lu pages were described after a whole-page write",
	   described);
	ok(raw < described / 4,
	   "few whole-page writes left bytes behind (%lu, copies of PD_RAW pages)",
	   raw);
}

/* The content tag: equal pages, equal tags, however held. */
static void test_tags(void)
{
	struct fill text = { .kind = FILL_TEXT, .text = model.text };
	u64 zero = 0;

	frame_zero(&model, at(&model, 0));
	frame_zero(&model, at(&model, 1));
	frame_store(&model, at(&model, 1), 8, &zero, 8);	/* PD_RAW zeroes */
	ok(!frame_desc(&model, at(&model, 1)), "a stored word keeps bytes");
	ok(frame_tag(&model, at(&model, 0)) == frame_tag(&model, at(&model, 1)),
	   "a page of zeroes has one tag, described or not");
	frame_fill(&model, at(&model, 2), &text, 5);
	frame_fill(&model, at(&model, 3), &text, 6);
	ok(frame_tag(&model, at(&model, 2)) != frame_tag(&model, at(&model, 3)) ||
	   text_variant_of(5) == text_variant_of(6),
	   "different text, different tags");
	frame_copy(&model, at(&model, 4), at(&model, 2));
	ok(frame_tag(&model, at(&model, 2)) == frame_tag(&model, at(&model, 4)),
	   "a copy has the original's tag");
	ok(frame_desc(&model, at(&model, 4)) != NULL, "and holds no bytes");
}

int main(void)
{
	if (physmem_init(&real, FRAMES * PAGE_SIZE, 1, 1, false) ||
	    physmem_init(&model, FRAMES * PAGE_SIZE, 1, 1, true) ||
	    blockdev_open(&dev_real, FRAMES * PAGE_SIZE, false) ||
	    blockdev_open(&dev_model, FRAMES * PAGE_SIZE, true)) {
		printf("Bail out! cannot set up the RAM or the devices\n");
		return 1;
	}
	test_random_operations();
	test_tags();
	blockdev_close(&dev_real);
	blockdev_close(&dev_model);
	physmem_release(&real);
	physmem_release(&model);
	return done_testing();
}
