// SPDX-License-Identifier: GPL-2.0
/*
 * The boundary between the scenario runtime and a backend (backend.h): a
 * fake backend records every operation a small scenario makes, and the
 * test checks the calls, their order and the TAP output.  What it proves:
 * the runtime and the dispatcher need nothing but the operations table, so
 * a guest executor on a real kernel can supply its own.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "lib/list.h"
#include "lib/strbuf.h"
#include "scenario/parser.h"
#include "scenario/policy.h"
#include "scenario/run.h"

struct fake_proc {
	const char *name;
	enum scn_proc_state state;
	int pid;
	struct fake_proc *next;		/* every process of the fake */
};

struct fake {
	struct scn_backend be;
	struct strbuf log;	/* one line per call */
	struct fake_proc *procs;
	u64 now;
	int next_pid;
	bool refuse_policies;	/* as a kernel backend would */
};

static struct fake *fake_of(struct scn_rt *rt)
{
	return container_of(rt->be, struct fake, be);
}

__attribute__((format(printf, 2, 3)))
static void note(struct scn_rt *rt, const char *fmt, ...)
{
	struct fake *f = fake_of(rt);
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sb_printf(&f->log, "%s\n", buf);
}

/* ---- files: a file is its path; memory.current reads 1234 ---- */

static int f_open(struct scn_rt *rt, const char *path, unsigned int flags,
		  void **file)
{
	if (strstr(path, "missing"))
		return -ENOENT;
	*file = strdup(path);
	return 0;
}

static void f_close(struct scn_rt *rt, void *file)
{
	free(file);
}

static int f_read(struct scn_rt *rt, void *file, struct strbuf *sb)
{
	note(rt, "read %s", (char *)file);
	sb_puts(sb, strstr(file, "memory.current") ? "1234\n" : "max\n");
	return 0;
}

static long f_write(struct scn_rt *rt, void *file, const char *buf,
		    size_t len)
{
	note(rt, "write %s %.*s", (char *)file, (int)len - 1, buf);
	return len;
}

static int f_mkdir(struct scn_rt *rt, const char *cgroup)
{
	note(rt, "mkdir %s", cgroup);
	return strcmp(cgroup, "B") ? 0 : -EEXIST;
}

static int f_rmdir(struct scn_rt *rt, const char *cgroup)
{
	note(rt, "rmdir %s", cgroup);
	return 0;
}

static int f_policy(struct scn_rt *rt, const struct scn_policy *pol,
		    unsigned int value)
{
	note(rt, "policy %s %s", pol->name, pol->values[value]);
	return value && fake_of(rt)->refuse_policies ? -EOPNOTSUPP : 0;
}

/* ---- processes ---- */

static struct fake_proc *fp(struct scn_proc *p)
{
	return p->task;
}

static struct fake_proc *new_proc(struct scn_rt *rt, const char *name)
{
	struct fake *f = fake_of(rt);
	struct fake_proc *p = calloc(1, sizeof(*p));

	if (!p)
		abort();
	p->name = name;
	p->state = SCN_PROC_ALIVE;
	p->pid = ++f->next_pid;
	p->next = f->procs;
	f->procs = p;
	return p;
}

static int f_spawn(struct scn_rt *rt, const struct scn_stmt *s, void **task)
{
	note(rt, "spawn %s in %s", s->spawn.name, s->spawn.cgroup);
	*task = new_proc(rt, s->spawn.name);
	return 0;
}

static int f_threads(struct scn_rt *rt, struct scn_proc *p, unsigned int nr)
{
	note(rt, "threads %s %u", p->name, nr);
	return 0;
}

static int f_fork(struct scn_rt *rt, struct scn_proc *parent,
		  const char *child, void **task)
{
	note(rt, "fork %s %s", parent->name, child);
	*task = new_proc(rt, child);
	return 0;
}

static void f_kill(struct scn_rt *rt, struct scn_proc *p)
{
	note(rt, "kill %s", p->name);
	fp(p)->state = SCN_PROC_KILLED;
}

static int f_pid(struct scn_rt *rt, struct scn_proc *p)
{
	return fp(p)->pid;
}

static enum scn_proc_state f_state(struct scn_rt *rt, struct scn_proc *p)
{
	return fp(p)->state;
}

static int f_pagemap(struct scn_rt *rt, struct scn_proc *p,
		     const char *region, enum scn_pagemap_flag flag,
		     u64 *pages)
{
	note(rt, "pagemap %s %s %s", p->name, region,
	     scn_pagemap_flag_name(flag));
	*pages = 256;
	return 0;
}

static int f_enter(struct scn_rt *rt, struct scn_proc *p)
{
	note(rt, "enter %s", p->name);
	return fp(p)->state == SCN_PROC_ALIVE ? 0 : -ESRCH;
}

