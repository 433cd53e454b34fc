// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for interface files by registration (fs/kernfs.c, the API of
 * include/kernfs.h): a table registered in a plain directory, twice, with
 * a clashing name and removed while open; zswap's debugfs directory, which
 * appears with zswap_setup(); a controller's files that come and go with
 * cgroup.subtree_control, with ONLY_ON_ROOT / NOT_ON_ROOT as
 * cgroup_addrm_files() applies them; listing; a mount of our own; and the
 * errnos of paths that are not (or no longer) files.
 *
 * Kernel facts used (kernel source):
 *  - kernfs_add_one() refuses a second node of the same name: -EEXIST;
 *  - a read of an open file whose kernfs node was removed is -ENODEV
 *    (kernfs_fop_read_iter -> kernfs_get_active fails); a controller's
 *    files are removed when "-ctrl" kills its css (kill_css ->
 *    css_clear_dir), the core's stay;
 *  - an open /proc/PID file of a task that is gone fails with -ESRCH
 *    (get_proc_task() is NULL);
 *  - zswap_debugfs_init() runs in zswap_setup(), at the first enable;
 *  - a proc file without a write handler fails in pde_write() with -EIO;
 *    a 0200 sysctl read fails in sysctl_perm() with -EACCES; a zero-length
 *    write to a sysctl returns 0 before the handler.
 */
#include <errno.h>
#include <string.h>

#include "lib/strbuf.h"
#include "include/machine.h"
#include "include/kernfs.h"
#include "include/sched.h"
#include "kernel/cgroup.h"
#include "kernel/task.h"
#include "mm/memcontrol.h"
#include "fixture.h"
#include "tap.h"

/* Prints the row's private value; writes are refused, so a 0 from a
 * write proves the handler was not called. */
static int show_private(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%lu\n", of->cft->private);
	return 0;
}

static long refuse(struct kernfs_open_file *of, char *buf, size_t nbytes)
{
	return -EINVAL;
}

static const struct cftype t_files[] = {
	{ .name = "a", .seq_show = show_private, .private = 1 },
	{ .name = "w", .write = refuse },
	{ }
};

static const struct cftype t_more[] = {
	{ .name = "b", .seq_show = show_private, .private = 2 },
	{ }
};

static const struct cftype t_clash[] = {
	{ .name = "c", .seq_show = show_private, .private = 3 },
	{ .name = "a", .seq_show = show_private, .private = 4 },
	{ }
};

static bool listed(const char *list, const char *line)
{
	size_t len = strlen(line);
	const char *p;

	for (p = list; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, line, len) && p[len] == '\n')
			return true;
	return false;
}

static void test_plain_dir(struct machine *m)
{
	const char *dir = "/sys/kernel/debug/t";
	struct kernfs_open_file *of;
	struct strbuf sb = STRBUF_INIT;

	is_str(rd(m, "/sys/kernel/debug/t/a"), "ERR 2", "before: no such file");
	is_long(debugfs_create_files(m, "t", t_files), 0, "register a table");
	is_str(rd(m, "/sys/kernel/debug/t/a"), "1\n", "its row reads");
	is_long(debugfs_create_files(m, "t", t_files), 0,
		"registering it again is a no-op");
	is_long(kernfs_create_files(m, dir, KF_PROC, t_more), 0,
		"a second table in the same directory");
	is_str(rd(m, "/sys/kernel/debug/t/b"), "2\n", "its row reads");
	is_long(kernfs_create_files(m, dir, KF_PROC, t_clash), -EEXIST,
		"a table with a name the directory has -> EEXIST");
	is_str(rd(m, "/sys/kernel/debug/t/c"), "ERR 2",
	       "... and none of its rows appear");
	is_str(rd(m, "/sys/kernel/debug/t/w"), "ERR 13",
	       "reading a write-only debugfs row -> EACCES");
	is_long(wr(m, "/sys/kernel/debug/t/a", "1"), -EIO,
		"writing a read-only debugfs row -> EIO");
	is_long(wr(m, "/sys/kernel/debug/t/w", ""), -EINVAL,
		"a zero-length write reaches the handler");
	is_str(rd(m, "/sys/kernel/debug/t"), "ERR 2",
	       "the directory itself is no file");

	is_long(kernfs_open(m, "/sys/kernel/debug/t/a", 0, &of), 0, "hold a open");
	kernfs_remove_files(m, dir, t_files);
	is_long(kernfs_read(of, &sb), -ENODEV, "removed under an open file -> ENODEV");
	is_long(kernfs_write(of, "1", 1), -ENODEV, "... writes too");
	kernfs_close(of);
	is_str(rd(m, "/sys/kernel/debug/t/a"), "ERR 2", "removed: no such file");
	is_str(rd(m, "/sys/kernel/debug/t/b"), "2\n", "the other table stays");
	kernfs_remove_files(m, dir, t_files);
	is_str(rd(m, "/sys/kernel/debug/t/b"), "2\n",
	       "removing a table twice leaves the other one alone");
	sb_release(&sb);
}

