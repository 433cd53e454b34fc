// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for lib/xarray.c: the sparse radix index behind the page cache,
 * the pid table and the memcg ID table.  Stores, loads and erases at sparse
 * and huge indices (up to ~0UL), xa_find/xa_for_each order, value entries,
 * the tree height growing and shrinking back, and xa_destroy (LeakSanitizer
 * checks in the SAN=1 build that every node is freed).
 *
 * The last part runs a few thousand random operations against a plain
 * sorted reference array.
 */
#include <stdlib.h>

#include "lib/xarray.h"
#include "tap.h"

/* Distinct, non-value (even) pointers to store: addresses in a static array. */
static char objs[64];
#define P(i)	((void *)&objs[2 * (i)])

/* Smallest height whose span covers @index (6 bits per level). */
static unsigned int height_for(unsigned long index)
{
	unsigned int h = 0;

	while (index) {
		h++;
		index = h * XA_CHUNK_SHIFT >= 64 ? 0 : index >> XA_CHUNK_SHIFT;
	}
	return h;
}

static void test_empty(void)
{
	struct xarray xa;
	unsigned long idx = 0;

	xa_init(&xa);
	ok(!xa_load(&xa, 0) && !xa_load(&xa, 1) && !xa_load(&xa, ~0UL),
	   "empty: loads return NULL");
	ok(!xa_find(&xa, &idx) && idx == 0, "empty: xa_find finds nothing");
	ok(!xa_erase(&xa, 12345), "empty: erase of an absent index returns NULL");
	ok(!xa_erase(&xa, ~0UL), "empty: erase at ~0UL returns NULL");
	is_long(xa.height, 0, "empty: erase does not grow the tree");
	is_long(xa.nr, 0, "empty: nr 0");
	ok(!xa.head, "empty: no head");
	xa_destroy(&xa);
	ok(!xa.head && !xa.height && !xa.nr, "empty: destroy is a no-op");
}

static void test_index_zero(void)
{
	struct xarray xa;

	xa_init(&xa);
	ok(!xa_store(&xa, 0, P(0)), "index 0: store returns no old entry");
	is_long(xa.height, 0, "index 0: stored in the head, height 0");
	ok(xa.head == P(0), "index 0: head is the entry itself");
	ok(xa_load(&xa, 0) == P(0), "index 0: load");
	ok(!xa_load(&xa, 1) && !xa_load(&xa, ~0UL), "index 0: other loads NULL");
	ok(xa_store(&xa, 0, P(1)) == P(0), "index 0: replace returns the old entry");
	is_long(xa.nr, 1, "index 0: replace keeps nr at 1");
	ok(xa_erase(&xa, 0) == P(1), "index 0: erase returns the entry");
	ok(!xa.head && xa.nr == 0 && xa.height == 0, "index 0: empty again");
	xa_destroy(&xa);
}

/* Every index that needs a new level, and the last index of each level. */
static void test_heights(void)
{
	struct xarray xa;
	unsigned int h;
	bool all = true;

	for (h = 1; h <= 11; h++) {
		unsigned long first = 1UL << ((h - 1) * XA_CHUNK_SHIFT);
		unsigned long last = h * XA_CHUNK_SHIFT >= 64 ? ~0UL :
				     (1UL << (h * XA_CHUNK_SHIFT)) - 1;

		xa_init(&xa);
		xa_store(&xa, first, P(1));
		if (xa.height != h || xa_load(&xa, first) != P(1)) {
			printf("# height %u: stored %#lx, height %u\n", h, first,
			       xa.height);
			all = false;
		}
		xa_store(&xa, last, P(2));
		if (xa.height != h || xa_load(&xa, last) != P(2) ||
		    xa_load(&xa, first) != P(1) || xa.nr != 2) {
			printf("# height %u: stored %#lx, height %u\n", h, last,
			       xa.height);
			all = false;
		}
		/* neighbours read as empty */
		if (xa_load(&xa, first - 1) || xa_load(&xa, first + 1) ||
		    xa_load(&xa, last - 1))
			all = false;
		xa_erase(&xa, last);
		xa_erase(&xa, first);
		if (xa.head || xa.height || xa.nr)
			all = false;
		xa_destroy(&xa);
	}
	ok(all, "heights: 64^(h-1) and 64^h - 1 both live at height h, h = 1..11");
	is_long(height_for(~0UL), 11, "heights: ~0UL needs 11 levels");
}

