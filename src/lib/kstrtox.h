/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Integer parsing (include/linux/kstrtox.h, lib/kstrtox.c).
 */
#ifndef MEMCGLAB_LIB_KSTRTOX_H
#define MEMCGLAB_LIB_KSTRTOX_H

#include "compiler.h"

/* simple_strtoull(): base 0 auto-detects (0x hex, leading 0 octal). */
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base);

/* kstrtoint(s, 0, &v) / kstrtoull: whole string (one trailing \n allowed). */
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
/* y/Y/t/T/1 or n/N/f/F/0 first, or o/O then n/N or f/F; -EINVAL otherwise. */
int kstrtobool(const char *s, bool *res);

#endif