static void test_sysctl_dir(struct machine *m)
{
	is_long(register_sysctl(m, "t", t_files), 0, "register_sysctl(\"t\")");
	is_str(rd(m, "/proc/sys/t/a"), "1\n", "/proc/sys/t/a reads");
	is_str(rd(m, "/proc/sys/t/w"), "ERR 13", "a write-only sysctl read -> EACCES");
	is_long(wr(m, "/proc/sys/t/a", "1"), -EACCES,
		"a read-only sysctl write -> EACCES");
	is_long(wr(m, "/proc/sys/t/w", ""), 0,
		"a zero-length sysctl write returns 0 before the handler");
	is_str(rd(m, "/proc/sys/vm/swappiness"), "60\n",
	       "the vm table is registered next to it");
}

/* zswap's debugfs directory appears with zswap_setup() (first enable). */
static void test_late_dir(struct machine *m)
{
	const char *f = "/sys/kernel/debug/zswap/stored_pages";

	is_str(rd(m, "/sys/module/zswap/parameters/enabled"), "N\n",
	       "zswap's parameters exist from boot");
	is_str(rd(m, f), "ERR 2", "no debugfs directory before setup");
	is_long(wr(m, "/sys/module/zswap/parameters/enabled", "Y"), 1,
		"enable zswap");
	is_str(rd(m, f), "0\n", "the debugfs directory appeared");
	is_long(wr(m, "/sys/module/zswap/parameters/enabled", "N"), 1,
		"disable zswap");
	is_str(rd(m, f), "0\n", "... and stays, as the setup does");
}

/* A row only the root has and one only the others have, for memory. */
static const struct cftype t_memory_files[] = {
	{ .name = "memory.t_root", .flags = CFTYPE_ONLY_ON_ROOT,
	  .seq_show = show_private, .private = 5 },
	{ .name = "memory.t_child", .flags = CFTYPE_NOT_ON_ROOT,
	  .seq_show = show_private, .private = 6 },
	{ }
};

static const struct cftype t_memory_clash[] = {
	{ .name = "memory.max", .seq_show = show_private },
	{ }
};