static void test_huge_indices(void)
{
	static const unsigned long idx[] = {
		0, 1, 63, 64, 4095, 4096, 262143, 262144, 1UL << 30,
		(1UL << 32) - 1, 1UL << 32, 1UL << 50, 1UL << 59, 1UL << 60,
		(1UL << 63) - 1, 1UL << 63, ~0UL - 64, ~0UL - 1, ~0UL,
	};
	const size_t n = sizeof(idx) / sizeof(idx[0]);
	struct xarray xa;
	unsigned long index;
	size_t k;
	bool loads = true, order = true, shrink = true;
	void *entry;

	xa_init(&xa);
	/* store in reverse so that growth happens from the top */
	for (k = n; k-- > 0;)
		xa_store(&xa, idx[k], P(k));
	is_long(xa.nr, n, "huge: nr counts every entry");
	is_long(xa.height, 11, "huge: height 11 with ~0UL stored");
	for (k = 0; k < n; k++)
		if (xa_load(&xa, idx[k]) != P(k))
			loads = false;
	ok(loads, "huge: every entry loads back");
	ok(!xa_load(&xa, 2) && !xa_load(&xa, 1UL << 31) &&
	   !xa_load(&xa, (1UL << 63) + 1) && !xa_load(&xa, ~0UL - 2),
	   "huge: holes between entries load NULL");

	k = 0;
	xa_for_each(&xa, index, entry) {
		if (k >= n || index != idx[k] || entry != P(k))
			order = false;
		k++;
	}
	ok(order && k == n, "huge: xa_for_each visits all %zu in index order", n);

	/* xa_find from arbitrary starting points */
	index = 5;
	entry = xa_find(&xa, &index);
	ok(entry == P(2) && index == 63, "huge: find from 5 -> 63");
	index = 65;
	entry = xa_find(&xa, &index);
	ok(entry == P(4) && index == 4095, "huge: find from 65 -> 4095");
	index = 262145;
	entry = xa_find(&xa, &index);
	ok(entry == P(8) && index == 1UL << 30, "huge: find from 262145 -> 2^30");
	index = (1UL << 32) + 1;
	entry = xa_find(&xa, &index);
	ok(entry == P(11) && index == 1UL << 50, "huge: find across levels -> 2^50");
	index = (1UL << 63) + 1;
	entry = xa_find(&xa, &index);
	ok(entry == P(16) && index == ~0UL - 64, "huge: find in the top half");
	index = ~0UL;
	entry = xa_find(&xa, &index);
	ok(entry == P(18) && index == ~0UL, "huge: find at ~0UL itself");
	index = 64;
	entry = xa_find(&xa, &index);
	ok(entry == P(3) && index == 64, "huge: find at a present index stays there");

	/* erase from the top: the tree shrinks back level by level */
	ok(xa_erase(&xa, ~0UL) == P(n - 1), "huge: erase ~0UL returns its entry");
	for (k = n - 1; k-- > 1;) {
		if (xa_erase(&xa, idx[k]) != P(k) ||
		    xa.height != height_for(idx[k - 1]) || xa.nr != k)
			shrink = false;
	}
	ok(shrink, "huge: each erase of the largest shrinks to what the next needs");
	is_long(xa.height, 0, "huge: only index 0 left -> height 0");
	ok(xa.head == P(0), "huge: the head is index 0's entry again");
	xa_erase(&xa, 0);
	ok(!xa.head && !xa.nr, "huge: empty at the end");
	xa_destroy(&xa);
}

