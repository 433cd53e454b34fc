// SPDX-License-Identifier: GPL-2.0
/*
 * Run the payload in the guest: fork and exec it in its own session with
 * stdout on a pseudo terminal and stderr on a pipe, relay each of its lines
 * to the protocol port as "o TEXT" or "e TEXT", reap every process (PID 1 inherits the
 * orphans), and report how it ended.  The run is bounded by the
 * configured timeout; when the payload ends, whatever it left running is
 * killed, and the pipes are drained for a bounded time.
 *
 * stdout is a terminal, as on a console, so that stdio buffers it by line:
 * on a pipe it would be fully buffered, and a test that forks (cg_run())
 * would print its unflushed lines again from every child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "guest/guest.h"

#define DRAIN_MS	5000	/* after the kill */
#define GRACE_MS	1000	/* before the kill */

struct relay {
	int fd;			/* read end, -1 once at EOF */
	char tag;		/* 'o' or 'e' */
	size_t len;
	char line[GUEST_LINE_MAX + 1];
};

struct run {
	pid_t pid;
	int status;
	int reaped;
	long long start_ms;
	struct relay out[2];
};

static void flush_line(struct guest *g, struct relay *r)
{
	r->line[r->len] = '\0';
	proto_line(g, "%c %s", r->tag, r->line);
	r->len = 0;
}

/* Read what is there; split into lines; EOF closes the relay. */
static void relay_read(struct guest *g, struct relay *r)
{
	char buf[4096];
	ssize_t n = read(r->fd, buf, sizeof(buf));
	ssize_t i;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {	/* a pty's master reads EIO once no slave is open */
		if (r->len)
			flush_line(g, r);
		close(r->fd);
		r->fd = -1;
		return;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			flush_line(g, r);
			continue;
		}
		r->line[r->len++] = buf[i];
		if (r->len == GUEST_LINE_MAX)
			flush_line(g, r);
	}
}

static void exec_child(struct guest *g, int out[2], int err[2])
{
	static char *argv[GUEST_MAX_ARGS + 1];
	char *envp[] = { "PATH=/bin", "HOME=/", "TERM=dumb", NULL };
	int i, null = open("/dev/null", O_RDONLY);

	setsid();
	if (g->cfg.root[0] && chroot(g->cfg.root))
		dprintf(err[1], "memcglab-guest: chroot %s: %s\n",
			g->cfg.root, strerror(errno));
	if (chdir(g->cfg.cwd))
		dprintf(err[1], "memcglab-guest: chdir %s: %s\n",
			g->cfg.cwd, strerror(errno));
	dup2(null, 0);
	dup2(out[1], 1);
	dup2(err[1], 2);
	for (i = 0; i < g->cfg.nr_args; i++)
		argv[i] = g->cfg.args[i];
	argv[i] = NULL;
	signal(SIGPIPE, SIG_DFL);
	execve(argv[0], argv, envp);
	dprintf(2, "memcglab-guest: exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* A pseudo terminal in raw mode (no \r added), or a pipe without one. */
static int stdout_channel(int fd[2])
{
	struct termios t;
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), slave;

	if (master < 0 || grantpt(master) || unlockpt(master))
		goto no_pty;
	slave = open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		goto no_pty;
	if (!tcgetattr(slave, &t)) {
		cfmakeraw(&t);
		tcsetattr(slave, TCSANOW, &t);
	}
	fd[0] = master;
	fd[1] = slave;
	return 0;
no_pty:
	if (master >= 0)
		close(master);
	return pipe2(fd, O_CLOEXEC);
}

static int start(struct guest *g, struct run *run)
{
	int out[2], err[2];

	if (stdout_channel(out) || pipe2(err, O_CLOEXEC))
		return -1;
	run->start_ms = now_ms();
	run->pid = fork();
	if (run->pid < 0)
		return -1;
	if (run->pid == 0)
		exec_child(g, out, err);
	close(out[1]);
	close(err[1]);
	run->out[0] = (struct relay){ .fd = out[0], .tag = 'o' };
	run->out[1] = (struct relay){ .fd = err[0], .tag = 'e' };
	return 0;
}

/* Reap every child that has exited; note the payload's status. */
static void reap(struct run *run)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == run->pid) {
			run->status = status;
			run->reaped = 1;
		}
	}
}

/* Relay for up to ms milliseconds, or until both pipes are at EOF. */
/*
 * Read only what poll() found ready: a read of the other stream, empty and
 * blocking, would stall the relay until the payload writes there or ends,
 * while the payload blocks on the full stream that is not being read.
 */
static void pump(struct guest *g, struct run *run, int ms)
{
	struct relay *which[2];
	struct pollfd pfd[2];
	int i, n = 0;

	for (i = 0; i < 2; i++) {
		if (run->out[i].fd < 0)
			continue;
		pfd[n].fd = run->out[i].fd;
		pfd[n].events = POLLIN;
		which[n++] = &run->out[i];
	}
	if (!n) {
		usleep(ms * 1000);
		return;
	}
	if (poll(pfd, n, ms) <= 0)
		return;
	for (i = 0; i < n; i++)
		if (pfd[i].revents)
			relay_read(g, which[i]);
}

static int pipes_open(struct run *run)
{
	return run->out[0].fd >= 0 || run->out[1].fd >= 0;
}

/* The payload is gone or late: kill what is left, drain, reap. */
static void finish(struct guest *g, struct run *run)
{
	long long end = now_ms() + DRAIN_MS;

	kill(-1, SIGKILL);	/* from PID 1: every process but itself */
	while ((pipes_open(run) || !run->reaped) && now_ms() < end) {
		pump(g, run, 50);
		reap(run);
	}
}

/* Wait for the payload within its timeout; 1 if it timed out. */
static int supervise(struct guest *g, struct run *run)
{
	long long deadline = run->start_ms + g->cfg.timeout_s * 1000LL;

	while (!run->reaped) {
		if (now_ms() >= deadline)
			return 1;
		pump(g, run, 100);
		reap(run);
	}
	/* let its last words arrive before the leftovers are killed */
	deadline = now_ms() + GRACE_MS;
	while (pipes_open(run) && now_ms() < deadline)
		pump(g, run, 20);
	return 0;
}

static void report_exit(struct guest *g, struct run *run, int timed_out,
			long oom_before)
{
	long long ms = now_ms() - run->start_ms;
	long oom = vmstat_value("oom_kill") - oom_before;

	if (timed_out)
		proto_line(g, GUEST_MARK "EXIT timeout pid=%d ms=%lld "
			   "oom_kill=%ld", run->pid, ms, oom);
	else if (WIFEXITED(run->status))
		proto_line(g, GUEST_MARK "EXIT code=%d pid=%d ms=%lld "
			   "oom_kill=%ld", WEXITSTATUS(run->status), run->pid,
			   ms, oom);
	else
		proto_line(g, GUEST_MARK "EXIT signal=%d pid=%d ms=%lld "
			   "oom_kill=%ld", WTERMSIG(run->status), run->pid,
			   ms, oom);
}

void run_payload(struct guest *g)
{
	long oom_before = vmstat_value("oom_kill");
	struct run run = { 0 };
	int timed_out;

	signal(SIGPIPE, SIG_IGN);
	if (start(g, &run)) {
		proto_line(g, GUEST_MARK "FAIL payload: %s", strerror(errno));
		return;
	}
	timed_out = supervise(g, &run);
	finish(g, &run);
	report_exit(g, &run, timed_out, oom_before);
}
