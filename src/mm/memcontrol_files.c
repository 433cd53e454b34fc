// SPDX-License-Identifier: GPL-2.0
/*
 * The memory controller's cgroup v2 files (memory_files[], swap_files[] and
 * zswap_files[] of mm/memcontrol.c), split from memcontrol.c to keep that
 * file about charging.  Formats, accepted input and errnos are 6.12's:
 * memory.reclaim takes swappiness=0..200 only (no "max"), memory.events has
 * no sock_throttled line, and limit writes ignore O_NONBLOCK.
 */
#include "memcontrol.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/sched.h"
#include "include/kernfs.h"
#include "mm/oom.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"

static struct mem_cgroup *of_memcg(struct kernfs_open_file *of)
{
	return mem_cgroup_from_css(of_css(of));
}

static void show_pages(struct strbuf *sb, unsigned long pages)
{
	if (pages == PAGE_COUNTER_MAX)
		sb_puts(sb, "max\n");
	else
		sb_printf(sb, "%llu\n", (unsigned long long)pages * PAGE_SIZE);
}

static int parse_limit(char *buf, unsigned long *pages)
{
	return page_counter_memparse(strstrip(buf), "max", pages);
}

/*
 * The limit files show one unsigned long of struct mem_cgroup, found at
 * the row's offset; "max" for PAGE_COUNTER_MAX.
 */
#define LIMIT(field)	offsetof(struct mem_cgroup, field)

static unsigned long *limit_of(struct kernfs_open_file *of)
{
	return (unsigned long *)((char *)of_memcg(of) + of->cft->private);
}

static int limit_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	show_pages(sb, *limit_of(of));
	return 0;
}

/* memory.swap.max, memory.zswap.max: a plain store, nothing reclaimed */
static long limit_write(struct kernfs_open_file *of, char *buf, size_t nbytes)
{
	unsigned long max;
	int err = parse_limit(buf, &max);

	if (err)
		return err;
	*limit_of(of) = max;
	return nbytes;
}

/* ---- memory.current, memory.peak and their swap twins ---- */

static int memory_current_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%llu\n", (unsigned long long)
		  page_counter_read(&of_memcg(of)->memory) * PAGE_SIZE);
	return 0;
}

static int swap_current_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%llu\n", (unsigned long long)
		  page_counter_read(&of_memcg(of)->swap) * PAGE_SIZE);
	return 0;
}

#define OFP_PEAK_UNSET	(~0UL)

static int peak_open(struct kernfs_open_file *of)
{
	struct cgroup_of_peak *ofp = calloc(1, sizeof(*ofp));

	if (!ofp)
		return -ENOMEM;
	ofp->value = OFP_PEAK_UNSET;
	INIT_LIST_HEAD(&ofp->list);
	of->priv = ofp;
	return 0;
}

static void peak_release(struct kernfs_open_file *of)
{
	struct cgroup_of_peak *ofp = of->priv;

	if (ofp && ofp->value != OFP_PEAK_UNSET)
		list_del(&ofp->list);
	free(ofp);
	of->priv = NULL;
}

/*
 * A file that was never written shows the all-time peak; one that was shows
 * the highest usage since its own write or since the last write through any
 * other file (the shared local watermark), whichever is higher.
 */
static int peak_show(struct kernfs_open_file *of, struct strbuf *sb,
		     struct page_counter *pc)
{
	struct cgroup_of_peak *ofp = of->priv;
	unsigned long peak;

	if (ofp->value == OFP_PEAK_UNSET)
		peak = pc->watermark;
	else
		peak = max(ofp->value, pc->local_watermark);
	sb_printf(sb, "%llu\n", (unsigned long long)peak * PAGE_SIZE);
	return 0;
}

static long peak_write(struct kernfs_open_file *of, size_t nbytes,
		       struct page_counter *pc, struct list_head *watchers)
{
	struct cgroup_of_peak *ofp = of->priv, *peer;
	unsigned long usage = page_counter_read(pc);

	pc->local_watermark = usage;
	list_for_each_entry(peer, watchers, list)
		if (usage > peer->value)
			peer->value = usage;
	if (ofp->value == OFP_PEAK_UNSET)
		list_add(&ofp->list, watchers);
	ofp->value = usage;
	return nbytes;
}

static int memory_peak_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	return peak_show(of, sb, &of_memcg(of)->memory);
}

static long memory_peak_write(struct kernfs_open_file *of, char *buf,
			      size_t nbytes)
{
	struct mem_cgroup *memcg = of_memcg(of);

	return peak_write(of, nbytes, &memcg->memory, &memcg->memory_peaks);
}

