// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab-exec: run a scenario on the kernel it runs on (exec.h).  In the
 * guest it is the payload of PID 1 (src/guest/init.c), chrooted into the
 * ext4 disk, and prints the same TAP and `read` lines as `memcglab run`
 * does on the model; the host (`memcglab run --kernel`) relays them.
 *
 *	memcglab-exec [--root DIR] [--link DIR] [--cwd DIR] [--seed N]
 *		      [--protect] [--observe] [--record-dir DIR]
 *		      [--action-timeout SECONDS] FILE
 *
 * --root DIR   interface files, cgroups and the scenario's paths are under
 *              DIR ("" by default: the machine's own).  The executor's
 *              test gives it a scratch tree.
 * --link DIR   every file at DIR/P appears at /P, a symbolic link (its
 *              directories made): the host puts the scenario and the files
 *              it includes and replays there by their absolute paths, so
 *              that in the guest they are where they were on the host.
 * --cwd DIR    the working directory (made if missing): the host's, so
 *              that relative names resolve as they did there.
 * --observe    also print what each read showed and each expect compared,
 *              as wire.h's lines (for `memcglab compare`)
 * --record-dir DIR  `record` files go under DIR, and are printed at the
 *              end as wire.h's file lines, for the host to write back
 * --protect    oom_score_adj -1000 for the executor itself, so that the
 *              OOM killer picks the scenario's processes, never their
 *              driver (each process gets the scenario's own value).
 *
 * Exit status: 0 when every expectation held, 1 when one failed, 2 for an
 * error (a bad or refused scenario, or a runtime error).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest/exec/exec.h"
#include "guest/exec/refuse.h"
#include "guest/exec/wire.h"
#include "scenario/parser.h"
#include "scenario/run.h"

struct args {
	const char *root, *link, *cwd, *file, *record_dir;
	bool protect, observe, seed_set;
	uint64_t seed;
	int action_timeout_s;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: memcglab-exec [--root DIR] [--link DIR] [--cwd DIR] "
		"[--seed N] [--protect]\n                     [--observe] "
		"[--record-dir DIR] [--action-timeout SECONDS] FILE\n");
}

static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "root", 1, 0, 'r' }, { "link", 1, 0, 'l' },
		{ "cwd", 1, 0, 'c' },
		{ "seed", 1, 0, 's' }, { "protect", 0, 0, 'p' },
		{ "action-timeout", 1, 0, 't' }, { "help", 0, 0, 'h' },
		{ "observe", 0, 0, 'o' }, { "record-dir", 1, 0, 'R' },
		{ 0 }
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "r:l:c:s:pt:hoR:", opts, NULL)) != -1) {
		switch (c) {
		case 'r': a->root = optarg; break;
		case 'l': a->link = optarg; break;
		case 'c': a->cwd = optarg; break;
		case 'p': a->protect = true; break;
		case 'o': a->observe = true; break;
		case 'R': a->record_dir = optarg; break;
		case 's':
			a->seed = strtoull(optarg, &end, 10);
			a->seed_set = true;
			if (*end || end == optarg)
				return -1;
			break;
		case 't':
			a->action_timeout_s = strtol(optarg, &end, 10);
			if (*end || a->action_timeout_s <= 0)
				return -1;
			break;
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (optind != argc - 1)
		return -1;
	a->file = argv[optind];
	return 0;
}

static struct scn_script *load(const struct args *a)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_script *script = NULL;

	if (scn_parse_file(a->file, &script, &err))
		fputs(err.buf ?: "parse error\n", stderr);
	sb_release(&err);
	return script;
}

/* mkdir -p of @path's directories, and of @path itself if @whole. */
static void mkdirs(const char *path, bool whole)
{
	char buf[4096], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	if (whole)
		mkdir(buf, 0755);
}

/* Each file under @dir (DIR/P, DIR @base bytes long) linked at /P. */
static void link_tree(const char *dir, size_t base, int depth)
{
	DIR *d = depth < 64 ? opendir(dir) : NULL;
	char path[4096];
	struct dirent *e;
	struct stat st;

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >=
		    (int)sizeof(path) || lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			link_tree(path, base, depth + 1);
			continue;
		}
		mkdirs(path + base, false);
		if (symlink(path, path + base) && errno != EEXIST)
			fprintf(stderr, "memcglab-exec: %s: %s\n", path + base,
				strerror(errno));
	}
	if (d)
		closedir(d);
}

static int place(const struct args *a)
{
	if (a->link)
		link_tree(a->link, strlen(a->link), 0);
	if (!a->cwd)
		return 0;
	mkdirs(a->cwd, true);
	if (!chdir(a->cwd))
		return 0;
	fprintf(stderr, "memcglab-exec: %s: %s\n", a->cwd, strerror(errno));
	return -1;
}

static int refused(const struct scn_script *script)
{
	struct strbuf why = STRBUF_INIT;
	const struct scn_stmt *s = gexec_refusal(script, &why);

	if (s)
		fprintf(stderr, "%s:%d: the kernel cannot run this: %s\n",
			s->file, s->line, why.buf);
	sb_release(&why);
	return s != NULL;
}

/* The record files the run wrote under @dir, as wire.h's file lines. */
static void send_records(const struct scn_script *script, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;

	for (i = 0; i < script->nstmts; i++) {
		const struct scn_stmt *s = &script->stmts[i];

		if (s->kind != SCN_STMT_RECORD || s->record.file[0] == '/')
			continue;
		sb_reset(&path);
		sb_printf(&path, "%s/%s", dir, s->record.file);
		wire_put_file(stdout, s->record.file, path.buf);
	}
	sb_release(&path);
}

static void protect(void)
{
	FILE *f = fopen("/proc/self/oom_score_adj", "w");

	if (!f || fputs("-1000", f) < 0 || fclose(f))
		fprintf(stderr, "memcglab-exec: oom_score_adj: %s\n",
			strerror(errno));
}

int main(int argc, char **argv)
{
	struct args a = { .root = "", .action_timeout_s = GEXEC_ACTION_TIMEOUT_S };
	struct scn_run_options opts = { .out = stdout };
	struct scn_observer observer;
	struct scn_script *script;
	struct scn_backend *be;
	int ret;

	if (parse_args(argc, argv, &a)) {
		usage(stderr);
		return 2;
	}
	if (place(&a))
		return 2;
	script = load(&a);
	if (!script)
		return 2;
	if (refused(script)) {
		scn_script_free(script);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (a.protect)
		protect();
	opts.record_dir = a.record_dir;
	if (a.observe) {
		wire_observer(&observer, stdout);
		opts.observer = &observer;
	}
	opts.seed = a.seed_set ? a.seed : script->machine.seed;
	opts.seed_set = true;
	be = gexec_create(a.root, opts.seed, a.action_timeout_s);
	ret = scn_run(script, be, &opts);
	gexec_destroy(be);
	if (a.record_dir)
		send_records(script, a.record_dir);
	scn_script_free(script);
	return ret;
}