static void test_controller_files(struct machine *m)
{
	struct kernfs_open_file *max, *procs;
	struct strbuf sb = STRBUF_INIT;

	is_long(cgroup_add_dfl_cftypes(m, &memory_cgrp_subsys, t_memory_files),
		0, "add a table to the memory controller");
	is_long(cgroup_add_dfl_cftypes(m, &memory_cgrp_subsys, t_memory_clash),
		-EEXIST, "a controller table with a taken name -> EEXIST");
	is_str(rd(m, "memory.t_root"), "5\n", "ONLY_ON_ROOT row on the root");
	is_str(rd(m, "memory.t_child"), "ERR 2", "NOT_ON_ROOT row not on the root");
	cgroup_mkdir(m, "C");
	is_str(rd(m, "C/memory.t_root"), "ERR 2", "ONLY_ON_ROOT row not in a child");
	is_str(rd(m, "C/memory.t_child"), "6\n", "NOT_ON_ROOT row in a child");
	is_str(rd(m, "C/memory.max"), "max\n", "memory.max in a memory child");

	kernfs_list(m, "C", &sb);
	ok(listed(sb.buf, "memory.t_child") && listed(sb.buf, "memory.max") &&
	   !listed(sb.buf, "memory.t_root"), "C's listing has the rows it shows");
	sb_reset(&sb);

	is_long(kernfs_open(m, "C/memory.max", 0, &max), 0, "hold C/memory.max");
	is_long(kernfs_open(m, "C/cgroup.procs", 0, &procs), 0, "hold C/cgroup.procs");
	is_long(wr(m, "cgroup.subtree_control", "-memory"), 7, "-memory at the root");
	is_long(kernfs_read(max, &sb), -ENODEV,
		"the held memory.max went with the css (css_clear_dir) -> ENODEV");
	is_long(kernfs_write(max, "1M", 2), -ENODEV, "... writes too");
	sb_reset(&sb);
	is_long(kernfs_read(procs, &sb), 0, "the held cgroup.procs still reads");
	sb_reset(&sb);
	kernfs_close(max);
	kernfs_close(procs);
	is_str(rd(m, "C/memory.max"), "ERR 2", "memory.max gone with the controller");
	is_str(rd(m, "C/memory.t_child"), "ERR 2", "... the added table's rows too");
	ok(!strncmp(rd(m, "C/memory.pressure"), "some ", 5),
	   "memory.pressure is the core's (PSI) and stays");
	kernfs_list(m, "C", &sb);
	ok(!listed(sb.buf, "memory.max") && listed(sb.buf, "cgroup.procs") &&
	   listed(sb.buf, "cgroup.events"), "C's listing: core files, no memory.max");
	sb_reset(&sb);
	ok(!strncmp(rd(m, "memory.stat"), "anon ", 5),
	   "the root keeps its memory files");

	is_long(wr(m, "cgroup.subtree_control", "+memory"), 7, "+memory again");
	is_str(rd(m, "C/memory.max"), "max\n", "memory.max back in C");
	kernfs_list(m, "", &sb);
	ok(listed(sb.buf, "C/") && listed(sb.buf, "memory.t_root") &&
	   !listed(sb.buf, "cgroup.events"),
	   "root listing: child dir, ONLY_ON_ROOT row, no NOT_ON_ROOT row");
	sb_release(&sb);
	cgroup_rmdir(m, "C");
}

static void test_errnos(struct machine *m)
{
	struct kernfs_open_file *of;
	struct strbuf sb = STRBUF_INIT;
	struct task_struct *t;
	char path[64];

	is_long(kernfs_open(m, "nope", 0, &of), -ENOENT, "no such file -> ENOENT");
	is_long(kernfs_open(m, "X/memory.max", 0, &of), -ENOENT,
		"no such cgroup -> ENOENT");
	is_long(kernfs_open(m, "/proc/nope", 0, &of), -ENOENT,
		"no such /proc file -> ENOENT");
	is_long(kernfs_list(m, "X", &sb), -ENOENT, "listing no cgroup -> ENOENT");
	is_long(kernfs_open(m, "", 0, &of), -EISDIR, "the root cgroup -> EISDIR");
	cgroup_mkdir(m, "D");
	is_long(kernfs_open(m, "/D", 0, &of), -EISDIR, "a cgroup -> EISDIR");
	is_long(kernfs_open(m, "D/memory.max", 0, &of), 0, "hold D/memory.max");
	is_long(cgroup_rmdir(m, "D"), 0, "rmdir D");
	is_long(kernfs_read(of, &sb), -ENODEV, "read after rmdir -> ENODEV");
	is_long(kernfs_write(of, "1M", 2), -ENODEV, "write after rmdir -> ENODEV");
	kernfs_close(of);
	is_long(kernfs_open(m, "D/memory.max", 0, &of), -ENOENT,
		"open after rmdir -> ENOENT");

	t = spawn(m, "t", "");
	snprintf(path, sizeof(path), "/proc/%d/oom_score", t->pid);
	is_long(kernfs_open(m, path, 0, &of), 0, "hold /proc/PID/oom_score");
	task_exit(t);
	is_long(kernfs_read(of, &sb), -ESRCH, "read after the task went -> ESRCH");
	kernfs_close(of);
	is_long(kernfs_open(m, path, 0, &of), -ENOENT,
		"open after the task went -> ENOENT");
	sb_release(&sb);
}

