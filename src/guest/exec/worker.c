// SPDX-License-Identifier: GPL-2.0
/*
 * A process of the scenario, on a real kernel: a worker that reads one
 * command at a time from its channel (WORKER_FD), does it with real
 * system calls and memory accesses, and answers.  Foreground commands are
 * answered when done; background ones (touch, access and replay with
 * `&`) at once, and then run in slices between commands, as the model's
 * background jobs interleave with everything else; `mlock REGION &` is
 * one mlock(2) made after the answer, as the selftest's child makes it.
 *
 * Pages written by `touch` get the model's fill bytes (sim/content.c) for
 * the model's page keys (act.c); `access` and `replay` store the number
 * of the operation, as the model does.  A fault the kernel answers with
 * SIGBUS or SIGSEGV ends the action with EFAULT, as the model's does: the
 * handler jumps back through the one piece of static state here, the
 * jump buffer, which a signal handler cannot be given otherwise.
 *
 * The worker keeps its own memory small: no heap, small buffers on the
 * stack, the Zipf table and replay traces mapped from the executor's
 * memfds (pages the executor wrote and is charged for).
 */
#define _GNU_SOURCE
#include "guest/exec/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lib/rng.h"
#include "lib/zipf.h"
#include "sim/content.h"

#define PAGE		4096ULL
#define MAX_JOBS	8
#define SLICE_NS	(2 * 1000 * 1000ULL)	/* between looks at the channel */
#define THREAD_STACK	(16 * 1024)

struct wjob {
	bool active;
	uint32_t op;
	uint64_t addr, len;
	uint64_t key;		/* touch */
	uint32_t fill;
	uint64_t origin, step;	/* touch: the region's first key; stride */
	uint8_t byte;		/* touch: stride */
	bool write;		/* touch: store; access: -- */
	double frac;		/* touch: ratio; access: write fraction */
	uint64_t done, total;
	uint64_t rate;		/* access: operations a second, 0 unpaced */
	uint32_t pattern;
	uint64_t start;		/* CLOCK_MONOTONIC ns */
	struct rng rng;
	const void *map;	/* the Zipf table or the trace */
	size_t map_len;
};

struct worker {
	const char *root;
	bool waiting;		/* a WAIT to answer once the jobs are done */
	struct wjob jobs[MAX_JOBS];
};

static sigjmp_buf *fault_jmp;

