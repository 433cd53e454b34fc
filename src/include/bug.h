/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Broken invariants of the model (include/asm-generic/bug.h, and
 * include/linux/mmdebug.h's VM_BUG_ON for what mm checks).  A failed check
 * prints "memcglab: BUG at FILE:LINE: ..." with the object it found
 * broken, and counts the bug in the machine (m->nr_bugs).  The model then
 * goes on as the kernel does after a WARN: the caller recovers as well as
 * it can, and the run, and the test that made it, fails.  Every corruption
 * of the model's state is reported this way, never with abort(): that is
 * kept for the host running out of memory.
 */
#ifndef MEMCGLAB_INCLUDE_BUG_H
#define MEMCGLAB_INCLUDE_BUG_H

#include "lib/compiler.h"

struct machine;

/* kernel/panic.c */
void model_bug(struct machine *m, const char *file, int line,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report a broken invariant of @m found at this line. */
#define MODEL_BUG(m, fmt, ...)						\
	model_bug((m), __FILE__, __LINE__, fmt, ##__VA_ARGS__)

/*
 * Check that @cond does not hold; report it with the condition and @fmt if
 * it does.  Evaluates to @cond, so the caller can recover:
 *	if (MODEL_BUG_ON(m, css->refcnt < 0, "css of %s", name))
 *		return;
 */
#define MODEL_BUG_ON(m, cond, fmt, ...)					\
	({								\
		bool __bug = !!(cond);					\
		if (unlikely(__bug))					\
			MODEL_BUG(m, "%s: " fmt, #cond, ##__VA_ARGS__);	\
		__bug;							\
	})

#endif
