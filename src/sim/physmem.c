// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time setup of the nodes' frames.  Memory is split evenly across
 * nodes, in contiguous pfn ranges starting at 0.  The arenas are reserved
 * with MAP_NORESERVE so a large simulated machine costs host memory only for
 * the frames it actually touches.  Unlike a real machine, no memory is held
 * back for the kernel image, memmap or firmware: MemTotal is the whole size.
 */
#include "physmem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* One host cache line per frame's metadata, never two. */
static struct folio *alloc_mem_map(unsigned long nr)
{
	void *map;

	if (posix_memalign(&map, SMP_CACHE_BYTES, nr * sizeof(struct folio)))
		return NULL;
	return memset(map, 0, nr * sizeof(struct folio));
}

static int node_init(struct machine *m, int nid, unsigned long start,
		     unsigned long nr)
{
	struct pglist_data *pgdat = calloc(1, sizeof(*pgdat));
	unsigned long i;

	if (!pgdat)
		return -ENOMEM;
	pgdat->node_id = nid;
	pgdat->machine = m;
	pgdat->node_start_pfn = start;
	pgdat->node_present_pages = nr;
	pgdat->node_mem_map = alloc_mem_map(nr);
	pgdat->arena = mmap(NULL, nr << PAGE_SHIFT, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	INIT_LIST_HEAD(&pgdat->free_list);
	m->node_data[nid] = pgdat;
	/* host huge pages: a simulated gigabyte costs hundreds, not 262144,
	 * host page faults (the hint may be refused; nothing depends on it) */
	if (pgdat->arena != MAP_FAILED)
		madvise(pgdat->arena, nr << PAGE_SHIFT, MADV_HUGEPAGE);
	if (!pgdat->node_mem_map || pgdat->arena == MAP_FAILED) {
		if (pgdat->arena == MAP_FAILED)
			pgdat->arena = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		struct folio *f = &pgdat->node_mem_map[i];

		f->flags = (unsigned long)nid << FOLIO_NID_SHIFT;
		f->_mapcount = -1;
		INIT_LIST_HEAD(&f->lru);
	}
	return 0;
}

/* CPUs are spread over the nodes in contiguous blocks. */
static void set_cpu_nodes(struct machine *m)
{
	int per_node = DIV_ROUND_UP(m->nr_cpus, m->nr_nodes), cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		m->cpu_node[cpu] = min(cpu / per_node, m->nr_nodes - 1);
}

int physmem_init(struct machine *m)
{
	unsigned long total = m->cfg.memory_bytes >> PAGE_SHIFT;
	unsigned long per_node = total / m->cfg.nr_nodes, start = 0;
	int nid, err;

	m->nr_nodes = m->cfg.nr_nodes;
	for (nid = 0; nid < m->nr_nodes; nid++) {
		unsigned long nr = nid == m->nr_nodes - 1 ? total - start : per_node;

		err = node_init(m, nid, start, nr);
		if (err)
			return err;
		start += nr;
	}
	m->totalram_pages = total;
	set_cpu_nodes(m);
	return 0;
}

void physmem_release(struct machine *m)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		if (!pgdat)
			continue;
		if (pgdat->arena)
			munmap(pgdat->arena, pgdat->node_present_pages << PAGE_SHIFT);
		free(pgdat->node_mem_map);
		free(pgdat);
		m->node_data[nid] = NULL;
	}
}
