/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model's invariants, checked by code (mm/debug.c in spirit, where the
 * kernel keeps its VM_BUG_ON helpers).
 */
#ifndef MEMCGLAB_MM_DEBUG_H
#define MEMCGLAB_MM_DEBUG_H

struct machine;
struct strbuf;

/*
 * Walk the whole machine and check that the accounting adds up.  Returns
 * the number of violations and describes the first few in @why.
 */
int mm_verify(struct machine *m, struct strbuf *why);

#endif
