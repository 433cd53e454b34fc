// SPDX-License-Identifier: GPL-2.0
/*
 * Page cache of disk files (mm/filemap.c, mm/truncate.c and the dirty
 * accounting of mm/page-writeback.c).
 *
 * A page-cache folio is charged to the memcg of the task that brings it in
 * (read, write or fault) and stays charged there until it leaves the cache,
 * whatever happens to that task.  Reading a hole makes a clean zero-filled
 * folio without I/O, as ext4 does; a page that was written back is read
 * from the disk.  A writer is throttled by balance_dirty_pages() after the
 * pages it dirties, and the flusher writes them (mm/page-writeback.c,
 * fs/fs-writeback.c).
 * Reads and faults that miss read ahead (mm/readahead.c); a fault that
 * finds its page missing is a major fault, hole or not, as filemap_fault()
 * counts it.
 */
#include "filemap.h"

#include <errno.h>
#include <string.h>

#include "include/writeback.h"
#include "include/highmem.h"
#include "include/memory_model.h"
#include "include/sched.h"
#include "include/fs.h"
#include "include/shmem_fs.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/rmap.h"
#include "mm/smemcg.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/workingset.h"

struct folio *filemap_get_folio(struct address_space *mapping,
				unsigned long index)
{
	void *entry = xa_load(&mapping->i_pages, index);

	return entry && !xa_is_value(entry) ? entry : NULL;
}

int filemap_add_folio(struct machine *m, struct address_space *mapping,
		      struct folio *folio, unsigned long index, gfp_t gfp)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_current(m);
	int err = mem_cgroup_charge_memcg(folio, memcg, gfp);
	void *shadow;

	css_put(&memcg->css);
	if (err)
		return err;
	/* the charge may have reclaimed, and another task added the page */
	if (filemap_get_folio(mapping, index))
		return -EEXIST;
	folio_get(folio);		/* the page cache's reference */
	folio->mapping = mapping;
	folio->index = index;
	shadow = xa_store(&mapping->i_pages, index, folio);
	mapping->nrpages++;
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, 1);
	if (folio_test(folio, PG_swapbacked))
		lruvec_stat_mod_folio(m, folio, NR_SHMEM, 1);
	/* shmem keeps swap entries, not shadows, in its page cache */
	if (shadow && xa_is_value(shadow) && !folio_test(folio, PG_swapbacked))
		workingset_refault(m, folio, shadow);
	folio_add_lru(m, folio);
	return 0;
}

static bool mapping_accounts_dirty(const struct folio *folio)
{
	/* shmem folios are dirty by nature and never counted as such */
	return !folio_test(folio, PG_swapbacked);
}

static void folio_account_cleaned(struct machine *m, struct folio *folio)
{
	lruvec_stat_mod_folio(m, folio, NR_FILE_DIRTY, -1);
	mod_zone_page_state(folio_pgdat(m, folio), NR_ZONE_WRITE_PENDING, -1);
}

void folio_mark_dirty(struct machine *m, struct folio *folio)
{
	if (folio_test(folio, PG_dirty))
		return;
	folio_set(folio, PG_dirty);
	if (!folio_mapping(folio) || !mapping_accounts_dirty(folio))
		return;
	lruvec_stat_mod_folio(m, folio, NR_FILE_DIRTY, 1);
	mod_zone_page_state(folio_pgdat(m, folio), NR_ZONE_WRITE_PENDING, 1);
	mod_node_page_state(folio_pgdat(m, folio), NR_DIRTIED, 1);
	inode_mark_dirty(m, folio_mapping(folio)->host);
}

/*
 * Before a write-out: the mappings' dirty bits move to the folio and the
 * shared PTEs are write-protected (folio_mkclean()), so that a write
 * during or after the I/O faults and dirties the folio again.
 */
void folio_clear_dirty_for_io(struct machine *m, struct folio *folio)
{
	if (folio_mapping(folio) && folio_mkclean(m, folio))
		folio_mark_dirty(m, folio);
	if (!folio_test_clear(folio, PG_dirty))
		return;
	if (folio_mapping(folio) && mapping_accounts_dirty(folio))
		folio_account_cleaned(m, folio);
}

