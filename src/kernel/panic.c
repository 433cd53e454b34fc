// SPDX-License-Identifier: GPL-2.0
/*
 * Reporting a broken invariant of the model (kernel/panic.c's __warn and
 * add_taint): the report goes to stderr and the machine counts it, so the
 * run, and the test that made it, fails at its end.
 */
#include "include/machine.h"

#include <stdarg.h>

void machine_bug(struct machine *m, const char *fmt, ...)
{
	va_list ap;

	m->nr_bugs++;
	fprintf(stderr, "memcglab: BUG: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
