// SPDX-License-Identifier: GPL-2.0
/*
 * guest-run: run one static program as the payload of a Linux 6.12 guest
 * (src/qemu) and print its output and the verdict.  The payload's stdout
 * and stderr go to ours; notes and the verdict go to stderr, prefixed
 * "guest-run:".  The exit status is the payload's when it exited, 128+N
 * when a signal (or the OOM killer) killed it, and 124 (timeout),
 * 125 (kernel panic), 126 (boot failure or a guest lost mid-run) or
 * 127 (nothing could start) otherwise.
 *
 *	build/guest-run --memory 1G --swap 1G --cgroup2 memory_recursiveprot \
 *		--cwd /data build/selftests/test_memcontrol
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/memparse.h"
#include "qemu/qemu.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: guest-run [OPTIONS] PROGRAM [ARGS...]\n"
"Run a static PROGRAM in a Linux 6.12 guest under qemu.\n"
"  -m, --memory SIZE      guest RAM (1G)\n"
"  -c, --cpus N           CPUs (2)\n"
"  -n, --nodes N          NUMA nodes (1)\n"
"  -s, --swap SIZE        swap disk, 0 for none (0)\n"
"  -d, --disk SIZE        ext4 disk at /data, 0 for none (16G)\n"
"  -o, --cgroup2 OPTS     cgroup2 mount options, comma-separated\n"
"  -S, --sysctl KEY=VAL   a sysctl, vm.swappiness=60 (repeatable)\n"
"  -p, --param M.N=VAL    a module parameter, zswap.enabled=Y (repeatable)\n"
"  -r, --root DIR         run the program chrooted into DIR, e.g. /data so\n"
"                         that / is on ext4 (with /proc, /sys, /dev bound)\n"
"  -C, --cwd DIR          the program's working directory in the guest (/)\n"
"  -t, --timeout SECONDS  the program's time limit (600)\n"
"  -f, --file HOST:GUEST  also put file HOST at GUEST (repeatable)\n"
"  -k, --kernel-image F   boot this bzImage (newest Debian 6.12)\n"
"  -M, --modules DIR      its module directory (/lib/modules/VERSION)\n"
"  -a, --accel kvm|tcg    accelerator (KVM when it works, else TCG)\n"
"  -i, --init FILE        the guest's PID 1 (guest/init beside guest-run)\n"
"  -w, --workdir DIR      keep the images and console.log in DIR\n"
"  -q, --quiet            no progress notes\n");
}

static const struct option longopts[] = {
	{ "memory", 1, 0, 'm' }, { "cpus", 1, 0, 'c' },
	{ "nodes", 1, 0, 'n' }, { "swap", 1, 0, 's' },
	{ "disk", 1, 0, 'd' }, { "cgroup2", 1, 0, 'o' },
	{ "sysctl", 1, 0, 'S' }, { "param", 1, 0, 'p' },
	{ "cwd", 1, 0, 'C' }, { "timeout", 1, 0, 't' }, { "root", 1, 0, 'r' },
	{ "file", 1, 0, 'f' }, { "kernel-image", 1, 0, 'k' },
	{ "modules", 1, 0, 'M' }, { "accel", 1, 0, 'a' },
	{ "init", 1, 0, 'i' }, { "workdir", 1, 0, 'w' },
	{ "quiet", 0, 0, 'q' }, { "help", 0, 0, 'h' }, { 0 }
};

static int quiet;

static void on_line(void *ctx, char stream, const char *line)
{
	FILE *f = stream == 'e' ? stderr : stdout;

	fprintf(f, "%s\n", line);
	fflush(f);
}

static void on_note(void *ctx, const char *text)
{
	if (!quiet)
		fprintf(stderr, "guest-run: %s\n", text);
}

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "guest-run: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(127);
}

static uint64_t size_arg(const char *s)
{
	char *end;
	uint64_t v = memparse(s, &end);

	if (end == s || *end)
		die("bad size '%s'", s);
	return v;
}

static int int_arg(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 0 || v > 1000000)
		die("bad number '%s'", s);
	return v;
}

static void add_file(struct guest_job *job, char *spec)
{
	char *colon = strchr(spec, ':');

	if (!colon || job->nr_files == GUEST_MAX_FILES)
		die("bad or too many --file '%s' (HOST:GUEST)", spec);
	*colon = '\0';
	job->files[job->nr_files].host = spec;
	job->files[job->nr_files++].guest = colon + 1;
}

static void check(int err, const char *what)
{
	if (err)
		die("bad or too many '%s'", what);
}

static void option(struct guest_job *job, int c, char *v)
{
	switch (c) {
	case 'm': job->m.memory = size_arg(v); break;
	case 'c': job->m.cpus = int_arg(v); break;
	case 'n': job->m.nodes = int_arg(v); break;
	case 's': job->m.swap = size_arg(v); break;
	case 'd': job->m.disk = size_arg(v); break;
	case 'o': snprintf(job->cfg.cgroup2, GUEST_STR, "%s", v); break;
	case 'S': check(guest_config_add_sysctl(&job->cfg, v), v); break;
	case 'p': check(guest_config_add_param(&job->cfg, v), v); break;
	case 'C': snprintf(job->cfg.cwd, GUEST_STR, "%s", v); break;
	case 'r': snprintf(job->cfg.root, GUEST_STR, "%s", v); break;
	case 't': job->cfg.timeout_s = int_arg(v); break;
	case 'f': add_file(job, v); break;
	case 'k': job->m.kernel = v; break;
	case 'M': job->m.modules = v; break;
	case 'a': job->m.accel = v; break;
	case 'i': job->m.init = v; break;
	case 'w': job->m.workdir = v; break;
	case 'q': quiet = 1; break;
	case 'h': usage(stdout); exit(0);
	default: usage(stderr); exit(127);
	}
}

/* guest/init in the directory of this executable. */
static const char *default_init(void)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	char *slash;

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	strcpy(slash + 1, "guest/init");
	return path;
}

