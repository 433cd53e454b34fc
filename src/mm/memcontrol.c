// SPDX-License-Identifier: GPL-2.0
/*
 * The memory controller's core (mm/memcontrol.c): memcg lifetime and IDs,
 * charging with the per-CPU stock, uncharging, events and statistics.
 * The rest of mm/memcontrol.c is split by topic: kernel memory through
 * obj_cgroup (memcontrol_kmem.c), a task's objcg with the fork,
 * migration and exit hooks (memcontrol_task.c), swap and zswap
 * (memcontrol_swap.c), memory.high throttling (memcontrol_high.c), the
 * interface files (memcontrol_files.c).
 *
 * Differences from 6.12: statistics are exact rather than rstat-batched;
 * cgroup v1 is not modelled.
 */
#include "memcontrol.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "lib/strbuf.h"
#include "include/writeback.h"
#include "include/bug.h"
#include "include/memory_model.h"
#include "kernel/cgroup.h"
#include "include/sched.h"
#include "include/mm_types.h"
#include "mm/oom.h"
#include "mm/shrinker.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "mm/smemcg.h"
#include "mm/zswap.h"


bool mem_cgroup_is_root(const struct mem_cgroup *memcg)
{
	return memcg == memcg->machine->root_mem_cgroup;
}

u64 page_cgroup_ino(struct folio *folio)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	while (memcg && !mem_cgroup_online(memcg))
		memcg = parent_mem_cgroup(memcg);
	return memcg ? memcg->css.cgroup->kn_id : 0;
}

bool mem_cgroup_online(const struct mem_cgroup *memcg)
{
	return memcg->css.flags & CSS_ONLINE;
}

bool mem_cgroup_is_descendant(struct mem_cgroup *memcg, struct mem_cgroup *root)
{
	for (; memcg; memcg = parent_mem_cgroup(memcg))
		if (memcg == root)
			return true;
	return false;
}

struct mem_cgroup *memcg_next_descendant_pre(struct mem_cgroup *pos,
					     struct mem_cgroup *root)
{
	return mem_cgroup_from_css(css_next_descendant_pre(&pos->css,
							   &root->css));
}

/* ---- tracing: why was this charged here ---- */

void __memcg_trace(struct mem_cgroup *memcg, const char *what,
		   const char *fmt, ...)
{
	struct machine *m = memcg->machine;
	struct strbuf path = STRBUF_INIT;
	va_list ap;

	cgroup_path(memcg->css.cgroup, &path);
	fprintf(m->trace, "%llu.%09llu %-8s %-24s ",
		(unsigned long long)(m->clock.now / NSEC_PER_SEC),
		(unsigned long long)(m->clock.now % NSEC_PER_SEC), what,
		path.buf);
	va_start(ap, fmt);
	vfprintf(m->trace, fmt, ap);
	va_end(ap);
	if (m->current)
		fprintf(m->trace, " [%s pid %d cpu %d]", m->current->comm,
			m->current->pid, m->current->cpu);
	fputc('\n', m->trace);
	sb_release(&path);
}

/* ---- folio ownership ---- */

struct mem_cgroup *folio_memcg(const struct folio *folio)
{
	void *p = (void *)(folio->memcg_data & ~MEMCG_DATA_FLAGS_MASK);

	/* an smemcg's page is on the root's LRU, in the root's statistics */
	if (folio->memcg_data & MEMCG_DATA_SMEMCG)
		return folio_smemcg(folio)->machine->root_mem_cgroup;
	if (folio->memcg_data & MEMCG_DATA_KMEM)
		return ((struct obj_cgroup *)p)->memcg;
	return p;
}

struct lruvec *folio_lruvec(struct machine *m, struct folio *folio)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	if (!memcg)
		memcg = m->root_mem_cgroup;
	return mem_cgroup_lruvec(memcg, folio_nid(folio));
}

struct mem_cgroup *mem_cgroup_from_task(struct task_struct *t)
{
	return mem_cgroup_from_css(task_css(t, memory_cgrp_id));
}

struct mem_cgroup *get_mem_cgroup_from_mm(struct mm_struct *mm)
{
	struct mem_cgroup *memcg;

	if (!mm || !mm->owner)
		return mm ? mm->machine->root_mem_cgroup : NULL;
	memcg = mem_cgroup_from_task(mm->owner);
	css_get(&memcg->css);
	return memcg;
}

