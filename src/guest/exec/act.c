// SPDX-License-Identifier: GPL-2.0
/*
 * The executor's half of each process action: it resolves the scenario's
 * names (regions, ranges, files under the root) into a command for the
 * process's worker (worker.c), and keeps the process's regions.
 *
 * A region also records where the model would have mapped it (top-down
 * below the model's mmap base, in the highest gap that fits, as
 * mm/mmap.c's get_unmapped_area() places it): the model keys each page's
 * fill bytes by its virtual page number, so the worker, keying by the
 * same numbers, writes the same bytes as the model.  Errors are the
 * model's for names it does not know (EFAULT, ENOMEM, EINVAL as each
 * action's), the kernel's for the rest.
 */
#define _GNU_SOURCE
#include "guest/exec/exec.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "guest/exec/refuse.h"
#include "lib/rng.h"
#include "lib/zipf.h"
#include "scenario/replay.h"

/* The model's x86_64 mmap base (8 MiB stack, no ASLR) and floor. */
#define MODEL_MMAP_BASE		0x7ffff7fff000ULL
#define MODEL_MMAP_MIN		0x10000ULL
#define PAGE			4096ULL

/* ---- regions ---- */

struct gregion *gexec_region(struct gproc *gp, const char *name)
{
	struct gregion *r;

	for (r = gp->regions; r; r = r->next)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

static struct gregion *region_new(const char *name)
{
	struct gregion *r = calloc(1, sizeof(*r));

	if (!r || !(r->name = strdup(name)))
		abort();
	return r;
}

struct gregion *gexec_regions_dup(const struct gregion *from)
{
	struct gregion *head = NULL, **tail = &head, *r;

