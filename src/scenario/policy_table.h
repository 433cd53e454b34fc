/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The design switches of `policy NAME=VALUE` (DESIGN.md, "Policy
 * switches"): one row per switch, and the only place they are written.
 *
 *	SCN_POLICY(id, name, field, issue, debate, values...)
 *
 *	id	a C identifier for the row
 *	name	the switch as a scenario writes it
 *	field	the member of struct mm_policy (m->policy) that the switch
 *		sets: the index of the chosen value, 0 being Linux 6.12
 *	issue	0 when every value is modelled; else only the first one is,
 *		and the others are "not modelled yet" until this issue lands
 *	debate	the mailing-list debate (a seed) that the switch replays
 *	values	the values; the first is Linux 6.12's and the default
 *
 * No include guard: each includer defines SCN_POLICY() and expands the
 * rows its own way.  scenario/policy.c makes the table of names, values
 * and docs that the runtime, the command line and docs/scenario.md read;
 * the model backend (scenario/model/model.c) makes the stores into
 * struct mm_policy.  Neither needs the other's headers.
 */
SCN_POLICY(zswap_lru, "zswap.lru", zswap_lru_global, 0,
	   "zswap: make shrinking memcg-aware (seed 000)",
	   "memcg", "global")
SCN_POLICY(offline_kmem, "memcg.offline_kmem", offline_kmem_drain, 0,
	   "kmemcg shrinkers: reparent objects vs shrink dead caches (seed 001)",
	   "reparent", "drain")
SCN_POLICY(smemcg, "smemcg", smemcg, 0,
	   "shared-memory cgroup per tmpfs mount (`mount tmpfs PATH smemcg`, memory.smemcg): add the whole smemcg charge vs per-(smemcg, memcg) borrow counters (seed 002)",
	   "off", "charge", "borrow")
SCN_POLICY(pins, "pins", pins, 0,
	   "pinned memory: RLIMIT_MEMLOCK counters only vs Alistair Popple's pins cgroup controller vs that controller with pins of smemcg pages also borrowed by the pinner's memcg (seed 002)",
	   "off", "cgroup", "smemcg")
SCN_POLICY(objcg_task_cache, "objcg.task_cache", objcg_task_cache, 0,
	   "direct objcg pointer in task_struct: looked up lazily after fork and migration, for every allocation, or inherited at fork (seed 003)",
	   "lazy", "off", "fork")
SCN_POLICY(memcg_task_cache, "memcg.task_cache", memcg_task_cache, 0,
	   "a lazily updated memcg pointer in task_struct instead of the css_set walk (seed 003)",
	   "off", "on")
SCN_POLICY(pagemap_shmem_swap, "pagemap.shmem_swap", pagemap_shmem_swap, 0,
	   "PM_SWAP for shmem: PTE_MARKER_PAGEOUT vs page-cache lookup (seed 004)",
	   "none", "marker", "lookup")
