/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small harness for measuring Linux 6.12 under build/guest-run: the
 * program plays the scenario runner, and each process of a scenario is a
 * forked worker that runs one system call per command, in its cgroup and
 * pinned to its CPU, as `spawn NAME in CG cpu=N` and `NAME: ACTION` do.
 * Results are printed one "label key value" a line.
 *
 * Header-only so that each measurement stays one static program:
 *	gcc -static -O2 -o prog tests/kernel/NAME.c
 * tests/kernel/run.sh builds and boots them.
 */
#ifndef KT_H
#define KT_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#pragma GCC diagnostic ignored "-Wunused-function"

#define KT_CG	"/sys/fs/cgroup/"
#define PG	4096UL

enum kt_op {
	KT_MMAP_ANON, KT_MMAP_SHMEM, KT_MMAP_FILE, KT_TOUCH, KT_READ,
	KT_MLOCK, KT_MUNLOCK, KT_MADVISE, KT_MUNMAP, KT_WRITE_FILE, KT_EXIT,
};

struct kt_cmd {
	int op;
	int arg;		/* madvise advice; file: 1 = MAP_PRIVATE */
	unsigned long off, len;
	unsigned long at;	/* mmap: MAP_FIXED_NOREPLACE here, or 0 */
	char path[64];
};

struct kt_proc {
	pid_t pid;
	int to, from;		/* command pipe, answer pipe */
	char *base;		/* the one region the worker maps */
	unsigned long size;
};

static void kt_die(const char *what)
{
	perror(what);
	exit(2);
}

static int kt_put(const char *path, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int fd, n, ok;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ok = write(fd, buf, n) == n;
	n = ok ? 0 : -errno;
	close(fd);
	return n;
}

static int kt_slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* The number after KEY (a word at the start of a line, ':' ignored). */
static long long kt_key(const char *path, const char *key)
{
	static char buf[1 << 16];
	size_t klen = strlen(key);
	char *line;

	if (kt_slurp(path, buf, sizeof(buf)))
		return -1;
	for (line = buf; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		if (strncmp(line, key, klen))
			continue;
		if (line[klen] != ' ' && line[klen] != ':' && line[klen] != '\t')
			continue;
		return strtoll(line + klen + (line[klen] == ':'), NULL, 10);
	}
	return -1;
}

static long long kt_first(const char *path)
{
	char buf[256];

	return kt_slurp(path, buf, sizeof(buf)) ? -1 : strtoll(buf, NULL, 10);
}

/* ---- workers ---- */

static int kt_do(struct kt_proc *self, const struct kt_cmd *c)
{
	char *p = self->base + c->off;
	unsigned long i;
	struct stat st;
	int fd, flags;

	switch (c->op) {
	case KT_MMAP_ANON:
		self->base = mmap((void *)c->at, c->len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS |
				  (c->at ? MAP_FIXED_NOREPLACE : 0), -1, 0);
		self->size = c->len;
		return self->base == MAP_FAILED ? -errno : 0;
	case KT_MMAP_SHMEM:
	case KT_MMAP_FILE:
		fd = open(c->path, O_RDWR | O_CREAT, 0644);
		if (fd < 0)
			return -errno;
		if (fstat(fd, &st))
			return -errno;
		if (st.st_size < (off_t)c->len && ftruncate(fd, c->len))
			return -errno;
		flags = c->arg ? MAP_PRIVATE : MAP_SHARED;
		if (c->at)
			flags |= MAP_FIXED_NOREPLACE;
		self->base = mmap((void *)c->at, c->len, PROT_READ | PROT_WRITE,
				  flags, fd, 0);
		close(fd);
		self->size = c->len;
		return self->base == MAP_FAILED ? -errno : 0;
	case KT_TOUCH:
		for (i = 0; i < c->len; i += PG)
			p[i] = 0;
		return 0;
	case KT_READ:
		for (i = 0; i < c->len; i += PG)
			(void)*(volatile char *)(p + i);
		return 0;
	case KT_MLOCK:
		return mlock(p, c->len) ? -errno : 0;
	case KT_MUNLOCK:
		return munlock(p, c->len) ? -errno : 0;
	case KT_MADVISE:
		return madvise(p, c->len, c->arg) ? -errno : 0;
	case KT_MUNMAP:
		return munmap(p, c->len) ? -errno : 0;
	case KT_WRITE_FILE: {
		static char page[PG];

		fd = open(c->path, O_RDWR | O_CREAT, 0644);
		if (fd < 0)
			return -errno;
		memset(page, 'x', sizeof(page));
		for (i = 0; i < c->len; i += PG)
			if (pwrite(fd, page, PG, c->off + i) != PG)
				return -errno;
		close(fd);
		return 0;
	}
	case KT_EXIT:
		_exit(0);
	}
	return -ENOSYS;
}

struct kt_answer {
	int ret;
	unsigned long base;
};

static void kt_worker(struct kt_proc *self, int in, int out)
{
	struct kt_answer a;
	struct kt_cmd c;

	while (read(in, &c, sizeof(c)) == sizeof(c)) {
		a.ret = kt_do(self, &c);
		a.base = (unsigned long)self->base;
		if (write(out, &a, sizeof(a)) != sizeof(a))
			break;
	}
	_exit(0);
}

