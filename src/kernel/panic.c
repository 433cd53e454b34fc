// SPDX-License-Identifier: GPL-2.0
/*
 * Reporting a broken invariant of the model (include/bug.h), as
 * kernel/panic.c's __warn() reports a WARN and add_taint() remembers it:
 * the report goes to stderr with the file and line of the check, and the
 * machine counts it, so the run, and the test that made it, fails.
 */
#include "include/bug.h"

#include <stdarg.h>
#include <stdio.h>

#include "include/machine.h"

void model_bug(struct machine *m, const char *file, int line,
	       const char *fmt, ...)
{
	va_list ap;

	m->nr_bugs++;
	fprintf(stderr, "memcglab: BUG at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
