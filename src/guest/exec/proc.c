// SPDX-License-Identifier: GPL-2.0
/*
 * The guest executor's processes.  `spawn` is clone3(CLONE_INTO_CGROUP):
 * the process is born in its cgroup, as the model's are, a copy of the
 * executor that closes everything but its channel and runs the worker's
 * command loop (worker.c); it never returns to the executor's code and
 * never execs.  `fork` is the worker's own fork(2), its child given a
 * channel of its own (passed with SCM_RIGHTS).  The channel is a
 * SOCK_SEQPACKET socket pair: one struct gcmd, one struct greply.
 *
 * A process is followed through a pidfd: readable once it has exited
 * (exit_notify, after its memory was freed).  It EXITED if it
 * acknowledged an `exit`; any other death is a kill (SIGKILL from `kill`,
 * or the OOM killer).  The executor is a child subreaper, so a forked
 * process whose parent died is reaped here; a worker reaps its own.
 *
 * On a scratch tree (the executor's test) a cgroup is a plain directory:
 * there the process is cloned without CLONE_INTO_CGROUP and its pid
 * appended to the directory's cgroup.procs file, as older tools did.
 */
#define _GNU_SOURCE
#include "guest/exec/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the channel ---- */

int chan_send(int sock, const void *buf, size_t len, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	ssize_t n;

	if (fd >= 0) {
		msg.msg_control = ctl;
		msg.msg_controllen = sizeof(ctl);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	do {
		n = sendmsg(sock, &msg, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)len ? 0 : -1;
}

ssize_t chan_recv(int sock, void *buf, size_t len, int *fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl,
			      .msg_controllen = sizeof(ctl) };
	struct cmsghdr *cm;
	ssize_t n;

	if (fd)
		*fd = -1;
	do {
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	} while (n < 0 && errno == EINTR);
	for (cm = CMSG_FIRSTHDR(&msg); n >= 0 && cm;
	     cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_RIGHTS && fd)
			memcpy(fd, CMSG_DATA(cm), sizeof(int));
	}
	return n;
}

/* ---- life and death ---- */

/* Reap every child of ours that has ended (spawned, or orphaned to us). */
static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void mark_dead(struct gproc *gp)
{
	gp->dead = true;
	if (gp->sock >= 0)
		close(gp->sock);
	gp->sock = -1;
	reap();
}

bool gexec_dead(struct gexec *ge, struct gproc *gp)
{
	struct pollfd pfd = { .fd = gp->pidfd, .events = POLLIN };

	if (gp->dead)
		return true;
	if (poll(&pfd, 1, 0) == 1)
		mark_dead(gp);
	return gp->dead;
}

/* Wait (bounded) for @gp to be gone, firing timers meanwhile. */
static bool await_death(struct gexec *ge, struct gproc *gp, int seconds)
{
	uint64_t end = gexec_clock() + seconds * 1000000000ULL;
	struct pollfd pfd = { .fd = gp->pidfd, .events = POLLIN };

	while (!gp->dead && gexec_clock() < end) {
		gexec_timers_run(ge);
		if (poll(&pfd, 1, 50) == 1)
			mark_dead(gp);
	}
	return gp->dead;
}

static int await_reply(struct scn_rt *rt, struct gproc *gp,
		       struct greply *reply, int timeout_s)
{
	struct gexec *ge = gexec_of(rt);
	uint64_t end = gexec_clock() + timeout_s * 1000000000ULL;
	struct pollfd pfd = { .fd = gp->sock, .events = POLLIN };
	ssize_t n;