struct mem_cgroup *get_mem_cgroup_from_current(struct machine *m)
{
	struct mem_cgroup *memcg;

	if (m->current && m->current->active_memcg)
		memcg = m->current->active_memcg;
	else if (m->current)
		memcg = mem_cgroup_from_task(m->current);
	else
		memcg = m->root_mem_cgroup;
	css_get(&memcg->css);
	return memcg;
}

/* ---- the per-CPU charge stock (6.12: one memcg per CPU) ---- */

static struct memcg_stock_pcp *this_cpu_stock(struct machine *m)
{
	return &m->memcg_stock[m->current ? m->current->cpu : 0];
}

static bool consume_stock(struct mem_cgroup *memcg, unsigned int nr_pages)
{
	struct memcg_stock_pcp *stock = this_cpu_stock(memcg->machine);

	if (nr_pages > MEMCG_CHARGE_BATCH)
		return false;
	if (stock->cached != memcg || stock->nr_pages < nr_pages)
		return false;
	stock->nr_pages -= nr_pages;
	return true;
}

/*
 * page_counter_uncharge() of @memcg's @counter (memory or swap), with an
 * underflow at any level reported as a model bug on the memcg that had it.
 */
void memcg_counter_uncharge(struct mem_cgroup *memcg,
			    struct page_counter *counter,
			    unsigned long nr_pages)
{
	struct page_counter *under = page_counter_uncharge(counter, nr_pages);
	struct mem_cgroup *iter = memcg;

	if (likely(!under))
		return;
	while (iter && &iter->memory != under && &iter->swap != under)
		iter = parent_mem_cgroup(iter);
	MODEL_BUG(memcg->machine,
		  "memcg %s: %s page_counter underflow uncharging %lu pages",
		  iter ? iter->css.cgroup->name : "?",
		  iter && under == &iter->swap ? "swap" : "memory", nr_pages);
}

/* Give the stock's pre-charged pages back and forget its memcg. */
static void drain_stock(struct memcg_stock_pcp *stock)
{
	struct mem_cgroup *old = stock->cached;

	if (!old)
		return;
	if (stock->nr_pages) {
		memcg_trace(old, "drain", "%u pages", stock->nr_pages);
		memcg_counter_uncharge(old, &old->memory, stock->nr_pages);
		stock->nr_pages = 0;
	}
	stock->cached = NULL;
	css_put(&old->css);
}

void refill_stock(struct mem_cgroup *memcg, unsigned int nr_pages)
{
	struct memcg_stock_pcp *stock = this_cpu_stock(memcg->machine);

	if (stock->cached != memcg) {
		drain_stock(stock);
		css_get(&memcg->css);
		stock->cached = memcg;
	}
	stock->nr_pages += nr_pages;
	if (stock->nr_pages > MEMCG_CHARGE_BATCH)
		drain_stock(stock);
}

/*
 * The kernel drains the local CPU at once and the others through per-CPU
 * work that runs shortly after; the model drains them all at once.
 */
void drain_all_stock(struct mem_cgroup *root_memcg)
{
	struct machine *m = root_memcg->machine;
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct memcg_stock_pcp *stock = &m->memcg_stock[cpu];

		/* objects first, as drain_local_stock(): a released objcg
		 * gives its last pages back through the page stock */
		drain_obj_stock_of(stock, root_memcg);
		if (stock->cached && stock->nr_pages &&
		    mem_cgroup_is_descendant(stock->cached, root_memcg))
			drain_stock(stock);
	}
}

/* ---- charging ---- */

unsigned long mem_cgroup_margin(struct mem_cgroup *memcg)
{
	unsigned long count = page_counter_read(&memcg->memory);
	unsigned long limit = memcg->memory.max;

	return count < limit ? limit - count : 0;
}

static struct task_struct *current_task(struct machine *m)
{
	return m->current;
}

