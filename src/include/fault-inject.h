/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault injection (include/linux/fault-inject.h, Documentation/
 * fault-injection/fault-injection.rst): each capability is a fault_attr
 * that decides, call by call, whether a failure is forced, configured
 * through its debugfs directory:
 *
 *   /sys/kernel/debug/failslab            slab allocations (mm/failslab.c)
 *   /sys/kernel/debug/fail_page_alloc     page allocations (mm/fail_page_alloc.c)
 *   /sys/kernel/debug/fail_make_request   block I/O of a device whose
 *                                         /sys/block/DEV/make-it-fail is 1
 *   /sys/kernel/debug/memcglab/fail_zswap_compress
 *                                         zswap's compressor (model only:
 *                                         6.12 has no knob for it)
 *
 * each with probability, interval, times, space, verbose,
 * verbose_ratelimit_interval_ms, verbose_ratelimit_burst and task-filter
 * (with /proc/PID/make-it-fail), and /proc/PID/fail-nth.  The random draw
 * is the machine's (m->rng), never the host's, so a run stays a function
 * of its scenario and seed; verbose messages go to the --trace output.
 * The stack-trace filter (require-start, ...) is not modelled.
 */
#ifndef MEMCGLAB_INCLUDE_FAULT_INJECT_H
#define MEMCGLAB_INCLUDE_FAULT_INJECT_H

#include <stddef.h>
#include <sys/types.h>

#include "lib/compiler.h"

struct machine;
struct cftype;

struct fault_attr {
	unsigned long probability;	/* percent */
	unsigned long interval;
	int times;			/* -1: no limit */
	int space;
	unsigned long verbose;
	unsigned int ratelimit_interval_ms, ratelimit_burst;
	bool task_filter;
	unsigned long count;		/* calls that passed the filters */
	const char *dname;
	/* the verbose ratelimit's window */
	u64 rl_begin;
	unsigned int rl_printed;
};

/* FAULT_ATTR_INITIALIZER: interval 1, times 1, verbose 2, no failure. */
#define FAULT_ATTR_INIT(name)					\
	{ .interval = 1, .times = 1, .verbose = 2, .dname = (name) }

#define FAULT_MAX_DISKS	2

/* Every capability's state: m->fault_inject. */
struct fault_inject {
	struct fault_attr failslab;
	bool failslab_ignore_gfp_reclaim;	/* ignore-gfp-wait, default Y */
	struct fault_attr fail_page_alloc;
	bool page_alloc_ignore_gfp_reclaim;	/* ignore-gfp-wait, default Y */
	bool page_alloc_ignore_gfp_highmem;	/* ignore-gfp-highmem, default Y */
	u32 page_alloc_min_order;		/* min-order, default 1 */
	struct fault_attr fail_make_request;
	struct blockdev *disks[FAULT_MAX_DISKS];	/* with make-it-fail */
	struct fault_attr fail_zswap_compress;
	unsigned long injected;			/* failures forced so far */
};

/*
 * Force a failure now?  @size is what the call would take from the
 * attr's space (bytes, pages).  Counts it in m->fault_inject->injected.
 */
bool should_fail(struct machine *m, struct fault_attr *attr, ssize_t size);
/* Failures forced so far, to tell an injected failure from another. */
unsigned long fault_injected(struct machine *m);

/*
 * The debugfs files of a capability: FAULT_ATTR_FILES(member) are the rows
 * of its fault_attr (fault_create_debugfs_attr()), which a capability puts
 * in its table before its own extras.  A row finds its value at offset
 * cft->private in struct fault_inject.
 */
#define FAULT_OFFSET(field)	offsetof(struct fault_inject, field)
#define FAULT_FILE(fname, kind, field)					\
	{ .name = fname, .seq_show = fault_##kind##_show,		\
	  .write = fault_##kind##_write, .private = FAULT_OFFSET(field) }
#define FAULT_ATTR_FILES(attr)						\
	FAULT_FILE("probability", ul, attr.probability),		\
	FAULT_FILE("interval", ul, attr.interval),			\
	FAULT_FILE("times", int, attr.times),				\
	FAULT_FILE("space", int, attr.space),				\
	FAULT_FILE("verbose", ul, attr.verbose),			\
	FAULT_FILE("verbose_ratelimit_interval_ms", u32,		\
		   attr.ratelimit_interval_ms),				\
	FAULT_FILE("verbose_ratelimit_burst", u32, attr.ratelimit_burst), \
	FAULT_FILE("task-filter", bool, attr.task_filter)

struct kernfs_open_file;
struct strbuf;
int fault_ul_show(struct kernfs_open_file *of, struct strbuf *sb);
long fault_ul_write(struct kernfs_open_file *of, char *buf, size_t n);
int fault_int_show(struct kernfs_open_file *of, struct strbuf *sb);
long fault_int_write(struct kernfs_open_file *of, char *buf, size_t n);
int fault_u32_show(struct kernfs_open_file *of, struct strbuf *sb);
long fault_u32_write(struct kernfs_open_file *of, char *buf, size_t n);
int fault_bool_show(struct kernfs_open_file *of, struct strbuf *sb);
long fault_bool_write(struct kernfs_open_file *of, char *buf, size_t n);

/* Boot and teardown: the capabilities and their files. */
int fault_inject_init(struct machine *m);
void fault_inject_release(struct machine *m);

/* mm/failslab.c, mm/fail_page_alloc.c */
struct kmem_cache;
int should_failslab(struct kmem_cache *s, unsigned int gfp);
bool should_fail_alloc_page(struct machine *m, unsigned int gfp,
			    unsigned int order);
int failslab_init(struct machine *m);
int fail_page_alloc_init(struct machine *m);

/*
 * fail_make_request: /sys/block/@name/make-it-fail for a device of the
 * machine (kernel/fault-inject.c); its I/O then asks should_fail().
 */
struct blockdev;
int fail_make_request_add_disk(struct machine *m, struct blockdev *bdev,
			       const char *name);

#endif