static int swap_peak_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	return peak_show(of, sb, &of_memcg(of)->swap);
}

static long swap_peak_write(struct kernfs_open_file *of, char *buf,
			    size_t nbytes)
{
	struct mem_cgroup *memcg = of_memcg(of);

	return peak_write(of, nbytes, &memcg->swap, &memcg->swap_peaks);
}

/* ---- protection and limits ---- */

static long memory_min_write(struct kernfs_open_file *of, char *buf,
			     size_t nbytes)
{
	unsigned long min;
	int err = parse_limit(buf, &min);

	if (err)
		return err;
	page_counter_set_min(&of_memcg(of)->memory, min);
	return nbytes;
}

static long memory_low_write(struct kernfs_open_file *of, char *buf,
			     size_t nbytes)
{
	unsigned long low;
	int err = parse_limit(buf, &low);

	if (err)
		return err;
	page_counter_set_low(&of_memcg(of)->memory, low);
	return nbytes;
}

/*
 * Reclaim down to the new high: drain the stocks first, then reclaim until
 * usage fits or 16 rounds in a row made no progress.  Never OOM-kills.
 */
static long memory_high_write(struct kernfs_open_file *of, char *buf,
			      size_t nbytes)
{
	struct mem_cgroup *memcg = of_memcg(of);
	unsigned int nr_retries = MAX_RECLAIM_RETRIES;
	bool drained = false;
	unsigned long high;
	int err = parse_limit(buf, &high);

	if (err)
		return err;
	page_counter_set_high(&memcg->memory, high);
	for (;;) {
		unsigned long nr_pages = page_counter_read(&memcg->memory);

		if (nr_pages <= high)
			break;
		if (fatal_signal_pending(memcg->machine->current))
			break;
		if (!drained) {
			drain_all_stock(memcg);
			drained = true;
			continue;
		}
		if (!try_to_free_mem_cgroup_pages(memcg, nr_pages - high,
						  GFP_KERNEL,
						  MEMCG_RECLAIM_MAY_SWAP, NULL) &&
		    !nr_retries--)
			break;
	}
	return nbytes;
}

/*
 * The limit is set first, whatever the usage (no -EBUSY on v2); then
 * reclaim, and when 16 reclaims in a row free nothing, OOM-kill until the
 * usage fits or nothing is left to kill.  A writer that is killed itself
 * (a task lowering its own cgroup's limit) stops there.
 */
static long memory_max_write(struct kernfs_open_file *of, char *buf,
			     size_t nbytes)
{
	struct mem_cgroup *memcg = of_memcg(of);
	unsigned int nr_reclaims = MAX_RECLAIM_RETRIES;
	bool drained = false;
	unsigned long max;
	int err = parse_limit(buf, &max);

	if (err)
		return err;
	memcg->memory.max = max;
	for (;;) {
		unsigned long nr_pages = page_counter_read(&memcg->memory);

		if (nr_pages <= max)
			break;
		if (fatal_signal_pending(memcg->machine->current))
			break;
		if (!drained) {
			drain_all_stock(memcg);
			drained = true;
			continue;
		}
		if (nr_reclaims) {
			if (!try_to_free_mem_cgroup_pages(memcg, nr_pages - max,
							  GFP_KERNEL,
							  MEMCG_RECLAIM_MAY_SWAP,
							  NULL))
				nr_reclaims--;
			continue;
		}
		memcg_memory_event(memcg, MEMCG_OOM);
		if (!mem_cgroup_out_of_memory(memcg, GFP_KERNEL, 0))
			break;
	}
	return nbytes;
}

/* ---- events ---- */

static void show_events(struct strbuf *sb, const long *events)
{
	sb_printf(sb, "low %ld\n", events[MEMCG_LOW]);
	sb_printf(sb, "high %ld\n", events[MEMCG_HIGH]);
	sb_printf(sb, "max %ld\n", events[MEMCG_MAX]);
	sb_printf(sb, "oom %ld\n", events[MEMCG_OOM]);
	sb_printf(sb, "oom_kill %ld\n", events[MEMCG_OOM_KILL]);
	sb_printf(sb, "oom_group_kill %ld\n", events[MEMCG_OOM_GROUP_KILL]);
}

static int memory_events_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	show_events(sb, of_memcg(of)->memory_events);
	return 0;
}

static int memory_events_local_show(struct kernfs_open_file *of,
				    struct strbuf *sb)
{
	show_events(sb, of_memcg(of)->memory_events_local);
	return 0;
}

