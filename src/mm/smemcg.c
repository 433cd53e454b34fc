// SPDX-License-Identifier: GPL-2.0
/*
 * Shared-memory cgroups (policy smemcg=charge|borrow): a model of Chris
 * Li's "Shared Memory Cgroup Controllers" (LSF/MM/BPF 2023, seed 002;
 * spec part B), of which no code was ever posted.  Not in Linux 6.12:
 * under smemcg=off the tmpfs option `smemcg` is EINVAL and nothing here
 * runs.
 *
 * A tmpfs mounted with `smemcg` has one smemcg, with its own page
 * counter: every page of the mount is charged once, to it
 * (folio->memcg_data points at it, with MEMCG_DATA_SMEMCG; the folio sits
 * on the root memcg's LRU), never to the memcg of the task that touched
 * it, so no memcg stays dying for shared pages.  An admin attaches the
 * smemcg to memcgs (memory.smemcg); each attachment is a pair with borrow
 * counters: `mapped`, the PTEs of its tasks' mms that map the smemcg's
 * pages (one per PTE: a page two of its processes map counts twice), and
 * `pinned`, pages its tasks pinned (pins=smemcg).  Under `charge` each
 * attached memcg's page counter carries the smemcg's whole charge; under
 * `borrow` only its pair's mapped + pinned.  Those pages are real charges
 * of memcg->memory, so memory.current, memory.max, reclaim and the OOM
 * killer act on the sum.  docs/smemcg.md has every decision and why.
 */
#include "mm/smemcg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "include/bug.h"
#include "include/sched.h"
#include "include/shmem_fs.h"
#include "mm/debug.h"
#include "mm/memcontrol.h"

/* ---- mounts ---- */

static char *smemcg_name_of(const char *path)
{
	char *name = strdup(path + (path[0] == '/'));
	char *p;

	for (p = name; p && *p; p++)
		if (*p == '/')
			*p = '!';	/* as sysfs names block devices */
	return name;
}

int smemcg_create(struct machine *m, struct shmem_sb_info *sbinfo)
{
	struct smemcg *s;
	int err;

	if (smemcg_policy(m) == SMEMCG_OFF)
		return -EINVAL;		/* 6.12's tmpfs knows no such option */
	err = smemcg_files_mount(m);
	if (err)
		return err;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->name = smemcg_name_of(sbinfo->path);
	if (!s->name) {
		free(s);
		return -ENOMEM;
	}
	s->machine = m;
	s->sbinfo = sbinfo;
	page_counter_init(&s->counter, NULL, false);
	s->counter.max = PAGE_COUNTER_MAX;
	INIT_LIST_HEAD(&s->pairs);
	list_add_tail(&s->list, &m->smemcgs);
	sbinfo->smemcg = s;
	return 0;
}

static void pair_uncharge(struct smemcg_pair *pair, long nr);

static void pair_free(struct smemcg_pair *pair)
{
	list_del(&pair->list);
	css_put(&pair->memcg->css);
	free(pair);
}

/*
 * Teardown: the mount goes after every task; its attachments go now,
 * while the memcgs live.  Pages still in the swap cache uncharge the
 * smemcg itself later, so it stays until smemcg_release_all().
 */
void smemcg_umount(struct smemcg *s)
{
	struct smemcg_pair *pair, *n;

	list_for_each_entry_safe(pair, n, &s->pairs, list) {
		pair_uncharge(pair, pair->charged);
		pair_free(pair);
	}
	s->sbinfo->smemcg = NULL;
	s->sbinfo = NULL;
}

void smemcg_release_all(struct machine *m)
{
	struct smemcg *s, *n;

	list_for_each_entry_safe(s, n, &m->smemcgs, list) {
		list_del(&s->list);
		free(s->name);
		free(s);
	}
}

struct smemcg *smemcg_lookup_path(struct machine *m, const char *path)
{
	struct smemcg *s;

	list_for_each_entry(s, &m->smemcgs, list)
		if (s->sbinfo && !strcmp(s->sbinfo->path, path))
			return s;
	return NULL;
}