void filemap_remove_folio(struct machine *m, struct folio *folio)
{
	filemap_remove_folio_shadow(m, folio, NULL);
}

void filemap_remove_folio_shadow(struct machine *m, struct folio *folio,
				 void *shadow)
{
	struct address_space *mapping = folio_mapping(folio);

	xa_store(&mapping->i_pages, folio->index, shadow);
	mapping->nrpages--;
	if (folio_test(folio, PG_dirty) && mapping_accounts_dirty(folio)) {
		folio_account_cleaned(m, folio);
		folio_clear(folio, PG_dirty);
	}
	lruvec_stat_mod_folio(m, folio, NR_FILE_PAGES, -1);
	if (folio_test(folio, PG_swapbacked))
		lruvec_stat_mod_folio(m, folio, NR_SHMEM, -1);
	folio->mapping = NULL;
	folio_put(m, folio);
	/* a shmem page gone without going to swap: its block is free */
	if (shmem_mapping(mapping))
		shmem_uncharge(m, mapping->host);
}

/*
 * Unmap @folio from every process that maps it, then take it out of the
 * page cache (truncate_inode_folio): its uffd-wp markers go too.
 */
void truncate_inode_folio(struct machine *m, struct address_space *mapping,
			  struct folio *folio)
{
	if (folio_mapped(folio))
		unmap_mapping_folio(m, folio);
	filemap_remove_folio(m, folio);
}

/*
 * A disk file's pages [@first, @end) leave the cache (not shmem's), their
 * shadows too (truncate_inode_pages_range()).
 */
void truncate_inode_pages_range(struct machine *m,
				struct address_space *mapping,
				unsigned long first, unsigned long end)
{
	unsigned long index = first;
	void *entry;

	while ((entry = xa_find(&mapping->i_pages, &index)) && index < end) {
		if (xa_is_value(entry))
			xa_erase(&mapping->i_pages, index);	/* a shadow */
		else
			truncate_inode_folio(m, mapping, entry);
		index++;
	}
}

void truncate_inode_pages(struct machine *m, struct address_space *mapping,
			  u64 lstart)
{
	truncate_inode_pages_range(m, mapping, DIV_ROUND_UP(lstart, PAGE_SIZE),
				   ULONG_MAX);
}

/* Bring a disk file's page into the cache: from the disk, or a hole. */
int filemap_create_folio(struct machine *m, struct inode *inode,
			 unsigned long index, gfp_t gfp, struct folio **foliop,
			 unsigned int *fault)
{
	void *block = xa_load(&inode->blocks, index);
	struct folio *folio;
	int err;

	/* a __GFP_NOFAIL caller (the buffer cache) never fails here */
	folio = folio_alloc(m, GFP_HIGHUSER_MOVABLE | (gfp & __GFP_NOFAIL), -1);
	if (!folio)
		return -ENOMEM;
	if (block) {
		err = frame_read_block(&m->phys, folio_address(m, folio),
				       &m->vfs->disk, xa_to_value(block));
		if (err) {
			folio_put(m, folio);
			return err;
		}
		*fault |= VM_FAULT_MAJOR;
		count_vm_events(m, PGPGIN, PAGE_SECTORS);
	} else {
		clear_highpage(m, folio);
	}
	folio_set(folio, PG_uptodate);
	err = filemap_add_folio(m, &inode->i_data, folio, index, gfp);
	if (err) {
		folio_put(m, folio);
		if (err != -EEXIST)
			return err;
		/*
		 * While this folio was allocated and read (both may sleep),
		 * another task brought the page in: use its folio, as
		 * filemap_fault() finds it again after -EEXIST.
		 */
		folio = filemap_get_folio(&inode->i_data, index);
		folio_get(folio);
	}
	*foliop = folio;	/* the allocation's reference is the caller's */
	return 0;
}

int filemap_fault_get(struct machine *m, struct inode *inode,
		      unsigned long index, struct mm_struct *mm,
		      struct folio **foliop, unsigned int *fault)
{
	struct folio *folio;

