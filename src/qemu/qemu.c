// SPDX-License-Identifier: GPL-2.0
/*
 * Boot the guest under qemu-system-x86_64 and follow it (qemu.h).  The
 * kernel's console (ttyS0) goes to a file that the host reads afterwards
 * for panics and OOM reports; the protocol port (ttyS1) is qemu's stdout,
 * read line by line while the guest runs, '\r' stripped.  Three bounded
 * phases: boot (until READY), the payload (its timeout plus a margin),
 * power-off.  Past a phase's deadline qemu is killed and the run is
 * classified from what arrived.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest/protocol.h"
#include "qemu/host.h"
#include "qemu/initramfs.h"
#include "qemu/prepare.h"
#include "qemu/proto.h"
#include "qemu/spawn.h"

#define RUN_MARGIN_MS		30000	/* after the payload's own timeout */
#define POWEROFF_MS		30000
#define OUTPUT_MAX		(64u << 20)
#define CONSOLE_TAIL_LINES	40
#define MIB			(1ULL << 20)

void guest_job_init(struct guest_job *job)
{
	memset(job, 0, sizeof(*job));
	job->m.memory = 1ULL << 30;
	job->m.cpus = 2;
	job->m.nodes = 1;
	job->m.disk = 16ULL << 30;
	guest_config_init(&job->cfg);
}

void guest_result_release(struct guest_result *res)
{
	sb_release(&res->output);
	sb_release(&res->console);
}

struct qargs {
	int n;
	char *v[96];
	struct strbuf store[96];
};

