/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel backend on the command line (kernel.c): `memcglab run
 * --kernel FILE` boots Debian's Linux 6.12 under qemu with the scenario's
 * machine and runs it there with the guest executor (src/guest/exec);
 * `memcglab compare FILE` (compare.c) runs it on the model and on the
 * kernel and puts every number side by side.
 */
#ifndef MEMCGLAB_CLI_KERNEL_H
#define MEMCGLAB_CLI_KERNEL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "lib/strbuf.h"
#include "scenario/ast.h"

/* Exit status of a run whose guest failed (no verdict on the scenario). */
#define KERNEL_GUEST_FAILED	3

struct kernel_opts {
	const char *image;	/* --kernel-image: a bzImage, or NULL */
	const char *accel;	/* --accel kvm|tcg, or NULL: the best */
	int runs;		/* --kernel-runs N */
	int timeout_s;		/* --timeout: the executor's whole run */
	bool seed_set;
	unsigned long long seed;
	const char *workdir;	/* --keep DIR: the images and console.log */
	bool quiet;		/* no progress notes */
	bool observe;		/* the executor's observations into res->obs */
	const char *record_dir;	/* --record-dir: relative record files here */
};

/* One run on the kernel. */
struct kernel_result {
	int status;		/* the executor's 0, 1, 2; or KERNEL_GUEST_FAILED */
	struct strbuf out;	/* its standard output */
	struct strbuf obs;	/* its observations (wire.h), with observe */
	char kernel[128];	/* the guest's release, "6.12.118+deb12-amd64" */
	bool kvm;		/* else TCG */
	long long ms;		/* host time of the whole run, boot included */
	long long payload_ms;	/* guest time of the executor */
};

/* The kernel options, for run --kernel and compare: getopt_long's table */
#define KERNEL_SHORTOPTS	"k:n:a:T:K:s:R:q"
#define KERNEL_LONGOPTS							\
	{ "kernel-image", required_argument, NULL, 'k' },		\
	{ "kernel-runs", required_argument, NULL, 'n' },		\
	{ "accel", required_argument, NULL, 'a' },			\
	{ "timeout", required_argument, NULL, 'T' },			\
	{ "keep", required_argument, NULL, 'K' },			\
	{ "seed", required_argument, NULL, 's' },			\
	{ "record-dir", required_argument, NULL, 'R' },			\
	{ "quiet", no_argument, NULL, 'q' }

void kernel_opts_init(struct kernel_opts *ko);
/* Option @c (with optarg) of @cmd: 0, 1 if not a kernel option, or 2. */
int kernel_option(const char *cmd, int c, struct kernel_opts *ko);
/* Usage lines of the kernel options. */
extern const char kernel_options_usage[];

/*
 * Whether @script can run on a kernel: what the executor would refuse
 * (FILE:LINE on stderr), and what the host needs (qemu, the kernel, the
 * executor, with the command that installs or builds it).  0 or -1.
 */
int kernel_check(const struct scn_script *script, const struct kernel_opts *ko);
/*
 * Run @script (parsed from @file) once in a guest.  Its output is kept in
 * res->out and, when @print is set, printed there as it comes, after a
 * header naming the kernel and KVM or TCG; a failed guest is reported on
 * stderr with its console's tail.  res->status says how it went.
 */
void kernel_run(const char *file, const struct scn_script *script,
		const struct kernel_opts *ko, FILE *print,
		struct kernel_result *res);
void kernel_result_release(struct kernel_result *res);

/* memcglab run --kernel [OPTIONS] FILE (argv[0] is "run") */
int cmd_run_kernel(int argc, char **argv);
/* Is there a --kernel among these run arguments? */
bool kernel_wanted(int argc, char **argv);
/* memcglab compare [--json] [OPTIONS] FILE (argv[0] is "compare") */
int cmd_kernel_compare(int argc, char **argv);

#endif
