/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memparse() (lib/cmdline.c) and strstrip() (lib/string.c).
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

/* strstrip(): trim leading and trailing whitespace in place. */
char *strstrip(char *s);

#endif
