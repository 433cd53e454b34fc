// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab-exec: run a scenario on the kernel it runs on (exec.h).  In the
 * guest it is the payload of PID 1 (src/guest/init.c), chrooted into the
 * ext4 disk, and prints the same TAP and `read` lines as `memcglab run`
 * does on the model; the host (`memcglab run --kernel`) relays them.
 *
 *	memcglab-exec [--root DIR] [--files DIR] [--seed N] [--protect]
 *		      [--action-timeout SECONDS] FILE
 *
 * --root DIR   interface files, cgroups and the scenario's paths are under
 *              DIR ("" by default: the machine's own).  The executor's
 *              test gives it a scratch tree.
 * --files DIR  the files the scenario names by absolute paths (FILE too,
 *              replay traces) are under DIR; relative ones are relative
 *              to the working directory, which the host makes stand for
 *              its own.  Messages use the names as written.
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
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "guest/exec/exec.h"
#include "guest/exec/refuse.h"
#include "guest/exec/wire.h"
#include "scenario/parser.h"
#include "scenario/run.h"

struct args {
	const char *root, *files, *file, *record_dir;
	bool protect, observe, seed_set;
	uint64_t seed;
	int action_timeout_s;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: memcglab-exec [--root DIR] [--files DIR] [--seed N] "
		"[--protect]\n                     [--observe] [--record-dir DIR] "
		"[--action-timeout SECONDS] "
		"FILE\n");
}

static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "root", 1, 0, 'r' }, { "files", 1, 0, 'f' },
		{ "seed", 1, 0, 's' }, { "protect", 0, 0, 'p' },
		{ "action-timeout", 1, 0, 't' }, { "help", 0, 0, 'h' },
		{ "observe", 0, 0, 'o' }, { "record-dir", 1, 0, 'R' },
		{ 0 }
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "r:f:s:pt:hoR:", opts, NULL)) != -1) {
		switch (c) {
		case 'r': a->root = optarg; break;
		case 'f': a->files = optarg; break;
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
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, err = STRBUF_INIT;
	struct scn_script *script = NULL;
	char buf[65536];
	size_t n;
	FILE *f;

	if (a->files && a->file[0] == '/')
		sb_printf(&path, "%s%s", a->files, a->file);
	else
		sb_puts(&path, a->file);
	f = fopen(path.buf, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", a->file, strerror(errno));
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&text, buf, n);
	fclose(f);
	if (scn_parse_string(a->file, text.buf ?: "", text.len, &script, &err))
		fputs(err.buf ?: "parse error\n", stderr);
out:
	sb_release(&path);
	sb_release(&text);
	sb_release(&err);
	return script;
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
	opts.files_root = a.files;
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