/* After a charge: note how far the task went over memory.high. */
static void memcg_note_over_high(struct mem_cgroup *memcg, unsigned int batch,
				 gfp_t gfp)
{
	struct task_struct *t = current_task(memcg->machine);

	do {
		bool mem_high = page_counter_read(&memcg->memory) >
				memcg->memory.high;
		bool swap_high = page_counter_read(&memcg->swap) >
				 memcg->swap.high;

		if (!t) {
			/* no task to throttle: the high work reclaims */
			if (mem_high) {
				sim_event_schedule(&memcg->machine->clock,
						   &memcg->high_work,
						   memcg->machine->clock.now);
				break;
			}
			continue;
		}
		if (mem_high || swap_high) {
			t->memcg_nr_pages_over_high += batch;
			break;
		}
	} while ((memcg = parent_mem_cgroup(memcg)));

	if (t && t->memcg_nr_pages_over_high > MEMCG_CHARGE_BATCH &&
	    !current_is_memalloc(t->machine) && gfpflags_allow_blocking(gfp))
		mem_cgroup_handle_over_high(t->machine, gfp);
}

static struct mem_cgroup *mem_cgroup_from_counter(struct page_counter *counter)
{
	return container_of(counter, struct mem_cgroup, memory);
}

/* Over the limit all the same (__GFP_NOFAIL, __GFP_HIGH, reclaimers). */
static int force_charge(struct mem_cgroup *memcg,
			struct mem_cgroup *mem_over_limit,
			unsigned int nr_pages, bool raised_max_event)
{
	if (!raised_max_event)
		memcg_memory_event(mem_over_limit, MEMCG_MAX);
	memcg_trace(memcg, "force", "%u pages over the limit", nr_pages);
	page_counter_charge(&memcg->memory, nr_pages);
	return 0;
}

/* done_restock: the batch's surplus goes to the stock; note memory.high. */
static int charge_done(struct mem_cgroup *memcg, unsigned int nr_pages,
		       unsigned int batch, gfp_t gfp)
{
	memcg_trace(memcg, "charge", "%u pages (batch %u)", nr_pages, batch);
	if (batch > nr_pages)
		refill_stock(memcg, batch - nr_pages);
	memcg_note_over_high(memcg, batch, gfp);
	return 0;
}

/*
 * Charge @nr_pages to @memcg: from the stock, else a batch from the
 * counters, else reclaim, drain the stocks, retry, and finally OOM-kill.
 * The control flow and its event counts are 6.12's.
 */
int try_charge_memcg(struct mem_cgroup *memcg, gfp_t gfp, unsigned int nr_pages)
{
	struct machine *m = memcg->machine;
	unsigned int batch = max(MEMCG_CHARGE_BATCH, nr_pages);
	int nr_retries = MAX_RECLAIM_RETRIES;
	struct task_struct *t = current_task(m);
	struct mem_cgroup *mem_over_limit;
	struct page_counter *counter;
	unsigned long nr_reclaimed;
	bool passed_oom = false, drained = false, raised_max_event = false;

retry:
	if (consume_stock(memcg, nr_pages))
		return 0;
	if (page_counter_try_charge(&memcg->memory, batch, &counter))
		return charge_done(memcg, nr_pages, batch, gfp);

	mem_over_limit = mem_cgroup_from_counter(counter);
	if (batch > nr_pages) {
		batch = nr_pages;
		goto retry;
	}
	/* reclaimers must not recurse into reclaim */
	if (current_is_memalloc(m))
		return force_charge(memcg, mem_over_limit, nr_pages, false);
	if (!gfpflags_allow_blocking(gfp))
		goto nomem;

	memcg_memory_event(mem_over_limit, MEMCG_MAX);
	raised_max_event = true;
	nr_reclaimed = try_to_free_mem_cgroup_pages(mem_over_limit, nr_pages,
						    gfp, MEMCG_RECLAIM_MAY_SWAP,
						    NULL);
	if (mem_cgroup_margin(mem_over_limit) >= nr_pages)
		goto retry;
	if (!drained) {
		drain_all_stock(mem_over_limit);
		drained = true;
		goto retry;
	}
	if (gfp & __GFP_NORETRY)
		goto nomem;
	/* progress on a small charge is worth another try for free */
	if (nr_reclaimed && nr_pages <= (1 << PAGE_ALLOC_COSTLY_ORDER))
		goto retry;
	if (nr_retries--)
		goto retry;
	if (gfp & __GFP_RETRY_MAYFAIL)
		goto nomem;
	if (passed_oom && task_is_dying(t))
		goto nomem;
	if (mem_cgroup_oom(mem_over_limit, gfp, get_order(nr_pages * PAGE_SIZE))) {
		passed_oom = true;
		nr_retries = MAX_RECLAIM_RETRIES;
		goto retry;
	}
nomem:
	if (!(gfp & (__GFP_NOFAIL | __GFP_HIGH)))
		return -ENOMEM;
	return force_charge(memcg, mem_over_limit, nr_pages, raised_max_event);
}