/* spawn NAME in CG cpu=CPU: a worker born in @cg, pinned to @cpu. */
static void kt_spawn(struct kt_proc *p, const char *cg, int cpu)
{
	int to[2], from[2];
	char procs[128];
	cpu_set_t set;

	if (pipe(to) || pipe(from))
		kt_die("pipe");
	memset(p, 0, sizeof(*p));
	p->pid = fork();
	if (p->pid < 0)
		kt_die("fork");
	if (!p->pid) {
		snprintf(procs, sizeof(procs), KT_CG "%s/cgroup.procs", cg);
		if (kt_put(procs, "0"))
			kt_die(procs);
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			kt_die("sched_setaffinity");
		close(to[1]);
		close(from[0]);
		kt_worker(p, to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	p->to = to[1];
	p->from = from[0];
}

static int kt_cmd_at(struct kt_proc *p, int op, int arg, unsigned long off,
		     unsigned long len, const char *path, unsigned long at)
{
	struct kt_cmd c = { .op = op, .arg = arg, .off = off, .len = len,
			    .at = at };
	struct kt_answer a;

	if (path)
		snprintf(c.path, sizeof(c.path), "%s", path);
	if (write(p->to, &c, sizeof(c)) != sizeof(c))
		return -EPIPE;
	if (op == KT_EXIT) {
		waitpid(p->pid, NULL, 0);
		close(p->to);
		close(p->from);
		return 0;
	}
	if (read(p->from, &a, sizeof(a)) != sizeof(a))
		return -EPIPE;
	if (op == KT_MMAP_ANON || op == KT_MMAP_SHMEM || op == KT_MMAP_FILE) {
		p->size = len;
		p->base = (char *)a.base;
	}
	return a.ret;
}

static int kt_cmd(struct kt_proc *p, int op, int arg, unsigned long off,
		  unsigned long len, const char *path)
{
	return kt_cmd_at(p, op, arg, off, len, path, 0);
}

/* The scenario runner's own CPU: the model runs the shell on CPU 0. */
static void kt_setup(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	setvbuf(stdout, NULL, _IOLBF, 0);
	kt_put(KT_CG "cgroup.subtree_control", "+memory");
}

static void kt_mkcg(const char *cg)
{
	char path[128];

	snprintf(path, sizeof(path), KT_CG "%s", cg);
	if (mkdir(path, 0755) && errno != EEXIST)
		kt_die(path);
}

/* The program itself joins the new cgroup @cg: the scenario's process. */
static void kt_enter(const char *cg)
{
	char path[128];

	kt_setup();
	kt_mkcg(cg);
	snprintf(path, sizeof(path), KT_CG "%s/cgroup.procs", cg);
	if (kt_put(path, "0"))
		kt_die(path);
}

/* Fill @len bytes with something that is not zero (zeroes go to the
 * zeromap, not the device). */
static void kt_fill(char *p, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < len; i += 8)
		*(unsigned long *)(p + i) = i * 2654435761UL + 1;
}

/* A child that maps @p's pages by reading them, then waits for a byte. */
static pid_t kt_reader(char *p, unsigned long len, int go[2], int done[2])
{
	pid_t child;
	char c;

	if (pipe(go) || pipe(done))
		kt_die("pipe");
	child = fork();
	if (!child) {
		unsigned long i;

		for (i = 0; i < len; i += PG)
			(void)*(volatile char *)(p + i);
		if (write(done[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (read(done[0], &c, 1) != 1)
		kt_die("kt_reader");
	return child;
}

static void kt_finish(pid_t child, int go[2])
{
	if (write(go[1], "x", 1) != 1)
		kt_die("kt_finish");
	waitpid(child, NULL, 0);
}

/*
 * Let the kernel's statistics settle before reading them: per-CPU vmstat
 * deltas are folded every second and memcg's rstat is flushed every 2 s.
 */
static void kt_settle(void)
{
	sleep(3);
}

/* Pages of the worker's region [off, off+len) with pagemap bit @bit. */
static long kt_pagemap(struct kt_proc *p, unsigned long off,
		       unsigned long len, int bit)
{
	char path[64];
	uint64_t e;
	long n = 0;
	unsigned long i;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", p->pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	for (i = 0; i < len; i += PG) {
		if (pread(fd, &e, 8, ((unsigned long)p->base + off + i) / PG * 8) != 8)
			break;
		n += (e >> bit) & 1;
	}
	close(fd);
	return n;
}

/* This process's own pagemap entry of the page at @p, ~0 on error. */
static uint64_t kt_entry(const void *p)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0 || pread(fd, &e, 8, (unsigned long)p / PG * 8) != 8)
		e = ~0ULL;
	if (fd >= 0)
		close(fd);
	return e;
}

static void kt_print(const char *label, const char *key, long long v)
{
	printf("%s %s %lld\n", label, key, v);
}

static long long kt_proc_key(struct kt_proc *p, const char *file,
			     const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", p->pid, file);
	return kt_key(path, key);
}

static long long kt_vmstat(const char *key)
{
	return kt_key("/proc/vmstat", key);
}

#endif
