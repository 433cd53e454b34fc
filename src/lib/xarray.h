/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A sparse index from unsigned long to pointers, shaped like the kernel's
 * xarray: a radix tree of 64-slot nodes that grows in height as larger
 * indices are stored.  No locking, no marks, no multi-index entries.
 *
 * Value entries (xa_mk_value) let callers store small integers (shadow
 * entries, swap entries) in the same slots, as the page cache does.
 */
#ifndef MEMCGLAB_LIB_XARRAY_H
#define MEMCGLAB_LIB_XARRAY_H

#include "compiler.h"

#define XA_CHUNK_SHIFT	6
#define XA_CHUNK_SIZE	(1UL << XA_CHUNK_SHIFT)

struct xa_node {
	void *slots[XA_CHUNK_SIZE];
	unsigned int count;
};

struct xarray {
	void *head;		/* an entry (height 0) or a struct xa_node */
	unsigned int height;	/* levels of nodes below head */
	unsigned long nr;	/* non-NULL entries stored */
	/*
	 * The leaf node the last store walked to, and which 64 indices it
	 * holds (index >> XA_CHUNK_SHIFT): the next access to a neighbour
	 * needs no walk.  NULL once any node is freed.  The model's own
	 * shortcut; the kernel's callers keep an xa_state instead.
	 */
	struct xa_node *leaf;
	unsigned long leaf_base;
};

static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

void xa_init(struct xarray *xa);
void *xa_load(const struct xarray *xa, unsigned long index);
/* Returns the old entry.  Storing NULL erases.  Aborts on allocation failure. */
void *xa_store(struct xarray *xa, unsigned long index, void *entry);
static inline void *xa_erase(struct xarray *xa, unsigned long index)
{
	return xa_store(xa, index, NULL);
}
/* First present entry at index >= *indexp, or NULL; *indexp is updated. */
void *xa_find(const struct xarray *xa, unsigned long *indexp);
void xa_destroy(struct xarray *xa);

#define xa_for_each(xa, index, entry)					\
	for (index = 0, entry = xa_find(xa, &index); entry;		\
	     index++, entry = index ? xa_find(xa, &index) : NULL)

#endif