static int try_charge(struct mem_cgroup *memcg, gfp_t gfp, unsigned int nr)
{
	if (mem_cgroup_is_root(memcg))
		return 0;
	return try_charge_memcg(memcg, gfp, nr);
}

static void commit_charge(struct folio *folio, struct mem_cgroup *memcg)
{
	css_get(&memcg->css);
	folio->memcg_data = (unsigned long)memcg;
}

int mem_cgroup_charge_memcg(struct folio *folio, struct mem_cgroup *memcg,
			    gfp_t gfp)
{
	int ret = try_charge(memcg, gfp, 1);

	if (ret)
		return ret;
	commit_charge(folio, memcg);
	return 0;
}

/* Charge a new user folio to @mm's memcg (__mem_cgroup_charge). */
int mem_cgroup_charge(struct folio *folio, struct mm_struct *mm, gfp_t gfp)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_mm(mm);
	int ret;

	ret = mem_cgroup_charge_memcg(folio, memcg, gfp);
	css_put(&memcg->css);
	return ret;
}

void memcg_uncharge(struct mem_cgroup *memcg, unsigned int nr_pages)
{
	if (mem_cgroup_is_root(memcg))
		return;
	memcg_trace(memcg, "uncharge", "%u pages", nr_pages);
	memcg_counter_uncharge(memcg, &memcg->memory, nr_pages);
}

/* User pages go straight back to the counters, never to the stock. */
void mem_cgroup_uncharge(struct folio *folio)
{
	struct mem_cgroup *memcg = folio_memcg(folio);

	if (!memcg)
		return;
	if (folio->memcg_data & MEMCG_DATA_KMEM) {
		memcg_kmem_uncharge_page(folio);
		return;
	}
	if (folio->memcg_data & MEMCG_DATA_SMEMCG) {
		smemcg_uncharge_folio(folio);
		return;
	}
	memcg_uncharge(memcg, 1);
	folio->memcg_data = 0;
	css_put(&memcg->css);
}

/* ---- IDs: a memcg's ID outlives it while swap entries record it ---- */

struct mem_cgroup *mem_cgroup_from_id(struct machine *m, unsigned short id)
{
	void *entry = xa_load(&m->memcg_ids, id);

	return xa_is_value(entry) ? NULL : entry;
}

/* The lowest free ID in 1..MEM_CGROUP_ID_MAX, reserved but not published. */
static int mem_cgroup_alloc_id(struct machine *m, unsigned short *id)
{
	unsigned long i;

	for (i = 1; i <= MEM_CGROUP_ID_MAX; i++) {
		if (xa_load(&m->memcg_ids, i))
			continue;
		xa_store(&m->memcg_ids, i, xa_mk_value(0));
		*id = i;
		return 0;
	}
	return -EBUSY;
}

void mem_cgroup_id_get_many(struct mem_cgroup *memcg, unsigned int n)
{
	memcg->id_ref += n;
}

void mem_cgroup_id_put_many(struct mem_cgroup *memcg, unsigned int n)
{
	if (MODEL_BUG_ON(memcg->machine, memcg->id_ref < (int)n,
			 "memcg %s: put %u of %d id references",
			 memcg->css.cgroup->name, n, memcg->id_ref))
		return;
	memcg->id_ref -= n;
	if (memcg->id_ref)
		return;
	xa_erase(&memcg->machine->memcg_ids, memcg->id);
	memcg->id = 0;
	css_put(&memcg->css);
}

/* ---- css callbacks ---- */

static void memcg_high_work_fn(struct sim_event *ev)
{
	struct mem_cgroup *memcg = container_of(ev, struct mem_cgroup, high_work);

	reclaim_high(memcg, MEMCG_CHARGE_BATCH, GFP_KERNEL);
}

static void lruvec_init(struct lruvec *lruvec, struct pglist_data *pgdat,
			struct mem_cgroup *memcg)
{
	int lru;

	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		INIT_LIST_HEAD(&lruvec->lists[lru]);
	lruvec->pgdat = pgdat;
	lruvec->memcg = memcg;
}

static void mem_cgroup_free(struct mem_cgroup *memcg)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		free(memcg->nodeinfo[nid]);
	free(memcg);
}