struct smemcg *smemcg_lookup_name(struct machine *m, const char *name)
{
	struct smemcg *s;

	list_for_each_entry(s, &m->smemcgs, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

/* ---- pairs and their charges ---- */

struct smemcg_pair *smemcg_pair_find(struct smemcg *s,
				     struct mem_cgroup *memcg)
{
	struct smemcg_pair *pair;

	list_for_each_entry(pair, &s->pairs, list)
		if (pair->memcg == memcg)
			return pair;
	return NULL;
}

static struct smemcg_pair *attached_pair(struct smemcg *s,
					 struct mem_cgroup *memcg)
{
	struct smemcg_pair *pair = smemcg_pair_find(s, memcg);

	return pair && pair->attached ? pair : NULL;
}

/* Neither attached nor borrowing: nothing keeps it. */
static void pair_put_if_unused(struct smemcg_pair *pair)
{
	if (!pair->attached && !pair->mapped && !pair->pinned)
		pair_free(pair);
}

static void pair_force_charge(struct smemcg_pair *pair, long nr)
{
	page_counter_charge(&pair->memcg->memory, nr);
	pair->charged += nr;
}

static void pair_uncharge(struct smemcg_pair *pair, long nr)
{
	if (!nr)
		return;
	memcg_counter_uncharge(pair->memcg, &pair->memcg->memory, nr);
	pair->charged -= nr;
}

/* Charge @nr pages with 6.12's reclaim, retries and OOM (try_charge). */
static int pair_try_charge(struct smemcg_pair *pair, gfp_t gfp, long nr)
{
	int err = nr ? try_charge_memcg(pair->memcg, gfp, nr) : 0;

	if (!err)
		pair->charged += nr;
	return err;
}

static bool borrowing(struct machine *m)
{
	return smemcg_policy(m) == SMEMCG_BORROW;
}

/* ---- pages ---- */

static void folio_commit_smemcg(struct smemcg *s, struct folio *folio)
{
	folio->memcg_data = (unsigned long)s | MEMCG_DATA_SMEMCG;
}

static void charge_rollback(struct smemcg *s, struct smemcg_pair *upto)
{
	struct smemcg_pair *pair;

	list_for_each_entry(pair, &s->pairs, list) {
		if (pair == upto)
			break;
		if (pair->attached)
			pair_uncharge(pair, 1);
	}
	page_counter_uncharge(&s->counter, 1);
}

int smemcg_charge_folio(struct smemcg *s, struct folio *folio)
{
	struct page_counter *fail;
	struct smemcg_pair *pair;
	int err;

	/* smemcg.max: nothing reclaims for it, so, as tmpfs's size=, the
	 * write fails with ENOSPC and the fault with SIGBUS */
	if (!page_counter_try_charge(&s->counter, 1, &fail)) {
		s->events_max++;
		return -ENOSPC;
	}
	if (smemcg_policy(s->machine) == SMEMCG_CHARGE) {
		list_for_each_entry(pair, &s->pairs, list) {
			if (!pair->attached)
				continue;
			err = pair_try_charge(pair, GFP_KERNEL, 1);
			if (err) {
				charge_rollback(s, pair);
				return err;
			}
		}
	}
	folio_commit_smemcg(s, folio);
	return 0;
}

void smemcg_claim_folio(struct smemcg *s, struct folio *folio)
{
	struct smemcg_pair *pair;

	if (folio_smemcg(folio) == s)
		return;
	/* its slot recorded the root (folio_memcg()): same LRU, same stats */
	MODEL_BUG_ON(s->machine, folio_memcg(folio) &&
		     !mem_cgroup_is_root(folio_memcg(folio)),
		     "smemcg %s: swap-in charged a memcg", s->name);
	mem_cgroup_uncharge(folio);	/* swap-in charged the slot's memcg */
	page_counter_charge(&s->counter, 1);
	if (smemcg_policy(s->machine) == SMEMCG_CHARGE)
		list_for_each_entry(pair, &s->pairs, list)
			if (pair->attached)
				pair_force_charge(pair, 1);
	folio_commit_smemcg(s, folio);
}

void smemcg_uncharge_folio(struct folio *folio)
{
	struct smemcg *s = folio_smemcg(folio);
	struct smemcg_pair *pair;

	if (MODEL_BUG_ON(s->machine, !s->counter.usage,
			 "smemcg %s: uncharge below zero", s->name))
		return;
	page_counter_uncharge(&s->counter, 1);
	if (smemcg_policy(s->machine) == SMEMCG_CHARGE)
		list_for_each_entry(pair, &s->pairs, list)
			if (pair->attached)
				pair_uncharge(pair, 1);
	folio->memcg_data = 0;
}

/* ---- mappings ---- */

static struct smemcg_mm_map *mm_map_find(struct mm_struct *mm,
					 struct smemcg *s)
{
	struct smemcg_mm_map *map;

	list_for_each_entry(map, &mm->smemcg_maps, list)
		if (map->s == s)
			return map;
	return NULL;
}

/* The pair @mm's next borrow of @s goes to (NULL: none pays). */
static struct smemcg_pair *mm_pair(struct mm_struct *mm, struct smemcg *s)
{
	struct smemcg_mm_map *map = mm_map_find(mm, s);
	struct mem_cgroup *memcg;
	struct smemcg_pair *pair;

	if (map)
		return map->pair;
	memcg = get_mem_cgroup_from_mm(mm);
	pair = attached_pair(s, memcg);
	css_put(&memcg->css);
	return pair;
}

static struct smemcg_mm_map *mm_map_new(struct mm_struct *mm,
					struct smemcg *s)
{
	struct smemcg_mm_map *map = calloc(1, sizeof(*map));

	if (!map)
		abort();	/* the host is out of memory */
	map->s = s;
	map->pair = mm_pair(mm, s);
	list_add_tail(&map->list, &mm->smemcg_maps);
	return map;
}

static void pair_map(struct smemcg_pair *pair, long nr)
{
	pair->mapped += nr;
	if (!borrowing(pair->s->machine))
		return;
	if (nr > 0)
		pair_force_charge(pair, nr);
	else
		pair_uncharge(pair, -nr);
}

void smemcg_map(struct mm_struct *mm, struct folio *folio, long nr)
{
	struct smemcg *s = folio_smemcg(folio);
	struct smemcg_mm_map *map;

	if (!s)
		return;
	map = mm_map_find(mm, s);
	if (!map) {
		if (MODEL_BUG_ON(mm->machine, nr < 0,
				 "smemcg %s: unmap of a page never mapped",
				 s->name))
			return;
		map = mm_map_new(mm, s);
	}
	map->nr += nr;
	if (map->pair)
		pair_map(map->pair, nr);
	if (map->nr)
		return;
	if (map->pair)
		pair_put_if_unused(map->pair);
	list_del(&map->list);
	free(map);
}

int smemcg_fault_prepare(struct mm_struct *mm, struct folio *folio)
{
	struct smemcg *s = folio_smemcg(folio);
	struct smemcg_pair *pair;
	int err;

	if (!s || !borrowing(mm->machine))
		return 0;
	pair = mm_pair(mm, s);
	if (!pair)
		return 0;
	/* a fault's charge: make room, then the PTE charges exactly */
	err = try_charge_memcg(pair->memcg, GFP_KERNEL, 1);
	if (!err)
		memcg_uncharge(pair->memcg, 1);
	return err;
}

bool smemcg_map_fits(struct mm_struct *mm, struct folio *folio)
{
	struct smemcg *s = folio_smemcg(folio);
	struct smemcg_pair *pair;
	struct page_counter *c;

	if (!s || !borrowing(mm->machine))
		return true;
	pair = mm_pair(mm, s);
	for (c = pair ? &pair->memcg->memory : NULL; c; c = c->parent)
		if (c->usage + 1 > (long)c->max)
			return false;
	return true;
}

/* @map's borrows move to @to (NULL: none pays any more). */
static void mm_map_move(struct smemcg_mm_map *map, struct smemcg_pair *to)
{
	if (map->pair == to)
		return;
	if (map->pair) {
		pair_map(map->pair, -map->nr);
		pair_put_if_unused(map->pair);
	}
	map->pair = to;
	if (to)
		pair_map(to, map->nr);
}

void smemcg_task_attach(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	struct smemcg_mm_map *map;
	struct mem_cgroup *memcg;

	if (!mm || mm->owner != t || list_empty(&mm->smemcg_maps))
		return;
	memcg = mem_cgroup_from_task(t);
	list_for_each_entry(map, &mm->smemcg_maps, list)
		mm_map_move(map, attached_pair(map->s, memcg));
}

void smemcg_mm_exit(struct mm_struct *mm)
{
	MODEL_BUG_ON(mm->machine, !list_empty(&mm->smemcg_maps),
		     "mm %p: smemcg borrows left after exit_mmap", mm);
}

/* ---- pins (pins=smemcg) ---- */

static int pins_add(struct smemcg_pins *sp, struct smemcg_pair *pair)
{
	int i;

	for (i = 0; i < sp->nr; i++)
		if (sp->v[i].pair == pair)
			return i;
	sp->v = realloc(sp->v, (sp->nr + 1) * sizeof(*sp->v));
	if (!sp->v)
		abort();	/* the host is out of memory */
	sp->v[sp->nr].pair = pair;
	sp->v[sp->nr].nr = 0;
	return sp->nr++;
}

/* Count @folios per pair of @memcg's attachments. */
static void pins_tally(struct mem_cgroup *memcg, struct folio **folios,
		       unsigned long n, struct smemcg_pins *sp)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct smemcg *s = folio_smemcg(folios[i]);
		struct smemcg_pair *pair = s ? attached_pair(s, memcg) : NULL;
		int k;

		if (!pair)
			continue;
		k = pins_add(sp, pair);		/* may move sp->v */
		sp->v[k].nr++;
	}
}

