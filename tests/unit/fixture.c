// SPDX-License-Identifier: GPL-2.0
/*
 * The shared machine fixture of the unit tests (fixture.h).  Linked into
 * every tests/unit/test_*.c; tests that do not need a machine simply do not
 * call it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "include/kernfs.h"
#include "include/fs.h"
#include "mm/memcontrol.h"
#include "mm/mm.h"
#include "fixture.h"

struct machine *boot_machine(u64 memory_bytes, int nr_nodes)
{
	return boot_machine_swap(memory_bytes, nr_nodes, 0);
}

struct machine *boot_machine_swap(u64 memory_bytes, int nr_nodes,
				  u64 swap_bytes)
{
	return boot_machine_swapdev(memory_bytes, nr_nodes, swap_bytes,
				    SWAPDEV_DISK);
}

struct machine *boot_machine_swapdev(u64 memory_bytes, int nr_nodes,
				     u64 swap_bytes, int swapdev)
{
	struct machine_config cfg = {
		.memory_bytes = memory_bytes,
		.nr_cpus = 2,
		.nr_nodes = nr_nodes,
		.swap_bytes = swap_bytes,
		.swapdev = swapdev,
		.disk_bytes = 256ULL << 20,
		.seed = 1,
	};
	struct machine *m = machine_create(&cfg);

	if (!m) {
		printf("Bail out! machine_create failed\n");
		exit(1);
	}
	return m;
}

long wr(struct machine *m, const char *path, const char *s)
{
	return kernfs_write_path(m, path, s, strlen(s));
}

const char *rd(struct machine *m, const char *path)
{
	static char bufs[8][16384];
	static int next;
	char *out = bufs[next++ % 8];
	struct strbuf sb = STRBUF_INIT;
	int err = kernfs_read_path(m, path, &sb);

	if (err < 0)
		snprintf(out, sizeof(bufs[0]), "ERR %d", -err);
	else
		snprintf(out, sizeof(bufs[0]), "%s", sb.buf ? sb.buf : "");
	sb_release(&sb);
	return out;
}

long num(struct machine *m, const char *path)
{
	const char *s = rd(m, path);

	return strncmp(s, "ERR", 3) ? strtol(s, NULL, 10) : -1;
}

long key(struct machine *m, const char *path, const char *name)
{
	const char *s = rd(m, path);
	size_t n = strlen(name);

	if (!strncmp(s, "ERR", 3))
		return -1;
	while (s && *s) {
		if (!strncmp(s, name, n) && s[n] == ' ')
			return strtol(s + n + 1, NULL, 10);
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	return -1;
}

static long cg_key(struct machine *m, const char *cg, const char *file,
		   const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s%s", cg, *cg ? "/" : "", file);
	return key(m, path, name);
}

long memstat(struct machine *m, const char *cg, const char *name)
{
	return cg_key(m, cg, "memory.stat", name);
}

long cgstat(struct machine *m, const char *cg, const char *name)
{
	return cg_key(m, cg, "cgroup.stat", name);
}

struct task_struct *spawn(struct machine *m, const char *name, const char *cg)
{
	struct cgroup *cgrp = cgroup_lookup(m, cg);
	struct task_struct *t;
	int err = -ENOENT;

	t = cgrp ? task_spawn(m, name, cgrp, &err) : NULL;
	if (!t) {
		printf("Bail out! cannot spawn %s in '%s': %d\n", name, cg, err);
		exit(1);
	}
	return t;
}

struct mem_cgroup *memcg_of(struct machine *m, const char *cg)
{
	struct cgroup *cgrp = cgroup_lookup(m, cg);

	if (!cgrp || !cgrp->subsys[memory_cgrp_id])
		return NULL;
	return mem_cgroup_from_css(cgrp->subsys[memory_cgrp_id]);
}

struct mem_cgroup *memcg_get(struct machine *m, const char *cg)
{
	struct mem_cgroup *memcg = memcg_of(m, cg);

	if (memcg)
		css_get(&memcg->css);
	return memcg;
}

struct vm_area_struct *map_shmem(struct machine *m, struct task_struct *t,
				 const char *path, unsigned long pages)
{
	struct vm_area_struct *vma = NULL;
	int err = 0;
	struct inode *inode = vfs_open(m, path, true, &err);

	if (!inode)
		return NULL;
	if (inode->i_size < pages * PAGE_SIZE)
		vfs_truncate(m, inode, pages * PAGE_SIZE);
	err = do_mmap(t->mm, "s", VMA_SHMEM, inode, pages * PAGE_SIZE, true,
		      &vma);
	iput(m, inode);
	return err ? NULL : vma;
}

bool task_access(struct machine *m, struct task_struct *t,
		 struct vm_area_struct *vma, unsigned long i, bool write)
{
	struct task_struct *prev = m->current;
	unsigned int ret;
	u8 *page;

	m->current = t;
	ret = user_access(vma, vma->vm_start + i * PAGE_SIZE, write, &page);
	m->current = prev;
	return !ret;
}
