// SPDX-License-Identifier: GPL-2.0
/*
 * The canonical form of parse_mm.c's statements, actions and conditions,
 * for scn_stmt_dump(): page queries, lseek, mount tmpfs, region reads of
 * binary /proc files, shmctl, clear_refs, mprotect, uffd, pagemap_scan.
 * Each prints what parses back to the same tree.
 */
#include "parser_internal.h"

#include "lib/strbuf.h"

/* Bits as names joined by ',', or the number when some have none. */
static void dump_bits(struct strbuf *sb, const char *key, u64 bits,
		      const struct scn_named_bit *names, size_t n)
{
	u64 named = 0;
	size_t k;
	bool first = true;

	for (k = 0; k < n; k++)
		named |= BIT(names[k].bit);
	sb_printf(sb, " %s", key);
	if (!bits || (bits & ~named)) {
		sb_printf(sb, "%llu", (unsigned long long)bits);
		return;
	}
	for (k = 0; k < n; k++) {
		if (!(bits & BIT(names[k].bit)))
			continue;
		sb_printf(sb, "%s%s", first ? "" : ",", names[k].name);
		first = false;
	}
}

static const char *kpf_name(unsigned int bit)
{
	size_t k;

	for (k = 0; k < scn_nr_kpf_names; k++)
		if (scn_kpf_names[k].bit == bit)
			return scn_kpf_names[k].name;
	return "?";
}

void scn_dump_pages_cond(struct strbuf *sb, const struct scn_cond *c,
			 bool with_op)
{
	sb_printf(sb, " %s %s %s", scn_page_src_names[c->pagemap.src],
		  c->pagemap.proc, c->pagemap.region);
	scn_dump_range(sb, &c->pagemap.range);
	if (c->pagemap.src == SCN_PAGES_PAGEMAP)
		sb_printf(sb, " %s", scn_pagemap_flag_name(c->pagemap.flag));
	else if (c->pagemap.src == SCN_PAGES_KPAGEFLAGS)
		sb_printf(sb, " %s", kpf_name(c->pagemap.kpf));
	else if (c->pagemap.src == SCN_PAGES_KPAGECGROUP)
		scn_dump_word(sb, c->pagemap.cgroup);
	if (!with_op)
		return;
	scn_dump_cmp(sb, c->pagemap.op);
	scn_dump_u64(sb, " ", c->pagemap.pages, "");
	scn_dump_tol(sb, c->pagemap.op, c->pagemap.tolerance);
}

void scn_dump_lseek_cond(struct strbuf *sb, const struct scn_cond *c)
{
	sb_puts(sb, " lseek");
	scn_dump_word(sb, c->lseek.path);
	sb_puts(sb, c->lseek.data ? " data" : " hole");
	scn_dump_u64(sb, " ", c->lseek.offset, "");
	scn_dump_cmp(sb, c->lseek.op);
	if (c->lseek.err)
		sb_printf(sb, " %s", scn_errno_name(c->lseek.err));
	else
		scn_dump_u64(sb, " ", c->lseek.value, "");
}

void scn_dump_tmpfs(struct strbuf *sb, const struct scn_stmt *st)
{
	sb_puts(sb, "mount tmpfs");
	scn_dump_word(sb, st->tmpfs.path);
	if (*st->tmpfs.options)
		scn_dump_word(sb, st->tmpfs.options);
}

/* The words after a region read's file. */
void scn_dump_read_pages(struct strbuf *sb, const struct scn_stmt *st)
{
	if (st->read.pages.src != SCN_PAGES_PAGEMAP)
		sb_printf(sb, " %s", st->read.pages.proc);
	sb_printf(sb, " %s", st->read.pages.region);
	if (st->read.pages.raw) {
		sb_printf(sb, " bytes %lld", (long long)st->read.pages.pos);
		scn_dump_u64(sb, " ", st->read.pages.count, "");
		return;
	}
	scn_dump_range(sb, &st->read.pages.range);
}

static void dump_uffd(struct strbuf *sb, const struct scn_action *a)
{
	sb_printf(sb, " %s", scn_uffd_op_names[a->uffd.op]);
	if (a->uffd.op == SCN_UFFD_OPEN) {
		if (a->uffd.bits)
			dump_bits(sb, "", a->uffd.bits, scn_uffd_feature_names,
				  scn_nr_uffd_feature_names);
		return;
	}
	if (a->uffd.op == SCN_UFFD_CLOSE)
		return;
	sb_printf(sb, " %s", a->uffd.region);
	scn_dump_range(sb, &a->uffd.range);
	if (a->uffd.op == SCN_UFFD_REGISTER)
		dump_bits(sb, "", a->uffd.bits, scn_uffd_mode_names,
			  scn_nr_uffd_mode_names);
}

static void dump_scan(struct strbuf *sb, const struct scn_action *a)
{
	const struct scn_named_bit *cats = scn_scan_category_names;
	size_t ncats = scn_nr_scan_category_names;

	sb_printf(sb, " %s", a->scan.region);
	scn_dump_range(sb, &a->scan.range);
	if (a->scan.vec || a->scan.vec_len)
		scn_dump_u64(sb, a->scan.vec ? " vec=" : " nullvec=",
			     a->scan.vec_len, "");
	if (a->scan.flags)
		dump_bits(sb, "flags=", a->scan.flags, scn_scan_flag_names,
			  scn_nr_scan_flag_names);
	if (a->scan.max_pages)
		scn_dump_u64(sb, " max_pages=", a->scan.max_pages, "");
	if (a->scan.mask)
		dump_bits(sb, "mask=", a->scan.mask, cats, ncats);
	if (a->scan.inverted)
		dump_bits(sb, "inverted=", a->scan.inverted, cats, ncats);
	if (a->scan.anyof)
		dump_bits(sb, "anyof=", a->scan.anyof, cats, ncats);
	if (a->scan.ret_mask)
		dump_bits(sb, "return=", a->scan.ret_mask, cats, ncats);
}

void scn_dump_mm_action(struct strbuf *sb, const struct scn_action *a)
{
	static const char *const prots[] = { "none", "read", "?", "write" };

	switch (a->kind) {
	case SCN_ACT_SHMCTL:
		sb_printf(sb, " %s %s", a->shmctl.region,
			  a->shmctl.lock ? "lock" : "unlock");
		break;
	case SCN_ACT_CLEAR_REFS:
		sb_printf(sb, " %lld", (long long)a->clear_refs.value);
		break;
	case SCN_ACT_MPROTECT:
		sb_printf(sb, " %s %s", a->mprotect.region,
			  prots[a->mprotect.prot & 3]);
		break;
	case SCN_ACT_UFFD:
		dump_uffd(sb, a);
		break;
	default:
		dump_scan(sb, a);
		break;
	}
}
