// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime's side of a process's pages (issue 11): the conditions
 * `expect pagemap|kpageflags|kpagecount|kpagecgroup|mincore ...` and
 * `expect lseek ...`, the reads of the binary /proc files by region
 * (`read /proc/NAME/pagemap REGION ...`), and scan(NAME.FIELD), the
 * results of a process's last pagemap_scan.  All of it goes through the
 * backend's pages, pagemap_pread, lseek and cgroup_ino operations.
 */
#include "scenario/runtime.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/expr.h"
#include "scenario/parser.h"

/* The bits of a pagemap entry (Documentation/admin-guide/mm/pagemap.rst). */
static u64 pagemap_bit(enum scn_pagemap_flag flag)
{
	static const unsigned char bit[] = {
		[SCN_PM_PRESENT] = 63, [SCN_PM_SWAP] = 62, [SCN_PM_FILE] = 61,
		[SCN_PM_EXCLUSIVE] = 56, [SCN_PM_SOFT_DIRTY] = 55,
		[SCN_PM_UFFD_WP] = 57, [SCN_PM_SWAP_RESIDENT] = 62,
	};

	return (1ULL << bit[flag]);
}

/* The words of @src for [off, off+len) of a region (len 0: to its end). */
static int get_pages(struct scn_rt *rt, struct scn_proc *p, const char *region,
		     enum scn_page_src src, const struct scn_range *range,
		     u64 **out, size_t *n)
{
	if (!rt->ops->pages)
		return -ENOSYS;
	return rt->ops->pages(rt, p, region, src, range->offset, range->length,
			      out, n);
}

/* The cgroup's inode for kpagecgroup, else 0. */
static int cond_ino(struct scn_rt *rt, const struct scn_cond *c, u64 *ino,
		    struct strbuf *why)
{
	int err;

	*ino = 0;
	if (c->pagemap.src != SCN_PAGES_KPAGECGROUP)
		return 0;
	err = rt->ops->cgroup_ino ?
	      rt->ops->cgroup_ino(rt, c->pagemap.cgroup, ino) : -ENOSYS;
	if (err && err != -ENOSYS)
		sb_printf(why, "%s: %s", c->pagemap.cgroup, scn_rt_errname(err));
	return err;
}

/* Whether word @w of the condition's source counts; its value if summed. */
static u64 page_counts(const struct scn_cond *c, u64 w, u64 ino)
{
	switch (c->pagemap.src) {
	case SCN_PAGES_PAGEMAP:
		return !!(w & pagemap_bit(c->pagemap.flag));
	case SCN_PAGES_KPAGEFLAGS:
		return !!(w & (1ULL << c->pagemap.kpf));
	case SCN_PAGES_KPAGECOUNT:
		return w;
	case SCN_PAGES_KPAGECGROUP:
		return w == ino;
	default:
		return w & 1;
	}
}

/*
 * swap_resident: PM_SWAP where the process's mincore() says the page is
 * in memory (page cache or swap cache): a report no swap slot backs.
 */
static int count_false_swap(struct scn_rt *rt, struct scn_proc *p,
			    const struct scn_cond *c, u64 *got)
{
	u64 *pm = NULL, *mc = NULL;
	size_t n = 0, nm = 0, i;
	int err = get_pages(rt, p, c->pagemap.region, SCN_PAGES_PAGEMAP,
			    &c->pagemap.range, &pm, &n);

	if (!err)
		err = get_pages(rt, p, c->pagemap.region, SCN_PAGES_MINCORE,
				&c->pagemap.range, &mc, &nm);
	for (*got = 0, i = 0; !err && i < n && i < nm; i++)
		*got += (pm[i] & pagemap_bit(SCN_PM_SWAP)) && (mc[i] & 1);
	free(pm);
	free(mc);
	return err;
}

/* The old whole-region pagemap count, for a backend without pages(). */
static int count_whole(struct scn_rt *rt, struct scn_proc *p,
		       const struct scn_cond *c, u64 *got)
{
	if (c->pagemap.src != SCN_PAGES_PAGEMAP || !c->pagemap.range.whole ||
	    c->pagemap.flag == SCN_PM_SWAP_RESIDENT)
		return -ENOSYS;
	return rt->ops->pagemap(rt, p, c->pagemap.region, c->pagemap.flag, got);
}

int scn_rt_count_pages(struct scn_rt *rt, const struct scn_cond *c, u64 *got,
		       struct strbuf *why)
{
	struct scn_proc *p = scn_rt_proc(rt, c->pagemap.proc);
	u64 *w = NULL, ino;
	size_t n = 0, i;
	int err;

	*got = 0;
	if (!p)
		return -ESRCH;
	if (c->pagemap.src == SCN_PAGES_PAGEMAP &&
	    c->pagemap.flag == SCN_PM_SWAP_RESIDENT)
		err = count_false_swap(rt, p, c, got);
	else
		err = get_pages(rt, p, c->pagemap.region, c->pagemap.src,
				&c->pagemap.range, &w, &n);
	if (err == -ENOSYS)
		err = count_whole(rt, p, c, got);
	else if (!err && w)
		err = cond_ino(rt, c, &ino, why);
	for (i = 0; !err && w && i < n; i++)
		*got += page_counts(c, w[i], ino);
	free(w);
	if (err == -ENOSYS)
		scn_rt_error(rt, "%s: the %s backend cannot read it yet",
			     scn_page_src_name(c->pagemap.src), rt->ops->name);
	return err;
}