	while (gexec_clock() < end) {
		uint64_t next = gexec_timers_run(ge);
		uint64_t now = gexec_clock() - ge->start_ns;
		int ms = next > now ? (next - now) / 1000000 + 1 : 0;

		if (poll(&pfd, 1, ms > 200 || next == UINT64_MAX ? 200 : ms) < 1)
			continue;
		n = chan_recv(gp->sock, reply, sizeof(*reply), NULL);
		if (n == sizeof(*reply))
			return reply->err;
		/* EOF: it died; its memory is gone once the pidfd says so */
		await_death(ge, gp, GEXEC_DEATH_TIMEOUT_S);
		return -ESRCH;
	}
	scn_rt_error(rt, "process %s (pid %d) did not answer within %d s",
		     gp->name, gp->pid, timeout_s);
	return -ETIMEDOUT;
}

static int hello(struct scn_rt *rt, struct gproc *gp);

int gexec_call(struct scn_rt *rt, struct gproc *gp, const struct gcmd *cmd,
	       int fd, struct greply *reply)
{
	if (gexec_dead(gexec_of(rt), gp))
		return -ESRCH;
	if (gp->hello_pending) {
		int err = hello(rt, gp);

		gp->hello_pending = false;
		if (err)
			return err;
	}
	if (chan_send(gp->sock, cmd, sizeof(*cmd), fd)) {
		await_death(gexec_of(rt), gp, GEXEC_DEATH_TIMEOUT_S);
		return -ESRCH;
	}
	return await_reply(rt, gp, reply, gexec_of(rt)->action_timeout_s);
}

/* ---- the cgroup freezer ---- */

/* Whether @cgroup ("/" the root) or an ancestor has cgroup.freeze 1. */
static bool cgroup_path_frozen(struct gexec *ge, const char *cgroup)
{
	size_t len = strlen(cgroup), i;
	bool frozen = false;

	for (i = 1; !frozen && i <= len; i++) {
		char rel[4200], c = 0;
		char *path;
		int fd;

		if (i < len && cgroup[i] != '/')
			continue;
		snprintf(rel, sizeof(rel), "%.*s/cgroup.freeze", (int)i, cgroup);
		path = gexec_path(ge, rel);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && read(fd, &c, 1) == 1 && c == '1')
			frozen = true;
		if (fd >= 0)
			close(fd);
		free(path);
	}
	return frozen;
}

/*
 * The kernel parks a frozen process before it runs user code: it would
 * not answer.  Its cgroup's and ancestors' cgroup.freeze say so first.
 */
bool gexec_frozen(struct scn_rt *rt, struct scn_proc *p)
{
	return strcmp(p->cgroup, "/") &&
	       cgroup_path_frozen(gexec_of(rt), p->cgroup);
}

/* ---- spawn and fork ---- */

static struct gproc *proc_new(struct gexec *ge, const char *name, pid_t pid,
			      int pidfd, int sock)
{
	struct gproc *gp = calloc(1, sizeof(*gp));

	if (!gp)
		abort();
	gp->name = name;
	gp->pid = pid;
	gp->pidfd = pidfd;
	gp->sock = sock;
	gp->next = ge->procs;
	ge->procs = gp;
	return gp;
}

/* The new process's first word: its setup's result. */
static int hello(struct scn_rt *rt, struct gproc *gp)
{
	struct greply reply;
	int err = await_reply(rt, gp, &reply, GEXEC_DEATH_TIMEOUT_S);

	if (err && !gp->dead) {
		syscall(SYS_pidfd_send_signal, gp->pidfd, SIGKILL, NULL, 0);
		await_death(gexec_of(rt), gp, GEXEC_DEATH_TIMEOUT_S);
	}
	return err;
}

/* A scratch tree's "cgroup": the pid goes into its cgroup.procs. */
static int join_plain_dir(const char *dir, pid_t pid)
{
	char path[4200], line[32];
	int fd, n, err = 0;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	n = snprintf(line, sizeof(line), "%d\n", pid);
	if (fd < 0 || write(fd, line, n) != n)
		err = -errno;
	if (fd >= 0)
		close(fd);
	return err;
}

