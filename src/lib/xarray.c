// SPDX-License-Identifier: GPL-2.0
/*
 * Radix tree behind struct xarray.  lib/xarray.c in the kernel also keeps
 * marks, RCU-safe node freeing and multi-index entries; the model needs none
 * of them.  Nodes are freed as soon as they become empty.
 */
#include "xarray.h"

#include <stdlib.h>

static unsigned long xa_span(unsigned int height)
{
	unsigned int shift = height * XA_CHUNK_SHIFT;

	return shift >= 64 ? ~0UL : (1UL << shift) - 1;
}

static unsigned int xa_offset(unsigned long index, unsigned int h)
{
	return (index >> (h * XA_CHUNK_SHIFT)) & (XA_CHUNK_SIZE - 1);
}

void xa_init(struct xarray *xa)
{
	xa->head = NULL;
	xa->height = 0;
	xa->nr = 0;
	xa->leaf = NULL;
	xa->leaf_base = 0;
}

/* The slot of @index in the cached leaf, or NULL. */
static void **xa_leaf_slot(const struct xarray *xa, unsigned long index)
{
	if (!xa->leaf || index >> XA_CHUNK_SHIFT != xa->leaf_base)
		return NULL;
	return &xa->leaf->slots[index & (XA_CHUNK_SIZE - 1)];
}

void *xa_load(const struct xarray *xa, unsigned long index)
{
	void **slot = xa_leaf_slot(xa, index);
	void *entry = xa->head;
	unsigned int h = xa->height;

	if (slot)
		return *slot;
	if (index > xa_span(h))
		return NULL;
	while (h && entry) {
		struct xa_node *node = entry;

		h--;
		entry = node->slots[xa_offset(index, h)];
	}
	return entry;
}

static struct xa_node *xa_node_alloc(void)
{
	struct xa_node *node = calloc(1, sizeof(*node));

	if (!node)
		abort();
	return node;
}

static void xa_grow(struct xarray *xa, unsigned long index)
{
	while (index > xa_span(xa->height)) {
		if (xa->head) {
			struct xa_node *node = xa_node_alloc();

			node->slots[0] = xa->head;
			node->count = 1;
			xa->head = node;
		}
		xa->height++;
	}
}

/* Drop top levels whose only child is slot 0. */
static void xa_shrink(struct xarray *xa)
{
	while (xa->height) {
		struct xa_node *node = xa->head;

		if (!node) {
			xa->height = 0;
			return;
		}
		if (node->count != 1 || !node->slots[0])
			return;
		xa->head = node->slots[0];
		xa->height--;
		xa->leaf = NULL;
		free(node);
	}
}

/* Levels enough for any unsigned long index. */
#define XA_MAX_HEIGHT	((64 + XA_CHUNK_SHIFT - 1) / XA_CHUNK_SHIFT)

/*
 * A slot went empty: free the nodes it leaves empty, bottom up.  @path
 * holds the nodes walked through, @parent the slots pointing at them.
 */
static void xa_prune(struct xarray *xa, struct xa_node **path,
		     void ***parent, unsigned int depth)
{
	while (depth--) {
		struct xa_node *node = path[depth];

		if (--node->count)
			return;
		*parent[depth] = NULL;
		xa->leaf = NULL;
		free(node);
	}
}

/*
 * A store into the cached leaf that changes no node's existence: any but
 * the erase of a leaf's last entry.  Returns false to take the walk.
 */
static bool xa_store_leaf(struct xarray *xa, unsigned long index,
			  void *entry, void **oldp)
{
	void **slot = xa_leaf_slot(xa, index);
	void *old;

	if (!slot)
		return false;
	old = *slot;
	if (old && !entry && xa->leaf->count == 1)
		return false;
	*slot = entry;
	*oldp = old;
	if (!old == !entry)
		return true;
	xa->leaf->count += entry ? 1 : -1;
	xa->nr += entry ? 1 : -1;
	if (!entry)
		xa_shrink(xa);	/* the leaf may be the head, left with slot 0 */
	return true;
}

/*
 * Iterative: one walk down, the counts fixed on the way (a new node counts
 * in its parent) or on the way back up (an emptied node leaves it).
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry)
{
	struct xa_node *path[XA_MAX_HEIGHT];
	void **parent[XA_MAX_HEIGHT];
	void **slot = &xa->head;
	unsigned int h, depth = 0;
	void *old;

	if (xa_store_leaf(xa, index, entry, &old))
		return old;
	if (entry)
		xa_grow(xa, index);
	else if (index > xa_span(xa->height))
		return NULL;
	for (h = xa->height; h; h--) {
		struct xa_node *node = *slot;

		if (!node) {
			if (!entry)
				return NULL;
			node = *slot = xa_node_alloc();
			if (depth)
				path[depth - 1]->count++;
		}
		path[depth] = node;
		parent[depth++] = slot;
		slot = &node->slots[xa_offset(index, h - 1)];
	}
	if (depth) {
		xa->leaf = path[depth - 1];
		xa->leaf_base = index >> XA_CHUNK_SHIFT;
	}
	old = *slot;
	*slot = entry;
	if (!old == !entry)
		return old;
	if (entry) {
		xa->nr++;
		if (depth)
			path[depth - 1]->count++;
		return old;
	}
	xa->nr--;
	xa_prune(xa, path, parent, depth);
	xa_shrink(xa);
	return old;
}

static void *xa_find_node(void *entry, unsigned int h, unsigned long *indexp)
{
	struct xa_node *node = entry;
	unsigned long base, step;
	unsigned int off;

	if (!h)
		return entry;
	h--;
	step = 1UL << (h * XA_CHUNK_SHIFT);
	off = (*indexp >> (h * XA_CHUNK_SHIFT)) & (XA_CHUNK_SIZE - 1);
	base = *indexp & ~(step * XA_CHUNK_SIZE - 1);
	for (; off < XA_CHUNK_SIZE; off++) {
		unsigned long start = base + off * step;
		void *found;

		if (!node->slots[off])
			continue;
		if (start > *indexp)
			*indexp = start;
		found = xa_find_node(node->slots[off], h, indexp);
		if (found)
			return found;
		if (off == XA_CHUNK_SIZE - 1 && base + XA_CHUNK_SIZE * step == 0)
			break;
	}
	return NULL;
}

void *xa_find(const struct xarray *xa, unsigned long *indexp)
{
	if (!xa->head || *indexp > xa_span(xa->height))
		return NULL;
	return xa_find_node(xa->head, xa->height, indexp);
}

static void xa_free_node(void *entry, unsigned int h)
{
	struct xa_node *node = entry;
	unsigned int i;

	if (!h || !entry)
		return;
	for (i = 0; i < XA_CHUNK_SIZE; i++)
		xa_free_node(node->slots[i], h - 1);
	free(node);
}

void xa_destroy(struct xarray *xa)
{
	xa_free_node(xa->head, xa->height);
	xa_init(xa);
}
