/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memcglab compare (compare.c, compare_out.c): one scenario on the model
 * and on the real kernel, every value side by side.  A row is one value
 * a statement showed: a number or text a `read` printed (a keyed file
 * gives one row per key), what an `expect` compared and whether it held,
 * another TAP line (=> ERRNO), or a process's death.
 */
#ifndef MEMCGLAB_CLI_COMPARE_H
#define MEMCGLAB_CLI_COMPARE_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/compiler.h"

#define CMP_MAX_RUNS		100
/* values_close(model, kernel, N) for a value without a tolerance of its own */
#define CMP_DEFAULT_TOLERANCE	10

enum cmp_kind { CMP_READ, CMP_EXPECT, CMP_CHECK, CMP_EVENT };

enum cmp_verdict {
	CMP_AGREE,
	CMP_DIFFER,		/* beyond tolerance, or another outcome */
	CMP_MODEL_ONLY,		/* the kernel never showed it */
	CMP_KERNEL_ONLY,	/* the model never showed it */
	CMP_NOT_RUN,		/* the kernel did not run the scenario */
};

struct cmp_val {
	enum { CV_NONE, CV_NUM, CV_MAX, CV_TEXT } kind;
	s64 n;
	char *text;		/* CV_TEXT; else NULL */
	bool ok;		/* an expect or a check: it held */
	bool seen;		/* this side showed the row at all */
};

struct cmp_row {
	unsigned int line;
	unsigned int occ;	/* earlier rows with the same line, kind, key */
	unsigned int seq;	/* order of arrival, for a stable sort */
	enum cmp_kind kind;
	char *key;		/* a read's target[:KEY]; an event's "kind proc" */
	const char *source;	/* the statement's text */
	unsigned int tol;	/* percent */
	bool own_tol;		/* the expect's own (~ N%) */
	struct cmp_val model;
	struct cmp_val *kernel;	/* one per kernel run */
	int best;		/* the kernel run nearest the model */
	enum cmp_verdict verdict;
};

struct cmp_table {
	const char *file;
	struct cmp_row *rows;
	size_t n, alloc;
	int runs;		/* kernel runs made */
	int tolerance;		/* the default, percent */
	char kernel[128];	/* the guest's release */
	const char *from;	/* the kernel runs came from this saved output */
	bool kvm;
	char *refused;		/* why the kernel did not run it, or NULL */
	char *model_error, *kernel_error;	/* what stopped a run */
	int model_status, kernel_status[CMP_MAX_RUNS];
	unsigned long long seed;
};

/* compare_out.c */
void cmp_print_table(const struct cmp_table *t, FILE *f);
void cmp_print_json(const struct cmp_table *t, FILE *f);
const char *cmp_verdict_name(enum cmp_verdict v);

#endif