int smemcg_pin_borrow(struct task_struct *t, struct folio **folios,
		      unsigned long n, struct smemcg_pins *sp)
{
	struct mem_cgroup *memcg = mem_cgroup_from_task(t);
	int i, err = 0;

	memset(sp, 0, sizeof(*sp));
	pins_tally(memcg, folios, n, sp);
	for (i = 0; i < sp->nr; i++) {
		struct smemcg_pair *pair = sp->v[i].pair;

		if (borrowing(t->machine)) {
			err = pair_try_charge(pair, GFP_KERNEL |
					      __GFP_RETRY_MAYFAIL, sp->v[i].nr);
			if (err)
				break;
		}
		pair->pinned += sp->v[i].nr;
	}
	if (err) {
		sp->nr = i;
		smemcg_pin_return(t->machine, sp);
	}
	return err;
}

void smemcg_pin_return(struct machine *m, struct smemcg_pins *sp)
{
	int i;

	for (i = 0; i < sp->nr; i++) {
		struct smemcg_pair *pair = sp->v[i].pair;

		pair->pinned -= sp->v[i].nr;
		if (borrowing(m))
			pair_uncharge(pair, sp->v[i].nr);
		pair_put_if_unused(pair);
	}
	free(sp->v);
	memset(sp, 0, sizeof(*sp));
}

