/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zipf-distributed page indices for `access pattern=zipf:THETA`: a table
 * of the ranks' cumulative probabilities, searched with a uniform draw.
 * Pure functions of the table and the draw, so that the model and the
 * guest executor on a real kernel pick the same pages from the same
 * random stream.
 */
#ifndef MEMCGLAB_LIB_ZIPF_H
#define MEMCGLAB_LIB_ZIPF_H

#include "lib/compiler.h"

/* The cumulative probabilities of ranks 1..@n with exponent @theta. */
void zipf_fill(double *cdf, unsigned long n, double theta);
/*
 * The page for the uniform draw @u in [0, 1): the rank's index, scattered
 * over the @n pages so that hot pages are not neighbours.
 */
unsigned long zipf_pick(const double *cdf, unsigned long n, double u);

#endif
