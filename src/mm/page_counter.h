/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hierarchical page counters (include/linux/page_counter.h).
 * Values are in pages.  The model is single-threaded, so the kernel's atomics
 * are plain longs; the semantics (strict "usage > max" test, clamp on
 * underflow, propagated protected usage) are the kernel's.  An underflow is
 * returned to the caller, who reports it (include/bug.h), where the kernel
 * has a WARN_ONCE.
 */
#ifndef MEMCGLAB_MM_PAGE_COUNTER_H
#define MEMCGLAB_MM_PAGE_COUNTER_H

#include "lib/compiler.h"

/* LONG_MAX / PAGE_SIZE on 64-bit with 4 KiB pages. */
#define PAGE_COUNTER_MAX (LONG_MAX / (long)PAGE_SIZE)

struct page_counter {
	long usage;

	/* effective protection, valid only inside a reclaim walk */
	unsigned long emin;
	unsigned long min_usage;		/* min(usage, min) as last propagated */
	unsigned long children_min_usage;	/* sum of children's min_usage */

	unsigned long elow;
	unsigned long low_usage;
	unsigned long children_low_usage;

	unsigned long watermark;		/* all-time peak (memory.peak) */
	unsigned long local_watermark;		/* peak since the last fd reset */
	unsigned long failcnt;			/* v1 only; counted when track_failcnt */

	unsigned long min;
	unsigned long low;
	unsigned long high;
	unsigned long max;

	struct page_counter *parent;
	bool protection_support;
	bool track_failcnt;
};

void page_counter_init(struct page_counter *counter,
		       struct page_counter *parent, bool protection_support);

static inline unsigned long page_counter_read(const struct page_counter *c)
{
	return c->usage;
}

/* Take @nr_pages off this level only; true if that went below zero. */
bool page_counter_cancel(struct page_counter *counter, unsigned long nr_pages);
void page_counter_charge(struct page_counter *counter, unsigned long nr_pages);
/*
 * Charge every level up to the root, or none.  On failure *fail is the
 * counter whose max would have been exceeded.
 */
bool page_counter_try_charge(struct page_counter *counter,
			     unsigned long nr_pages,
			     struct page_counter **fail);
/* Uncharge every level; the lowest counter that went below zero, or NULL. */
struct page_counter *page_counter_uncharge(struct page_counter *counter,
					   unsigned long nr_pages);

void page_counter_set_min(struct page_counter *counter, unsigned long nr_pages);
void page_counter_set_low(struct page_counter *counter, unsigned long nr_pages);
static inline void page_counter_set_high(struct page_counter *c,
					 unsigned long nr_pages)
{
	c->high = nr_pages;
}
/* v1 semantics: -EBUSY if usage exceeds nr_pages.  Used by css_reset only. */
int page_counter_set_max(struct page_counter *counter, unsigned long nr_pages);

static inline void page_counter_reset_watermark(struct page_counter *c)
{
	c->watermark = c->usage;
	c->local_watermark = c->usage;
}

/*
 * Parse a limit written to a memory.* file: the exact string @max means
 * PAGE_COUNTER_MAX; otherwise memparse() with nothing after it.  Bytes are
 * rounded down to pages and clamped to PAGE_COUNTER_MAX.  -EINVAL on junk.
 */
int page_counter_memparse(const char *buf, const char *max,
			  unsigned long *nr_pages);

/*
 * Compute counter->emin/elow relative to the reclaim root @root, from the
 * parent's already computed values.  Callers visit parents before children.
 * @recursive_protection is the memory_recursiveprot mount option.
 */
void page_counter_calculate_protection(struct page_counter *root,
				       struct page_counter *counter,
				       bool recursive_protection);

#endif
