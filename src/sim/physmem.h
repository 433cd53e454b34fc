/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine's RAM and topology (what firmware tells setup_arch()): one
 * host arena that holds every frame's real bytes, indexed by pfn, split
 * evenly into nodes of contiguous pfns, and the node each CPU sits on.
 * What the kernel builds on top (pgdats, the mem_map of struct folio) is
 * mm's, in mm/mm_init.c.
 */
#ifndef MEMCGLAB_SIM_PHYSMEM_H
#define MEMCGLAB_SIM_PHYSMEM_H

#include "lib/compiler.h"

#define MAX_NUMNODES		8
#define MACHINE_MAX_CPUS	64

struct text_pages;
struct page_desc;

struct physmem {
	u8 *base;			/* frame bytes: pfn N at N * PAGE_SIZE */
	/* content=model: each frame's descriptor, by pfn (sim/frame.h) */
	struct page_desc *desc;
	/* the text programs write (sim/content.h), made once per variant */
	struct text_pages *text;
	unsigned long nr_pages;
	int nr_nodes;
	unsigned long node_start_pfn[MAX_NUMNODES];
	unsigned long node_pages[MAX_NUMNODES];
	int nr_cpus;
	unsigned char cpu_node[MACHINE_MAX_CPUS];
};

/*
 * @bytes of RAM over @nr_nodes nodes and @nr_cpus CPUs, its frames
 * described rather than filled if @describe (content=model); negative
 * errno.
 */
int physmem_init(struct physmem *pm, u64 bytes, int nr_nodes, int nr_cpus,
		 bool describe);
void physmem_release(struct physmem *pm);

#endif