	for (; from; from = from->next) {
		r = region_new(from->name);
		r->addr = from->addr;
		r->len = from->len;
		r->model_start = from->model_start;
		r->shmid = from->shmid;
		r->shared = from->shared;
		*tail = r;
		tail = &r->next;
	}
	return head;
}

void gexec_regions_free(struct gregion *r)
{
	struct gregion *n;

	for (; r; r = n) {
		n = r->next;
		free(r->name);
		free(r);
	}
}

static int by_start_down(const void *a, const void *b)
{
	const struct gregion *x = *(const struct gregion *const *)a;
	const struct gregion *y = *(const struct gregion *const *)b;

	return x->model_start < y->model_start ? 1 :
	       x->model_start > y->model_start ? -1 : 0;
}

/* The model's address for @len bytes: the highest gap below its base. */
static uint64_t model_addr(const struct gproc *gp, uint64_t len)
{
	const struct gregion *r, **v;
	uint64_t high = MODEL_MMAP_BASE, addr = 0;
	size_t n = 0, i;

	for (r = gp->regions; r; r = r->next)
		n++;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		abort();
	for (n = 0, r = gp->regions; r; r = r->next)
		v[n++] = r;
	qsort(v, n, sizeof(*v), by_start_down);
	for (i = 0; i < n && !addr; i++) {
		if (v[i]->model_start >= high)
			continue;
		if (high - (v[i]->model_start + v[i]->len) >= len)
			addr = high - len;
		else
			high = v[i]->model_start;
	}
	if (!addr && high - MODEL_MMAP_MIN >= len)
		addr = high - len;
	free(v);
	return addr;
}

/* The pages of [OFFSET LENGTH] of @r, as the model's range_of(). */
static void range_of(const struct gregion *r, const struct scn_range *rg,
		     uint64_t *addr, uint64_t *len)
{
	uint64_t start = r->addr, end = r->addr + r->len;

	if (!rg->whole) {
		start = r->addr + (rg->offset & ~(PAGE - 1));
		end = (r->addr + rg->offset + rg->length + PAGE - 1) &
		      ~(PAGE - 1);
		if (end > r->addr + r->len)
			end = r->addr + r->len;
	}
	*addr = start;
	*len = end > start ? end - start : 0;
}

/* A command for @p's worker; a background one marks it busy. */
int gexec_act_call(struct scn_rt *rt, struct scn_proc *p, struct gcmd *cmd,
		   int fd, struct greply *reply)
{
	struct greply dummy;
	int err = gexec_call(rt, gproc_of(p), cmd, fd, reply ?: &dummy);

	if (!err && (cmd->flags & GCMD_BACKGROUND))
		gproc_of(p)->jobs = true;
	return err;
}

/* @path (absolute in the scenario) under the root, into the command. */
static int set_path(struct scn_rt *rt, struct gcmd *cmd, const char *path)
{
	char *p = gexec_path(gexec_of(rt), path);
	int err = strlen(p) < sizeof(cmd->path) ? 0 : -ENAMETOOLONG;

	if (!err)
		strcpy(cmd->path, p);
	free(p);
	return err;
}

/* ---- mappings ---- */

/* Is @path's directory on a tmpfs (a `mount tmpfs` or /dev/shm)? */
static bool on_tmpfs(const char *path)
{
	char dir[sizeof(((struct gcmd *)0)->path)];
	struct statfs sf;
	char *slash;

	strcpy(dir, path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return !statfs(slash && dir[0] ? dir : "/", &sf) &&
	       sf.f_type == TMPFS_MAGIC;
}

int gexec_act_mmap(struct scn_rt *rt, struct scn_proc *p,
		   const struct scn_action *a)
{
	struct gproc *gp = gproc_of(p);
	uint64_t len = (a->mmap.size + PAGE - 1) & ~(PAGE - 1);
	struct gcmd cmd = { .op = GCMD_MMAP, .a = a->mmap.kind, .len = len,
			    .flags = a->mmap.shared ? GCMD_SHARED : 0 };
	struct greply reply;
	struct gregion *r;
	int err = 0;

	if (a->mmap.path)
		err = set_path(rt, &cmd, a->mmap.path);
	/* the model's rule: a shmem path is a file of a tmpfs */
	if (!err && a->mmap.kind == SCN_MMAP_SHMEM &&
	    strncmp(a->mmap.path, "/dev/shm/", 9) && !on_tmpfs(cmd.path))
		return -EINVAL;
	if (!err)
		err = gexec_act_call(rt, p, &cmd, -1, &reply);
	if (err)
		return err;
	r = region_new(a->mmap.region);
	r->addr = reply.val;
	r->len = len;
	r->model_start = model_addr(gp, len);
	r->shmid = a->mmap.kind == SCN_MMAP_SYSV ? reply.id : -1;
	r->shared = a->mmap.shared;
	r->next = gp->regions;
	gp->regions = r;
	return 0;
}

int gexec_act_munmap(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct gproc *gp = gproc_of(p);
	struct gregion **pp, *r;
	struct gcmd cmd = { .op = GCMD_MUNMAP };
	int err;

	for (pp = &gp->regions; (r = *pp); pp = &r->next)
		if (!strcmp(r->name, a->munmap.region))
			break;
	if (!r)
		return -EINVAL;
	cmd.addr = r->addr;
	cmd.len = r->len;
	err = gexec_act_call(rt, p, &cmd, -1, NULL);
	if (!err) {
		*pp = r->next;
		r->next = NULL;
		gexec_regions_free(r);
	}
	return err;
}

int gexec_act_touch(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_action *a)
{
	struct gregion *r = gexec_region(gproc_of(p), a->touch.region);
	const struct scn_range *rg = &a->touch.range;
	uint64_t first, last;
	/* stride=STEP:BYTE in b; the key of the region's first page in c */
	struct gcmd cmd = { .op = GCMD_TOUCH, .a = a->touch.fill,
			    .b = a->touch.stride.step |
				 (uint64_t)a->touch.stride.byte << 56,
			    .d = a->touch.ratio };

	if (!r)
		return -EFAULT;
	first = rg->whole ? 0 : rg->offset / PAGE;
	last = rg->whole ? r->len / PAGE :
	       (rg->offset + rg->length + PAGE - 1) / PAGE;
	if (last > r->len / PAGE)
		return -EFAULT;
	cmd.addr = r->addr + first * PAGE;
	cmd.len = last > first ? (last - first) * PAGE : 0;
	cmd.key = r->model_start / PAGE + first;
	cmd.c = r->model_start / PAGE;
	cmd.flags = (a->touch.mode == SCN_TOUCH_WRITE ? GCMD_WRITE_MODE : 0) |
		    (a->background ? GCMD_BACKGROUND : 0);
	return gexec_act_call(rt, p, &cmd, -1, NULL);
}

int gexec_act_mlock(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_action *a)
{
	struct gregion *r = gexec_region(gproc_of(p), a->mlock.region);
	const struct scn_range *rg = &a->mlock.range;
	struct gcmd cmd = {
		.op = a->kind == SCN_ACT_MLOCK ? GCMD_MLOCK : GCMD_MUNLOCK,
	};

	if (!r)
		return -ENOMEM;
	/* `mlock REGION &` locks the whole region, as the model does */
	if (a->background && !rg->whole &&
	    (rg->offset || rg->length != r->len))
		return -EINVAL;
	range_of(r, rg, &cmd.addr, &cmd.len);
	cmd.flags = a->background ? GCMD_BACKGROUND : 0;
	return gexec_act_call(rt, p, &cmd, -1, NULL);
}

int gexec_act_madvise(struct scn_rt *rt, struct scn_proc *p,
		      const struct scn_action *a)
{
	struct gregion *r = gexec_region(gproc_of(p), a->madvise.region);
	struct gcmd cmd = { .op = GCMD_MADVISE, .a = a->madvise.advice };

	if (!r)
		return -EINVAL;
	range_of(r, &a->madvise.range, &cmd.addr, &cmd.len);
	return gexec_act_call(rt, p, &cmd, -1, NULL);
}

/* Refused before the run (refuse.c); here only if that was bypassed. */
int gexec_act_pin(struct scn_rt *rt, struct scn_proc *p,
		  const struct scn_action *a)
{
	struct strbuf why = STRBUF_INIT;
	struct scn_script one = { .stmts = (struct scn_stmt *)rt->stmt,
				  .nstmts = 1 };

	gexec_refusal(&one, &why);
	scn_rt_error(rt, "%s", why.buf ?: "cannot run on a kernel");
	sb_release(&why);
	return 0;
}

/* ---- files and dentries ---- */

int gexec_act_file(struct scn_rt *rt, struct scn_proc *p,
		   const struct scn_action *a)
{
	struct gcmd cmd = { 0 };
	int err;

	switch (a->kind) {
	case SCN_ACT_WRITE:
		cmd.op = GCMD_WRITE;
		cmd.a = a->write.size;
		cmd.b = a->write.offset;
		err = set_path(rt, &cmd, a->write.path);
		break;
	case SCN_ACT_READ:
		cmd.op = GCMD_READ;
		cmd.a = a->read.range.offset;
		cmd.b = a->read.range.length;
		cmd.flags = a->read.range.whole ? GCMD_WHOLE : 0;
		err = set_path(rt, &cmd, a->read.path);
		break;
	default:
		cmd.op = GCMD_TRUNCATE;
		cmd.a = a->truncate.size;
		err = set_path(rt, &cmd, a->truncate.path);
		break;
	}
	return err ?: gexec_act_call(rt, p, &cmd, -1, NULL);
}

int gexec_act_dentries(struct scn_rt *rt, struct scn_proc *p,
		       const struct scn_action *a)
{
	struct gcmd cmd = {
		.op = GCMD_DENTRIES, .a = a->dentries.count,
		.flags = a->dentries.kind == SCN_DENTRY_POSITIVE ?
			 GCMD_POSITIVE : 0,
	};
	int err = set_path(rt, &cmd, "/");

	return err ?: gexec_act_call(rt, p, &cmd, -1, NULL);
}

/* ---- generated and replayed accesses ---- */

/* A job's own random stream: the run's seed, the process, the job. */
static uint64_t job_seed(struct gexec *ge, struct gproc *gp)
{
	uint64_t h = ge->seed ^ 0x9e3779b97f4a7c15ULL;
	struct rng r;
	const char *c;

	for (c = gp->name; *c; c++)
		h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
	rng_seed(&r, h + gp->njobs++);
	return rng_next(&r);
}

/* @len bytes in a sealed-off memfd: the worker maps it, charges nothing. */
static int memfd_of(const void *buf, size_t len)
{
	int fd = memfd_create("memcglab-job", MFD_CLOEXEC);
	size_t done = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (done < len) {
		n = write(fd, (const char *)buf + done, len - done);
		if (n <= 0) {
			close(fd);
			return -EIO;
		}
		done += n;
	}
	return fd;
}

/* The Zipf table of a region of @pages, for the worker to search. */
static int zipf_memfd(uint64_t pages, double theta)
{
	double *cdf = malloc(pages * sizeof(double));
	int fd;

	if (!cdf)
		return -ENOMEM;
	zipf_fill(cdf, pages, theta);
	fd = memfd_of(cdf, pages * sizeof(double));
	free(cdf);
	return fd;
}

int gexec_act_access(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct gproc *gp = gproc_of(p);
	struct gregion *r = gexec_region(gp, a->access.region);
	struct gcmd cmd = {
		.op = GCMD_ACCESS, .a = a->access.ops, .b = a->access.rate,
		.c = a->access.pattern, .d = a->access.write_fraction,
		.flags = a->background ? GCMD_BACKGROUND : 0,
	};
	int fd = -1, err;

	if (!r)
		return -EFAULT;
	cmd.addr = r->addr;
	cmd.len = r->len;
	cmd.key = job_seed(gexec_of(rt), gp);
	if (a->access.pattern == SCN_PATTERN_ZIPF) {
		fd = zipf_memfd(r->len / PAGE, a->access.theta);
		if (fd < 0)
			return fd;
	}
	err = gexec_act_call(rt, p, &cmd, fd, NULL);
	if (fd >= 0)
		close(fd);
	return err;
}

/* The trace's accesses with their regions' addresses; -EFAULT if off. */
static int resolve_trace(struct gproc *gp, const struct scn_trace *t,
			 struct gtrace_op *ops)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct scn_trace_op *op = &t->ops[i];
		struct gregion *r = gexec_region(gp, op->region);

		if (!r || op->page + op->count > r->len / PAGE)
			return -EFAULT;
		ops[i].when = op->when;
		ops[i].addr = r->addr + op->page * PAGE;
		ops[i].page = op->page;
		ops[i].count = op->count;
		ops[i].write = op->write;
	}
	return 0;
}

int gexec_act_replay(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct gproc *gp = gproc_of(p);
	struct gcmd cmd = { .op = GCMD_REPLAY,
			    .flags = a->background ? GCMD_BACKGROUND : 0 };
	struct gtrace_op *ops;
	struct scn_trace t;
	int fd, err;

	if (scn_trace_load(rt, a->replay.path, &t))
		return 0;	/* a runtime error says why */
	ops = calloc(t.n + 1, sizeof(*ops));
	if (!ops)
		abort();
	err = resolve_trace(gp, &t, ops);
	fd = err ? err : memfd_of(ops, t.n * sizeof(*ops));
	cmd.a = t.n;
	cmd.key = job_seed(gexec_of(rt), gp);
	scn_trace_release(&t);
	free(ops);
	if (fd < 0)
		return fd;
	err = gexec_act_call(rt, p, &cmd, fd, NULL);
	close(fd);
	return err;
}