static void on_fault(int sig)
{
	if (fault_jmp)
		siglongjmp(*fault_jmp, 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void answer_id(int err, uint64_t val, int id)
{
	struct greply r = { .err = err, .id = id, .val = val };

	if (chan_send(WORKER_FD, &r, sizeof(r), -1))
		syscall(SYS_exit_group, 0);	/* the executor is gone */
}

static void answer(int err, uint64_t val)
{
	answer_id(err, val, -1);
}

static void pause_forever(void)
{
	for (;;)
		syscall(SYS_pause);
}

static int thread_fn(void *arg)
{
	pause_forever();
	return 0;
}

/* @nr threads in all: nr - 1 more, each asleep for good. */
static int make_threads(uint64_t nr)
{
	uint64_t i;

	for (i = 1; i < nr; i++) {
		char *stack = mmap(NULL, THREAD_STACK, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
				   -1, 0);

		if (stack == MAP_FAILED)
			return -errno;
		if (clone(thread_fn, stack + THREAD_STACK,
			  CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_THREAD | CLONE_SYSVSEM, NULL) < 0)
			return -errno;
	}
	return 0;
}

/* ---- one page ---- */

/* The model's store of an access: the operation's number, in the page. */
static void store_op(uint64_t addr, uint64_t index, uint64_t op)
{
	memcpy((char *)addr + (index % 512) * 8, &op, 8);
}

static void load(uint64_t addr)
{
	(void)*(volatile unsigned char *)addr;
}

static uint64_t clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- jobs: touch, access, replay ---- */

/* a touch's fill= goes over the wire as its scn_fill, read as a fill_kind */
_Static_assert((int)SCN_FILL_ZERO == FILL_ZERO &&
	       (int)SCN_FILL_SPARSE == FILL_SPARSE &&
	       (int)SCN_FILL_TEXT == FILL_TEXT &&
	       (int)SCN_FILL_RANDOM == FILL_RANDOM &&
	       (int)SCN_FILL_RATIO == FILL_RATIO &&
	       (int)SCN_FILL_HALF_ASCENDING == FILL_HALF_ASCENDING &&
	       (int)SCN_FILL_STRIDE == FILL_STRIDE,
	       "scn_fill and fill_kind name the same patterns alike");

static void job_touch(struct wjob *j)
{
	uint64_t addr = j->addr + j->done * PAGE;
	struct fill f = { .kind = (enum fill_kind)j->fill, .ratio = j->frac,
			  .origin = j->origin, .step = j->step, .byte = j->byte };

	if (j->write)
		fill_page(&f, (u8 *)addr, j->key + j->done);
	else
		load(addr);
}

static void job_access(struct wjob *j)
{
	uint64_t n = j->len / PAGE, index;

	switch (j->pattern) {
	case SCN_PATTERN_SEQ:
		index = j->done % n;
		break;
	case SCN_PATTERN_ZIPF:
		index = zipf_pick(j->map, n, rng_double(&j->rng));
		break;
	default:
		index = rng_below(&j->rng, n);
		break;
	}
	if (rng_double(&j->rng) < j->frac)
		store_op(j->addr + index * PAGE, index, j->done);
	else
		load(j->addr + index * PAGE);
}

static void job_replay(struct wjob *j)
{
	const struct gtrace_op *op = (const struct gtrace_op *)j->map + j->done;
	uint64_t i;

	for (i = 0; i < op->count; i++) {
		if (op->write)
			store_op(op->addr + i * PAGE, op->page + i, j->done);
		else
			load(op->addr + i * PAGE);
	}
}

/* When the job's next operation is due (CLOCK_MONOTONIC ns). */
static uint64_t job_due(const struct wjob *j)
{
	if (j->op == GCMD_ACCESS && j->rate)
		return j->start + j->done * 1000000000ULL / j->rate;
	if (j->op == GCMD_REPLAY)
		return j->start +
		       ((const struct gtrace_op *)j->map)[j->done].when;
	return 0;
}

static void job_end(struct wjob *j)
{
	if (j->map)
		munmap((void *)j->map, j->map_len);
	j->map = NULL;
	j->active = false;
}

/* Run @j until @until or its next pause; -EFAULT from a bad access. */
static int job_run(struct wjob *j, uint64_t until)
{
	sigjmp_buf jb;

	if (sigsetjmp(jb, 1)) {
		fault_jmp = NULL;
		job_end(j);
		return -EFAULT;
	}
	fault_jmp = &jb;
	while (j->done < j->total && job_due(j) <= clock_ns()) {
		if (j->op == GCMD_TOUCH)
			job_touch(j);
		else if (j->op == GCMD_ACCESS)
			job_access(j);
		else
			job_replay(j);
		j->done++;
		if (!(j->done & 63) && clock_ns() >= until)
			break;
	}
	fault_jmp = NULL;
	if (j->done >= j->total)
		job_end(j);
	return 0;
}

/* A foreground job: to its end, sleeping while it is paced. */
static int job_finish(struct wjob *j)
{
	int err = 0;

	while (j->active && !err) {
		uint64_t due = job_due(j), now = clock_ns();

		if (due > now) {
			struct timespec ts = { (due - now) / 1000000000ULL,
					       (due - now) % 1000000000ULL };

			nanosleep(&ts, NULL);
		}
		err = job_run(j, UINT64_MAX);
	}
	return err;
}

static int map_fd(struct wjob *j, int fd, size_t len)
{
	void *p;

	if (fd < 0)
		return -EINVAL;
	p = len ? mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0) : NULL;
	close(fd);
	if (p == MAP_FAILED)
		return -errno;
	j->map = p;
	j->map_len = len;
	return 0;
}

static int job_setup(struct wjob *j, const struct gcmd *c, int fd)
{
	memset(j, 0, sizeof(*j));
	j->op = c->op;
	j->addr = c->addr;
	j->len = c->len;
	j->start = clock_ns();
	switch (c->op) {
	case GCMD_TOUCH:
		j->total = c->len / PAGE;
		j->key = c->key;
		j->fill = c->a;
		j->frac = c->d;
		j->step = c->b & ((1ULL << 56) - 1);
		j->byte = c->b >> 56;
		j->origin = c->c;
		j->write = c->flags & GCMD_WRITE_MODE;
		break;
	case GCMD_ACCESS:
		j->total = c->len / PAGE ? c->a : 0;
		j->rate = c->b;
		j->pattern = c->c;
		j->frac = c->d;
		rng_seed(&j->rng, c->key);
		if (c->c == SCN_PATTERN_ZIPF &&
		    map_fd(j, fd, c->len / PAGE * sizeof(double)))
			return -ENOMEM;
		break;
	default:
		j->total = c->a;
		if (map_fd(j, fd, c->a * sizeof(struct gtrace_op)))
			return -ENOMEM;
		break;
	}
	j->active = j->total > 0;
	if (!j->active)
		job_end(j);
	return 0;
}

static struct wjob *free_job(struct worker *w)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (!w->jobs[i].active)
			return &w->jobs[i];
	return NULL;
}

