// SPDX-License-Identifier: GPL-2.0
/*
 * File readahead (mm/readahead.c, and the mmap readahead of mm/filemap.c).
 *
 * A read that misses the page cache starts a window: 4, 2 or 1 times the
 * request rounded up to a power of two, at most ra_pages (128 KiB, the
 * default read_ahead_kb), when it starts the file or follows the last
 * read; otherwise as long as the run of cached pages before it, or just
 * the request.  The page async_size before the window's end carries
 * PG_readahead; reading it moves the window on, four times then twice as
 * large, up to ra_pages, before the reader needs it.  A fault that misses
 * reads around it (ra_pages centred on it, the mark a quarter from the
 * end); a fault on a marked page moves on as a read does.  Windows stop
 * at the end of the file.  Readahead pages are charged to the reader's
 * memcg with __GFP_NORETRY, so at memory.max readahead stops instead of
 * reclaiming hard.
 *
 * MADV_WILLNEED forces readahead of its range, up to the disk's io_pages
 * (the largest request it takes) or ra_pages, whichever is more.
 *
 * Where it differs: order-0 folios only (ext4 on 6.12 has no large
 * folios), a read(2) beyond ra_pages is not widened to io_pages, no
 * FMODE_RANDOM, VM_SEQ_READ or VM_RAND_READ (no fadvise or madvise
 * hints), no blk-cgroup congestion.
 */
#include "filemap.h"

#include "lib/bitops.h"
#include "include/fs.h"
#include "mm/swap.h"

#define VM_READAHEAD_PAGES	((128 << 10) / PAGE_SIZE)
/*
 * bdi->io_pages of the disk, its queue's max_sectors_kb in pages: 1280 KiB
 * for the kernel backend's virtio-blk disk (read in the guest).
 */
#define BDI_IO_PAGES		((1280 << 10) / PAGE_SIZE)
#define MMAP_LOTSAMISS		100

void file_ra_state_init(struct file_ra_state *ra)
{
	ra->ra_pages = VM_READAHEAD_PAGES;
	ra->prev_pos = -1;
}

/*
 * page_cache_ra_unbounded(): bring in what of @nr pages from @index is
 * not cached, marking the page @lookahead before the end.  A page that
 * cannot be had (memory.max) ends it.
 */
static void ra_unbounded(struct machine *m, struct inode *inode,
			 unsigned long index, unsigned long nr,
			 unsigned long lookahead)
{
	unsigned long mark = nr - lookahead, i;

	for (i = 0; i < nr; i++) {
		struct folio *folio;
		unsigned int fault = 0;

		if (filemap_get_folio(&inode->i_data, index + i))
			continue;
		if (filemap_create_folio(m, inode, index + i,
					 GFP_KERNEL | __GFP_NORETRY, &folio,
					 &fault))
			break;
		if (i == mark)
			folio_set(folio, PG_readahead);
		folio_put(m, folio);
	}
}

/* do_page_cache_ra(): the window, cut at the end of the file */
static void do_page_cache_ra(struct machine *m, struct inode *inode,
			     unsigned long index, unsigned long nr,
			     unsigned long lookahead)
{
	unsigned long end_index;

	if (!inode->i_size)
		return;
	end_index = (inode->i_size - 1) >> PAGE_SHIFT;
	if (index > end_index)
		return;
	if (nr > end_index - index)
		nr = end_index - index + 1;
	ra_unbounded(m, inode, index, nr, lookahead);
}

static void ra_submit(struct machine *m, struct inode *inode,
		      struct file_ra_state *ra)
{
	do_page_cache_ra(m, inode, ra->start, ra->size, ra->async_size);
}

/*
 * force_page_cache_ra(): read @nr pages from @index whatever the window,
 * at most io_pages or ra_pages, 2 MiB at a time.  No PG_readahead mark.
 */
void force_page_cache_ra(struct machine *m, struct inode *inode,
			 struct file_ra_state *ra, unsigned long index,
			 unsigned long nr)
{
	nr = min(nr, max(BDI_IO_PAGES, ra->ra_pages));
	while (nr) {
		unsigned long chunk = min(nr, (2UL << 20) / PAGE_SIZE);

		do_page_cache_ra(m, inode, index, chunk, 0);
		index += chunk;
		nr -= chunk;
	}
}

static unsigned long get_init_ra_size(unsigned long size, unsigned long max)
{
	unsigned long newsize = roundup_pow_of_two(size);

	if (newsize <= max / 32)
		return newsize * 4;
	if (newsize <= max / 4)
		return newsize * 2;
	return max;
}