/* clone3 into the cgroup at @cgfd; in the child, the worker. */
static pid_t clone_worker(struct gexec *ge, int cgfd, bool into, int sock,
			  int *pidfd, const struct scn_stmt *s)
{
	struct clone_args args = {
		.flags = CLONE_PIDFD | (into ? CLONE_INTO_CGROUP : 0),
		.pidfd = (uintptr_t)pidfd,
		.exit_signal = SIGCHLD,
		.cgroup = into ? cgfd : 0,
	};
	pid_t pid;

	fflush(NULL);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid)
		return pid < 0 ? -errno : pid;
	if (dup2(sock, WORKER_FD) < 0)
		_exit(127);
	syscall(SYS_close_range, WORKER_FD + 1, ~0U, 0);
	worker_main(ge->root, s->spawn.oom_score_adj, s->spawn.cpu);
}

int gexec_spawn(struct scn_rt *rt, const struct scn_stmt *s, void **task)
{
	struct gexec *ge = gexec_of(rt);
	bool root = !strcmp(s->spawn.cgroup, "/");
	char *dir = gexec_path(ge, root ? "" : s->spawn.cgroup);
	int cgfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC), sv[2], pidfd;
	struct statfs st;
	struct gproc *gp;
	bool into;
	pid_t pid;
	int err;

	if (cgfd < 0 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
				   sv)) {
		err = -errno;
		goto out;
	}
	into = !fstatfs(cgfd, &st) && st.f_type == CGROUP2_SUPER_MAGIC;
	pid = clone_worker(ge, cgfd, into, sv[1], &pidfd, s);
	close(sv[1]);
	err = pid < 0 ? pid : 0;
	if (err) {
		close(sv[0]);
		goto out;
	}
	gp = proc_new(ge, s->spawn.name, pid, pidfd, sv[0]);
	gp->child = true;
	err = into ? 0 : join_plain_dir(dir, pid);
	/* born frozen: it says hello at the thaw, before its first action */
	if (!err && into && !root && cgroup_path_frozen(ge, s->spawn.cgroup))
		gp->hello_pending = true;
	else if (!err)
		err = hello(rt, gp);
	if (!err)
		*task = gp;
out:
	if (cgfd >= 0)
		close(cgfd);
	free(dir);
	return err;
}

int gexec_threads(struct scn_rt *rt, struct scn_proc *p, unsigned int nr)
{
	struct gcmd cmd = { .op = GCMD_THREADS, .a = nr };
	struct greply reply;

	if (nr <= 1)
		return 0;
	return gexec_call(rt, gproc_of(p), &cmd, -1, &reply);
}

int gexec_fork(struct scn_rt *rt, struct scn_proc *parent, const char *child,
	       void **task)
{
	struct gproc *pp = gproc_of(parent), *gp;
	struct gcmd cmd = { .op = GCMD_FORK };
	struct greply reply;
	int sv[2], pidfd, err;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	err = gexec_call(rt, pp, &cmd, sv[1], &reply);
	close(sv[1]);
	pidfd = err ? -1 : syscall(SYS_pidfd_open, (pid_t)reply.val, 0);
	if (!err && pidfd < 0)
		err = -errno;
	if (err) {
		close(sv[0]);
		return err;
	}
	gp = proc_new(gexec_of(rt), child, reply.val, pidfd, sv[0]);
	gp->regions = gexec_regions_dup(pp->regions);
	err = hello(rt, gp);
	if (!err)
		*task = gp;
	return err;
}

void gexec_kill(struct scn_rt *rt, struct scn_proc *p)
{
	struct gproc *gp = gproc_of(p);

	if (gexec_dead(gexec_of(rt), gp))
		return;
	syscall(SYS_pidfd_send_signal, gp->pidfd, SIGKILL, NULL, 0);
	if (!await_death(gexec_of(rt), gp, GEXEC_DEATH_TIMEOUT_S))
		scn_rt_error(rt, "process %s (pid %d) still alive %d s after "
			     "SIGKILL", gp->name, gp->pid,
			     GEXEC_DEATH_TIMEOUT_S);
}

