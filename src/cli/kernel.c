// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab run --kernel: the scenario on a real Linux 6.12 (kernel.h).
 *
 * The host parses the scenario, refuses what a kernel cannot run before
 * booting (src/guest/exec/refuse.c, FILE:LINE), and asks the runner
 * (src/qemu) for a guest with the scenario's machine: memory, CPUs, NUMA
 * nodes, a swap disk of its size, the /data disk, cgroup2 mounted with
 * its options.  The initramfs holds the guest executor, the scenario and
 * the files it includes and replays, each at its absolute host path under
 * GUEST_FILES; the executor runs chrooted into the ext4 disk, links them
 * at their own paths there and works in the host's working directory, so
 * that every name resolves as on the host.  Its sysctl, param and policy
 * statements run in the guest as statements.
 *
 * The executor's lines come back on the guest's protocol port and are
 * printed as they arrive, after a header that names the kernel and KVM or
 * TCG.  A guest that fails (no boot, a panic, a timeout, the executor
 * killed) is reported with its console's tail, never as a verdict on the
 * scenario.
 */
#include "cli/kernel.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "guest/exec/refuse.h"
#include "guest/exec/wire.h"
#include "qemu/qemu.h"
#include "scenario/parser.h"

#define GUEST_FILES	"/etc/memcglab/files"
#define GUEST_RECORDS	"/tmp/memcglab-records"
#define GUEST_EXEC	"/bin/memcglab-exec"
#define DEFAULT_TIMEOUT_S	3600

const char kernel_options_usage[] =
	"  --kernel-image FILE   boot this bzImage (the newest Debian 6.12)\n"
	"  --policy NAME=VALUE   only Linux 6.12's value: others are model-only\n"
	"  --kernel-runs N       run it N times on the kernel\n"
	"  --accel kvm|tcg       qemu's accelerator (KVM when it works)\n"
	"  --timeout SECONDS     the scenario's time limit in the guest (3600)\n"
	"  --keep DIR            keep the guest's images and console.log in DIR\n"
	"  --seed N              the run's seed (the machine line's)\n"
	"  -q, --quiet           no progress notes\n";

void kernel_opts_init(struct kernel_opts *ko)
{
	memset(ko, 0, sizeof(*ko));
	ko->runs = 1;
	ko->timeout_s = DEFAULT_TIMEOUT_S;
}

static int number(const char *cmd, const char *opt, const char *s,
		  long max, long *v)
{
	char *end;

	*v = strtol(s, &end, 10);
	if (*end || end == s || *v < 1 || *v > max)
		return cli_usage_error(cmd, "%s needs a number from 1 to %ld, "
				       "not '%s'", opt, max, s);
	return 0;
}

int kernel_option(const char *cmd, int c, struct kernel_opts *ko)
{
	u64 seed;
	long n;

	switch (c) {
	case 'k':
		ko->image = optarg;
		return 0;
	case 'a':
		if (strcmp(optarg, "kvm") && strcmp(optarg, "tcg"))
			return cli_usage_error(cmd, "--accel kvm or tcg, not "
					       "'%s'", optarg);
		ko->accel = optarg;
		return 0;
	case 'K':
		ko->workdir = optarg;
		return 0;
	case 'R':
		ko->record_dir = optarg;
		return 0;
	case 'q':
		ko->quiet = true;
		return 0;
	case 'n':
		if (number(cmd, "--kernel-runs", optarg, 100, &n))
			return EXIT_USAGE;
		ko->runs = n;
		return 0;
	case 'T':
		if (number(cmd, "--timeout", optarg, 86400, &n))
			return EXIT_USAGE;
		ko->timeout_s = n;
		return 0;
	case 's':
		if (cli_parse_seed(cmd, optarg, &seed))
			return EXIT_USAGE;
		ko->seed = seed;
		ko->seed_set = true;
		return 0;
	}
	return 1;
}

/* ---- what the host needs ---- */