	if (inode->kind == INODE_SHMEM)
		return shmem_get_folio(m, inode, index, SGP_CACHE, mm, foliop,
				       fault);
	folio = filemap_get_folio(&inode->i_data, index);
	if (folio) {
		folio_get(folio);
		*foliop = folio;
		return 0;
	}
	return filemap_create_folio(m, inode, index, GFP_KERNEL, foliop, fault);
}

/*
 * filemap_fault() of a file mapping: a cached page may move readahead on;
 * a missing one is a major fault and is read around first.  Either way,
 * readahead that started I/O adds VM_FAULT_RETRY: 6.12 would redo the
 * fault (with fault-around) once the mmap lock is taken again.
 */
int filemap_fault(struct machine *m, struct vm_area_struct *vma,
		  unsigned long index, struct folio **foliop,
		  unsigned int *fault)
{
	struct inode *inode = vma->vm_file;
	struct folio *folio;
	bool io;

	if (inode->kind != INODE_DISK)
		return filemap_fault_get(m, inode, index, vma->vm_mm, foliop,
					 fault);
	folio = filemap_get_folio(&inode->i_data, index);
	if (folio) {
		io = do_async_mmap_readahead(m, vma, folio);
	} else {
		*fault |= VM_FAULT_MAJOR;
		io = do_sync_mmap_readahead(m, vma, index);
	}
	if (io)
		*fault |= VM_FAULT_RETRY;
	return filemap_fault_get(m, inode, index, vma->vm_mm, foliop, fault);
}

/*
 * filemap_get_pages(): the page at @index, read ahead as a read does; for
 * tmpfs, shmem_file_read_iter()'s SGP_READ: a hole stays one (NULL).
 */
static int filemap_read_get(struct machine *m, struct inode *inode,
			    struct file_ra_state *ra, unsigned long index,
			    unsigned long last_index, struct folio **foliop)
{
	unsigned int fault = 0;
	struct folio *folio;

	if (inode->kind == INODE_SHMEM)
		return shmem_get_folio(m, inode, index, SGP_READ, NULL, foliop,
				       &fault);
	folio = filemap_get_folio(&inode->i_data, index);
	if (!folio && ra) {
		page_cache_sync_ra(m, inode, ra, index, last_index - index);
		folio = filemap_get_folio(&inode->i_data, index);
	}
	if (folio && ra && folio_test(folio, PG_readahead))
		page_cache_async_ra(m, inode, ra, folio, last_index - index);
	return filemap_fault_get(m, inode, index, NULL, foliop, &fault);
}

/* next_uptodate_folio(): the next folio fault-around may map, or NULL. */
static struct folio *next_uptodate_folio(struct address_space *mapping,
					 unsigned long *index,
					 unsigned long end_pgoff)
{
	unsigned long max_idx = DIV_ROUND_UP(mapping->host->i_size, PAGE_SIZE);
	void *entry;

	for (; (entry = xa_find(&mapping->i_pages, index)); (*index)++) {
		struct folio *folio = entry;

		if (*index > end_pgoff || *index >= max_idx)
			return NULL;
		if (xa_is_value(entry))
			continue;	/* a shadow, or shmem's swap entry */
		if (folio_test(folio, PG_locked) ||
		    !folio_test(folio, PG_uptodate) ||
		    folio_test(folio, PG_readahead))
			continue;	/* a readahead mark is left to the fault */
		return folio;
	}
	return NULL;
}