static void f_leave(struct scn_rt *rt, struct scn_proc *p)
{
	note(rt, "leave %s", p->name);
}

/* Every action logs its name; exit ends the process. */
static int f_action(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_action *a)
{
	note(rt, "%s%s", scn_action_name(a->kind), a->background ? " &" : "");
	if (a->kind == SCN_ACT_EXIT)
		fp(p)->state = SCN_PROC_EXITED;
	return a->kind == SCN_ACT_MADVISE ? -EINVAL : 0;
}

/* ---- time ---- */

static u64 f_now(struct scn_rt *rt)
{
	return fake_of(rt)->now;
}

static void f_sleep(struct scn_rt *rt, u64 ns)
{
	note(rt, "sleep %llu", (unsigned long long)ns);
	fake_of(rt)->now += ns;
}

static void f_step(struct scn_rt *rt, u64 deadline)
{
	struct fake *f = fake_of(rt);

	f->now = min(f->now + NSEC_PER_MSEC, deadline);
}

static void f_wait(struct scn_rt *rt, struct scn_proc *p)
{
	note(rt, "wait %s", p ? p->name : "(all)");
}

static int f_timer_start(struct scn_rt *rt, u64 interval, scn_timer_fn *fn,
			 void *arg, void **timer)
{
	note(rt, "timer %llu", (unsigned long long)interval);
	fn(arg);
	*timer = arg;
	return 0;
}

static void f_timer_stop(struct scn_rt *rt, void *timer)
{
	note(rt, "timer stop");
}

static int f_check(struct scn_rt *rt, struct strbuf *why)
{
	return 0;
}

static const struct scn_backend_ops fake_ops = {
	.name = "fake",
	.open = f_open, .close = f_close, .read = f_read, .write = f_write,
	.mkdir = f_mkdir, .rmdir = f_rmdir, .policy = f_policy,
	.spawn = f_spawn, .threads = f_threads, .fork = f_fork,
	.kill = f_kill, .pid = f_pid, .state = f_state,
	.pagemap = f_pagemap, .enter = f_enter, .leave = f_leave,
	.act = {
		.exit = f_action, .mmap = f_action, .touch = f_action,
		.write = f_action, .read = f_action, .truncate = f_action,
		.mlock = f_action, .munlock = f_action, .madvise = f_action,
		.munmap = f_action, .pin = f_action, .unpin = f_action,
		.close = f_action, .setrlimit = f_action,
		.dentries = f_action, .access = f_action, .replay = f_action,
	},
	.now = f_now, .sleep = f_sleep, .step = f_step, .wait = f_wait,
	.timer_start = f_timer_start, .timer_stop = f_timer_stop,
	.check = f_check,
};

/* Run @text on a fresh fake; its log, its TAP output and exit status. */
static int run_fake(const char *text, bool refuse, struct strbuf *log,
		    struct strbuf *out)
{
	struct fake f = { .be.ops = &fake_ops, .refuse_policies = refuse };
	struct scn_run_options opts = { 0 };
	struct strbuf err = STRBUF_INIT;
	struct scn_script *sc;
	char *buf = NULL;
	size_t len = 0;
	int ret;

	if (scn_parse_string("t.scn", text, strlen(text), &sc, &err)) {
		printf("# %s", err.buf);
		sb_release(&err);
		return -1;
	}
	opts.out = open_memstream(&buf, &len);
	ret = scn_run(sc, &f.be, &opts);
	fclose(opts.out);
	sb_add(out, buf, len);
	free(buf);
	sb_add(log, f.log.buf ?: "", f.log.len);
	sb_release(&f.log);
	while (f.procs) {
		struct fake_proc *next = f.procs->next;

		free(f.procs);
		f.procs = next;
	}
	scn_script_free(sc);
	return ret;
}

static const char script[] =
	"policy zswap.lru=global\n"			/* 1 */
	"mkdir A\n"					/* 2 */
	"write A/memory.max 30M\n"			/* 3 */
	"spawn p in A threads=4\n"			/* 4 */
	"p: mmap buf anon 1M\n"				/* 5 */
	"p: touch buf &\n"				/* 6 */
	"p: madvise buf pageout\n"			/* 7 */
	"sleep 10ms\n"					/* 8 */
	"wait p\n"					/* 9 */
	"expect A/memory.current == 1234\n"		/* 10 */
	"expect A/memory.max == max\n"			/* 11 */
	"expect pagemap p buf present == 256\n"		/* 12 */
	"fork p as q\n"					/* 13 */
	"move q to /\n"					/* 14 */
	"kill p\n"					/* 15 */
	"expect p killed\n"				/* 16 */
	"p: exit => ESRCH\n"				/* 17 */
	"mkdir B => EEXIST\n"				/* 18 */
	"q: exit\n"					/* 19 */
	"expect q exited\n";				/* 20 */