/* build/guest/NAME beside the running memcglab; -1 if it is not there. */
static int build_file(const char *name, char *buf, size_t n)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (len <= 0)
		return -1;
	self[len] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	if (snprintf(buf, n, "%s/guest/%s", self, name) >= (int)n)
		return -1;
	return access(buf, X_OK) ? -1 : 0;
}

int kernel_check(const struct scn_script *script, const struct kernel_opts *ko)
{
	struct strbuf why = STRBUF_INIT;
	const struct scn_stmt *s = gexec_refusal(script, &why);
	struct guest_job job;
	char missing[512], path[PATH_MAX];

	if (s) {
		fprintf(stderr, "%s:%d: the kernel cannot run this: %s\n",
			s->file, s->line, why.buf);
		sb_release(&why);
		return -1;
	}
	guest_job_init(&job);
	job.m.kernel = ko->image;
	job.m.disk = script->machine.disk;
	guest_missing_deps(&job, missing, sizeof(missing));
	if (missing[0]) {
		fprintf(stderr, "memcglab: the kernel backend needs %s; install "
			"them with: make kernel-deps (scripts/install-deps.sh "
			"kernel)\n", missing);
		return -1;
	}
	if (build_file("init", path, sizeof(path)) ||
	    build_file("memcglab-exec", path, sizeof(path))) {
		fprintf(stderr, "memcglab: %s is missing: build it with make\n",
			path);
		return -1;
	}
	return 0;
}

/* ---- the guest's job ---- */