bool scn_rt_cond_pages(struct scn_rt *rt, const struct scn_cond *c,
		       struct strbuf *why)
{
	struct scn_value got = { 0, false }, want = { c->pagemap.pages, false };
	u64 n;
	int err = scn_rt_count_pages(rt, c, &n, why);
	bool ok;

	got.n = n;
	scn_rt_observe_values(rt, &got, err, &want, 0);
	if (err) {
		if (!why->len)
			sb_printf(why, "%s %s: %s", c->pagemap.proc,
				  c->pagemap.region, scn_rt_errname(err));
		return false;
	}
	ok = scn_value_test(&got, c->pagemap.op, &want, c->pagemap.tolerance);
	if (!ok)
		sb_printf(why, "got %lld", (long long)got.n);
	return ok;
}

bool scn_rt_cond_lseek(struct scn_rt *rt, const struct scn_cond *c,
		       struct strbuf *why)
{
	s64 got;
	bool eq;

	if (!rt->ops->lseek) {
		scn_rt_error(rt, "lseek: the %s backend cannot run it yet",
			     rt->ops->name);
		return false;
	}
	got = rt->ops->lseek(rt, c->lseek.path, c->lseek.data,
			     c->lseek.offset);
	if (c->lseek.err) {
		eq = got == -c->lseek.err;
	} else if (got < 0) {
		sb_printf(why, "got %s", scn_rt_errname((int)got));
		return false;
	} else {
		struct scn_value l = { got, false }, r = { c->lseek.value, false };

		if (scn_value_test(&l, c->lseek.op, &r, 0))
			return true;
		sb_printf(why, "got %lld", (long long)got);
		return false;
	}
	if (eq == (c->lseek.op == SCN_CMP_EQ))
		return true;
	if (got < 0)
		sb_printf(why, "got %s", scn_rt_errname((int)got));
	else
		sb_printf(why, "got %lld", (long long)got);
	return false;
}

int scn_rt_scan_value(void *arg, const struct scn_expr *e,
		      struct scn_value *v, struct strbuf *why)
{
	struct scn_rt *rt = arg;
	struct scn_proc *p = scn_rt_proc(rt, e->str);
	const struct scn_scan_result *r = p ? &p->scan : NULL;
	u64 sum = 0;
	size_t i;

	if (!r || !r->done) {
		sb_printf(why, "scan(%s...): %s ran no pagemap_scan", e->str,
			  e->str);
		return -ENOENT;
	}
	if (e->scan_field >= SCN_SCAN_START && (u64)e->num >= r->n) {
		sb_printf(why, "scan(%s...): no region %lld (it returned %zu)",
			  e->str, (long long)e->num, r->n);
		return -ENOENT;
	}
	switch (e->scan_field) {
	case SCN_SCAN_RET:
		v->n = r->ret;
		break;
	case SCN_SCAN_WALK_END:
		v->n = r->walk_end;
		break;
	case SCN_SCAN_PAGES:
		for (i = 0; i < r->n; i++)
			sum += r->vec[i].pages;
		v->n = sum;
		break;
	case SCN_SCAN_START:
		v->n = r->vec[e->num].start;
		break;
	case SCN_SCAN_LEN:
		v->n = r->vec[e->num].pages;
		break;
	default:
		v->n = r->vec[e->num].cats;
		break;
	}
	return 0;
}

/* ---- read /proc/NAME/pagemap REGION ... ---- */

static int read_raw(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_stmt *s, struct strbuf *sb)
{
	u64 count = s->read.pages.count, i;
	unsigned char *buf;
	long got;

	if (!rt->ops->pagemap_pread)
		return -ENOSYS;
	if (count > (1 << 20))
		count = 1 << 20;	/* the scenario's output stays readable */
	buf = calloc(1, count + 1);
	if (!buf)
		return -ENOMEM;
	got = rt->ops->pagemap_pread(rt, p, s->read.pages.region,
				     s->read.pages.pos, count, buf);
	if (got >= 0) {
		sb_printf(sb, "%ld bytes", got);
		for (i = 0; i < (u64)got; i++)
			sb_printf(sb, "%s%02x", i % 8 ? "" : " ", buf[i]);
		sb_puts(sb, "\n");
	}
	free(buf);
	return got < 0 ? (int)got : 0;
}

/* One line a page: its index in the region and the word, in hex. */
static int read_words(struct scn_rt *rt, struct scn_proc *p,
		      const struct scn_stmt *s, struct strbuf *sb)
{
	u64 *w = NULL, first = s->read.pages.range.offset / 4096;
	size_t n = 0, i;
	int err = get_pages(rt, p, s->read.pages.region, s->read.pages.src,
			    &s->read.pages.range, &w, &n);

	for (i = 0; !err && i < n; i++)
		sb_printf(sb, "%" PRIu64 ": 0x%016" PRIx64 "\n", first + i,
			  (uint64_t)w[i]);
	free(w);
	return err;
}

int scn_rt_read_pages(struct scn_rt *rt, const struct scn_stmt *s,
		      struct strbuf *sb)
{
	struct scn_proc *p = scn_rt_proc(rt, s->read.pages.proc);
	int err;

	if (!p)
		return -ESRCH;
	err = s->read.pages.raw ? read_raw(rt, p, s, sb) :
				  read_words(rt, p, s, sb);
	if (err == -ENOSYS)
		scn_rt_error(rt, "%s by region: the %s backend cannot read it yet",
			     s->read.target.text, rt->ops->name);
	return err;
}