/* ---- attachments ---- */

/* What @memcg's tasks already map of @s becomes the pair's borrow. */
static void adopt_maps(struct smemcg_pair *pair)
{
	struct machine *m = pair->s->machine;
	struct task_struct *t;

	list_for_each_entry(t, &m->tasks, tasks) {
		struct smemcg_mm_map *map;

		if (!t->mm || t->mm->owner != t ||
		    mem_cgroup_from_task(t) != pair->memcg)
			continue;
		map = mm_map_find(t->mm, pair->s);
		if (map && !map->pair)
			mm_map_move(map, pair);
	}
}

int smemcg_attach(struct smemcg *s, struct mem_cgroup *memcg)
{
	struct smemcg_pair *pair = smemcg_pair_find(s, memcg);
	bool new = !pair;
	int err = 0;

	if (pair && pair->attached)
		return -EEXIST;
	if (new) {
		pair = calloc(1, sizeof(*pair));
		if (!pair)
			return -ENOMEM;
		pair->s = s;
		pair->memcg = memcg;
		css_get(&memcg->css);
		list_add_tail(&pair->list, &s->pairs);
	}
	if (smemcg_policy(s->machine) == SMEMCG_CHARGE)
		err = pair_try_charge(pair, GFP_KERNEL | __GFP_RETRY_MAYFAIL,
				      page_counter_read(&s->counter));
	if (err) {
		if (new)
			pair_free(pair);
		return err;
	}
	pair->attached = true;
	adopt_maps(pair);
	return 0;
}

