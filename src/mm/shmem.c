// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs and shared anonymous memory (mm/shmem.c).
 *
 * A shmem folio lives in its inode's page cache, is swap-backed (so it sits
 * on the anon LRU lists and counts as both file and shmem in memory.stat),
 * and is charged to the task that first touches it.  Pages beyond i_size
 * still fault in, as the model does not deliver SIGBUS for tmpfs holes past
 * EOF of a mapping made larger than the file (memfds are sized at creation).
 */
#include "filemap.h"

#include <errno.h>
#include <string.h>

#include "include/memory_model.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"

int shmem_get_folio(struct machine *m, struct inode *inode,
		    unsigned long index, struct folio **foliop,
		    unsigned int *fault)
{
	struct address_space *mapping = &inode->i_data;
	void *entry = xa_load(&mapping->i_pages, index);
	struct folio *folio;
	int err;

	if (entry && xa_is_value(entry))
		return shmem_swapin_folio(m, inode, index, entry, foliop, fault);
	if (entry) {
		folio = entry;
		folio_get(folio);
		*foliop = folio;
		return 0;
	}
	folio = folio_alloc(m, GFP_HIGHUSER_MOVABLE | __GFP_ZERO, -1);
	if (!folio)
		return -ENOMEM;
	folio_set(folio, PG_swapbacked);
	folio_set(folio, PG_uptodate);
	err = filemap_add_folio(m, mapping, folio, index, GFP_KERNEL);
	if (err) {
		folio_put(m, folio);
		return err;
	}
	/* shmem pages have no backing store: they are born dirty */
	folio_set(folio, PG_dirty);
	*foliop = folio;
	return 0;
}
