/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared-memory cgroups (policy smemcg=charge|borrow, mm/smemcg.c): Chris
 * Li's 2023 proposal, never written as kernel code (seed 002; spec part
 * B).  Model only; docs/smemcg.md has every decision and its reason.
 */
#ifndef MEMCGLAB_MM_SMEMCG_H
#define MEMCGLAB_MM_SMEMCG_H

#include "lib/list.h"
#include "include/machine.h"
#include "include/mm_types.h"
#include "mm/page_counter.h"

struct mem_cgroup;
struct shmem_sb_info;
struct task_struct;
struct strbuf;
struct verify_log;

/* folio->memcg_data: an smemcg pointer | SMEMCG (memcg_data's free bit) */
#define MEMCG_DATA_SMEMCG	0x1UL

enum { SMEMCG_OFF, SMEMCG_CHARGE, SMEMCG_BORROW };

/* One per tmpfs mount with the smemcg option. */
struct smemcg {
	struct machine *machine;
	struct shmem_sb_info *sbinfo;
	char *name;			/* the mount path, '/' as '!', no lead */
	struct page_counter counter;	/* its pages in memory; smemcg.max */
	unsigned long events_max;	/* charges smemcg.max refused */
	unsigned long nr_verify;	/* mm_verify()'s count of its folios */
	struct list_head pairs;		/* struct smemcg_pair.list */
	struct list_head list;		/* m->smemcgs */
};

/* <smemcg, memcg>: an attachment, and its borrow counters. */
struct smemcg_pair {
	struct smemcg *s;
	struct mem_cgroup *memcg;	/* holds a css reference */
	bool attached;
	long mapped;	/* PTEs of its tasks' mms that map s's pages */
	long pinned;	/* pages its tasks pinned (pins=smemcg) */
	long charged;	/* pages of memcg->memory this pair holds */
	struct list_head list;		/* s->pairs */
};

/* What one mm maps of one smemcg, and the pair that pays for it. */
struct smemcg_mm_map {
	struct smemcg *s;
	struct smemcg_pair *pair;	/* NULL: its memcg was not attached */
	long nr;
	struct list_head list;		/* mm->smemcg_maps */
};

/* The borrows of one pinning registration (pins=smemcg). */
struct smemcg_pins {
	int nr;
	struct smemcg_pin {
		struct smemcg_pair *pair;
		long nr;
	} *v;
};

static inline int smemcg_policy(struct machine *m)
{
	return m->policy.smemcg;
}

static inline struct smemcg *folio_smemcg(const struct folio *folio)
{
	if (!(folio->memcg_data & MEMCG_DATA_SMEMCG))
		return NULL;
	return (struct smemcg *)(folio->memcg_data & ~MEMCG_DATA_SMEMCG);
}

/* ---- mounts (smemcg.c) ---- */
/* The mount at @sbinfo gets its smemcg: -EINVAL under smemcg=off. */
int smemcg_create(struct machine *m, struct shmem_sb_info *sbinfo);
/* Teardown: the mount goes (smemcg_umount), then every smemcg. */
void smemcg_umount(struct smemcg *s);
void smemcg_release_all(struct machine *m);
/* The smemcg of the mount at exactly @path, or NULL. */
struct smemcg *smemcg_lookup_path(struct machine *m, const char *path);
struct smemcg *smemcg_lookup_name(struct machine *m, const char *name);

/* ---- pages ---- */
/*
 * Charge a new page of @s's mount: 0, -ENOSPC over smemcg.max, -ENOMEM
 * when an attached memcg cannot take it (smemcg=charge); on failure
 * nothing stays charged.
 */
int smemcg_charge_folio(struct smemcg *s, struct folio *folio);
/* A page of @s's mount back from swap: charged to @s over any limit. */
void smemcg_claim_folio(struct smemcg *s, struct folio *folio);
void smemcg_uncharge_folio(struct folio *folio);

/* ---- mappings: one PTE of @mm more (@nr 1) or less (-1) ---- */
void smemcg_map(struct mm_struct *mm, struct folio *folio, long nr);
/* Before a fault maps @folio: room for the borrow (reclaim, OOM). */
int smemcg_fault_prepare(struct mm_struct *mm, struct folio *folio);
/* Fault-around: whether mapping @folio fits without reclaim. */
bool smemcg_map_fits(struct mm_struct *mm, struct folio *folio);
/* @t moved: its mm's borrows go with it to its new memcg. */
void smemcg_task_attach(struct task_struct *t);
void smemcg_mm_exit(struct mm_struct *mm);

/* ---- pins (pins=smemcg) ---- */
int smemcg_pin_borrow(struct task_struct *t, struct folio **folios,
		      unsigned long n, struct smemcg_pins *sp);
void smemcg_pin_return(struct machine *m, struct smemcg_pins *sp);

/* ---- attachments (memory.smemcg) ---- */
int smemcg_attach(struct smemcg *s, struct mem_cgroup *memcg);
int smemcg_detach(struct smemcg *s, struct mem_cgroup *memcg);
struct smemcg_pair *smemcg_pair_find(struct smemcg *s,
				     struct mem_cgroup *memcg);
void smemcg_memcg_offline(struct mem_cgroup *memcg);
/* Pages of @memcg->memory its own pairs hold (mm_verify()). */
long smemcg_memcg_charged(struct mem_cgroup *memcg);
void smemcg_verify(struct machine *m, struct verify_log *log);

/* ---- files (smemcg_files.c) ---- */
int smemcg_files_init(struct machine *m);	/* debugfs, at boot */
int smemcg_files_mount(struct machine *m);	/* at the first smemcg */

#endif