bool filemap_map_pages(struct vm_area_struct *vma, unsigned long fault_addr,
		       unsigned long start_pgoff, unsigned long end_pgoff)
{
	struct address_space *mapping = &vma->vm_file->i_data;
	unsigned long index = start_pgoff, hits = 0;
	struct folio *folio;
	bool mapped = false;

	while ((folio = next_uptodate_folio(mapping, &index, end_pgoff))) {
		unsigned long addr = vma->vm_start +
				     ((index - vma->vm_pgoff) << PAGE_SHIFT);
		pte_t *pte = pte_lookup(vma->vm_mm, addr);

		/* pages recently evicted do not argue for readahead */
		if (!folio_test(folio, PG_workingset))
			hits++;
		/* a marker or a swap entry is left to the fault path */
		/* smemcg=borrow: only what fits without reclaim */
		if (pte && pte_none(*pte) &&
		    smemcg_map_fits(vma->vm_mm, folio)) {
			set_pte_range(vma, folio, addr, pte);
			mapped |= addr == fault_addr;
		}
		index++;
	}
	/* cache hits make up for the misses that stop mmap readahead */
	vma->vm_ra.mmap_miss -= min(hits, (unsigned long)vma->vm_ra.mmap_miss);
	return mapped;
}

long filemap_read(struct machine *m, struct inode *inode,
		  struct file_ra_state *ra, u64 pos, u64 len)
{
	u64 end = min(pos + len, inode->i_size), done = 0;
	unsigned long last_index = DIV_ROUND_UP(end, PAGE_SIZE);

	for (; pos < end; pos = (pos & PAGE_MASK) + PAGE_SIZE) {
		struct folio *folio;
		int err;

		err = filemap_read_get(m, inode, ra, pos >> PAGE_SHIFT,
				       last_index, &folio);
		if (err)
			return done ? (long)done : err;
		if (folio) {	/* NULL: a tmpfs hole, read as zeroes */
			folio_mark_accessed(m, folio);
			folio_put(m, folio);
		}
		done += min(end, (pos & PAGE_MASK) + PAGE_SIZE) - pos;
		if (fatal_signal_pending(m->current))
			break;
	}
	if (ra)
		ra->prev_pos = min(pos, end);
	return done;
}

long filemap_write(struct machine *m, struct inode *inode, u64 pos, u64 len,
		   const struct fill *fill)
{
	u64 end = pos + len, done = 0, chunk_end;

	for (; pos < end; pos = (pos & PAGE_MASK) + PAGE_SIZE) {
		unsigned long index = pos >> PAGE_SHIFT;
		unsigned int fault = 0;
		struct folio *folio;
		int err;

		err = inode_reserve_block(m, inode, index);
		if (!err && inode->kind == INODE_SHMEM)
			err = shmem_get_folio(m, inode, index, SGP_WRITE, NULL,
					      &folio, &fault);
		else if (!err)
			err = filemap_fault_get(m, inode, index, NULL, &folio,
						&fault);
		if (err)
			return done ? (long)done : err;
		frame_fill(&m->phys, folio_address(m, folio), fill,
			   ((u64)inode->i_ino << 32) ^ index);
		folio_mark_dirty(m, folio);
		folio_mark_accessed(m, folio);
		folio_put(m, folio);
		chunk_end = min(end, (pos & PAGE_MASK) + PAGE_SIZE);
		done += chunk_end - pos;
		if (chunk_end > inode->i_size)
			inode->i_size = chunk_end;
		balance_dirty_pages_ratelimited(m);
		if (fatal_signal_pending(m->current))
			break;
	}
	return done;
}

/*
 * mapping_seek_hole_data(): SEEK_DATA or SEEK_HOLE from @start over the
 * entries of @xa below @end (bytes).  Every entry is data: a page of the
 * page cache, a shmem page in swap (or a poisoned slot), a disk block.
 * -ENXIO when there is no data at or after @start; a hole at @end.
 */
long long mapping_seek_hole_data(const struct xarray *xa, u64 start, u64 end,
				 bool seek_data)
{
	unsigned long index = start >> PAGE_SHIFT;
	u64 pos;

	if (end <= start)
		return -ENXIO;
	while (xa_find(xa, &index) && index <= (end - 1) >> PAGE_SHIFT) {
		pos = (u64)index << PAGE_SHIFT;
		if (start < pos) {
			if (!seek_data)
				break;
			start = pos;
		}
		if (seek_data)
			return start;
		start = pos + PAGE_SIZE;
		if (start >= end)
			break;
		index++;
	}
	if (seek_data)
		return -ENXIO;
	return start > end ? end : start;
}