static const char want_log[] =
	"policy zswap.lru global\n"
	"mkdir A\n"
	"write A/memory.max 30M\n"
	"spawn p in A\n"
	"threads p 4\n"
	"enter p\n" "mmap\n" "leave p\n"
	"enter p\n" "touch &\n" "leave p\n"
	"enter p\n" "madvise\n" "leave p\n"
	"sleep 10000000\n"
	"wait p\n"
	"read A/memory.current\n"
	"read A/memory.max\n"
	"pagemap p buf present\n"
	"fork p q\n"
	"write cgroup.procs 2\n"
	"kill p\n"
	"enter p\n"
	"mkdir B\n"
	"enter q\n" "exit\n" "leave q\n"
	"wait (all)\n";

static const char want_out[] =
	"not ok 1 - line 7: p: madvise buf pageout # failed with EINVAL\n"
	"ok 2 - line 10: expect A/memory.current == 1234\n"
	"ok 3 - line 11: expect A/memory.max == max\n"
	"ok 4 - line 12: expect pagemap p buf present == 256\n"
	"ok 5 - line 16: expect p killed\n"
	"ok 6 - line 17: p: exit => ESRCH\n"
	"ok 7 - line 18: mkdir B => EEXIST\n"
	"ok 8 - line 20: expect q exited\n"
	"1..8\n"
	"7 passed, 1 failed\n";

static void test_calls(void)
{
	struct strbuf log = STRBUF_INIT, out = STRBUF_INIT;
	int ret = run_fake(script, false, &log, &out);

	is_long(ret, 1, "a run with one failed operation exits 1");
	is_str(log.buf, want_log, "the backend sees each statement's operations, in order");
	is_str(out.buf, want_out, "TAP output from the runtime");
	sb_release(&log);
	sb_release(&out);
}

/* record: a timer from the backend, samples read as targets. */
static void test_record(void)
{
	struct strbuf log = STRBUF_INIT, out = STRBUF_INIT;
	char path[] = "/tmp/test_backend_XXXXXX";
	char text[256], csv[128] = "";
	int fd = mkstemp(path);
	FILE *f;

	snprintf(text, sizeof(text),
		 "mkdir A\nrecord every 1s A/memory.current to %s\n", path);
	is_long(run_fake(text, false, &log, &out), 0, "record runs");
	ok(strstr(log.buf ?: "", "timer 1000000000\n") &&
	   strstr(log.buf, "timer stop\n"), "record starts and stops a timer");
	f = fopen(path, "r");
	if (f) {
		size_t n = fread(csv, 1, sizeof(csv) - 1, f);

		csv[n] = '\0';
		fclose(f);
	}
	/* RFC 4180 records end in CRLF */
	is_str(csv, "time_ns,A/memory.current\r\n0,1234\r\n",
	       "the timer's sample is a row of the CSV");
	if (fd >= 0)
		close(fd);
	unlink(path);
	sb_release(&log);
	sb_release(&out);
}

/* A backend that cannot run a design switch makes the run stop. */
static void test_policy_refused(void)
{
	struct strbuf log = STRBUF_INIT, out = STRBUF_INIT;
	int ret;

	ret = run_fake("policy zswap.lru=memcg\nmkdir A\n", true, &log, &out);
	is_long(ret, 0, "the default value is accepted by a kernel-like backend");
	sb_reset(&log);
	sb_reset(&out);
	ret = run_fake("policy zswap.lru=global\nmkdir A\n", true, &log, &out);
	is_long(ret, 2, "a model-only value stops the run (exit 2)");
	ok(!strstr(log.buf ?: "", "mkdir"), "and nothing after it runs");
	ok(strstr(out.buf ?: "", "# stopped by an error at t.scn:1\n") != NULL,
	   "at the policy's line");
	sb_release(&log);
	sb_release(&out);
}

/*
 * A backend that cannot stop a migration half-way (no move_step, like a
 * real kernel) refuses `move ... window` at its line; the whole `move`
 * still writes cgroup.procs.
 */
static void test_move_window_refused(void)
{
	struct strbuf log = STRBUF_INIT, out = STRBUF_INIT;
	int ret;

	ret = run_fake("mkdir A B\nspawn p in A\nmove p to B\n"
		       "move p to A window\nmkdir C\nmove p attach\n",
		       false, &log, &out);
	is_long(ret, 2, "a migration window stops the run (exit 2)");
	ok(strstr(log.buf ?: "", "write B/cgroup.procs 1\n") != NULL,
	   "the whole move before it ran");
	ok(!strstr(log.buf ?: "", "mkdir C"), "nothing after it runs");
	ok(strstr(out.buf ?: "", "# stopped by an error at t.scn:4\n") != NULL,
	   "at the window's line");
	sb_release(&log);
	sb_release(&out);
}

int main(void)
{
	test_calls();
	test_record();
	test_policy_refused();
	test_move_window_refused();
	return done_testing();
}