__attribute__((format(printf, 2, 3)))
static void arg(struct qargs *a, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	if (a->n >= (int)(sizeof(a->v) / sizeof(a->v[0])) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sb_init(&a->store[a->n]);
	sb_puts(&a->store[a->n], buf);
	a->v[a->n] = a->store[a->n].buf;
	a->v[++a->n] = NULL;
}

static void qargs_release(struct qargs *a)
{
	int i;

	for (i = 0; i < a->n; i++)
		sb_release(&a->store[i]);
}

/* Nodes as the model lays them out: ceil(cpus/nodes) CPUs a node. */
static void numa_args(struct qargs *a, const struct guest_machine *m)
{
	int per = (m->cpus + m->nodes - 1) / m->nodes, nid, first, last;
	uint64_t size = m->memory / m->nodes / MIB * MIB, start = 0;

	for (nid = 0; nid < m->nodes; nid++) {
		uint64_t sz = nid == m->nodes - 1 ? m->memory - start : size;

		start += sz;
		arg(a, "-object");
		arg(a, "memory-backend-ram,id=ram%d,size=%llu", nid,
		    (unsigned long long)sz);
		first = nid * per;
		last = nid == m->nodes - 1 ? m->cpus - 1 :
		       (nid + 1) * per - 1;
		if (last >= m->cpus)
			last = m->cpus - 1;
		arg(a, "-numa");
		if (first <= last)
			arg(a, "node,nodeid=%d,cpus=%d-%d,memdev=ram%d", nid,
			    first, last, nid);
		else
			arg(a, "node,nodeid=%d,memdev=ram%d", nid, nid);
	}
}

static void disk_args(struct qargs *a, const char *file, const char *id,
		      const char *serial)
{
	arg(a, "-drive");	/* scratch images: no flushes needed */
	arg(a, "file=%s,if=none,id=%s,format=raw,cache=unsafe", file, id);
	arg(a, "-device");
	arg(a, "virtio-blk-pci,drive=%s,serial=%s", id, serial);
}

static void build_args(struct qargs *a, const struct guest_job *job,
		       const struct guest_paths *p, int kvm)
{
	const struct guest_machine *m = &job->m;

	arg(a, QEMU_BINARY);
	arg(a, "-nodefaults");
	arg(a, "-no-user-config");
	arg(a, "-machine");
	arg(a, "pc");
	arg(a, "-accel");
	arg(a, kvm ? "kvm" : "tcg");
	arg(a, "-cpu");
	arg(a, kvm ? "host" : "max");
	arg(a, "-smp");
	arg(a, "%d", m->cpus);
	arg(a, "-m");
	arg(a, "%lluM", (unsigned long long)(m->memory / MIB));
	if (m->nodes > 1)
		numa_args(a, m);
	arg(a, "-kernel");
	arg(a, "%s", p->kernel);
	arg(a, "-initrd");
	arg(a, "%s", p->initramfs);
	arg(a, "-append");
	/*
	 * no_timer_check: under TCG on a loaded host the boot-time test of
	 * the IO-APIC timer (check_timer()) can miss its ticks and panic
	 * with "IO-APIC + timer doesn't work!"; the test proves nothing
	 * about qemu's emulated timer, which works.
	 */
	arg(a, "console=ttyS0 quiet panic=-1 no_timer_check");
	arg(a, "-display");
	arg(a, "none");
	arg(a, "-no-reboot");
	arg(a, "-chardev");
	arg(a, "file,id=con,path=%s", p->console);
	arg(a, "-serial");
	arg(a, "chardev:con");
	arg(a, "-chardev");
	arg(a, "stdio,id=proto,signal=off");
	arg(a, "-serial");
	arg(a, "chardev:proto");
	if (p->swap[0])
		disk_args(a, p->swap, "swap", GUEST_SWAP_SERIAL);
	if (p->data[0])
		disk_args(a, p->data, "data", GUEST_DATA_SERIAL);
}

struct runner {
	const struct guest_job *job;
	struct guest_result *res;
	struct guest_proto proto;
	struct strbuf out, err;		/* qemu's stdout and stderr */
	size_t parsed;			/* of out */
	enum host_stop stop;
	int kvm, kvm_failed;
	long long start, ready_at, exit_at;
};

static void note(const struct guest_job *job, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(const struct guest_job *job, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!job->on_note)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	job->on_note(job->ctx, buf);
}

static void payload_line(struct runner *r, int stream, const char *text)
{
	struct strbuf *o = &r->res->output;

	if (o->len < OUTPUT_MAX)
		sb_printf(o, "%c %s\n", stream, text);
	if (r->job->on_line)
		r->job->on_line(r->job->ctx, stream, text);
}

static void one_line(struct runner *r, char *line)
{
	const char *text;
	int had_ready = r->proto.ready, kind;

	line[strcspn(line, "\r")] = '\0';
	kind = guest_proto_feed(&r->proto, line, &text);
	if (kind == 'o' || kind == 'e')
		payload_line(r, kind, text);
	if (!had_ready && r->proto.ready) {
		r->ready_at = host_ms();
		note(r->job, "guest ready after %lld ms: %s",
		     r->ready_at - r->start, r->proto.ready_info);
		if (r->job->on_ready)
			r->job->on_ready(r->job->ctx, r->proto.ready_info,
					 r->kvm);
	}
	if (!r->exit_at && r->proto.exit != PROTO_EXIT_NONE)
		r->exit_at = host_ms();
}

/* Feed every complete line of r->out; at the end, the partial one too. */
static void consume(struct runner *r, int at_end)
{
	char *start, *nl;

	while (r->parsed < r->out.len) {
		start = r->out.buf + r->parsed;
		nl = memchr(start, '\n', r->out.len - r->parsed);
		if (!nl && !at_end)
			break;
		if (nl)
			*nl = '\0';
		else
			sb_add(&r->out, "", 0);
		r->parsed += strlen(start) + 1;
		one_line(r, start);
	}
}

static long long deadline(struct runner *r, enum host_stop *phase)
{
	const struct guest_job *job = r->job;
	int boot_s = job->m.boot_timeout_s ? job->m.boot_timeout_s : 120;

	if (!r->proto.ready) {
		*phase = HOST_STOP_BOOT;
		return r->start + boot_s * 1000LL;
	}
	if (r->proto.exit == PROTO_EXIT_NONE) {
		*phase = HOST_STOP_RUN;
		return r->ready_at + job->cfg.timeout_s * 1000LL +
		       RUN_MARGIN_MS;
	}
	*phase = HOST_STOP_POWEROFF;
	return r->exit_at + POWEROFF_MS;
}

static int kvm_error(struct runner *r)
{
	sb_add(&r->err, "", 0);
	return strstr(r->err.buf, "KVM internal error") ||
	       strstr(r->err.buf, "failed to initialize kvm") ||
	       strstr(r->err.buf, "kvm run failed");
}

/* Run qemu once; the caller classifies.  -1 if qemu did not start. */
static int follow(struct runner *r, char *const argv[], int kvm)
{
	enum host_stop phase;
	struct child c;
	long long left;
	int open = 1;

	r->start = host_ms();
	r->kvm = kvm;
	if (child_start(&c, argv, r->res->message, sizeof(r->res->message)))
		return -1;
	while (open) {
		left = deadline(r, &phase) - host_ms();
		if (left <= 0) {
			r->stop = phase;
			break;
		}
		open = child_pump(&c, left < 500 ? left : 500, &r->out,
				  &r->err);
		consume(r, 0);
		if (kvm && !r->proto.hello && kvm_error(r)) {
			r->kvm_failed = 1;
			break;
		}
	}
	child_finish(&c, r->stop || r->kvm_failed ? 0 : 10000);
	consume(r, 1);
	return 0;
}

static void finish_result(struct runner *r, const struct guest_paths *p)
{
	struct guest_result *res = r->res;
	struct strbuf console = STRBUF_INIT;
	char msg[sizeof(res->message)];

	read_host_file(p->console, &console);
	sb_add(&console, "", 0);
	sb_add(&r->err, "", 0);
	res->verdict = guest_classify(&r->proto, console.buf, r->stop,
				      r->err.buf, msg, sizeof(msg));
	snprintf(res->message, sizeof(res->message), "%s", msg);
	if (r->proto.exit == PROTO_EXIT_CODE)
		res->exit_code = r->proto.value;
	if (r->proto.exit == PROTO_EXIT_SIGNAL)
		res->signal = r->proto.value;
	res->oom_kill = r->proto.oom_kill;
	res->payload_ms = r->proto.exit != PROTO_EXIT_NONE ? r->proto.ms : -1;
	res->boot_ms = r->ready_at ? r->ready_at - r->start : -1;
	snprintf(res->ready, sizeof(res->ready), "%s", r->proto.ready_info);
	text_tail(console.buf, CONSOLE_TAIL_LINES, &res->console);
	sb_release(&console);
}

static void runner_reset(struct runner *r)
{
	sb_release(&r->out);
	sb_release(&r->err);
	sb_reset(&r->res->output);
	guest_proto_init(&r->proto);
	r->parsed = 0;
	r->stop = HOST_STOP_NONE;
	r->kvm_failed = 0;
	r->ready_at = r->exit_at = 0;
}

/* One boot with the given accelerator; 1 if KVM failed and TCG should go. */
static int boot_once(struct runner *r, const struct guest_paths *p, int kvm,
		     int may_fall_back)
{
	struct qargs a = { 0 };
	int ret = 0;

	runner_reset(r);
	build_args(&a, r->job, p, kvm);
	note(r->job, "booting %s with %s", p->kernel, kvm ? "KVM" : "TCG");
	if (follow(r, a.v, kvm)) {
		r->res->verdict = GUEST_HOST_ERROR;
	} else if (r->kvm_failed && may_fall_back) {
		sb_add(&r->err, "", 0);
		guest_kvm_failed(strstr(r->err.buf, "KVM internal error") ?
				 "KVM internal error" : "KVM did not start");
		ret = 1;
	} else {
		finish_result(r, p);
	}
	qargs_release(&a);
	return ret;
}

static int check_machine(const struct guest_job *job, char *err, size_t n)
{
	const struct guest_machine *m = &job->m;
	char missing[256];

	guest_missing_deps(job, missing, sizeof(missing));
	if (missing[0]) {
		snprintf(err, n, "missing Debian packages: %s; install them "
			 "with %s, which runs apt-get install "
			 "--no-install-recommends %s", missing, INSTALL_HINT,
			 missing);
		return -1;
	}
	if (m->cpus < 1 || m->cpus > 255 || m->nodes < 1 ||
	    m->nodes > 64 || m->memory % (m->nodes * MIB) ||
	    m->memory < 128 * MIB) {
		snprintf(err, n, "machine memory=%llu cpus=%d nodes=%d: need "
			 "1-255 CPUs, 1-64 nodes and at least 128M, a "
			 "multiple of 1M per node",
			 (unsigned long long)m->memory, m->cpus, m->nodes);
		return -1;
	}
	if (!m->init || !job->payload || job->cfg.nr_args < 1) {
		snprintf(err, n, "no guest init or payload given");
		return -1;
	}
	return 0;
}

static void host_error(struct guest_result *res, const char *err)
{
	res->verdict = GUEST_HOST_ERROR;
	snprintf(res->message, sizeof(res->message), "%s", err);
}

void guest_run(const struct guest_job *job, struct guest_result *res)
{
	struct runner r = { .job = job, .res = res };
	struct guest_paths p;
	long long start = host_ms();
	char err[1024], why[256];
	int accel;

	memset(res, 0, sizeof(*res));
	res->boot_ms = res->payload_ms = -1;
	if (check_machine(job, err, sizeof(err)) ||
	    guest_prepare(job, &p, err, sizeof(err))) {
		host_error(res, err);
		res->total_ms = host_ms() - start;
		return;
	}
	snprintf(res->kernel, sizeof(res->kernel), "%s", p.kernel);
	accel = guest_choose_accel(job->m.accel, why, sizeof(why));
	if (accel != ACCEL_TCG &&
	    boot_once(&r, &p, 1, accel == ACCEL_KVM_OR_TCG)) {
		accel = ACCEL_TCG;
		snprintf(why, sizeof(why), "KVM failed on this host");
	}
	if (accel == ACCEL_TCG)
		boot_once(&r, &p, 0, 0);
	snprintf(res->accel, sizeof(res->accel), "%s%s%s%s",
		 accel == ACCEL_TCG ? "tcg" : "kvm", why[0] ? " (" : "", why,
		 why[0] ? ")" : "");
	sb_release(&r.out);
	sb_release(&r.err);
	guest_cleanup(&p);
	res->total_ms = host_ms() - start;
}