static int mem_cgroup_css_alloc(struct machine *m,
				struct cgroup_subsys_state *parent_css,
				struct cgroup_subsys_state **cssp)
{
	struct mem_cgroup *parent = mem_cgroup_from_css(parent_css);
	struct mem_cgroup *memcg = calloc(1, sizeof(*memcg));
	int nid, err;

	if (!memcg)
		return -ENOMEM;
	memcg->machine = m;
	memcg->kmemcg_id = -1;
	if (!parent)
		m->root_mem_cgroup = memcg;
	err = mem_cgroup_alloc_id(m, &memcg->id);
	if (err) {
		free(memcg);
		return err;
	}
	for (nid = 0; nid < m->nr_nodes; nid++) {
		struct mem_cgroup_per_node *pn = calloc(1, sizeof(*pn));

		if (!pn)
			goto fail;
		pn->memcg = memcg;
		pn->parent = parent ? parent->nodeinfo[nid] : NULL;
		lruvec_init(&pn->lruvec, m->node_data[nid], memcg);
		memcg->nodeinfo[nid] = pn;
	}
	page_counter_init(&memcg->memory, parent ? &parent->memory : NULL, true);
	page_counter_init(&memcg->swap, parent ? &parent->swap : NULL, false);
	memcg->zswap_max = PAGE_COUNTER_MAX;
	memcg->zswap_writeback = true;
	INIT_LIST_HEAD(&memcg->memory_peaks);
	INIT_LIST_HEAD(&memcg->swap_peaks);
	INIT_LIST_HEAD(&memcg->objcg_list);
	if (memcg_alloc_stats(memcg, parent))
		goto fail;
	memcg_charge_percpu(memcg, parent);
	sim_event_init(&memcg->high_work, memcg_high_work_fn);
	*cssp = &memcg->css;
	return 0;
fail:
	memcg_free_stats(memcg);
	xa_erase(&m->memcg_ids, memcg->id);
	mem_cgroup_free(memcg);
	return -ENOMEM;
}

static int mem_cgroup_css_online(struct cgroup_subsys_state *css)
{
	struct mem_cgroup *memcg = mem_cgroup_from_css(css);
	int err = memcg_online_kmem(memcg);

	if (err)
		return err;
	err = alloc_shrinker_info(memcg);
	if (err) {
		memcg_offline_kmem(memcg);
		return err;
	}
	memcg->id_ref = 1;
	css_get(css);
	xa_store(&memcg->machine->memcg_ids, memcg->id, memcg);
	return 0;
}

static void mem_cgroup_css_offline(struct cgroup_subsys_state *css)
{
	struct mem_cgroup *memcg = mem_cgroup_from_css(css);

	zswap_memcg_offline_cleanup(memcg);
	wb_memcg_offline(memcg);
	/* a dying memcg protects nothing */
	page_counter_set_min(&memcg->memory, 0);
	page_counter_set_low(&memcg->memory, 0);
	memcg_offline_kmem(memcg);
	reparent_shrinker_deferred(memcg);
	smemcg_memcg_offline(memcg);
	drain_all_stock(memcg);
	mem_cgroup_id_put_many(memcg, 1);
}

/*
 * Unlinked from the tree: its counts move into the parent's now, as the
 * kernel flushes rstat on release, or hierarchical reads would miss them
 * until css_free (kernel objects it charged may be long reparented).
 */
static void mem_cgroup_css_released(struct cgroup_subsys_state *css)
{
	struct mem_cgroup *memcg = mem_cgroup_from_css(css);

	invalidate_reclaim_iterators(memcg);
	memcg_fold_stats(memcg);
}

static void mem_cgroup_css_free(struct cgroup_subsys_state *css)
{
	struct mem_cgroup *memcg = mem_cgroup_from_css(css);

	sim_event_cancel(&memcg->machine->clock, &memcg->high_work);
	memcg_free_kmem(memcg);
	free_shrinker_info(memcg);
	memcg_free_stats(memcg);
	memcg_uncharge_percpu(memcg);
	if (memcg == memcg->machine->root_mem_cgroup)
		memcg->machine->root_mem_cgroup = NULL;
	mem_cgroup_free(memcg);
}