static void test_values(void)
{
	struct xarray xa;
	unsigned long index;
	void *v0 = xa_mk_value(0), *vmax = xa_mk_value(~0UL >> 1);
	void *entry;

	ok(xa_is_value(v0) && xa_to_value(v0) == 0, "value: 0 round-trips");
	ok(xa_is_value(vmax) && xa_to_value(vmax) == ~0UL >> 1,
	   "value: LONG_MAX round-trips");
	ok(xa_to_value(xa_mk_value(12345)) == 12345, "value: 12345 round-trips");
	ok(!xa_is_value(P(3)), "value: an aligned pointer is not a value");

	xa_init(&xa);
	xa_store(&xa, 7, v0);
	xa_store(&xa, 1UL << 40, vmax);
	xa_store(&xa, 100, P(1));
	is_long(xa.nr, 3, "value: value entries count as present");
	ok(xa_load(&xa, 7) == v0, "value: value 0 (the word 1) is not NULL");
	ok(xa_load(&xa, 1UL << 40) == vmax, "value: big value loads back");
	index = 0;
	entry = xa_find(&xa, &index);
	ok(entry == v0 && index == 7, "value: xa_find returns value entries");
	index = 8;
	entry = xa_find(&xa, &index);
	ok(entry == P(1) && index == 100, "value: then the pointer");
	index = 101;
	entry = xa_find(&xa, &index);
	ok(entry == vmax && index == 1UL << 40, "value: then the big value");
	ok(xa_store(&xa, 7, P(2)) == v0, "value: replacing a value returns it");
	ok(xa_store(&xa, 100, xa_mk_value(5)) == P(1),
	   "value: a pointer can be replaced by a value (shadow entry)");
	is_long(xa.nr, 3, "value: replacements keep nr");
	xa_destroy(&xa);
	ok(!xa.head && !xa.nr && !xa.height, "value: destroy resets the array");
}

static void test_find_edges(void)
{
	struct xarray xa;
	unsigned long index;
	void *entry;
	int n;

	xa_init(&xa);
	xa_store(&xa, 10, P(1));
	xa_store(&xa, 1UL << 20, P(2));
	index = 11;
	entry = xa_find(&xa, &index);
	ok(entry == P(2) && index == 1UL << 20,
	   "find: skips the rest of a leaf and empty subtrees");
	index = (1UL << 20) + 1;
	ok(!xa_find(&xa, &index), "find: nothing past the last entry");
	index = 1UL << 40;
	ok(!xa_find(&xa, &index), "find: start beyond the tree's span");
	index = ~0UL;
	ok(!xa_find(&xa, &index), "find: start at ~0UL with nothing there");

	/* only ~0UL: xa_for_each must stop after it (index wraps to 0) */
	xa_destroy(&xa);
	xa_store(&xa, ~0UL, P(3));
	n = 0;
	xa_for_each(&xa, index, entry)
		if (++n > 2)
			break;
	is_long(n, 1, "find: xa_for_each over {~0UL} visits it once and stops");

	/* a full leaf: 64 consecutive entries, then the next level */
	xa_destroy(&xa);
	for (index = 0; index < 130; index++)
		xa_store(&xa, index, P(index % 32));
	n = 0;
	xa_for_each(&xa, index, entry) {
		if ((unsigned long)n != index)
			break;
		n++;
	}
	is_long(n, 130, "find: 130 consecutive entries in order");
	for (index = 0; index < 130; index += 2)
		xa_erase(&xa, index);
	n = 0;
	xa_for_each(&xa, index, entry) {
		if (index != 2UL * n + 1)
			break;
		n++;
	}
	is_long(n, 65, "find: every other entry after erasing the evens");
	is_long(xa.nr, 65, "find: nr after erasing the evens");
	xa_destroy(&xa);
	ok(!xa.head && !xa.nr && !xa.height, "find: destroy of a populated array");
}

/* ---- random operations against a reference ---- */

struct ref {
	unsigned long idx[4096];
	void *val[4096];
	size_t n;
};

