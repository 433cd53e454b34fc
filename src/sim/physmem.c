// SPDX-License-Identifier: GPL-2.0
/*
 * The RAM of the machine.  Memory is split evenly across nodes, in
 * contiguous pfn ranges starting at 0.  The arena is reserved with
 * MAP_NORESERVE so a large simulated machine costs host memory only for
 * the frames it actually touches.  Unlike a real machine, no memory is held
 * back for the kernel image, memmap or firmware: MemTotal is the whole size.
 */
#include "physmem.h"
#include "content.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

/* CPUs are spread over the nodes in contiguous blocks. */
static void set_cpu_nodes(struct physmem *pm)
{
	int per_node = DIV_ROUND_UP(pm->nr_cpus, pm->nr_nodes), cpu;

	for (cpu = 0; cpu < pm->nr_cpus; cpu++)
		pm->cpu_node[cpu] = min(cpu / per_node, pm->nr_nodes - 1);
}

int physmem_init(struct physmem *pm, u64 bytes, int nr_nodes, int nr_cpus)
{
	unsigned long total = bytes >> PAGE_SHIFT;
	unsigned long per_node = total / nr_nodes, start = 0;
	void *base;
	int nid;

	memset(pm, 0, sizeof(*pm));
	base = mmap(NULL, total << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		return -ENOMEM;
	/* host huge pages: a simulated gigabyte costs hundreds, not 262144,
	 * host page faults (the hint may be refused; nothing depends on it) */
	madvise(base, total << PAGE_SHIFT, MADV_HUGEPAGE);
	pm->base = base;
	pm->text = text_pages_create();
	if (!pm->text) {
		munmap(base, total << PAGE_SHIFT);
		pm->base = NULL;
		return -ENOMEM;
	}
	pm->nr_pages = total;
	pm->nr_nodes = nr_nodes;
	for (nid = 0; nid < nr_nodes; nid++) {
		unsigned long nr = nid == nr_nodes - 1 ? total - start : per_node;

		pm->node_start_pfn[nid] = start;
		pm->node_pages[nid] = nr;
		start += nr;
	}
	pm->nr_cpus = nr_cpus;
	set_cpu_nodes(pm);
	return 0;
}

void physmem_release(struct physmem *pm)
{
	if (pm->base)
		munmap(pm->base, pm->nr_pages << PAGE_SHIFT);
	pm->base = NULL;
	text_pages_destroy(pm->text);
	pm->text = NULL;
}