static void set_payload(struct guest_job *job, int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	char guest[GUEST_ARG_STR];
	int i;

	snprintf(guest, sizeof(guest), "/bin/%s", base ? base + 1 : argv[0]);
	job->payload = argv[0];
	check(guest_config_add_arg(&job->cfg, guest), guest);
	for (i = 1; i < argc; i++)
		check(guest_config_add_arg(&job->cfg, argv[i]), argv[i]);
}

static int exit_status(const struct guest_result *res)
{
	switch (res->verdict) {
	case GUEST_EXITED: return res->exit_code;
	case GUEST_KILLED:
	case GUEST_OOM: return 128 + res->signal;
	case GUEST_TIMEOUT: return 124;
	case GUEST_PANIC: return 125;
	case GUEST_BOOT_FAILED:
	case GUEST_LOST: return 126;
	default: return 127;
	}
}

static void report(const struct guest_result *res)
{
	fprintf(stderr, "guest-run: kernel %s, accel %s\n",
		res->kernel[0] ? res->kernel : "-",
		res->accel[0] ? res->accel : "-");
	if (res->ready[0])
		fprintf(stderr, "guest-run: guest %s\n", res->ready);
	fprintf(stderr, "guest-run: verdict %s", guest_verdict_name(res->verdict));
	if (res->verdict == GUEST_EXITED)
		fprintf(stderr, " code=%d", res->exit_code);
	fprintf(stderr, " boot_ms=%lld payload_ms=%lld total_ms=%lld "
		"oom_kill=%ld\n", res->boot_ms, res->payload_ms,
		res->total_ms, res->oom_kill);
	if (res->message[0])
		fprintf(stderr, "guest-run: %s\n", res->message);
	if (res->verdict != GUEST_EXITED && res->verdict != GUEST_HOST_ERROR &&
	    res->console.len)
		fprintf(stderr, "guest-run: console tail:\n%s",
			res->console.buf);
}

int main(int argc, char **argv)
{
	static struct guest_job job;
	struct guest_result res;
	int c, status;

	guest_job_init(&job);
	job.on_line = on_line;
	job.on_note = on_note;
	while ((c = getopt_long(argc, argv, "+m:c:n:s:d:o:S:p:C:r:t:f:k:M:a:"
				"i:w:qh", longopts, NULL)) != -1)
		option(&job, c, optarg);
	if (optind >= argc) {
		usage(stderr);
		return 127;
	}
	if (!job.m.init)
		job.m.init = default_init();
	set_payload(&job, argc - optind, argv + optind);
	guest_run(&job, &res);
	report(&res);
	status = exit_status(&res);
	guest_result_release(&res);
	return status;
}