static int swap_events_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	const long *events = of_memcg(of)->memory_events;

	sb_printf(sb, "high %ld\n", events[MEMCG_SWAP_HIGH]);
	sb_printf(sb, "max %ld\n", events[MEMCG_SWAP_MAX]);
	sb_printf(sb, "fail %ld\n", events[MEMCG_SWAP_FAIL]);
	return 0;
}

/* ---- memory.stat and memory.numa_stat ---- */

struct memory_stat {
	const char *name;
	int idx;
};

/*
 * 6.12's memory_stats[] for x86_64 with ZSWAP, SWAP, THP and NUMA_BALANCING.
 * 6.12 has no hugetlb item (docs/kernel-6.12-formats.md §1).
 */
static const struct memory_stat memory_stats[] = {
	{ "anon",			NR_ANON_MAPPED },
	{ "file",			NR_FILE_PAGES },
	{ "kernel",			MEMCG_KMEM },
	{ "kernel_stack",		NR_KERNEL_STACK_KB },
	{ "pagetables",			NR_PAGETABLE },
	{ "sec_pagetables",		NR_SECONDARY_PAGETABLE },
	{ "percpu",			MEMCG_PERCPU_B },
	{ "sock",			MEMCG_SOCK },
	{ "vmalloc",			MEMCG_VMALLOC },
	{ "shmem",			NR_SHMEM },
	{ "zswap",			MEMCG_ZSWAP_B },
	{ "zswapped",			MEMCG_ZSWAPPED },
	{ "file_mapped",		NR_FILE_MAPPED },
	{ "file_dirty",			NR_FILE_DIRTY },
	{ "file_writeback",		NR_WRITEBACK },
	{ "swapcached",			NR_SWAPCACHE },
	{ "anon_thp",			NR_ANON_THPS },
	{ "file_thp",			NR_FILE_THPS },
	{ "shmem_thp",			NR_SHMEM_THPS },
	{ "inactive_anon",		NR_INACTIVE_ANON },
	{ "active_anon",		NR_ACTIVE_ANON },
	{ "inactive_file",		NR_INACTIVE_FILE },
	{ "active_file",		NR_ACTIVE_FILE },
	{ "unevictable",		NR_UNEVICTABLE },
	{ "slab_reclaimable",		NR_SLAB_RECLAIMABLE_B },
	{ "slab_unreclaimable",		NR_SLAB_UNRECLAIMABLE_B },
	{ "workingset_refault_anon",	WORKINGSET_REFAULT_ANON },
	{ "workingset_refault_file",	WORKINGSET_REFAULT_FILE },
	{ "workingset_activate_anon",	WORKINGSET_ACTIVATE_ANON },
	{ "workingset_activate_file",	WORKINGSET_ACTIVATE_FILE },
	{ "workingset_restore_anon",	WORKINGSET_RESTORE_ANON },
	{ "workingset_restore_file",	WORKINGSET_RESTORE_FILE },
	{ "workingset_nodereclaim",	WORKINGSET_NODERECLAIM },
	{ "pgdemote_kswapd",		PGDEMOTE_KSWAPD },
	{ "pgdemote_direct",		PGDEMOTE_DIRECT },
	{ "pgdemote_khugepaged",	PGDEMOTE_KHUGEPAGED },
	{ "pgpromote_success",		PGPROMOTE_SUCCESS },
};

/* 6.12's memcg_vm_event_stat[] (pgpgin/pgpgout are v1 only; pswpin/pswpout
 * joined it in 6.13) */
static const enum vm_event_item memcg_vm_event_stat[] = {
	PGSCAN_KSWAPD, PGSCAN_DIRECT, PGSCAN_KHUGEPAGED,
	PGSTEAL_KSWAPD, PGSTEAL_DIRECT, PGSTEAL_KHUGEPAGED,
	PGFAULT, PGMAJFAULT, PGREFILL, PGACTIVATE, PGDEACTIVATE,
	PGLAZYFREE, PGLAZYFREED,
	SWPIN_ZERO, SWPOUT_ZERO,
	ZSWPIN, ZSWPOUT, ZSWPWB,
	THP_FAULT_ALLOC, THP_COLLAPSE_ALLOC, THP_SWPOUT, THP_SWPOUT_FALLBACK,
	NUMA_PAGE_MIGRATE, NUMA_PTE_UPDATES, NUMA_HINT_FAULTS,
};