static void cgroup2_options(unsigned int flags, char *buf, size_t n)
{
	static const struct { unsigned int bit; const char *name; } opts[] = {
		{ SCN_MOUNT_NSDELEGATE, "nsdelegate" },
		{ SCN_MOUNT_FAVORDYNMODS, "favordynmods" },
		{ SCN_MOUNT_MEMORY_LOCALEVENTS, "memory_localevents" },
		{ SCN_MOUNT_MEMORY_RECURSIVEPROT, "memory_recursiveprot" },
		{ SCN_MOUNT_MEMORY_HUGETLB_ACCOUNTING,
		  "memory_hugetlb_accounting" },
		{ SCN_MOUNT_PIDS_LOCALEVENTS, "pids_localevents" },
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (flags & opts[i].bit)
			len += snprintf(buf + len, n - len, "%s%s",
					len ? "," : "", opts[i].name);
}

/* Files of the job live until it has run. */
struct job_files {
	char paths[GUEST_MAX_FILES][2][PATH_MAX + 32];
	int n;
};

/* Ship host file @host at its absolute path under GUEST_FILES. */
static int ship(struct guest_job *job, struct job_files *jf,
		const char *host)
{
	char real[PATH_MAX];

	if (!realpath(host, real)) {
		fprintf(stderr, "memcglab: %s: %s\n", host, strerror(errno));
		return -1;
	}
	if (jf->n == GUEST_MAX_FILES - 1 || job->nr_files == GUEST_MAX_FILES) {
		fprintf(stderr, "memcglab: the scenario names more than %d "
			"files\n", GUEST_MAX_FILES - 2);
		return -1;
	}
	snprintf(jf->paths[jf->n][0], PATH_MAX + 32, "%s", real);
	snprintf(jf->paths[jf->n][1], PATH_MAX + 32, "%s%s", GUEST_FILES, real);
	job->files[job->nr_files].host = jf->paths[jf->n][0];
	job->files[job->nr_files++].guest = jf->paths[jf->n][1];
	jf->n++;
	return 0;
}

/* A trace named by @s, as the runtime resolves it (scn_rt_file_path()). */
static void trace_path(const struct scn_stmt *s, char *buf, size_t n)
{
	const char *t = s->action.replay.path, *slash = strrchr(s->file, '/');

	if (t[0] == '/' || !slash)
		snprintf(buf, n, "%s", t);
	else
		snprintf(buf, n, "%.*s/%s", (int)(slash - s->file), s->file, t);
}

/* The scenario, the files it includes, the traces it replays. */
static int ship_files(struct guest_job *job, struct job_files *jf,
		      const struct scn_script *script)
{
	char path[2 * PATH_MAX];
	size_t i;

	for (i = 0; i < script->nfiles; i++)
		if (ship(job, jf, script->files[i]))
			return -1;
	for (i = 0; i < script->nstmts; i++) {
		const struct scn_stmt *s = &script->stmts[i];

		if (s->kind != SCN_STMT_ACTION ||
		    s->action.kind != SCN_ACT_REPLAY)
			continue;
		trace_path(s, path, sizeof(path));
		if (ship(job, jf, path))
			return -1;
	}
	return 0;
}

static int make_job(struct guest_job *job, struct job_files *jf,
		    const char *file, const struct scn_script *script,
		    const struct kernel_opts *ko, char *init, char *exec)
{
	const struct scn_machine *sm = &script->machine;
	char seed[32], cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd)))
		return -1;
	guest_job_init(job);
	job->m.memory = sm->memory;
	job->m.cpus = sm->cpus;
	job->m.nodes = sm->nodes;
	job->m.swap = sm->swap;
	job->m.disk = sm->disk;
	job->m.kernel = ko->image;
	job->m.accel = ko->accel;
	job->m.workdir = ko->workdir;
	if (build_file("init", init, PATH_MAX) ||
	    build_file("memcglab-exec", exec, PATH_MAX))
		return -1;
	job->m.init = init;
	job->payload = exec;
	cgroup2_options(script->mount_flags, job->cfg.cgroup2, GUEST_STR);
	snprintf(job->cfg.root, GUEST_STR, "/data");
	job->cfg.timeout_s = ko->timeout_s;
	snprintf(seed, sizeof(seed), "%llu", ko->seed);
	if (guest_config_add_arg(&job->cfg, GUEST_EXEC) ||
	    guest_config_add_arg(&job->cfg, "--protect") ||
	    guest_config_add_arg(&job->cfg, "--link") ||
	    guest_config_add_arg(&job->cfg, GUEST_FILES) ||
	    guest_config_add_arg(&job->cfg, "--cwd") ||
	    guest_config_add_arg(&job->cfg, cwd) ||
	    (ko->seed_set && (guest_config_add_arg(&job->cfg, "--seed") ||
			      guest_config_add_arg(&job->cfg, seed))) ||
	    (ko->observe && guest_config_add_arg(&job->cfg, "--observe")) ||
	    guest_config_add_arg(&job->cfg, "--record-dir") ||
	    guest_config_add_arg(&job->cfg, GUEST_RECORDS) ||
	    guest_config_add_arg(&job->cfg, file))
		return -1;
	return ship_files(job, jf, script);
}

/* ---- following the run ---- */

struct follow {
	const char *file;
	const struct kernel_opts *ko;
	FILE *print;
	struct kernel_result *res;
	FILE *rec;		/* a record file coming back */
};

/* "file NAME": where the model would write it (record.c); -1 if not. */
static FILE *record_file(const struct kernel_opts *ko, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	char *n = wire_unescape(name, strlen(name));
	FILE *f;

	if (ko->record_dir && mkdir(ko->record_dir, 0777) && errno != EEXIST) {
		free(n);
		return NULL;
	}
	if (ko->record_dir)
		sb_printf(&path, "%s/", ko->record_dir);
	sb_puts(&path, n);
	f = fopen(path.buf, "w");
	if (!f)
		fprintf(stderr, "memcglab: %s: %s\n", path.buf, strerror(errno));
	sb_release(&path);
	free(n);
	return f;
}

