// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/kpagecount, /proc/kpageflags and /proc/kpagecgroup (fs/proc/
 * page.c): one 64-bit entry per page frame, at offset PFN * 8.  Offsets
 * and lengths that are not multiples of 8 are EINVAL; a read past the
 * last frame reads nothing.
 *
 * kpagecount is the page's mapcount; kpagecgroup the inode number of the
 * memcg it is charged to (its nearest online ancestor if it went offline,
 * 0 for none); kpageflags the stable flags of Documentation/admin-guide/
 * mm/pagemap.rst, from the folio's flags as stable_page_flags() makes
 * them, including 6.12's quirk that every anonymous page shows KPF_KSM
 * (it tests mapping & PAGE_MAPPING_KSM, which has the anon bit in it).
 * The kernel-internal bits past 31 that the model can say are there too:
 * RESERVED, MLOCKED, OWNER_2 (anon-exclusive), OWNER_PRIVATE (swap cache).
 */
#include "fs/proc.h"
#include "fs/proc/internal.h"

#include <errno.h>

#include "include/kernfs.h"
#include "include/memory_model.h"
#include "mm/memcontrol.h"

#define KPMSIZE		sizeof(u64)

enum {
	KPF_LOCKED = 0, KPF_REFERENCED = 2, KPF_UPTODATE = 3, KPF_DIRTY = 4,
	KPF_LRU = 5, KPF_ACTIVE = 6, KPF_SLAB = 7, KPF_WRITEBACK = 8,
	KPF_RECLAIM = 9, KPF_BUDDY = 10, KPF_MMAP = 11, KPF_ANON = 12,
	KPF_SWAPCACHE = 13, KPF_SWAPBACKED = 14, KPF_UNEVICTABLE = 18,
	KPF_NOPAGE = 20, KPF_KSM = 21, KPF_ZERO_PAGE = 24, KPF_PGTABLE = 26,
	KPF_RESERVED = 32, KPF_MLOCKED = 33, KPF_OWNER_2 = 34,
	KPF_OWNER_PRIVATE = 37,
};

/* folio flag -> kpageflags bit, copied as they are */
static const struct { enum pageflags pg; int kpf; } kpf_copy[] = {
	{ PG_locked, KPF_LOCKED }, { PG_dirty, KPF_DIRTY },
	{ PG_uptodate, KPF_UPTODATE }, { PG_writeback, KPF_WRITEBACK },
	{ PG_lru, KPF_LRU }, { PG_referenced, KPF_REFERENCED },
	{ PG_active, KPF_ACTIVE }, { PG_reclaim, KPF_RECLAIM },
	{ PG_swapbacked, KPF_SWAPBACKED }, { PG_unevictable, KPF_UNEVICTABLE },
	{ PG_mlocked, KPF_MLOCKED }, { PG_reserved, KPF_RESERVED },
	{ PG_anon_exclusive, KPF_OWNER_2 }, { PG_swapcache, KPF_OWNER_PRIVATE },
	{ PG_buddy, KPF_BUDDY }, { PG_pgtable, KPF_PGTABLE }, { PG_slab, KPF_SLAB },
};

u64 stable_page_flags(struct machine *m, unsigned long pfn)
{
	struct folio *folio = pfn_folio(m, pfn);
	u64 u = 0;
	size_t i;

	if (!folio)
		return BIT(KPF_NOPAGE);
	if (folio_mapped(folio))
		u |= BIT(KPF_MMAP);
	if (folio_test_anon(folio))
		u |= BIT(KPF_ANON) | BIT(KPF_KSM);
	if (pfn == m->zero_pfn)
		u |= BIT(KPF_ZERO_PAGE);
	if (folio_test(folio, PG_swapbacked) && folio_test(folio, PG_swapcache))
		u |= BIT(KPF_SWAPCACHE);
	for (i = 0; i < ARRAY_SIZE(kpf_copy); i++)
		if (folio_test(folio, kpf_copy[i].pg))
			u |= BIT(kpf_copy[i].kpf);
	return u;
}

u64 kpagecount_of(struct machine *m, unsigned long pfn)
{
	struct folio *folio = pfn_folio(m, pfn);

	if (!folio || folio_test(folio, PG_buddy) || pfn == m->zero_pfn)
		return 0;
	return folio_mapcount(folio) > 0 ? folio_mapcount(folio) : 0;
}

u64 kpagecgroup_of(struct machine *m, unsigned long pfn)
{
	struct folio *folio = pfn_folio(m, pfn);

	return folio ? page_cgroup_ino(folio) : 0;
}

static long kpage_read(struct machine *m, void *buf, size_t count, u64 pos,
		       u64 (*entry)(struct machine *, unsigned long))
{
	u64 *out = buf, pfn = pos / KPMSIZE, max_pfn = m->phys.nr_pages;
	size_t i;

	if (pos % KPMSIZE || count % KPMSIZE)
		return -EINVAL;
	if (pfn >= max_pfn)
		return 0;
	count = min((u64)count / KPMSIZE, max_pfn - pfn);
	for (i = 0; i < count; i++)
		out[i] = entry(m, pfn + i);
	return count * KPMSIZE;
}

static long kpagecount_read(struct kernfs_open_file *of, void *buf,
			    size_t count, u64 pos)
{
	return kpage_read(of->machine, buf, count, pos, kpagecount_of);
}

static long kpageflags_read(struct kernfs_open_file *of, void *buf,
			    size_t count, u64 pos)
{
	return kpage_read(of->machine, buf, count, pos, stable_page_flags);
}

static long kpagecgroup_read(struct kernfs_open_file *of, void *buf,
			     size_t count, u64 pos)
{
	return kpage_read(of->machine, buf, count, pos, kpagecgroup_of);
}

static const struct cftype kpage_files[] = {
	{ .name = "kpagecount", .read = kpagecount_read },
	{ .name = "kpageflags", .read = kpageflags_read },
	{ .name = "kpagecgroup", .read = kpagecgroup_read },
	{ }	/* terminate */
};

int proc_page_init(struct machine *m)
{
	return proc_create_files(m, kpage_files);
}
