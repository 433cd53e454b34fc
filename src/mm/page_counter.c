// SPDX-License-Identifier: GPL-2.0
/*
 * Hierarchical page counters: charging with limits, peak tracking,
 * propagation of protected usage, and the effective memory.min/low
 * calculation.  Corresponds to mm/page_counter.c (6.12, plus 6.13's
 * track_failcnt).
 *
 * Where it deliberately differs:
 *  - single-threaded, so the kernel's speculative atomics and set_max retry
 *    loop collapse into plain reads and writes;
 *  - page_counter_init() also sets high = PAGE_COUNTER_MAX (the kernel
 *    leaves that to memcg's css_alloc), so a bare counter reads "max";
 *  - an underflow is clamped to 0 as in the kernel, but instead of a
 *    WARN_ONCE the uncharge returns the counter that underflowed: the
 *    counter knows neither its machine nor its memcg, and the caller, who
 *    knows both, reports it as a model bug (memcg_counter_uncharge()).
 */
#include <errno.h>
#include <string.h>

#include "lib/memparse.h"
#include "mm/page_counter.h"

void page_counter_init(struct page_counter *counter,
		       struct page_counter *parent, bool protection_support)
{
	memset(counter, 0, sizeof(*counter));
	counter->max = PAGE_COUNTER_MAX;
	counter->high = PAGE_COUNTER_MAX;
	counter->parent = parent;
	counter->protection_support = protection_support;
}

/*
 * Keep parent->children_{min,low}_usage equal to the sum over children of
 * min(usage, setting), by applying the change in this child's share.
 */
static void propagate_one(unsigned long usage, unsigned long setting,
			  unsigned long *cached, unsigned long *parent_sum)
{
	unsigned long protected = min(usage, setting);

	if (protected == *cached)
		return;
	*parent_sum += protected - *cached;
	*cached = protected;
}

static void propagate_protected_usage(struct page_counter *c,
				      unsigned long usage)
{
	struct page_counter *parent = c->parent;

	/* the root's protection has no one to share it with */
	if (!parent)
		return;
	propagate_one(usage, c->min, &c->min_usage,
		      &parent->children_min_usage);
	propagate_one(usage, c->low, &c->low_usage,
		      &parent->children_low_usage);
}

/* local_watermark never exceeds watermark, so it gates the second test. */
static void update_watermarks(struct page_counter *c, unsigned long usage)
{
	if (usage <= c->local_watermark)
		return;
	c->local_watermark = usage;
	if (usage > c->watermark)
		c->watermark = usage;
}

bool page_counter_cancel(struct page_counter *counter, unsigned long nr_pages)
{
	long new = counter->usage - (long)nr_pages;
	bool underflow = new < 0;

	if (underflow)
		new = 0;
	counter->usage = new;
	if (counter->protection_support)
		propagate_protected_usage(counter, new);
	return underflow;
}

/* The charged counter's flag decides for every level, as in the kernel. */
void page_counter_charge(struct page_counter *counter, unsigned long nr_pages)
{
	bool protection = counter->protection_support;
	struct page_counter *c;

	for (c = counter; c; c = c->parent) {
		c->usage += nr_pages;
		if (protection)
			propagate_protected_usage(c, c->usage);
		update_watermarks(c, c->usage);
	}
}

/*
 * Levels below the failing one keep the raised watermarks from their
 * speculative charge: the kernel does not roll those back either, so a
 * child's memory.peak can show a charge its parent refused.
 */
bool page_counter_try_charge(struct page_counter *counter,
			     unsigned long nr_pages,
			     struct page_counter **fail)
{
	bool protection = counter->protection_support;
	struct page_counter *c;

	for (c = counter; c; c = c->parent) {
		unsigned long new = c->usage + nr_pages;

		/* strictly greater: usage may reach max exactly */
		if (new > c->max) {
			if (c->track_failcnt)
				c->failcnt++;
			*fail = c;
			goto failed;
		}
		c->usage = new;
		if (protection)
			propagate_protected_usage(c, new);
		update_watermarks(c, new);
	}
	return true;

failed:
	for (c = counter; c != *fail; c = c->parent)
		page_counter_cancel(c, nr_pages);
	return false;
}

