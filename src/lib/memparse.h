/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/cmdline.c memparse() and the kernel's simple_strtoull base detection.
 */
#ifndef MEMCGLAB_LIB_MEMPARSE_H
#define MEMCGLAB_LIB_MEMPARSE_H

#include "compiler.h"

/*
 * Parse an unsigned number with C base auto-detection (0x hex, leading 0
 * octal, else decimal), no sign, then one optional K/M/G/T/P/E suffix in
 * either case (each a factor of 1024).  *retptr points after what was used;
 * if no digit was read it equals @ptr (or points past a lone suffix letter,
 * which the kernel accepts as 0) and the result is 0.  Overflow wraps,
 * as in the kernel.
 */
unsigned long long memparse(const char *ptr, char **retptr);

/* simple_strtoull(): base 0 auto-detects like memparse(). */
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base);

/* kstrtoint(s, 0, &v) / kstrtoull: whole string (one trailing \n allowed). */
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);

/* strstrip(): trim leading and trailing whitespace in place. */
char *strstrip(char *s);

#endif
