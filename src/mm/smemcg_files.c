// SPDX-License-Identifier: GPL-2.0
/*
 * The interface files of shared-memory cgroups (policy smemcg=charge|
 * borrow, mm/smemcg.c), all model only (docs/model-only-formats.md):
 *
 *  - in every memcg but the root, once a tmpfs was mounted with `smemcg`:
 *    memory.smemcg (attach with "+PATH", detach with "-PATH"; lists the
 *    attached mount paths) and memory.smemcg.borrow (a line per pair);
 *  - /sys/kernel/mm/smemcg/NAME/: smemcg.current, smemcg.max and
 *    smemcg.events of the smemcg of the mount at NAME ('/' as '!');
 *  - /sys/kernel/debug/memcglab/smemcg, from boot: which policy runs, so
 *    one scenario can take each policy's path.
 *
 * The proposal named only the memcg file ("smemcg", by analogy with
 * "tasks"); the others are the model's.
 */
#include "mm/smemcg.h"

#include <errno.h>
#include <string.h>

#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/kernfs.h"
#include "include/shmem_fs.h"
#include "mm/memcontrol.h"

static struct mem_cgroup *of_memcg(struct kernfs_open_file *of)
{
	return mem_cgroup_from_css(of_css(of));
}

static unsigned long long bytes(long pages)
{
	return (unsigned long long)pages * PAGE_SIZE;
}

/* ---- memory.smemcg, memory.smemcg.borrow ---- */

static int memory_smemcg_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct mem_cgroup *memcg = of_memcg(of);
	struct smemcg *s;

	list_for_each_entry(s, &of->machine->smemcgs, list) {
		struct smemcg_pair *pair = smemcg_pair_find(s, memcg);

		if (pair && pair->attached)
			sb_printf(sb, "%s\n", s->sbinfo->path);
	}
	return 0;
}

static int smemcg_write_one(struct mem_cgroup *memcg, char *tok)
{
	struct smemcg *s;

	if ((tok[0] != '+' && tok[0] != '-') || tok[1] != '/')
		return -EINVAL;
	s = smemcg_lookup_path(memcg->machine, tok + 1);
	if (!s)
		return -ENOENT;
	return tok[0] == '+' ? smemcg_attach(s, memcg)
			     : smemcg_detach(s, memcg);
}

/* Space-separated "+PATH" and "-PATH", in order; stops at the first error. */
static long memory_smemcg_write(struct kernfs_open_file *of, char *buf,
				size_t nbytes)
{
	char *tok, *save = NULL;
	int err = 0, n = 0;

	for (tok = strtok_r(buf, " \t\n", &save); tok && !err;
	     tok = strtok_r(NULL, " \t\n", &save), n++)
		err = smemcg_write_one(of_memcg(of), tok);
	if (!err && !n)
		err = -EINVAL;
	return err ? err : (long)nbytes;
}

static int memory_smemcg_borrow_show(struct kernfs_open_file *of,
				     struct strbuf *sb)
{
	struct mem_cgroup *memcg = of_memcg(of);
	struct smemcg *s;

	list_for_each_entry(s, &of->machine->smemcgs, list) {
		struct smemcg_pair *pair = smemcg_pair_find(s, memcg);

		if (!pair)
			continue;
		sb_printf(sb, "%s charged=%llu mapped=%llu pinned=%llu\n",
			  s->name, bytes(pair->charged), bytes(pair->mapped),
			  bytes(pair->pinned));
	}
	return 0;
}

static const struct cftype smemcg_memcg_files[] = {
	{ .name = "memory.smemcg", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = memory_smemcg_show, .write = memory_smemcg_write },
	{ .name = "memory.smemcg.borrow", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = memory_smemcg_borrow_show },
	{ }
};

/* ---- /sys/kernel/mm/smemcg/NAME/ ---- */

static struct smemcg *of_smemcg(struct kernfs_open_file *of)
{
	return of->data;
}

static int smemcg_current_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%llu\n", bytes(page_counter_read(&of_smemcg(of)->counter)));
	return 0;
}

static int smemcg_max_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	unsigned long max = of_smemcg(of)->counter.max;

	if (max == PAGE_COUNTER_MAX)
		sb_puts(sb, "max\n");
	else
		sb_printf(sb, "%llu\n", bytes(max));
	return 0;
}

/* As memory.swap.max: a store; lowering it refuses new pages only. */
static long smemcg_max_write(struct kernfs_open_file *of, char *buf,
			     size_t nbytes)
{
	unsigned long max;
	int err = page_counter_memparse(strstrip(buf), "max", &max);

	if (err)
		return err;
	of_smemcg(of)->counter.max = max;
	return nbytes;
}

static int smemcg_events_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "max %lu\n", of_smemcg(of)->events_max);
	return 0;
}

static const struct cftype smemcg_dir_files[] = {
	{ .name = "smemcg.current", .seq_show = smemcg_current_show },
	{ .name = "smemcg.max", .seq_show = smemcg_max_show,
	  .write = smemcg_max_write },
	{ .name = "smemcg.events", .seq_show = smemcg_events_show },
	{ }
};

static void *smemcg_dir_lookup(struct machine *m, const char *name)
{
	return smemcg_lookup_name(m, name);
}

static bool smemcg_dir_is_root(void *node)
{
	return false;
}

static void smemcg_dir_list(void *node, struct strbuf *sb)
{
}

static const struct kernfs_dir_ops smemcg_dir_ops = {
	.lookup		= smemcg_dir_lookup,
	.is_root	= smemcg_dir_is_root,
	.list		= smemcg_dir_list,
};

int smemcg_files_mount(struct machine *m)
{
	int err = cgroup_add_dfl_cftypes(m, &memory_cgrp_subsys,
					 smemcg_memcg_files);

	if (!err)
		err = kernfs_mount(m, "/sys/kernel/mm/smemcg", KF_PROC,
				   &smemcg_dir_ops);
	if (!err)
		err = kernfs_mount_add_files(m, &smemcg_dir_ops, 0,
					     smemcg_dir_files);
	return err;
}

/* ---- /sys/kernel/debug/memcglab/smemcg ---- */

static int smemcg_policy_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	static const char *const names[] = { "off", "charge", "borrow" };
	int p = smemcg_policy(of->machine);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		sb_printf(sb, "%s %d\n", names[i], p == (int)i);
	return 0;
}

static const struct cftype smemcg_debug_files[] = {
	{ .name = "smemcg", .seq_show = smemcg_policy_show },
	{ }
};

int smemcg_files_init(struct machine *m)
{
	return debugfs_create_files(m, "memcglab", smemcg_debug_files);
}