static bool jobs_active(const struct worker *w)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (w->jobs[i].active)
			return true;
	return false;
}

static void start_job(struct worker *w, const struct gcmd *c, int fd)
{
	struct wjob fg, *j = c->flags & GCMD_BACKGROUND ? free_job(w) : &fg;
	int err;

	if (!j) {
		if (fd >= 0)
			close(fd);
		answer(-EAGAIN, 0);
		return;
	}
	err = job_setup(j, c, fd);
	if (err || (c->flags & GCMD_BACKGROUND)) {
		answer(err, 0);
		return;
	}
	answer(job_finish(j), 0);
}

/* ---- mappings, files, dentries ---- */

static int do_mmap(const struct gcmd *c, uint64_t *addr, int *shmid)
{
	int fd = -1, flags = c->flags & GCMD_SHARED ? MAP_SHARED : MAP_PRIVATE;
	struct stat st;
	void *p;

	if (c->a == SCN_MMAP_SYSV)
		return worker_sysv_map(c->len, addr, shmid);
	if (c->a == SCN_MMAP_MEMFD) {
		fd = memfd_create("memcglab", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, c->len))
			goto fail;
	} else if (c->a != SCN_MMAP_ANON) {
		fd = open(c->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0 || fstat(fd, &st))
			goto fail;
		if ((uint64_t)st.st_size < c->len && ftruncate(fd, c->len))
			goto fail;
	}
	/* anon: MAP_PRIVATE, or with `shared` MAP_SHARED (shmem) */
	p = mmap(NULL, c->len, PROT_READ | PROT_WRITE,
		 fd < 0 ? flags | MAP_ANONYMOUS : flags, fd, 0);
	if (p == MAP_FAILED)
		goto fail;
	if (fd >= 0)
		close(fd);
	*addr = (uint64_t)p;
	return 0;
fail:
	if (fd >= 0) {
		int err = errno;

		close(fd);
		errno = err;
	}
	return -errno;
}

_Static_assert(SCN_IO_CHUNK == PAGE, "write and read go page by page");