static unsigned long get_next_ra_size(const struct file_ra_state *ra,
				      unsigned long max)
{
	if (ra->size < max / 16)
		return 4 * ra->size;
	if (ra->size <= max / 2)
		return 2 * ra->size;
	return max;
}

/* page_cache_prev_miss(): the first hole at or before @index */
static unsigned long prev_miss(struct inode *inode, unsigned long index,
			       unsigned long max_scan)
{
	while (max_scan--) {
		if (!filemap_get_folio(&inode->i_data, index))
			return index;
		if (!index)
			return ULONG_MAX;
		index--;
	}
	return index;
}

/* page_cache_next_miss(): the first hole at or after @index */
static unsigned long next_miss(struct inode *inode, unsigned long index,
			       unsigned long max_scan)
{
	while (max_scan--) {
		if (!filemap_get_folio(&inode->i_data, index))
			return index;
		if (++index == 0)
			return 0;
	}
	return index;
}

/* page_cache_sync_ra(): @index is not cached; @req_count pages wanted */
void page_cache_sync_ra(struct machine *m, struct inode *inode,
			struct file_ra_state *ra, unsigned long index,
			unsigned long req_count)
{
	unsigned long max_pages = ra->ra_pages, prev_index, miss, contig;

	if (!ra->ra_pages)
		return;
	prev_index = (unsigned long long)ra->prev_pos >> PAGE_SHIFT;
	if (!index || req_count > max_pages || index - prev_index <= 1UL) {
		ra->start = index;
		ra->size = get_init_ra_size(req_count, max_pages);
		ra->async_size = ra->size > req_count ? ra->size - req_count :
							ra->size >> 1;
		ra_submit(m, inode, ra);
		return;
	}
	/* a read that continues cached pages is sequential too */
	miss = prev_miss(inode, index - 1, max_pages);
	contig = index - miss - 1;
	if (contig <= req_count) {
		do_page_cache_ra(m, inode, index, req_count, 0);
		return;
	}
	if (miss == ULONG_MAX)
		contig *= 2;
	ra->start = index;
	ra->size = min(contig + req_count, max_pages);
	ra->async_size = 1;
	ra_submit(m, inode, ra);
}

/* page_cache_async_ra(): the reader reached @folio, marked PG_readahead */
void page_cache_async_ra(struct machine *m, struct inode *inode,
			 struct file_ra_state *ra, struct folio *folio,
			 unsigned long req_count)
{
	unsigned long max_pages = ra->ra_pages, index = folio->index, start;

	if (!ra->ra_pages || folio_test(folio, PG_writeback))
		return;
	folio_clear(folio, PG_readahead);
	if (index == ra->start + ra->size - ra->async_size) {
		ra->start += ra->size;
		ra->size = max(ra->size, get_next_ra_size(ra, max_pages));
		ra->async_size = ra->size;
		ra_submit(m, inode, ra);
		return;
	}
	/* a mark of another reader's window: continue after the cached run */
	start = next_miss(inode, index + 1, max_pages);
	if (!start || start - index > max_pages)
		return;
	ra->start = start;
	ra->size = start - index + req_count;
	ra->size = get_next_ra_size(ra, max_pages);
	ra->async_size = ra->size;
	ra_submit(m, inode, ra);
}

/* do_sync_mmap_readahead(): a fault missed; read around it */
bool do_sync_mmap_readahead(struct machine *m, struct vm_area_struct *vma,
			    unsigned long index)
{
	struct file_ra_state *ra = &vma->vm_ra;

	if (!ra->ra_pages)
		return false;
	if (ra->mmap_miss < MMAP_LOTSAMISS * 10)
		ra->mmap_miss++;
	if (ra->mmap_miss > MMAP_LOTSAMISS)
		return false;
	ra->start = index > ra->ra_pages / 2 ? index - ra->ra_pages / 2 : 0;
	ra->size = ra->ra_pages;
	ra->async_size = ra->ra_pages / 4;
	ra_submit(m, vma->vm_file, ra);
	return true;
}

/* do_async_mmap_readahead(): a fault found the page cached */
bool do_async_mmap_readahead(struct machine *m, struct vm_area_struct *vma,
			     struct folio *folio)
{
	struct file_ra_state *ra = &vma->vm_ra;

	if (!ra->ra_pages)
		return false;
	if (ra->mmap_miss)
		ra->mmap_miss--;
	if (!folio_test(folio, PG_readahead))
		return false;
	page_cache_async_ra(m, vma->vm_file, ra, folio, ra->ra_pages);
	return true;
}