/* Bytes per unit of a stat item, as memcg_page_state_output_unit(). */
static long stat_unit(int idx)
{
	switch (idx) {
	case NR_SLAB_RECLAIMABLE_B:
	case NR_SLAB_UNRECLAIMABLE_B:
	case MEMCG_PERCPU_B:
	case MEMCG_ZSWAP_B:
		return 1;
	case NR_KERNEL_STACK_KB:
		return 1024;
	case WORKINGSET_REFAULT_ANON ... WORKINGSET_NODERECLAIM:
	case PGDEMOTE_KSWAPD ... PGDEMOTE_KHUGEPAGED:
	case PGPROMOTE_SUCCESS:
		return 1;
	default:
		return PAGE_SIZE;
	}
}

static void memory_stat_format(struct mem_cgroup *memcg, struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(memory_stats); i++) {
		int idx = memory_stats[i].idx;

		sb_printf(sb, "%s %ld\n", memory_stats[i].name,
			  memcg_page_state(memcg, idx) * stat_unit(idx));
		if (idx == NR_SLAB_UNRECLAIMABLE_B)
			sb_printf(sb, "slab %ld\n",
				  memcg_page_state(memcg, NR_SLAB_RECLAIMABLE_B) +
				  memcg_page_state(memcg, NR_SLAB_UNRECLAIMABLE_B));
	}
	sb_printf(sb, "pgscan %lu\n", memcg_events(memcg, PGSCAN_KSWAPD) +
		  memcg_events(memcg, PGSCAN_DIRECT) +
		  memcg_events(memcg, PGSCAN_KHUGEPAGED));
	sb_printf(sb, "pgsteal %lu\n", memcg_events(memcg, PGSTEAL_KSWAPD) +
		  memcg_events(memcg, PGSTEAL_DIRECT) +
		  memcg_events(memcg, PGSTEAL_KHUGEPAGED));
	for (i = 0; i < ARRAY_SIZE(memcg_vm_event_stat); i++)
		sb_printf(sb, "%s %lu\n", vm_event_name(memcg_vm_event_stat[i]),
			  memcg_events(memcg, memcg_vm_event_stat[i]));
}

static int memory_stat_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	memory_stat_format(of_memcg(of), sb);
	return 0;
}

/* numa_stat shows the node-level items only, per node */
static int memory_numa_stat_show(struct kernfs_open_file *of,
				 struct strbuf *sb)
{
	struct mem_cgroup *memcg = of_memcg(of);
	struct machine *m = memcg->machine;
	size_t i;
	int nid;

	for (i = 0; i < ARRAY_SIZE(memory_stats); i++) {
		int idx = memory_stats[i].idx;

		if (idx >= NR_VM_NODE_STAT_ITEMS)
			continue;
		sb_puts(sb, memory_stats[i].name);
		for (nid = 0; nid < m->nr_nodes; nid++) {
			long v = lruvec_page_state(mem_cgroup_lruvec(memcg, nid), idx);

			sb_printf(sb, " N%d=%ld", nid, v * stat_unit(idx));
		}
		sb_puts(sb, "\n");
	}
	return 0;
}

/* ---- memory.oom.group ---- */

static int memory_oom_group_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of_memcg(of)->oom_group);
	return 0;
}

/*
 * memory.oom.group and memory.zswap.writeback take 0 or 1; kstrtoint()'s own
 * error (ERANGE for an out-of-int number) goes back as it is.
 */
static int parse_01(char *buf, int *v)
{
	int err = kstrtoint(strstrip(buf), 0, v);

	if (err)
		return err;
	return *v == 0 || *v == 1 ? 0 : -EINVAL;
}

static long memory_oom_group_write(struct kernfs_open_file *of, char *buf,
				   size_t nbytes)
{
	int v, err = parse_01(buf, &v);

	if (err)
		return err;
	of_memcg(of)->oom_group = v;
	return nbytes;
}

/* ---- memory.reclaim ---- */

static int parse_reclaim_args(char *buf, int *swappiness)
{
	char *tok;

	buf = strstrip(buf);
	while ((tok = strsep(&buf, " "))) {
		if (!*tok)
			continue;
		/* match_token()'s %d takes an optional '-' but no '+' */
		if (strncmp(tok, "swappiness=", 11) || tok[11] == '+' ||
		    kstrtoint(tok + 11, 0, swappiness) ||
		    *swappiness < MIN_SWAPPINESS || *swappiness > MAX_SWAPPINESS)
			return -EINVAL;
	}
	return 0;
}