/* A record file's lines; true if @line was one. */
static bool record_line(struct follow *f, const char *line)
{
	size_t mark = strlen(WIRE_MARK);
	char *data;

	if (!strncmp(line + mark, "file ", 5)) {
		if (f->rec)
			fclose(f->rec);
		f->rec = record_file(f->ko, line + mark + 5);
	} else if (!strncmp(line + mark, "data ", 5)) {
		data = wire_unescape(line + mark + 5, strlen(line + mark + 5));
		if (f->rec)
			fputs(data, f->rec);
		free(data);
	} else if (!strcmp(line + mark, "endfile")) {
		if (f->rec)
			fclose(f->rec);
		f->rec = NULL;
	} else {
		return false;
	}
	return true;
}

static void on_line(void *ctx, char stream, const char *line)
{
	struct follow *f = ctx;

	if (stream == 'e') {
		fprintf(stderr, "%s\n", line);
		return;
	}
	if (!strncmp(line, WIRE_MARK, strlen(WIRE_MARK))) {
		if (!record_line(f, line))
			sb_printf(&f->res->obs, "%s\n", line);
		return;
	}
	sb_printf(&f->res->out, "%s\n", line);
	if (f->print) {
		fprintf(f->print, "%s\n", line);
		fflush(f->print);
	}
}

static void on_note(void *ctx, const char *note)
{
	struct follow *f = ctx;

	if (!f->ko->quiet)
		fprintf(stderr, "memcglab: %s\n", note);
}

static void on_ready(void *ctx, const char *ready, int kvm)
{
	struct follow *f = ctx;
	const char *k = strstr(ready, "kernel=");

	snprintf(f->res->kernel, sizeof(f->res->kernel), "%.*s",
		 k ? (int)strcspn(k + 7, " ") : 1, k ? k + 7 : "?");
	f->res->kvm = kvm;
	if (f->print)
		fprintf(f->print, "# memcglab %s: Linux %s, a real kernel "
			"under qemu with %s: %s\n", MEMCGLAB_VERSION,
			f->res->kernel, kvm ? "KVM" : "TCG", f->file);
}

static const char *failure(enum guest_verdict v)
{
	switch (v) {
	case GUEST_OOM:
		return "the OOM killer killed the executor";
	case GUEST_KILLED:
		return "a signal killed the executor";
	case GUEST_TIMEOUT:
		return "the guest ran out of time";
	case GUEST_PANIC:
		return "the kernel panicked";
	case GUEST_BOOT_FAILED:
		return "the guest did not boot";
	case GUEST_LOST:
		return "the guest stopped without a word";
	default:
		return "the guest could not be started";
	}
}

static void verdict(const struct guest_result *gr, struct kernel_result *res)
{
	res->ms = gr->total_ms;
	res->payload_ms = gr->payload_ms;
	if (gr->verdict == GUEST_EXITED && gr->exit_code <= 2) {
		res->status = gr->exit_code;
		return;
	}
	res->status = KERNEL_GUEST_FAILED;
	fprintf(stderr, "memcglab: kernel run failed: %s (%s", failure(gr->verdict),
		guest_verdict_name(gr->verdict));
	if (gr->verdict == GUEST_EXITED)
		fprintf(stderr, ", exit status %d", gr->exit_code);
	fprintf(stderr, ")%s%s\n", gr->message[0] ? ": " : "", gr->message);
	if (gr->console.len && gr->verdict != GUEST_HOST_ERROR)
		fprintf(stderr, "memcglab: the guest console's last lines:\n%s",
			gr->console.buf);
}

void kernel_run(const char *file, const struct scn_script *script,
		const struct kernel_opts *ko, FILE *print,
		struct kernel_result *res)
{
	struct job_files *jf = calloc(1, sizeof(*jf));
	struct follow f = { .file = file, .ko = ko, .print = print,
			    .res = res };
	char init[PATH_MAX], exec[PATH_MAX];
	struct guest_result gr;
	struct guest_job job;

