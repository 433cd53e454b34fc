/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel backend's runner: boot Debian's Linux 6.12 (or a given
 * bzImage) under qemu-system-x86_64 with the machine a scenario asks for,
 * run one static program in it as the payload of the guest's PID 1
 * (src/guest), and return what happened as a structured result.
 *
 * The guest gets: memory, CPUs and NUMA nodes from struct guest_machine;
 * swap on a virtio disk (vda) of the requested size; an ext4 virtio disk
 * at /data; cgroup2, debugfs, tmpfs on /dev/shm and /tmp; MGLRU and THP
 * off; the module parameters and sysctls of struct guest_config.  KVM is
 * used when /dev/kvm works, TCG otherwise, and the result says which.
 * Every wait is bounded: boot, payload, power-off.
 */
#ifndef MEMCGLAB_QEMU_QEMU_H
#define MEMCGLAB_QEMU_QEMU_H

#include <stdint.h>

#include "guest/config.h"
#include "lib/strbuf.h"

enum guest_verdict {
	GUEST_EXITED,		/* the payload ran and exited: exit_code */
	GUEST_KILLED,		/* killed by a signal, not the OOM killer */
	GUEST_OOM,		/* the OOM killer killed the payload */
	GUEST_TIMEOUT,		/* the payload (or the guest) overran */
	GUEST_PANIC,		/* the kernel panicked */
	GUEST_BOOT_FAILED,	/* no READY: kernel, PID 1 or its setup */
	GUEST_LOST,		/* the guest stopped mid-run without a word */
	GUEST_HOST_ERROR,	/* nothing booted: tools, kernel, arguments */
};

struct guest_machine {
	uint64_t memory;	/* bytes, a multiple of 1M per node */
	int cpus, nodes;
	uint64_t swap;		/* bytes of the swap disk, 0 for none */
	uint64_t disk;		/* bytes of the /data disk, 0 for none */
	const char *kernel;	/* bzImage; NULL: newest Debian 6.12 */
	const char *modules;	/* module dir; NULL: /lib/modules/VERSION */
	const char *accel;	/* "kvm", "tcg", or NULL for the best */
	const char *init;	/* the static guest PID 1 (build/guest/init) */
	int boot_timeout_s;	/* until READY; 0: 120 (TCG) or 60 (KVM) */
	const char *workdir;	/* NULL: a temporary one, removed after */
};

struct guest_file {
	const char *host;	/* a file on the host */
	const char *guest;	/* its path in the initramfs, "bin/x" */
};

#define GUEST_MAX_FILES	64

struct guest_job {
	struct guest_machine m;
	/* what PID 1 sets up; args[0] is the payload's path in the guest */
	struct guest_config cfg;
	const char *payload;	/* host file installed at cfg.args[0] */
	int nr_files;
	struct guest_file files[GUEST_MAX_FILES];
	/* each payload line as it arrives: stream 'o' or 'e' */
	void (*on_line)(void *ctx, char stream, const char *line);
	void *ctx;
	/* progress notes ("booting ..."), or NULL */
	void (*on_note)(void *ctx, const char *note);
	/*
	 * Setup is done and the payload starts: the READY line's key=value
	 * words and whether the guest runs under KVM (else TCG); or NULL.
	 */
	void (*on_ready)(void *ctx, const char *ready, int kvm);
};

struct guest_result {
	enum guest_verdict verdict;
	int exit_code;		/* GUEST_EXITED */
	int signal;		/* GUEST_KILLED, GUEST_OOM */
	long oom_kill;		/* OOM kills in the guest during the run */
	char accel[320];	/* "tcg (why)" or "kvm" */
	char kernel[512];	/* the image booted */
	char ready[1024];	/* the READY line's key=value words */
	char message[1024];	/* why, for anything but GUEST_EXITED */
	long long boot_ms;	/* host time from qemu start to READY, or -1 */
	long long payload_ms;	/* guest time of the payload, or -1 */
	long long total_ms;	/* host time of the whole run */
	struct strbuf output;	/* the payload's lines, "o TEXT\n" */
	struct strbuf console;	/* the console's tail, for failures */
};

void guest_job_init(struct guest_job *job);
/* Run the job; res is always filled (res->verdict says how it went). */
void guest_run(const struct guest_job *job, struct guest_result *res);
void guest_result_release(struct guest_result *res);
const char *guest_verdict_name(enum guest_verdict v);

/* The newest /boot/vmlinuz-6.12.*-amd64 of the generic flavour. */
int guest_find_kernel(char *buf, size_t n);
/* Packages the kernel backend needs that are missing; "" when none. */
void guest_missing_deps(const struct guest_job *job, char *buf, size_t n);

#endif
