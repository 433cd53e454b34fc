/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct folio, struct mm_struct, struct vm_area_struct and friends
 * (include/linux/mm_types.h, page-flags.h, fs.h).
 *
 * Every folio is a single 4 KiB page: the model does not allocate large
 * folios (Debian 6.12 runs THP in "madvise" mode and the scenarios never ask
 * for huge pages).  struct folio is the frame's metadata and is kept at 64
 * bytes, like struct page; its bytes live in the node's arena.
 */
#ifndef MEMCGLAB_INCLUDE_MM_TYPES_H
#define MEMCGLAB_INCLUDE_MM_TYPES_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "lib/xarray.h"
#include "include/pgtable.h"

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_reserved,
	PG_writeback,
	PG_swapbacked,		/* anon or shmem: reclaimed to swap */
	PG_unevictable,
	PG_mlocked,
	PG_reclaim,
	PG_swapcache,
	PG_anon_exclusive,
	PG_buddy,		/* free, on the node's free list */
	PG_pgtable,		/* holds a page table */
	PG_kmem,		/* charged as kernel memory (memcg_data) */
	PG_slab,		/* a slab: private points at its struct slab */
	__NR_PAGEFLAGS
};

/* As in the kernel, readahead's mark shares the bit of PG_reclaim. */
#define PG_readahead	PG_reclaim

/* The node id sits in the top byte of flags, as NODES_PGSHIFT does. */
#define FOLIO_NID_SHIFT	56

struct folio {
	unsigned long flags;
	union {
		struct list_head lru;	/* LRU list, or the free list */
		/*
		 * On the unevictable "list", which is no list: how many
		 * mlocked mappings mlock has counted (mm/mlock.c).
		 */
		struct {
			void *__filler;
			unsigned int mlock_count;
		};
	};
	void *mapping;			/* address_space, or anon_vma | 1 */
	unsigned long index;		/* page offset in mapping / vma */
	unsigned long private;		/* swap entry while in the swap cache */
	int _mapcount;			/* -1: not mapped */
	int _refcount;
	unsigned long memcg_data;	/* struct mem_cgroup *, or objcg | KMEM */
};

_Static_assert(sizeof(struct folio) == 64, "frame metadata must stay 64 bytes");

static inline bool folio_test(const struct folio *f, enum pageflags b)
{
	return f->flags & BIT(b);
}

static inline void folio_set(struct folio *f, enum pageflags b)
{
	f->flags |= BIT(b);
}

static inline void folio_clear(struct folio *f, enum pageflags b)
{
	f->flags &= ~BIT(b);
}

static inline bool folio_test_clear(struct folio *f, enum pageflags b)
{
	bool was = folio_test(f, b);

	folio_clear(f, b);
	return was;
}

static inline int folio_nid(const struct folio *f)
{
	return f->flags >> FOLIO_NID_SHIFT;
}

#define PAGE_MAPPING_ANON	0x1UL

static inline bool folio_test_anon(const struct folio *f)
{
	return (unsigned long)f->mapping & PAGE_MAPPING_ANON;
}

static inline struct anon_vma *folio_anon_vma(const struct folio *f)
{
	if (!folio_test_anon(f))
		return NULL;
	return (struct anon_vma *)((unsigned long)f->mapping & ~PAGE_MAPPING_ANON);
}

static inline struct address_space *folio_mapping(const struct folio *f)
{
	if (folio_test_anon(f))
		return NULL;
	return f->mapping;
}

static inline int folio_mapcount(const struct folio *f)
{
	return f->_mapcount + 1;
}

static inline bool folio_mapped(const struct folio *f)
{
	return f->_mapcount >= 0;
}

static inline void folio_get(struct folio *f)
{
	f->_refcount++;
}

/* Each FOLL_PIN adds this to the refcount of a small folio. */
#define GUP_PIN_COUNTING_BIAS	1024

/* May a DMA pin hold @f?  (Ordinary references rarely reach the bias.) */
static inline bool folio_maybe_dma_pinned(const struct folio *f)
{
	return f->_refcount >= GUP_PIN_COUNTING_BIAS;
}

static inline bool folio_is_file_lru(const struct folio *f)
{
	return !folio_test(f, PG_swapbacked);
}

/* ---- address spaces, inodes, files ---- */

struct address_space_operations;

struct address_space {
	struct inode *host;
	struct xarray i_pages;		/* folios and shadow entries by index */
	unsigned long nrpages;
	struct list_head i_mmap;	/* VMAs mapping this file (rmap) */
	const struct address_space_operations *a_ops;
	unsigned long flags;		/* AS_* */
};

/* address_space.flags (include/linux/pagemap.h) */
#define AS_UNEVICTABLE	3	/* SHM_LOCK, a noswap tmpfs: never reclaimed */

static inline void mapping_set_unevictable(struct address_space *mapping)
{
	mapping->flags |= BIT(AS_UNEVICTABLE);
}

static inline void mapping_clear_unevictable(struct address_space *mapping)
{
	mapping->flags &= ~BIT(AS_UNEVICTABLE);
}

static inline bool mapping_unevictable(const struct address_space *mapping)
{
	return mapping && (mapping->flags & BIT(AS_UNEVICTABLE));
}

enum inode_kind {
	INODE_DISK,			/* a file on the simulated disk */
	INODE_SHMEM,			/* tmpfs, /dev/shm, memfd */
};