/* Detached: under `charge` the smemcg's whole charge goes. */
static void pair_detach(struct smemcg_pair *pair)
{
	if (smemcg_policy(pair->s->machine) == SMEMCG_CHARGE)
		pair_uncharge(pair, pair->charged);
	pair->attached = false;
}

int smemcg_detach(struct smemcg *s, struct mem_cgroup *memcg)
{
	struct smemcg_pair *pair = attached_pair(s, memcg);

	if (!pair)
		return -ENOENT;
	if (pair->mapped || pair->pinned)
		return -EBUSY;
	pair_detach(pair);
	pair_free(pair);
	return 0;
}

/* rmdir: the attachments go; outstanding pins keep their pair. */
void smemcg_memcg_offline(struct mem_cgroup *memcg)
{
	struct smemcg_pair *pair, *n;
	struct smemcg *s;

	list_for_each_entry(s, &memcg->machine->smemcgs, list) {
		list_for_each_entry_safe(pair, n, &s->pairs, list) {
			if (pair->memcg != memcg)
				continue;
			if (pair->attached)
				pair_detach(pair);
			pair_put_if_unused(pair);
		}
	}
}

long smemcg_memcg_charged(struct mem_cgroup *memcg)
{
	struct smemcg_pair *pair;
	struct smemcg *s;
	long sum = 0;

	list_for_each_entry(s, &memcg->machine->smemcgs, list)
		list_for_each_entry(pair, &s->pairs, list)
			if (pair->memcg == memcg)
				sum += pair->charged;
	return sum;
}

static long mapped_by_mms(struct smemcg_pair *pair)
{
	struct task_struct *t;
	long sum = 0;

	list_for_each_entry(t, &pair->s->machine->tasks, tasks) {
		struct smemcg_mm_map *map;

		if (!t->mm || t->mm->owner != t)
			continue;
		map = mm_map_find(t->mm, pair->s);
		if (map && map->pair == pair)
			sum += map->nr;
	}
	return sum;
}

static void verify_pair(struct smemcg_pair *pair, struct verify_log *log)
{
	struct smemcg *s = pair->s;
	long want = pair->mapped + pair->pinned;

	if (smemcg_policy(s->machine) == SMEMCG_CHARGE)
		want = pair->attached ? page_counter_read(&s->counter) : 0;
	if (pair->charged != want)
		verify_fail(log, "smemcg %s, memcg %s: charged %ld, want %ld",
			    s->name, pair->memcg->css.cgroup->name,
			    pair->charged, want);
	if (pair->mapped != mapped_by_mms(pair) || pair->mapped < 0 ||
	    pair->pinned < 0)
		verify_fail(log, "smemcg %s, memcg %s: mapped %ld (mms %ld), "
			    "pinned %ld", s->name,
			    pair->memcg->css.cgroup->name, pair->mapped,
			    mapped_by_mms(pair), pair->pinned);
}

void smemcg_verify(struct machine *m, struct verify_log *log)
{
	struct smemcg_pair *pair;
	struct smemcg *s;

	list_for_each_entry(s, &m->smemcgs, list) {
		if ((long)s->nr_verify != page_counter_read(&s->counter))
			verify_fail(log, "smemcg %s: usage %ld, folios %lu",
				    s->name, page_counter_read(&s->counter),
				    s->nr_verify);
		s->nr_verify = 0;
		list_for_each_entry(pair, &s->pairs, list)
			verify_pair(pair, log);
	}
}
