/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-side child processes with bounded waits: mke2fs, xz and qemu are
 * run with their stdout and stderr on pipes that the caller pumps until a
 * deadline; nothing waits without a bound.
 */
#ifndef MEMCGLAB_QEMU_SPAWN_H
#define MEMCGLAB_QEMU_SPAWN_H

#include <sys/types.h>

#include "lib/strbuf.h"

struct child {
	pid_t pid;
	int fd[2];		/* stdout, stderr; -1 at EOF */
	int status;		/* wait status once reaped */
	int reaped;
};

/* Start argv[0] (looked up in PATH) with stdin on /dev/null. */
int child_start(struct child *c, char *const argv[], char *err, size_t n);
/*
 * Wait up to ms for output and append it to out[0] / out[1] (either may be
 * NULL to discard).  Returns 1 while a pipe is open, 0 when both are at EOF.
 */
int child_pump(struct child *c, int ms, struct strbuf *out,
	       struct strbuf *errout);
/* Reap within ms; past it SIGTERM, then SIGKILL.  0 if it exited itself. */
int child_finish(struct child *c, int ms);
/* Monotonic milliseconds on the host. */
long long host_ms(void);

/*
 * Run a command to completion within timeout_ms, its stdout into out (may
 * be NULL).  Returns 0 when it exited with 0, else -1 with a message in
 * err: it could not start, failed, was killed or timed out (with the tail
 * of its stderr).
 */
int run_command(char *const argv[], int timeout_ms, struct strbuf *out,
		char *err, size_t n);

/* The full path of PROG found in PATH into buf, or -1. */
int find_in_path(const char *prog, char *buf, size_t n);

#endif