int gexec_pid(struct scn_rt *rt, struct scn_proc *p)
{
	return gproc_of(p)->pid;
}

enum scn_proc_state gexec_state(struct scn_rt *rt, struct scn_proc *p)
{
	struct gproc *gp = gproc_of(p);

	if (!gexec_dead(gexec_of(rt), gp))
		return SCN_PROC_ALIVE;
	return gp->exiting ? SCN_PROC_EXITED : SCN_PROC_KILLED;
}

/* The processes run by themselves: only check that it is alive. */
int gexec_enter(struct scn_rt *rt, struct scn_proc *p)
{
	return gexec_dead(gexec_of(rt), gproc_of(p)) ? -ESRCH : 0;
}

void gexec_leave(struct scn_rt *rt, struct scn_proc *p)
{
}

/* `exit`: acknowledged, then gone. */
int gexec_act_exit(struct scn_rt *rt, struct scn_proc *p,
		   const struct scn_action *a)
{
	struct gproc *gp = gproc_of(p);
	struct gcmd cmd = { .op = GCMD_EXIT };
	struct greply reply;
	int err = gexec_call(rt, gp, &cmd, -1, &reply);

	if (err)
		return err;
	gp->exiting = true;
	if (!await_death(gexec_of(rt), gp, GEXEC_DEATH_TIMEOUT_S))
		scn_rt_error(rt, "process %s (pid %d) still alive %d s after "
			     "exit", gp->name, gp->pid, GEXEC_DEATH_TIMEOUT_S);
	return 0;
}

/* ---- pagemap ---- */

static uint64_t pagemap_bit(enum scn_pagemap_flag flag)
{
	static const int bits[] = {
		[SCN_PM_PRESENT] = 63, [SCN_PM_SWAP] = 62, [SCN_PM_FILE] = 61,
		[SCN_PM_EXCLUSIVE] = 56, [SCN_PM_SOFT_DIRTY] = 55,
		[SCN_PM_UFFD_WP] = 57,
	};

	return 1ULL << bits[flag];
}

/* /proc/PID/pagemap of the real process: the kernel's, in any root. */
int gexec_pagemap(struct scn_rt *rt, struct scn_proc *p, const char *region,
		  enum scn_pagemap_flag flag, u64 *pages)
{
	struct gproc *gp = gproc_of(p);
	struct gregion *r = gexec_region(gp, region);
	uint64_t e[512], bit = pagemap_bit(flag), i, done = 0, want;
	char path[64];
	ssize_t n;
	int fd;

	if (!r || gexec_dead(gexec_of(rt), gp))
		return -ENOENT;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", gp->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*pages = 0;
	while (done < r->len / 4096) {
		want = r->len / 4096 - done;
		want = want < 512 ? want : 512;
		n = pread(fd, e, want * 8, (r->addr / 4096 + done) * 8);
		if (n <= 0)
			break;
		for (i = 0; i < (uint64_t)n / 8; i++)
			*pages += !!(e[i] & bit);
		done += n / 8;
	}
	close(fd);
	return done == r->len / 4096 ? 0 : -EIO;
}

/* ---- the end ---- */

void gexec_procs_release(struct gexec *ge)
{
	struct gproc *gp, *n;

	for (gp = ge->procs; gp; gp = gp->next)
		if (!gp->dead)
			syscall(SYS_pidfd_send_signal, gp->pidfd, SIGKILL,
				NULL, 0);
	for (gp = ge->procs; gp; gp = n) {
		n = gp->next;
		await_death(ge, gp, GEXEC_DEATH_TIMEOUT_S);
		if (gp->sock >= 0)
			close(gp->sock);
		close(gp->pidfd);
		gexec_regions_free(gp->regions);
		free(gp);
	}
	ge->procs = NULL;
	reap();
}
