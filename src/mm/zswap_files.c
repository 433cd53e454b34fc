// SPDX-License-Identifier: GPL-2.0
/*
 * zswap's interface files (the module_param and debugfs parts of
 * mm/zswap.c): /sys/module/zswap/parameters, registered at init, and
 * /sys/kernel/debug/zswap, registered by the first zswap_setup().
 * Before the first enable, the compressor and zpool parameters take any
 * name as text (param_set_charp()); zswap_setup() falls back to the
 * defaults for ones that do not exist.  The zpool is always zsmalloc:
 * zbud and z3fold are not modelled.
 */
#include "zswap.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/compress.h"
#include "lib/kstrtox.h"
#include "lib/memparse.h"
#include "lib/strbuf.h"
#include "include/kernfs.h"

static struct zswap *of_zswap(struct kernfs_open_file *of)
{
	return of->machine->zswap;
}

static int enabled_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_puts(sb, of_zswap(of)->enabled ? "Y\n" : "N\n");
	return 0;
}

static long enabled_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	struct zswap *z = of_zswap(of);
	bool v;

	/* zswap_enabled_param_set(): any write sets zswap up, then parses */
	if (zswap_setup(of->machine))
		return -ENODEV;
	if (kstrtobool(buf, &v))	/* param_set_bool() */
		return -EINVAL;
	z->enabled = v;
	return n;
}

static int shrinker_enabled_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_puts(sb, of_zswap(of)->shrinker_enabled ? "Y\n" : "N\n");
	return 0;
}

static long shrinker_enabled_write(struct kernfs_open_file *of, char *buf,
				   size_t n)
{
	bool v;

	if (kstrtobool(buf, &v))	/* param_set_bool() */
		return -EINVAL;
	of_zswap(of)->shrinker_enabled = v;
	return n;
}

static int compressor_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%s\n", of_zswap(of)->compressor);
	return 0;
}

/* param_set_charp(): before the first enable, any name is kept as text */
static long zswap_param_set_charp(char *param, const char *val, size_t n)
{
	if (strlen(val) > ZSWAP_PARAM_MAX)
		return -ENOSPC;
	snprintf(param, ZSWAP_PARAM_MAX + 1, "%s", val);
	return n;
}

static long compressor_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	struct zswap *z = of_zswap(of);
	char *name = strstrip(buf);
	int err;

	if (!z->setup_done)
		return zswap_param_set_charp(z->compressor, name, n);
	err = zcomp_available(name);
	if (err)
		return err == -EINVAL ? -ENOENT : err;
	err = zswap_switch_pool(of->machine, name);
	if (err)
		return err;
	snprintf(z->compressor, sizeof(z->compressor), "%s", name);
	return n;
}

static int zpool_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%s\n", of_zswap(of)->zpool);
	return 0;
}

static long zpool_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	struct zswap *z = of_zswap(of);
	char *name = strstrip(buf);

	if (!z->setup_done)
		return zswap_param_set_charp(z->zpool, name, n);
	/* zbud and z3fold are not modelled: as if their modules were absent */
	return strcmp(name, "zsmalloc") ? -ENOENT : (long)n;
}

static int percent_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct zswap *z = of_zswap(of);

	sb_printf(sb, "%u\n", of->cft->private ? z->accept_thr_percent
					       : z->max_pool_percent);
	return 0;
}

/* module_param_named(..., uint, 0644): param_set_uint(), no range */
static long percent_write(struct kernfs_open_file *of, char *buf, size_t n)
{
	struct zswap *z = of_zswap(of);
	unsigned int v;
	int err = kstrtouint(buf, 0, &v);

	if (err)
		return err;
	if (of->cft->private)
		z->accept_thr_percent = v;
	else
		z->max_pool_percent = v;
	return n;
}

static const struct cftype zswap_param_files[] = {
	{ .name = "accept_threshold_percent", .seq_show = percent_show,
	  .write = percent_write, .private = 1 },
	{ .name = "compressor", .seq_show = compressor_show,
	  .write = compressor_write },
	{ .name = "enabled", .seq_show = enabled_show, .write = enabled_write },
	{ .name = "max_pool_percent", .seq_show = percent_show,
	  .write = percent_write },
	{ .name = "shrinker_enabled", .seq_show = shrinker_enabled_show,
	  .write = shrinker_enabled_write },
	{ .name = "zpool", .seq_show = zpool_show, .write = zpool_write },
	{ }	/* terminate */
};

static int debug_u64_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	struct machine *m = of->machine;
	struct zswap *z = m->zswap;
	const u64 *v = (const u64 *)((const char *)z + of->cft->private);

	sb_printf(sb, "%llu\n", (unsigned long long)*v);
	return 0;
}

static int pool_total_size_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%llu\n",
		  (unsigned long long)zswap_total_pages(of->machine) * PAGE_SIZE);
	return 0;
}

static int stored_pages_show(struct kernfs_open_file *of, struct strbuf *sb)
{
	sb_printf(sb, "%ld\n", of_zswap(of)->stored_pages);
	return 0;
}

#define DEBUG_U64(n) { .name = #n, .seq_show = debug_u64_show, \
		       .private = offsetof(struct zswap, n) }

static const struct cftype zswap_debug_files[] = {
	DEBUG_U64(pool_limit_hit),
	DEBUG_U64(reject_reclaim_fail),
	DEBUG_U64(reject_alloc_fail),
	DEBUG_U64(reject_kmemcache_fail),
	DEBUG_U64(reject_compress_fail),
	DEBUG_U64(reject_compress_poor),
	DEBUG_U64(written_back_pages),
	{ .name = "pool_total_size", .seq_show = pool_total_size_show },
	{ .name = "stored_pages", .seq_show = stored_pages_show },
	{ }	/* terminate */
};

/* module_param_cb(): /sys/module/zswap/parameters */
int zswap_params_init(struct machine *m)
{
	return module_param_files(m, "zswap", zswap_param_files);
}

/* zswap_debugfs_init(): /sys/kernel/debug/zswap */
int zswap_debugfs_init(struct machine *m)
{
	return debugfs_create_files(m, "zswap", zswap_debug_files);
}
