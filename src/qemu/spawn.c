// SPDX-License-Identifier: GPL-2.0
/*
 * Child processes for the kernel backend (spawn.h): fork, exec, pump the
 * two output pipes with poll() against a deadline, and reap with a bound,
 * escalating from SIGTERM to SIGKILL.
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
#include <time.h>
#include <unistd.h>

#include "qemu/spawn.h"

long long host_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* PATH, then the sbin directories a user's PATH may lack (mke2fs). */
int find_in_path(const char *prog, char *buf, size_t n)
{
	const char *path = getenv("PATH"), *p, *end;
	char dirs[4096];

	if (strchr(prog, '/')) {
		snprintf(buf, n, "%s", prog);
		return access(buf, X_OK) ? -1 : 0;
	}
	snprintf(dirs, sizeof(dirs), "%s:/usr/sbin:/sbin",
		 path ? path : "/usr/bin:/bin");
	for (p = dirs; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		snprintf(buf, n, "%.*s/%s", (int)(end - p), p, prog);
		if (end > p && !access(buf, X_OK))
			return 0;
	}
	return -1;
}

static void exec_child(char *const argv[], int out[2], int err[2])
{
	int null = open("/dev/null", O_RDONLY);

	dup2(null, 0);
	dup2(out[1], 1);
	dup2(err[1], 2);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int child_start(struct child *c, char *const argv[], char *err, size_t n)
{
	int out[2], errp[2];

	memset(c, 0, sizeof(*c));
	if (pipe2(out, O_CLOEXEC))
		goto fail;
	if (pipe2(errp, O_CLOEXEC)) {
		close(out[0]);
		close(out[1]);
		goto fail;
	}
	c->pid = fork();
	if (c->pid == 0)
		exec_child(argv, out, errp);
	close(out[1]);
	close(errp[1]);
	c->fd[0] = out[0];
	c->fd[1] = errp[0];
	if (c->pid > 0)
		return 0;
	close(out[0]);
	close(errp[0]);
fail:
	snprintf(err, n, "cannot start %s: %s", argv[0], strerror(errno));
	return -1;
}

static void drain(struct child *c, int i, struct strbuf *sb)
{
	char buf[65536];
	ssize_t r = read(c->fd[i], buf, sizeof(buf));

	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (r <= 0) {
		close(c->fd[i]);
		c->fd[i] = -1;
		return;
	}
	if (sb)
		sb_add(sb, buf, r);
}

int child_pump(struct child *c, int ms, struct strbuf *out,
	       struct strbuf *errout)
{
	struct pollfd pfd[2];
	int idx[2], i, n = 0;

	for (i = 0; i < 2; i++) {
		if (c->fd[i] < 0)
			continue;
		pfd[n].fd = c->fd[i];
		pfd[n].events = POLLIN;
		idx[n++] = i;
	}
	if (!n)
		return 0;
	if (poll(pfd, n, ms) > 0) {
		for (i = 0; i < n; i++)
			if (pfd[i].revents)
				drain(c, idx[i], idx[i] ? errout : out);
	}
	return c->fd[0] >= 0 || c->fd[1] >= 0;
}

static int reap_within(struct child *c, int ms)
{
	long long end = host_ms() + ms;

	while (!c->reaped) {
		pid_t r = waitpid(c->pid, &c->status, WNOHANG);

		if (r == c->pid || (r < 0 && errno == ECHILD)) {
			c->reaped = 1;
			break;
		}
		if (host_ms() >= end)
			return -1;
		usleep(10000);
	}
	return 0;
}

int child_finish(struct child *c, int ms)
{
	int i, ret = 0;

	if (reap_within(c, ms)) {
		ret = -1;
		kill(c->pid, SIGTERM);
		if (reap_within(c, 2000)) {
			kill(c->pid, SIGKILL);
			reap_within(c, 5000);
		}
	}
	for (i = 0; i < 2; i++) {
		if (c->fd[i] >= 0)
			close(c->fd[i]);
		c->fd[i] = -1;
	}
	return ret;
}

static void describe_failure(char *const argv[], struct child *c,
			     struct strbuf *errout, int timed_out,
			     char *err, size_t n)
{
	const char *tail = errout->len > 300 ? errout->buf + errout->len - 300 :
			   errout->len ? errout->buf : "";

	if (timed_out)
		snprintf(err, n, "%s: timed out: %s", argv[0], tail);
	else if (WIFSIGNALED(c->status))
		snprintf(err, n, "%s: killed by signal %d: %s", argv[0],
			 WTERMSIG(c->status), tail);
	else
		snprintf(err, n, "%s: exit %d: %s", argv[0],
			 WEXITSTATUS(c->status), tail);
}

int run_command(char *const argv[], int timeout_ms, struct strbuf *out,
		char *err, size_t n)
{
	struct strbuf errout = STRBUF_INIT;
	long long end = host_ms() + timeout_ms;
	struct child c;
	int left, timed_out, ret = -1;

	if (child_start(&c, argv, err, n))
		return -1;
	while ((left = end - host_ms()) > 0 &&
	       child_pump(&c, left, out, &errout))
		;
	timed_out = left <= 0;
	if (child_finish(&c, timed_out ? 0 : left < 1000 ? 1000 : left))
		timed_out = 1;
	sb_add(&errout, "", 0);
	if (!timed_out && WIFEXITED(c.status) && !WEXITSTATUS(c.status))
		ret = 0;
	else
		describe_failure(argv, &c, &errout, timed_out, err, n);
	sb_release(&errout);
	return ret;
}
