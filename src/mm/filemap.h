/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page cache (mm/filemap.c, mm/truncate.c, mm/page-writeback.c) and
 * shmem (mm/shmem.c).
 */
#ifndef MEMCGLAB_MM_FILEMAP_H
#define MEMCGLAB_MM_FILEMAP_H

#include "include/machine.h"
#include "sim/content.h"
#include "include/mm_types.h"
#include "include/gfp.h"

struct folio *filemap_get_folio(struct address_space *mapping,
				unsigned long index);
/* Charge @folio to the current task's memcg and insert it. */
int filemap_add_folio(struct machine *m, struct address_space *mapping,
		      struct folio *folio, unsigned long index, gfp_t gfp);
/* Take a folio out of the page cache and drop the cache's reference. */
void filemap_remove_folio(struct machine *m, struct folio *folio);
/* Truncation of a disk file's pages (shmem has shmem_truncate_range). */
void truncate_inode_pages(struct machine *m, struct address_space *mapping,
			  u64 lstart);
/* Pages [@first, @end) of a disk file leave the cache. */
void truncate_inode_pages_range(struct machine *m,
				struct address_space *mapping,
				unsigned long first, unsigned long end);
/* Unmap @folio everywhere and take it out of the page cache. */
void truncate_inode_folio(struct machine *m, struct address_space *mapping,
			  struct folio *folio);

/*
 * The folio at @index for a fault by @mm, with a reference, read in or
 * created as needed.  VM_FAULT_MAJOR is or'ed into *fault if it took I/O.
 */
/*
 * Fault-around (filemap_map_pages()): map into @vma every page of
 * [@start_pgoff, @end_pgoff] that is in the page cache, uptodate, unlocked
 * and inside i_size, where the PTE is empty.  True if that mapped
 * @fault_addr.
 */
bool filemap_map_pages(struct vm_area_struct *vma, unsigned long fault_addr,
		       unsigned long start_pgoff, unsigned long end_pgoff);
int filemap_fault_get(struct machine *m, struct inode *inode,
		      unsigned long index, struct mm_struct *mm,
		      struct folio **foliop, unsigned int *fault);

/* Bring a disk file's page in (no readahead), with a reference. */
int filemap_create_folio(struct machine *m, struct inode *inode,
			 unsigned long index, gfp_t gfp, struct folio **foliop,
			 unsigned int *fault);
/* A fault on a file mapping: readahead, major faults, then the folio. */
int filemap_fault(struct machine *m, struct vm_area_struct *vma,
		  unsigned long index, struct folio **foliop,
		  unsigned int *fault);

/* lseek SEEK_DATA (@seek_data) or SEEK_HOLE over @xa's pages below @end. */
long long mapping_seek_hole_data(const struct xarray *xa, u64 start, u64 end,
				 bool seek_data);

/*
 * read(2) and write(2) through the page cache; bytes done or -errno.
 * @ra is the open file's readahead state (NULL: none).
 */
long filemap_read(struct machine *m, struct inode *inode,
		  struct file_ra_state *ra, u64 pos, u64 len);
long filemap_write(struct machine *m, struct inode *inode, u64 pos, u64 len,
		   const struct fill *fill);

void folio_mark_dirty(struct machine *m, struct folio *folio);
/* The folio's content was written to the disk: clean it. */
void folio_clear_dirty_for_io(struct machine *m, struct folio *folio);

/* shmem.c: what mm/ alone calls (the rest is in include/shmem_fs.h) */
/* A shmem page left the page cache without going to swap. */
void shmem_uncharge(struct machine *m, struct inode *inode);
/* MADV_WILLNEED: read the swapped pages of [@start, @end) into the swap cache. */
void shmem_swapin_range(struct machine *m, struct address_space *mapping,
			unsigned long start, unsigned long end);

/* readahead.c */
void file_ra_state_init(struct file_ra_state *ra);
void page_cache_sync_ra(struct machine *m, struct inode *inode,
			struct file_ra_state *ra, unsigned long index,
			unsigned long req_count);
/* MADV_WILLNEED's readahead of @nr pages from @index (fadvise's). */
void force_page_cache_ra(struct machine *m, struct inode *inode,
			 struct file_ra_state *ra, unsigned long index,
			 unsigned long nr);
void page_cache_async_ra(struct machine *m, struct inode *inode,
			 struct file_ra_state *ra, struct folio *folio,
			 unsigned long req_count);
/*
 * A fault's readahead; true if it started I/O, for which 6.12 drops the
 * mmap lock and has the fault retried (VM_FAULT_RETRY).
 */
bool do_sync_mmap_readahead(struct machine *m, struct vm_area_struct *vma,
			    unsigned long index);
bool do_async_mmap_readahead(struct machine *m, struct vm_area_struct *vma,
			     struct folio *folio);

/* page-writeback.c */
/* Start writing a dirty folio to the disk; it completes later. */
int writeback_folio(struct machine *m, struct folio *folio);
/* PG_writeback (and a reference) while a folio's write is in flight */
void folio_start_writeback(struct machine *m, struct folio *folio);
void folio_end_writeback(struct machine *m, struct folio *folio);
/* filemap.c: reclaim takes @folio out of the page cache, leaving @shadow. */
void filemap_remove_folio_shadow(struct machine *m, struct folio *folio,
				 void *shadow);
#endif