static unsigned long long lcg_state = 0x2545F4914F6CDD1DULL;

static unsigned long long lcg(void)
{
	lcg_state ^= lcg_state << 13;
	lcg_state ^= lcg_state >> 7;
	lcg_state ^= lcg_state << 17;
	return lcg_state;
}

static size_t ref_pos(const struct ref *r, unsigned long index)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->idx[mid] < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void *ref_store(struct ref *r, unsigned long index, void *entry)
{
	size_t pos = ref_pos(r, index);
	void *old = pos < r->n && r->idx[pos] == index ? r->val[pos] : NULL;

	if (old && entry) {
		r->val[pos] = entry;
	} else if (old) {
		memmove(&r->idx[pos], &r->idx[pos + 1],
			(r->n - pos - 1) * sizeof(r->idx[0]));
		memmove(&r->val[pos], &r->val[pos + 1],
			(r->n - pos - 1) * sizeof(r->val[0]));
		r->n--;
	} else if (entry) {
		memmove(&r->idx[pos + 1], &r->idx[pos],
			(r->n - pos) * sizeof(r->idx[0]));
		memmove(&r->val[pos + 1], &r->val[pos],
			(r->n - pos) * sizeof(r->val[0]));
		r->idx[pos] = index;
		r->val[pos] = entry;
		r->n++;
	}
	return old;
}

static unsigned long random_index(const struct ref *r)
{
	unsigned long long x = lcg();

	switch (x % 6) {
	case 0:
		return (x >> 8) % 256;			/* dense low */
	case 1:
		return (x >> 8) % 100000;		/* page-cache like */
	case 2:
		return x >> (x % 64);			/* any magnitude */
	case 3:
		return ~0UL - (x >> 8) % 8;		/* the very top */
	default:
		/* an index that is present, if any */
		return r->n ? r->idx[(x >> 8) % r->n] : x;
	}
}

static void test_random(void)
{
	static struct ref r;
	struct xarray xa;
	unsigned long index, max_index;
	bool same_old = true, same_set = true, heights = true;
	void *entry;
	size_t k;
	int op;

	xa_init(&xa);
	for (op = 0; op < 20000; op++) {
		unsigned long i = random_index(&r);
		bool erase = lcg() % 3 == 0 || r.n >= 4000;
		void *e = erase ? NULL :
			  (lcg() & 1) ? xa_mk_value(lcg() >> 2) : P(lcg() % 32);

		if (xa_store(&xa, i, e) != ref_store(&r, i, e))
			same_old = false;
		if (xa.nr != r.n)
			same_set = false;
		max_index = r.n ? r.idx[r.n - 1] : 0;
		/* the height is exactly what the largest index needs */
		if (xa.height != (r.n ? height_for(max_index) : 0))
			heights = false;
		if (op % 1000 == 999) {
			k = 0;
			xa_for_each(&xa, index, entry) {
				if (k >= r.n || r.idx[k] != index || r.val[k] != entry)
					same_set = false;
				k++;
			}
			if (k != r.n)
				same_set = false;
			for (k = 0; k < r.n; k++)
				if (xa_load(&xa, r.idx[k]) != r.val[k])
					same_set = false;
		}
	}
	ok(same_old, "random: 20000 stores/erases return the reference's old entries");
	ok(same_set, "random: contents and order match the reference");
	ok(heights, "random: height always equals what the largest index needs");

	/* drain everything in random order */
	while (r.n) {
		unsigned long i = r.idx[lcg() % r.n];

		if (xa_erase(&xa, i) != ref_store(&r, i, NULL))
			same_old = false;
	}
	ok(same_old && !xa.head && !xa.nr && !xa.height,
	   "random: erasing everything leaves an empty array");
	xa_destroy(&xa);
}

int main(void)
{
	test_empty();
	test_index_zero();
	test_heights();
	test_huge_indices();
	test_values();
	test_find_edges();
	test_random();
	return done_testing();
}
