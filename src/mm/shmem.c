// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs and shared anonymous memory (mm/shmem.c).
 *
 * A shmem folio lives in its inode's page cache, is swap-backed (so it sits
 * on the anon LRU lists and counts as both file and shmem in memory.stat),
 * and is charged to the task that first touches it.  A mapping's fault
 * past i_size gets SIGBUS (mm/memory.c's do_fault, as shmem_fault does);
 * memfds are sized at creation.
 * Reclaim moves a shmem folio to the swap cache and leaves its swap entry
 * in the page cache (shmem_writeout); a fault brings it back.
 */
#include "filemap.h"

#include <errno.h>
#include <string.h>

#include "include/memory_model.h"
#include "mm/page_alloc.h"
#include "mm/memcontrol.h"
#include "mm/swap.h"
#include "mm/swapfile.h"
#include "mm/vmstat.h"

/* A page that lives in swap comes back into the page cache. */
static int shmem_swapin_folio(struct machine *m, struct inode *inode,
			      unsigned long index, void *value,
			      struct folio **foliop, unsigned int *fault)
{
	struct address_space *mapping = &inode->i_data;
	swp_entry_t entry = { xa_to_value(value) };
	struct folio *folio = swap_cache_get_folio(m, entry);
	int err;

	if (folio) {
		folio_get(folio);
	} else {
		err = swapin_folio(m, entry, NULL, &folio, fault);
		if (err)
			return err;
	}
	/* back into the page cache; the slot's reference goes */
	delete_from_swap_cache(m, folio, NULL);
	folio->mapping = mapping;
	folio->index = index;
	folio_get(folio);
	xa_store(&mapping->i_pages, index, folio);
	mapping->nrpages++;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, 1);
	lruvec_stat_mod_folio(m, folio, NR_SHMEM, 1);
	folio_set(folio, PG_dirty);
	swap_free(m, entry);
	*foliop = folio;
	return 0;
}

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

/*
 * shmem_writepage(): the folio leaves the page cache for the swap cache;
 * its page-cache slot now holds the swap entry.
 */
int shmem_writeout(struct machine *m, struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long index = folio->index;
	swp_entry_t entry = folio_alloc_swap(m, folio);

	if (!entry.val)
		return -ENOMEM;
	add_to_swap_cache(m, folio, entry);
	swap_duplicate(m, entry);	/* the page-cache slot's reference */
	folio_set(folio, PG_dirty);
	/* filemap_remove_folio() without the shmem-dirty bookkeeping */
	xa_store(&mapping->i_pages, index, xa_mk_value(entry.val));
	mapping->nrpages--;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, -1);
	lruvec_stat_mod_folio(m, folio, NR_SHMEM, -1);
	folio->mapping = NULL;
	folio_put(m, folio);
	return swap_writepage(m, folio);
}

void shmem_free_swap(struct machine *m, struct address_space *mapping,
		     unsigned long index, void *value)
{
	xa_erase(&mapping->i_pages, index);
	swap_free(m, (swp_entry_t){ xa_to_value(value) });
}
