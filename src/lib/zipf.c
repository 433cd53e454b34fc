// SPDX-License-Identifier: GPL-2.0
/*
 * Zipf ranks by inversion of the cumulative table (zipf.h).  No kernel
 * counterpart: a workload generator.
 */
#include "lib/zipf.h"

#include <math.h>

void zipf_fill(double *cdf, unsigned long n, double theta)
{
	double sum = 0;
	unsigned long i;

	for (i = 0; i < n; i++) {
		sum += 1.0 / pow((double)(i + 1), theta);
		cdf[i] = sum;
	}
	for (i = 0; i < n; i++)
		cdf[i] /= sum;
}

unsigned long zipf_pick(const double *cdf, unsigned long n, double u)
{
	unsigned long lo = 0, hi = n - 1;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;

		if (cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* scatter ranks over the region so hot pages are not neighbours */
	return (unsigned long)((lo * 2654435761ULL) % n);
}
