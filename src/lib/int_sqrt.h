/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The integer square root, rounded down (include/linux/math.h, int_sqrt).
 */
#ifndef MEMCGLAB_LIB_INT_SQRT_H
#define MEMCGLAB_LIB_INT_SQRT_H

unsigned long int_sqrt(unsigned long x);

#endif