/* write(2) of the model's text, page by page, keyed as the model keys. */
static int do_write(const struct gcmd *c)
{
	uint64_t pos = c->b, end = c->b + c->a;
	unsigned char page[PAGE];
	struct fill text = { .kind = FILL_TEXT };
	int fd = open(c->path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644), err = 0;
	struct stat st;

	if (fd < 0 || fstat(fd, &st))
		err = -errno;
	while (!err && pos < end) {
		uint64_t index = pos / PAGE, chunk = PAGE - pos % PAGE;

		if (chunk > end - pos)
			chunk = end - pos;
		fill_page(&text, page, ((uint64_t)st.st_ino << 32) ^ index);
		if (pwrite(fd, page + pos % PAGE, chunk, pos) != (ssize_t)chunk)
			err = -errno ?: -EIO;
		pos += chunk;
	}
	if (fd >= 0)
		close(fd);
	return err;
}

static int do_read(const struct gcmd *c)
{
	uint64_t pos = c->flags & GCMD_WHOLE ? 0 : c->a;
	uint64_t end = c->flags & GCMD_WHOLE ? UINT64_MAX : c->a + c->b;
	unsigned char buf[PAGE];
	int fd = open(c->path, O_RDONLY | O_CLOEXEC), err = 0;
	ssize_t n = 1;

	if (fd < 0)
		return -errno;
	while (pos < end && n > 0) {
		n = pread(fd, buf, end - pos < PAGE ? end - pos : PAGE, pos);
		if (n < 0)
			err = -errno;
		pos += n > 0 ? n : 0;
	}
	close(fd);
	return err;
}

static int do_truncate(const struct gcmd *c)
{
	int fd = open(c->path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644), err = 0;

	if (fd < 0 || ftruncate(fd, c->a))
		err = -errno;
	if (fd >= 0)
		close(fd);
	return err;
}

/* The selftests' alloc_dcache (stat of missing names), or new files. */
static int do_dentries(const struct gcmd *c)
{
	char name[sizeof(c->path) + 160];
	struct stat st;
	uint64_t i;
	int fd;

	for (i = 0; i < c->a; i++) {
		if (!(c->flags & GCMD_POSITIVE)) {
			snprintf(name, sizeof(name), "%ssomething-non-existent-"
				 "with-a-long-name-%64llu-%d", c->path,
				 (unsigned long long)i, getpid());
			stat(name, &st);
			continue;
		}
		snprintf(name, sizeof(name), "%sfile-%d-%llu", c->path,
			 getpid(), (unsigned long long)i);
		fd = open(name, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		close(fd);
	}
	return 0;
}

static int do_madvise(const struct gcmd *c)
{
	static const int advice[] = {
		[SCN_MADV_PAGEOUT] = MADV_PAGEOUT, [SCN_MADV_COLD] = MADV_COLD,
		[SCN_MADV_DONTNEED] = MADV_DONTNEED,
		[SCN_MADV_WILLNEED] = MADV_WILLNEED,
		[SCN_MADV_REMOVE] = MADV_REMOVE,
	};

	if (c->a >= sizeof(advice) / sizeof(advice[0]))
		return -EINVAL;
	return madvise((void *)c->addr, c->len, advice[c->a]) ? -errno : 0;
}

/* ---- fork ---- */

static void do_fork(struct worker *w, int fd)
{
	pid_t pid;
	int i;

	if (fd < 0) {
		answer(-EINVAL, 0);
		return;
	}
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0) {
		close(fd);
		answer(-errno, 0);
		return;
	}
	if (pid) {
		close(fd);
		answer(0, pid);
		return;
	}
	/* the child: its own channel, no jobs of its parent's */
	dup2(fd, WORKER_FD);
	syscall(SYS_close_range, WORKER_FD + 1, ~0U, 0);
	for (i = 0; i < MAX_JOBS; i++)
		w->jobs[i].active = false;
	w->waiting = false;
	answer(0, getpid());
}

/* ---- the loop ---- */

static void mlock_cmd(const struct gcmd *c)
{
	if (c->flags & GCMD_BACKGROUND) {
		answer(0, 0);
		mlock((void *)c->addr, c->len);
		return;
	}
	answer(mlock((void *)c->addr, c->len) ? -errno : 0, 0);
}

