/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A folio's bytes as the kernel writes them (include/linux/highmem.h):
 * clearing, copying, zeroing a range.  Each goes through sim/frame.h, so
 * that with content=model a user page is described rather than written.
 * Only user pages (anonymous, page cache, shmem, swap cache) come here;
 * page tables, slabs and zspages are the kernel's own and always hold
 * their bytes.
 */
#ifndef MEMCGLAB_INCLUDE_HIGHMEM_H
#define MEMCGLAB_INCLUDE_HIGHMEM_H

#include "include/memory_model.h"
#include "sim/frame.h"

static inline void clear_highpage(struct machine *m, struct folio *folio)
{
	frame_zero(&m->phys, folio_address(m, folio));
}

static inline void copy_highpage(struct machine *m, struct folio *to,
				 struct folio *from)
{
	frame_copy(&m->phys, folio_address(m, to), folio_address(m, from));
}

/* Zero the bytes [@start, @start + @len) of @folio. */
static inline void folio_zero_range(struct machine *m, struct folio *folio,
				    size_t start, size_t len)
{
	frame_zero_range(&m->phys, folio_address(m, folio), start,
			 start + len);
}

#endif