/*
 * Proactive reclaim of the requested size in shrinking batches; 16 rounds
 * without progress are allowed, the 17th fails with EAGAIN.
 */
static long memory_reclaim(struct kernfs_open_file *of, char *buf,
			   size_t nbytes)
{
	struct mem_cgroup *memcg = of_memcg(of);
	unsigned int nr_retries = MAX_RECLAIM_RETRIES;
	unsigned long nr_to_reclaim, nr_reclaimed = 0;
	int swappiness = -1;
	char *start;

	buf = strstrip(buf);
	start = buf;
	nr_to_reclaim = memparse(buf, &buf) / PAGE_SIZE;
	if (buf == start)
		return -EINVAL;
	if (parse_reclaim_args(buf, &swappiness))
		return -EINVAL;
	while (nr_reclaimed < nr_to_reclaim) {
		unsigned long batch = (nr_to_reclaim - nr_reclaimed) / 4;
		unsigned long reclaimed;

		if (fatal_signal_pending(memcg->machine->current))
			return -EINTR;
		if (!nr_retries)
			lru_add_drain_all(memcg->machine);
		reclaimed = try_to_free_mem_cgroup_pages(memcg, batch, GFP_KERNEL,
				MEMCG_RECLAIM_MAY_SWAP | MEMCG_RECLAIM_PROACTIVE,
				swappiness == -1 ? NULL : &swappiness);
		if (!reclaimed && !nr_retries--)
			return -EAGAIN;
		nr_reclaimed += reclaimed;
	}
	return nbytes;
}

/* ---- swap and zswap limits ---- */

static long swap_high_write(struct kernfs_open_file *of, char *buf,
			    size_t nbytes)
{
	unsigned long high;
	int err = parse_limit(buf, &high);

	if (err)
		return err;
	page_counter_set_high(&of_memcg(of)->swap, high);
	return nbytes;
}

static int zswap_current_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%ld\n", memcg_page_state(of_memcg(of), MEMCG_ZSWAP_B));
	return 0;
}

static int zswap_writeback_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%d\n", of_memcg(of)->zswap_writeback);
	return 0;
}

static long zswap_writeback_write(struct kernfs_open_file *of, char *buf,
				  size_t nbytes)
{
	int v, err = parse_01(buf, &v);

	if (err)
		return err;
	of_memcg(of)->zswap_writeback = v;
	return nbytes;
}

const struct cftype memory_files[] = {
	{ .name = "memory.current", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = memory_current_show },
	{ .name = "memory.peak", .flags = CFTYPE_NOT_ON_ROOT,
	  .open = peak_open, .release = peak_release,
	  .seq_show = memory_peak_show, .write = memory_peak_write },
	{ .name = "memory.min", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(memory.min),
	  .seq_show = limit_show, .write = memory_min_write },
	{ .name = "memory.low", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(memory.low),
	  .seq_show = limit_show, .write = memory_low_write },
	{ .name = "memory.high", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(memory.high),
	  .seq_show = limit_show, .write = memory_high_write },
	{ .name = "memory.max", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(memory.max),
	  .seq_show = limit_show, .write = memory_max_write },
	{ .name = "memory.events", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = memory_events_show },
	{ .name = "memory.events.local", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = memory_events_local_show },
	{ .name = "memory.stat", .seq_show = memory_stat_show },
	{ .name = "memory.numa_stat", .seq_show = memory_numa_stat_show },
	{ .name = "memory.oom.group", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = memory_oom_group_show, .write = memory_oom_group_write },
	{ .name = "memory.reclaim", .write = memory_reclaim },
	{ .name = "memory.swap.current", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = swap_current_show },
	{ .name = "memory.swap.high", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(swap.high),
	  .seq_show = limit_show, .write = swap_high_write },
	{ .name = "memory.swap.max", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(swap.max),
	  .seq_show = limit_show, .write = limit_write },
	{ .name = "memory.swap.peak", .flags = CFTYPE_NOT_ON_ROOT,
	  .open = peak_open, .release = peak_release,
	  .seq_show = swap_peak_show, .write = swap_peak_write },
	{ .name = "memory.swap.events", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = swap_events_show },
	{ .name = "memory.zswap.current", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = zswap_current_show },
	{ .name = "memory.zswap.max", .flags = CFTYPE_NOT_ON_ROOT,
	  .private = LIMIT(zswap_max),
	  .seq_show = limit_show, .write = limit_write },
	{ .name = "memory.zswap.writeback",
	  .seq_show = zswap_writeback_show, .write = zswap_writeback_write },
	{ }	/* terminate */
};