static int simple_cmd(struct worker *w, const struct gcmd *c)
{
	switch (c->op) {
	case GCMD_THREADS:
		return make_threads(c->a);
	case GCMD_MUNMAP:
		return munmap((void *)c->addr, c->len) ? -errno : 0;
	case GCMD_MUNLOCK:
		return munlock((void *)c->addr, c->len) ? -errno : 0;
	case GCMD_MADVISE:
		return do_madvise(c);
	case GCMD_WRITE:
		return do_write(c);
	case GCMD_READ:
		return do_read(c);
	case GCMD_TRUNCATE:
		return do_truncate(c);
	case GCMD_DENTRIES:
		return do_dentries(c);
	}
	return worker_mm_cmd(c);
}

static void command(struct worker *w, const struct gcmd *c, int fd)
{
	uint64_t addr = 0;
	int err, shmid = -1;

	switch (c->op) {
	case GCMD_EXIT:
		answer(0, 0);
		syscall(SYS_exit_group, 0);
		break;
	case GCMD_MMAP:
		err = do_mmap(c, &addr, &shmid);
		answer_id(err, addr, shmid);
		break;
	case GCMD_MLOCK:
		mlock_cmd(c);
		break;
	case GCMD_TOUCH:
	case GCMD_ACCESS:
	case GCMD_REPLAY:
		start_job(w, c, fd);
		fd = -1;
		break;
	case GCMD_FORK:
		do_fork(w, fd);
		fd = -1;
		break;
	case GCMD_WAIT:
		w->waiting = true;
		break;
	default:
		answer(simple_cmd(w, c), 0);
		break;
	}
	if (fd >= 0)
		close(fd);
}

/* The background jobs' slice; the ms until one is due (-1: none). */
static int run_jobs(struct worker *w)
{
	uint64_t until = clock_ns() + SLICE_NS, next = UINT64_MAX, now;
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (w->jobs[i].active)
			job_run(&w->jobs[i], until);
	now = clock_ns();
	for (i = 0; i < MAX_JOBS; i++) {
		uint64_t due;

		if (!w->jobs[i].active)
			continue;
		due = job_due(&w->jobs[i]);
		next = due < next ? due : next;
	}
	if (next == UINT64_MAX)
		return -1;
	return next <= now ? 0 : (int)((next - now) / 1000000ULL) + 1;
}

static void setup(int oom_score_adj, int cpu, int *err)
{
	char buf[16];
	int fd = open("/proc/self/oom_score_adj", O_RDWR | O_CLOEXEC), n;
	cpu_set_t set;

	signal(SIGCHLD, SIG_IGN);	/* its forked children reap themselves */
	signal(SIGBUS, on_fault);
	signal(SIGSEGV, on_fault);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0 && atoi(buf) != oom_score_adj) {
		n = snprintf(buf, sizeof(buf), "%d", oom_score_adj);
		if (pwrite(fd, buf, n, 0) != n)
			*err = -errno;
	}
	if (fd >= 0)
		close(fd);
	if (cpu >= 0 && !*err) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			*err = -errno;
	}
}

void worker_main(const char *root, int oom_score_adj, int cpu)
{
	struct worker w = { .root = root };
	struct pollfd pfd = { .fd = WORKER_FD, .events = POLLIN };
	struct gcmd c;
	int err = 0, timeout = -1, fd;
	ssize_t n;

	setup(oom_score_adj, cpu, &err);
	answer(err, getpid());
	if (err)
		syscall(SYS_exit_group, 1);
	for (;;) {
		if (poll(&pfd, 1, timeout) == 1) {
			n = chan_recv(WORKER_FD, &c, sizeof(c), &fd);
			if (n == 0 || (n < 0 && errno != EAGAIN))
				syscall(SYS_exit_group, 0);
			if (n == sizeof(c))
				command(&w, &c, fd);
			else if (fd >= 0)
				close(fd);
		}
		timeout = run_jobs(&w);
		if (w.waiting && !jobs_active(&w)) {
			w.waiting = false;
			answer(0, 0);
		}
	}
}
