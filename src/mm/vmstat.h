/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Node, zone and event counters (include/linux/vmstat.h) and the text of
 * /proc/vmstat (mm/vmstat.c).
 */
#ifndef MEMCGLAB_MM_VMSTAT_H
#define MEMCGLAB_MM_VMSTAT_H

#include "include/machine.h"
#include "include/mm_types.h"

struct strbuf;

static inline void mod_node_page_state(struct pglist_data *pgdat,
				       enum node_stat_item idx, long delta)
{
	pgdat->vm_stat[idx] += delta;
}

static inline void mod_zone_page_state(struct pglist_data *pgdat,
				       enum zone_stat_item idx, long delta)
{
	pgdat->zone_stat[idx] += delta;
}

static inline void count_vm_events(struct machine *m, enum vm_event_item idx,
				   unsigned long n)
{
	m->vm_events[idx] += n;
}

static inline void count_vm_event(struct machine *m, enum vm_event_item idx)
{
	m->vm_events[idx]++;
}

unsigned long global_node_page_state(struct machine *m, enum node_stat_item idx);
unsigned long global_zone_page_state(struct machine *m, enum zone_stat_item idx);

/* An event's name as /proc/vmstat prints it; memory.stat uses it too. */
const char *vm_event_name(enum vm_event_item idx);

/* Register /proc/vmstat. */
int init_mm_internals(struct machine *m);

#endif