struct super_block;

struct mem_cgroup;

struct inode {
	unsigned long i_ino;
	enum inode_kind kind;
	unsigned int i_uid;		/* its owner: who created it */
	unsigned short i_mode;		/* permission bits (0644 for files) */
	char *path;			/* NULL for memfd */
	u64 i_size;
	int i_count;			/* open files, mappings and the dentry */
	bool unlinked;
	struct address_space i_data;
	struct super_block *i_sb;
	struct list_head i_sb_list;
	/* disk files: block of each written-back page, by index */
	struct xarray blocks;
	u64 dirtied_when;		/* virtual ns of the first dirtying; 0 clean */
	/* the memcg whose writeback owns the inode (i_wb), with a css ref */
	struct mem_cgroup *i_wb;
};

/* ---- anonymous memory reverse map ---- */

/*
 * An anon_vma collects the VMAs that may map a folio first faulted into one
 * of them (mm/rmap.c).  A fork links the child's VMA into every anon_vma of
 * the parent's VMA and gives it a new one for its own faults.
 */
struct anon_vma {
	struct anon_vma *root;
	int refcount;
	struct list_head chain;		/* anon_vma_chain.same_anon_vma */
};

struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;	/* on vma->anon_vma_chain */
	struct list_head same_anon_vma;	/* on anon_vma->chain */
};

/* ---- address spaces of processes ---- */

#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYWRITE	0x00000020UL
#define VM_UFFD_MISSING	0x00000200UL	/* registered for missing faults */
#define VM_UFFD_WP	0x00001000UL	/* registered for write-protect */
#define VM_LOCKED	0x00002000UL
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_SOFTDIRTY	0x08000000UL	/* not written since clear_refs */

enum vma_kind {
	VMA_ANON,
	VMA_FILE,
	VMA_SHMEM,
};

struct mm_struct;

/*
 * A file's readahead state (include/linux/fs.h): one per open file, and
 * one per file mapping (its struct file's).
 */
struct file_ra_state {
	unsigned long start;		/* the current window */
	unsigned int size;
	unsigned int async_size;	/* start the next one this far from its end */
	unsigned int ra_pages;		/* the largest window */
	unsigned int mmap_miss;		/* page-cache misses of faults */
	long long prev_pos;		/* where the last read ended; -1 none */
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_flags;
	unsigned long vm_pgoff;		/* file offset, or vm_start >> PAGE_SHIFT */
	enum vma_kind kind;
	struct inode *vm_file;		/* file and shmem mappings */
	struct file_ra_state vm_ra;	/* the mapped file's f_ra */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_chain;
	struct list_head vm_list;	/* mm->mmap, sorted by address */
	struct list_head shared;	/* vm_file->i_data.i_mmap */
	struct mm_struct *vm_mm;
	struct userfaultfd_ctx *vm_userfaultfd_ctx;	/* its registration */
	char *name;			/* the scenario's region name */
	/* swap readahead (swap_readahead_info): the last fault, the window
	 * read around it, and the readahead pages hit since */
	unsigned long swap_ra_addr;
	unsigned int swap_ra_win, swap_ra_hits;
};

enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

struct task_struct;

struct mm_struct {
	struct list_head mmap;		/* VMAs by address */
	unsigned long mmap_base;	/* top-down allocation cursor */
	unsigned long pgd;		/* pfn of the top-level table */
	/*
	 * The PTE table the last walk reached, keyed by the 2 MiB it maps
	 * ((addr >> PMD_SHIFT) + 1; 0: none): the model's one-entry TLB for
	 * its own walks, as every access goes through the tables in real
	 * frames.  Emptied whenever a table of the mm is freed.
	 */
	unsigned long pte_cache_key;
	pte_t *pte_cache;
	long rss_stat[NR_MM_COUNTERS];
	long pgtables_bytes;
	int mm_users;
	struct task_struct *owner;	/* whose memcg pays (mm->owner) */
	struct machine *machine;
	unsigned long total_vm;
	unsigned long locked_vm;
	/* pages long-term pinned by drivers that count here (VmPin) */
	unsigned long pinned_vm;
	/* references to the struct (mmgrab()); the users hold one */
	int mm_count;
	/* pins=cgroup: the pins cgroup mlock's locked_vm is charged to */
	struct cgroup_subsys_state *pins_css;
	unsigned long hiwater_rss;	/* peak RSS seen at the last unmap */
	unsigned long flags;		/* MMF_* */
	/* smemcg: what it maps of each smemcg (struct smemcg_mm_map) */
	struct list_head smemcg_maps;
};

struct cgroup_subsys_state;

/* mm_struct.flags */
#define MMF_HAS_PINNED	BIT(27)		/* a page was ever pinned (FOLL_PIN) */

static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] +
	       mm->rss_stat[MM_SHMEMPAGES];
}

/* The peak is taken where RSS is about to drop: unmap, zap, reclaim. */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	if (mm->hiwater_rss < get_mm_rss(mm))
		mm->hiwater_rss = get_mm_rss(mm);
}

static inline void reset_mm_hiwater_rss(struct mm_struct *mm)
{
	mm->hiwater_rss = get_mm_rss(mm);
}

static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	return max(mm->hiwater_rss, get_mm_rss(mm));
}

#endif
