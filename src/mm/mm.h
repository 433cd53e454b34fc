/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address spaces and faults (include/linux/mm.h): what processes do to
 * memory.  Implemented across mmap.c, memory.c, rmap.c, filemap.c and
 * shmem.c, as in the kernel.
 */
#ifndef MEMCGLAB_MM_MM_H
#define MEMCGLAB_MM_MM_H

#include "include/machine.h"
#include "include/mm_types.h"
#include "include/gfp.h"

/* fault flags and results (VM_FAULT_*) */
#define FAULT_FLAG_WRITE	0x01u

#define VM_FAULT_OOM		0x0001u
#define VM_FAULT_SIGBUS		0x0002u
#define VM_FAULT_MAJOR		0x0004u
#define VM_FAULT_HWPOISON	0x0010u
#define VM_FAULT_SIGSEGV	0x0040u
#define VM_FAULT_RETRY		0x0400u
#define VM_FAULT_ERROR	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
			 VM_FAULT_HWPOISON)

/* Soft-dirty tracking is on for a VMA once clear_refs took VM_SOFTDIRTY. */
static inline bool vma_soft_dirty_enabled(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_SOFTDIRTY);
}

/* A PTE that must stay read-only so that its next write sets soft-dirty. */
static inline bool pte_needs_soft_dirty_wp(const struct vm_area_struct *vma,
					   pte_t pte)
{
	return vma_soft_dirty_enabled(vma) && !(pte & _PAGE_SOFT_DIRTY);
}

/* ---- mmap.c ---- */
struct mm_struct *mm_alloc(struct machine *m, struct task_struct *owner);
void mmput(struct mm_struct *mm);
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);

/* ---- util.c: RLIMIT_MEMLOCK accounting of locked_vm ---- */
int __account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc,
			struct task_struct *task, bool bypass_rlim);
int account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc);

/*
 * pins=cgroup: the series' struct vm_account, a pinning driver's record
 * of whom it charged (util.c).  Flags: distinct bits (the posted enum
 * gave TASK and BYPASS the same value).
 */
#define VM_ACCOUNT_TASK		BIT(0)	/* mm->pinned_vm, rlimit-checked */
#define VM_ACCOUNT_USER		BIT(1)	/* user->locked_vm checked, pinned_vm */
#define VM_ACCOUNT_BYPASS	BIT(2)	/* no rlimit (CAP_IPC_LOCK at init) */
struct pins_cgroup;
struct user_struct;
struct vm_account {
	struct task_struct *task;
	struct mm_struct *mm;		/* mmgrab()bed */
	struct user_struct *user;
	unsigned int flags;
	struct pins_cgroup *pins_cg;	/* captured at init, referenced */
};
void vm_account_init(struct vm_account *acct, struct task_struct *task,
		     unsigned int flags);
void vm_account_release(struct vm_account *acct);
int vm_account_pinned(struct vm_account *acct, unsigned long pages);
void vm_unaccount_pinned(struct vm_account *acct, unsigned long pages);

/* ---- gup.c: FOLL_PIN ---- */
#define FOLL_WRITE	0x01	/* the pin will write: break COW first */
#define FOLL_LONGTERM	0x100	/* a driver keeps it for an unbounded time */
long pin_user_pages_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long nr_pages, unsigned int gup_flags,
			struct folio **folios);
void unpin_user_pages(struct machine *m, struct folio **folios,
		      unsigned long nr);
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);
/* Map @len bytes; returns 0 and the VMA, or a negative errno. */
int do_mmap(struct mm_struct *mm, const char *name, enum vma_kind kind,
	    struct inode *inode, u64 len, bool shared,
	    struct vm_area_struct **vmap);
int do_munmap(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *find_vma_by_name(struct mm_struct *mm, const char *name);

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline unsigned long linear_page_index(const struct vm_area_struct *vma,
					      unsigned long addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* The RSS counter of @folio's kind (mm_counter()). */
static inline void mm_counter_add(struct mm_struct *mm, struct folio *folio, long n)
{
	int member = MM_FILEPAGES;

	if (folio_test_anon(folio))
		member = MM_ANONPAGES;
	else if (folio_test(folio, PG_swapbacked))
		member = MM_SHMEMPAGES;
	mm->rss_stat[member] += n;
}

/* ---- memory.c ---- */
int pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm);
void free_pgd_range(struct mm_struct *mm, unsigned long floor,
		    unsigned long ceiling);
/* The walk from the top-level table (pgtable-generic.c). */
pte_t *pte_walk(struct mm_struct *mm, unsigned long addr, bool alloc);

/* The PTE slot of @addr if it is in the PTE table the last walk reached. */
static inline pte_t *pte_cached(struct mm_struct *mm, unsigned long addr)
{
	if (mm->pte_cache_key != (addr >> PMD_SHIFT) + 1)
		return NULL;
	return &mm->pte_cache[(addr >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
}

/* The PTE slot of @addr, or NULL where there is no PTE table. */
static inline pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_cached(mm, addr);

	return pte ? pte : pte_walk(mm, addr, false);
}

/* The PTE slot of @addr, allocating page tables as needed; NULL: ENOMEM. */
static inline pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_cached(mm, addr);

	return pte ? pte : pte_walk(mm, addr, true);
}
/* The folio mapped at @addr, or NULL (none, swapped, the zero page). */
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr);
int copy_present_page(struct vm_area_struct *dst_vma,
		      struct vm_area_struct *src_vma, unsigned long addr,
		      pte_t *dst, struct folio *src);
unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr,
			     unsigned int flags);
/*
 * What an unmap zaps (struct zap_details): only the PTEs of @single_folio
 * if set; private copies (anon folios in file VMAs) and swap entries only
 * if @even_cows; markers only with ZAP_FLAG_DROP_MARKER.
 */
#define ZAP_FLAG_DROP_MARKER	BIT(0)
#define ZAP_FLAG_UNMAP		BIT(1)

struct zap_details {
	struct folio *single_folio;
	bool even_cows;
	unsigned int zap_flags;
};

/* ---- memory_range.c ---- */
/* MADV_DONTNEED's zap of [@start, @end): no details, markers of file VMAs stay. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end);
/* munmap's and exit's: the whole VMA, markers and private copies too. */
void unmap_vma(struct vm_area_struct *vma);
void zap_page_range_details(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, const struct zap_details *details);
/* Zap file pages [@first, @first + @nr) (@nr 0: to the end) in every VMA. */
void unmap_mapping_range(struct address_space *mapping, unsigned long first,
			 unsigned long nr, bool even_cows);
/* Zap every PTE that maps page-cache @folio (truncation of one folio). */
void unmap_mapping_folio(struct machine *m, struct folio *folio);
/* Map page-cache @folio at @addr (@pte) for a read fault (fault-around). */
void set_pte_range(struct vm_area_struct *vma, struct folio *folio,
		   unsigned long addr, pte_t *pte);
/* Set fault_around_bytes to 64 KiB and register its debugfs file. */
int fault_around_debugfs(struct machine *m);
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src);
/* A cleared PTE of a uffd-wp file VMA keeps its protection in a marker. */
bool pte_install_uffd_wp_if_needed(struct vm_area_struct *vma, pte_t *pte,
				   pte_t pteval);

/*
 * A user access to one page, as the CPU makes it: fault in if needed, set
 * the accessed (and dirty) bits.  *pagep is the page's bytes on success.
 * Returns 0, or the VM_FAULT_* error bits.
 */
unsigned int user_access(struct vm_area_struct *vma, unsigned long addr,
			 bool write, u8 **pagep);

/* ---- rmap.c ---- */
int anon_vma_prepare(struct vm_area_struct *vma);
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
void unlink_anon_vmas(struct vm_area_struct *vma);
void folio_add_new_anon_rmap(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma, unsigned long addr);
void folio_add_anon_rmap_pte(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma, unsigned long addr);
void folio_dup_anon_rmap(struct folio *folio);
void folio_add_file_rmap_pte(struct machine *m, struct folio *folio,
			     struct vm_area_struct *vma);
void folio_dup_file_rmap_pte(struct folio *folio, struct vm_area_struct *vma);
void folio_remove_rmap_pte(struct machine *m, struct folio *folio,
			   struct vm_area_struct *vma);

/* ---- mlock.c ---- */
/*
 * Give @vma the flags @newflags, mlocking or munlocking what it maps and
 * keeping mm->locked_vm; [@start, @end) must be the whole VMA (-EINVAL).
 */
int mlock_fixup(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, unsigned long newflags);
/*
 * mlock(2) without its populate: RLIMIT_MEMLOCK's check (-ENOMEM), then
 * mlock_fixup().
 */
int mlock_lock_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
/* mlock(2): mlock_lock_range(), then fault every page in; munlock(2). */
int do_mlock(struct vm_area_struct *vma, unsigned long start,
	     unsigned long end);
int do_munlock(struct vm_area_struct *vma, unsigned long start,
	       unsigned long end);

void mlock_folio(struct machine *m, struct folio *folio);
void munlock_folio(struct machine *m, struct folio *folio);

/* A folio gets (loses) a mapping in @vma: count it if @vma is locked. */
static inline void mlock_vma_folio(struct machine *m, struct folio *folio,
				   struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_LOCKED)
		mlock_folio(m, folio);
}

static inline void munlock_vma_folio(struct machine *m, struct folio *folio,
				     struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_LOCKED)
		munlock_folio(m, folio);
}

/* ---- mprotect.c ---- */
/* A present PTE may get write access with no fault needed for it. */
bool can_change_pte_writable(struct vm_area_struct *vma, pte_t pte);
/* mprotect(2) of the whole VMA: @prot of VM_READ and VM_WRITE. */
int mprotect_vma(struct vm_area_struct *vma, unsigned long prot);

/* ---- mincore.c ---- */
/* mincore(2) of [@start, @end) of @vma: one byte per page in @vec. */
long do_mincore(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, unsigned char *vec);

/* ---- madvise.c ---- */
int madvise_dontneed(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
int madvise_cold(struct vm_area_struct *vma, unsigned long start,
		 unsigned long end);
int madvise_pageout(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end);
int madvise_remove(struct vm_area_struct *vma, unsigned long start,
		   unsigned long end);
int madvise_willneed(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
#endif