struct page_counter *page_counter_uncharge(struct page_counter *counter,
					   unsigned long nr_pages)
{
	struct page_counter *c, *underflow = NULL;

	for (c = counter; c; c = c->parent)
		if (page_counter_cancel(c, nr_pages) && !underflow)
			underflow = c;
	return underflow;
}

/* A new setting changes this level's share and so every sum above it. */
static void repropagate(struct page_counter *counter)
{
	struct page_counter *c;

	for (c = counter; c; c = c->parent)
		propagate_protected_usage(c, c->usage);
}

void page_counter_set_min(struct page_counter *counter, unsigned long nr_pages)
{
	counter->min = nr_pages;
	repropagate(counter);
}

void page_counter_set_low(struct page_counter *counter, unsigned long nr_pages)
{
	counter->low = nr_pages;
	repropagate(counter);
}

int page_counter_set_max(struct page_counter *counter, unsigned long nr_pages)
{
	if (counter->usage > nr_pages)
		return -EBUSY;
	counter->max = nr_pages;
	return 0;
}

int page_counter_memparse(const char *buf, const char *max,
			  unsigned long *nr_pages)
{
	unsigned long long bytes;
	char *end;

	if (!strcmp(buf, max)) {
		*nr_pages = PAGE_COUNTER_MAX;
		return 0;
	}
	bytes = memparse(buf, &end);
	if (*end)
		return -EINVAL;
	*nr_pages = min(bytes / PAGE_SIZE, (unsigned long long)PAGE_COUNTER_MAX);
	return 0;
}

/*
 * One counter's share of its parent's effective protection.  When the
 * siblings together use more protection than the parent has, the parent's
 * amount is split in proportion to the protection each actually uses.
 * Otherwise a child keeps what it uses; with recursive protection the
 * parent's unclaimed remainder is also handed out, weighted by each
 * child's unprotected usage, so that unconfigured children are still
 * shielded from the parent's neighbours.
 */
static unsigned long effective_protection(unsigned long usage,
					  unsigned long parent_usage,
					  unsigned long setting,
					  unsigned long parent_effective,
					  unsigned long siblings_protected,
					  bool recursive_protection)
{
	unsigned long protected = min(usage, setting);
	unsigned long unclaimed;

	if (siblings_protected > parent_effective)
		return protected * parent_effective / siblings_protected;
	if (!recursive_protection)
		return protected;
	/* the usages are sampled separately; keep the division sane */
	if (parent_effective <= siblings_protected ||
	    parent_usage <= siblings_protected || usage <= protected)
		return protected;
	unclaimed = parent_effective - siblings_protected;
	unclaimed *= usage - protected;
	unclaimed /= parent_usage - siblings_protected;
	return protected + unclaimed;
}

void page_counter_calculate_protection(struct page_counter *root,
				       struct page_counter *counter,
				       bool recursive_protection)
{
	struct page_counter *parent = counter->parent;
	unsigned long usage, parent_usage;

	/* the reclaim target's own protection never applies; may stay stale */
	if (counter == root)
		return;
	/* empty counters are below any protection; stale values are harmless */
	usage = page_counter_read(counter);
	if (!usage)
		return;
	/* the top level of a reclaim walk gets exactly what it declared */
	if (parent == root) {
		counter->emin = counter->min;
		counter->elow = counter->low;
		return;
	}
	parent_usage = page_counter_read(parent);
	counter->emin = effective_protection(usage, parent_usage, counter->min,
					     parent->emin,
					     parent->children_min_usage,
					     recursive_protection);
	counter->elow = effective_protection(usage, parent_usage, counter->low,
					     parent->elow,
					     parent->children_low_usage,
					     recursive_protection);
}
