// SPDX-License-Identifier: GPL-2.0
/*
 * The RAM of the machine.  Memory is split evenly across nodes, in
 * contiguous pfn ranges starting at 0.  The arena is reserved with
 * MAP_NORESERVE so a large simulated machine costs host memory only for
 * the frames it actually touches; with content=model, a descriptor array
 * beside it (16 bytes a frame, reserved the same way) says what user
 * pages hold, and their frames are never touched.  Unlike a real machine,
 * no memory is held back for the kernel image, memmap or firmware:
 * MemTotal is the whole size.
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

/* Reserved host memory, backed only where touched: reads as zeros. */
static void *reserve(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void set_nodes(struct physmem *pm, int nr_nodes)
{
	unsigned long per_node = pm->nr_pages / nr_nodes, start = 0;
	int nid;

	pm->nr_nodes = nr_nodes;
	for (nid = 0; nid < nr_nodes; nid++) {
		unsigned long nr = nid == nr_nodes - 1 ? pm->nr_pages - start :
							 per_node;

		pm->node_start_pfn[nid] = start;
		pm->node_pages[nid] = nr;
		start += nr;
	}
}

int physmem_init(struct physmem *pm, u64 bytes, int nr_nodes, int nr_cpus,
		 bool describe)
{
	memset(pm, 0, sizeof(*pm));
	pm->nr_pages = bytes >> PAGE_SHIFT;
	pm->base = reserve(pm->nr_pages << PAGE_SHIFT);
	pm->text = text_pages_create();
	if (describe)
		pm->desc = reserve(pm->nr_pages * sizeof(struct page_desc));
	if (!pm->base || !pm->text || (describe && !pm->desc)) {
		physmem_release(pm);
		return -ENOMEM;
	}
	/*
	 * Host huge pages: a simulated gigabyte costs hundreds, not 262144,
	 * host page faults (the hint may be refused; nothing depends on it).
	 * Not when described: the frames the kernel writes (page tables,
	 * slabs) lie scattered among user pages that hold no bytes, and each
	 * would bring in 2 MiB.
	 */
	if (!describe)
		madvise(pm->base, pm->nr_pages << PAGE_SHIFT, MADV_HUGEPAGE);
	set_nodes(pm, nr_nodes);
	pm->nr_cpus = nr_cpus;
	set_cpu_nodes(pm);
	return 0;
}

void physmem_release(struct physmem *pm)
{
	if (pm->base)
		munmap(pm->base, pm->nr_pages << PAGE_SHIFT);
	pm->base = NULL;
	if (pm->desc)
		munmap(pm->desc, pm->nr_pages * sizeof(struct page_desc));
	pm->desc = NULL;
	text_pages_destroy(pm->text);
	pm->text = NULL;
}