	memset(res, 0, sizeof(*res));
	if (!jf)
		abort();
	if (make_job(&job, jf, file, script, ko, init, exec)) {
		res->status = 2;
		free(jf);
		return;
	}
	job.on_line = on_line;
	job.on_note = on_note;
	job.on_ready = on_ready;
	job.ctx = &f;
	guest_run(&job, &gr);
	if (f.rec)
		fclose(f.rec);
	verdict(&gr, res);
	if (!ko->quiet && gr.verdict == GUEST_EXITED)
		fprintf(stderr, "memcglab: kernel run: %s, boot %lld ms, "
			"scenario %lld ms, total %lld ms\n",
			res->kvm ? "KVM" : "TCG", gr.boot_ms, gr.payload_ms,
			gr.total_ms);
	guest_result_release(&gr);
	free(jf);
}

void kernel_result_release(struct kernel_result *res)
{
	sb_release(&res->out);
	sb_release(&res->obs);
}

/* ---- memcglab run --kernel ---- */

bool kernel_wanted(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--kernel"))
			return true;
	return false;
}

static const char run_kernel_usage[] =
	"usage: memcglab run --kernel [OPTIONS] FILE\n"
	"Run the scenario on Debian's Linux 6.12 under qemu: the same TAP and\n"
	"read lines as on the model, after a header naming the kernel.\n\n"
	"options:\n"
	"  --kernel              run it on the kernel, not the model\n"
	"  --record-dir DIR      relative record files go here (default: .)\n";

static const struct option run_kernel_options[] = {
	{ "kernel", no_argument, NULL, 'X' },
	{ "policy", required_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	KERNEL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* --policy: the default value is the kernel's; others are refused. */
static int policy_option(const char *cmd)
{
	struct strbuf why = STRBUF_INIT;
	char *name = strdup(optarg), *eq = name ? strchr(name, '=') : NULL;
	int ret = 0;

	if (eq)
		*eq = '\0';
	if (!eq)
		ret = cli_usage_error(cmd, "--policy %s: expected NAME=VALUE",
				      optarg);
	else if (gexec_refuse_policy(name, eq + 1, &why))
		ret = cli_usage_error(cmd, "--policy %s: %s", optarg, why.buf);
	free(name);
	sb_release(&why);
	return ret;
}

static int run_kernel_args(int argc, char **argv, struct kernel_opts *ko,
			   const char **file)
{
	int c, ret = 0;

	while (!ret && (c = cli_getopt("run", argc, argv,
				       ":p:h" KERNEL_SHORTOPTS,
				       run_kernel_options)) != -1) {
		if (c == 'X')
			continue;
		if (c == 'p') {
			ret = policy_option("run");
		} else if (c == 'h') {
			printf("%s%s", run_kernel_usage, kernel_options_usage);
			return CLI_HELP;
		} else {
			ret = kernel_option("run", c, ko);
			if (ret == 1)
				ret = EXIT_USAGE;
		}
	}
	if (ret)
		return ret;
	if (optind != argc - 1)
		return cli_usage_error("run", optind == argc ? "no scenario file" :
				       "one scenario file, not %d", argc - optind);
	*file = argv[optind];
	return 0;
}

int cmd_run_kernel(int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_script *script = NULL;
	struct kernel_result res;
	struct kernel_opts ko;
	const char *file = NULL;
	int i, worst = 0;

	kernel_opts_init(&ko);
	i = run_kernel_args(argc, argv, &ko, &file);
	if (i)
		return i == CLI_HELP ? 0 : i;
	if (scn_parse_file(file, &script, &err)) {
		fputs(err.buf ?: "parse error\n", stderr);
		sb_release(&err);
		return 2;
	}
	if (kernel_check(script, &ko)) {
		scn_script_free(script);
		return 2;
	}
	for (i = 0; i < ko.runs; i++) {
		if (ko.runs > 1)
			printf("# kernel run %d of %d\n", i + 1, ko.runs);
		kernel_run(file, script, &ko, stdout, &res);
		worst = res.status > worst ? res.status : worst;
		kernel_result_release(&res);
	}
	scn_script_free(script);
	return worst;
}
