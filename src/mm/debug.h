/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model's invariants, checked by code (mm/debug.c in spirit, where the
 * kernel keeps its VM_BUG_ON helpers).
 */
#ifndef MEMCGLAB_MM_DEBUG_H
#define MEMCGLAB_MM_DEBUG_H

#include "lib/compiler.h"

struct machine;
struct strbuf;

/* What a check found broken: the first few descriptions, and a count. */
struct verify_log {
	struct strbuf *why;
	int errors;
};

#define VERIFY_MAX_REPORTS	5

/* Count one violation; describe it in log->why if it is among the first. */
void verify_fail(struct verify_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* swapfile.c: every swap slot's references are its PTEs, its shmem slot
 * and the swap cache, and nothing else (swap_verify). */
int swap_verify(struct machine *m, struct strbuf *why);
/* shmem.c: each inode's alloced is its pages in memory plus in swap. */
int shmem_verify(struct machine *m, struct strbuf *why);

/*
 * Walk the whole machine and check that the accounting adds up.  Returns
 * the number of violations and describes the first few in @why.
 */
int mm_verify(struct machine *m, struct strbuf *why);
/* Its part for the page tables (page_table_check.c). */
int page_table_verify(struct machine *m, struct strbuf *why);

#endif