/* The css stays but the controller is disabled above it ("-memory"). */
static void mem_cgroup_css_reset(struct cgroup_subsys_state *css)
{
	struct mem_cgroup *memcg = mem_cgroup_from_css(css);

	memcg->memory.max = PAGE_COUNTER_MAX;
	memcg->swap.max = PAGE_COUNTER_MAX;
	page_counter_set_min(&memcg->memory, 0);
	page_counter_set_low(&memcg->memory, 0);
	page_counter_set_high(&memcg->memory, PAGE_COUNTER_MAX);
	page_counter_set_high(&memcg->swap, PAGE_COUNTER_MAX);
}

struct cgroup_subsys memory_cgrp_subsys = {
	.name		= "memory",
	.id		= memory_cgrp_id,
	.css_alloc	= mem_cgroup_css_alloc,
	.css_online	= mem_cgroup_css_online,
	.css_offline	= mem_cgroup_css_offline,
	.css_released	= mem_cgroup_css_released,
	.css_free	= mem_cgroup_css_free,
	.css_reset	= mem_cgroup_css_reset,
	.fork_locked	= mem_cgroup_fork_locked,
	.fork		= mem_cgroup_fork,
	.attach_locked	= mem_cgroup_attach_locked,
	.attach		= mem_cgroup_attach,
	.dfl_cftypes	= memory_files,
};

int mem_cgroup_init(struct machine *m)
{
	m->memcg_stock = calloc(m->nr_cpus, sizeof(*m->memcg_stock));
	if (!m->memcg_stock)
		return -ENOMEM;
	xa_init(&m->memcg_ids);
	return mem_cgroup_task_debugfs_init(m) ?: smemcg_files_init(m);
}

void mem_cgroup_exit(struct machine *m)
{
	int cpu;

	drain_obj_stocks(m);
	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		drain_stock(&m->memcg_stock[cpu]);
}

void mem_cgroup_release(struct machine *m)
{
	smemcg_release_all(m);
	free(m->memcg_stock);
	m->memcg_stock = NULL;
	xa_destroy(&m->memcg_ids);
}

/* ---- the reclaim iterator ---- */

/*
 * Pre-order walk of @root's subtree, @root first.  Offline (dying) memcgs
 * are visited too; only released ones are skipped.  With a @reclaim
 * cookie, reclaimers of a node share one cursor, so concurrent reclaim
 * spreads over the tree; a walker whose round was completed by another
 * stops, and one that joins at the very end starts over.
 */
struct mem_cgroup *mem_cgroup_iter(struct mem_cgroup *root,
				   struct mem_cgroup *prev,
				   struct mem_cgroup_reclaim_cookie *reclaim)
{
	struct mem_cgroup_reclaim_iter *iter = NULL;
	struct cgroup_subsys_state *css;
	struct mem_cgroup *pos, *next = NULL;

restart:
	if (reclaim) {
		iter = &root->nodeinfo[reclaim->nid]->iter;
		if (!prev)
			reclaim->generation = iter->generation;
		else if (reclaim->generation != iter->generation)
			goto out;
		pos = iter->position;
	} else {
		pos = prev;
	}
	css = pos ? &pos->css : NULL;
	for (;;) {
		css = css ? css_next_descendant_pre(css, &root->css) : &root->css;
		if (!css || css == &root->css || css_tryget(css))
			break;
	}
	next = mem_cgroup_from_css(css);
	if (reclaim) {
		iter->position = next;
		if (!next) {
			iter->generation++;
			if (!prev)
				goto restart;
		}
	}
out:
	if (prev && prev != root)
		css_put(&prev->css);
	return next;
}

void mem_cgroup_iter_break(struct mem_cgroup *root, struct mem_cgroup *prev)
{
	if (prev && prev != root)
		css_put(&prev->css);
}

/* A released memcg must not stay a cursor position anywhere above it. */
void invalidate_reclaim_iterators(struct mem_cgroup *dead)
{
	struct mem_cgroup *memcg;
	int nid;

	for (memcg = dead; memcg; memcg = parent_mem_cgroup(memcg))
		for (nid = 0; nid < memcg->machine->nr_nodes; nid++)
			if (memcg->nodeinfo[nid]->iter.position == dead)
				memcg->nodeinfo[nid]->iter.position = NULL;
}

/* ---- protection ---- */

void mem_cgroup_calculate_protection(struct mem_cgroup *root,
				     struct mem_cgroup *memcg)
{
	struct machine *m = memcg->machine;

	if (!root)
		root = m->root_mem_cgroup;
	page_counter_calculate_protection(&root->memory, &memcg->memory,
					  m->cgrp_opts.memory_recursiveprot);
}