/* ---- a mount of our own: directories "n0".."n2" below /sys/t ---- */

struct t_node {
	int id;
	bool alive;
};

/* the test's own state: the ops reach it as an owner reaches its state */
static struct t_node t_nodes[3] = { { 0, true }, { 1, true }, { 2, true } };

static void *t_lookup(struct machine *m, const char *path)
{
	if (path[0] != 'n' || path[1] < '0' || path[1] > '2' || path[2])
		return NULL;
	return &t_nodes[path[1] - '0'];
}

/* tag 1 shows in even nodes only */
static bool t_shows(void *node, int tag, void **ctx)
{
	return tag != 1 || !(((struct t_node *)node)->id & 1);
}

static int t_gone(struct kernfs_open_file *of)
{
	return ((struct t_node *)of->data)->alive ? 0 : -ESRCH;
}

static const struct kernfs_dir_ops t_ops = {
	.lookup = t_lookup,
	.shows = t_shows,
	.gone = t_gone,
};

static const struct kernfs_dir_ops t_other_ops = { .lookup = t_lookup };

static void test_mount(struct machine *m)
{
	struct kernfs_open_file *of;
	struct strbuf sb = STRBUF_INIT;

	is_long(kernfs_mount_add_files(m, &t_ops, 0, t_files), -ENOENT,
		"tables of an unmounted tree -> ENOENT");
	is_long(kernfs_mount(m, "/sys/t", KF_PROC_PID, &t_ops), 0, "mount /sys/t");
	is_long(kernfs_mount(m, "/sys/t", KF_PROC_PID, &t_ops), 0,
		"mounting it again is a no-op");
	is_long(kernfs_mount(m, "/sys/t", KF_PROC_PID, &t_other_ops), -EBUSY,
		"another tree on the same mount point -> EBUSY");
	is_long(kernfs_mount_add_files(m, &t_ops, 0, t_files), 0, "tag 0 table");
	is_long(kernfs_mount_add_files(m, &t_ops, 1, t_more), 0, "tag 1 table");
	is_str(rd(m, "/sys/t/n1/a"), "1\n", "tag 0 rows in every node");
	is_str(rd(m, "/sys/t/n1/b"), "ERR 2", "tag 1 rows not in an odd node");
	is_str(rd(m, "/sys/t/n2/b"), "2\n", "tag 1 rows in an even node");
	is_str(rd(m, "/sys/t/n3/a"), "ERR 2", "no such node -> ENOENT");
	is_str(rd(m, "/sys/t/a"), "ERR 2", "the mount point holds no node files");
	is_long(wr(m, "/sys/t/n0/a", "1"), -EINVAL,
		"a row with no write method, /proc/PID rules -> EINVAL");
	is_long(kernfs_open(m, "/sys/t/n2/b", 0, &of), 0, "hold n2/b");
	t_nodes[2].alive = false;
	is_long(kernfs_read(of, &sb), -ESRCH, "its node went: the owner's errno");
	kernfs_close(of);
	sb_release(&sb);
}

int main(void)
{
	struct machine *m = boot_machine(256ULL << 20, 1);

	wr(m, "cgroup.subtree_control", "+memory");
	test_plain_dir(m);
	test_sysctl_dir(m);
	test_late_dir(m);
	test_controller_files(m);
	test_errnos(m);
	test_mount(m);
	destroy_machine(m);
	return done_testing();
}
