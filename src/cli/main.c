// SPDX-License-Identifier: GPL-2.0
/*
 * The memcglab command.
 *
 *   memcglab run FILE [--seed N] [--trace FILE] [--verify] [--policy K=V]...
 *   memcglab check DIR|FILE...      every .scn with --verify, one summary
 *   memcglab parse FILE             the canonical form of a scenario
 *   memcglab policies [--markdown]  the design switches, from their table
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/strbuf.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/policy.h"
#include "scenario/run.h"

#define MEMCGLAB_VERSION	"0.1"
#define MODEL_OF		"Linux 6.12, classic LRU"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: memcglab run FILE [--seed N] [--trace FILE] [--verify]\n"
		"                         [--policy NAME=VALUE]...\n"
		"       memcglab check DIR|FILE...\n"
		"       memcglab parse FILE\n"
		"       memcglab policies [--markdown]\n"
		"       memcglab --version\n");
}

/* --help: the usage, and the design switches --policy takes. */
static void help(void)
{
	struct strbuf sb = STRBUF_INIT;

	usage(stdout);
	scn_policy_list(&sb);
	printf("\npolicies (--policy NAME=VALUE, or `policy` in a scenario):\n%s",
	       sb.buf);
	sb_release(&sb);
}

static int cmd_policies(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	bool markdown = argc == 1 && !strcmp(argv[0], "--markdown");

	if (argc && !markdown) {
		usage(stderr);
		return 2;
	}
	if (markdown)
		scn_policy_markdown(&sb);
	else
		scn_policy_list(&sb);
	fputs(sb.buf, stdout);
	sb_release(&sb);
	return 0;
}

static struct scn_script *parse(const char *path)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_script *script = NULL;

	if (scn_parse_file(path, &script, &err))
		fputs(err.buf ? err.buf : "parse error\n", stderr);
	sb_release(&err);
	return script;
}

static int run_file(const char *path, const struct scn_run_options *opts)
{
	struct scn_script *script = parse(path);
	struct scn_backend *be;
	int ret = 2;

	if (!script)
		return 2;
	fprintf(opts->out, "# memcglab %s: a model of %s: %s\n", MEMCGLAB_VERSION,
		MODEL_OF, path);
	be = scn_model_create(script, opts);
	if (be) {
		ret = scn_run(script, be, opts);
		/* a model bug in teardown fails the run too (see stderr) */
		if (scn_model_destroy(be) && !ret)
			ret = 1;
	}
	scn_script_free(script);
	return ret;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/*
 * Open the trace only once the whole command line is known to be good: a
 * mistyped `run --trace my.scn` must not truncate the scenario it names.
 */
static int open_trace(const char *path, struct scn_run_options *opts)
{
	if (!path)
		return 0;
	if (ends_with(path, ".scn")) {
		fprintf(stderr, "memcglab: --trace %s would overwrite a scenario\n",
			path);
		return -EINVAL;
	}
	opts->trace = strcmp(path, "-") ? fopen(path, "w") : stderr;
	if (!opts->trace) {
		perror(path);
		return -EINVAL;
	}
	return 0;
}

static int parse_run_options(int argc, char **argv, struct scn_run_options *opts,
			     const char **file)
{
	const char *trace = NULL;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--verify")) {
			opts->verify = true;
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			char *end;

			opts->seed = strtoull(argv[++i], &end, 0);
			opts->seed_set = true;
			if (*end)
				return -EINVAL;
		} else if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			opts->policies = realloc(opts->policies,
						 (opts->npolicies + 1) * sizeof(char *));
			opts->policies[opts->npolicies++] = argv[++i];
		} else if (!strcmp(argv[i], "--trace") && i + 1 < argc) {
			trace = argv[++i];
		} else if (argv[i][0] != '-' && !*file) {
			*file = argv[i];
		} else {
			return -EINVAL;
		}
	}
	if (!*file)
		return -EINVAL;
	return open_trace(trace, opts);
}

static int cmd_run(int argc, char **argv)
{
	struct scn_run_options opts = { .out = stdout };
	const char *file = NULL;
	int ret;

	if (parse_run_options(argc, argv, &opts, &file)) {
		usage(stderr);
		return 2;
	}
	ret = run_file(file, &opts);
	if (opts.trace && opts.trace != stderr)
		fclose(opts.trace);
	free(opts.policies);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .scn below @dir, sorted, appended to *list. */
static void collect(const char *dir, char ***list, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct strbuf path = STRBUF_INIT;
		struct stat st;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		sb_printf(&path, "%s/%s", dir, e->d_name);
		if (!stat(path.buf, &st) && S_ISDIR(st.st_mode)) {
			collect(path.buf, list, n);
			sb_release(&path);
		} else if (len > 4 && !strcmp(e->d_name + len - 4, ".scn")) {
			*list = realloc(*list, (*n + 1) * sizeof(char *));
			(*list)[(*n)++] = sb_detach(&path);
		} else {
			sb_release(&path);
		}
	}
	closedir(d);
}

static int cmd_check(int argc, char **argv)
{
	struct scn_run_options opts = { .verify = true };
	char **files = NULL;
	size_t n = 0, i;
	int failed = 0, passed = 0, i_arg;

	for (i_arg = 0; i_arg < argc; i_arg++) {
		struct stat st;

		if (!stat(argv[i_arg], &st) && S_ISDIR(st.st_mode)) {
			collect(argv[i_arg], &files, &n);
		} else {
			files = realloc(files, (n + 1) * sizeof(char *));
			files[n++] = strdup(argv[i_arg]);
		}
	}
	qsort(files, n, sizeof(char *), cmp_str);
	opts.out = fopen("/dev/null", "w");
	for (i = 0; i < n; i++) {
		int ret = run_file(files[i], &opts);

		printf("%-60s %s\n", files[i], ret ? "FAIL" : "ok");
		if (ret)
			failed++;
		else
			passed++;
		free(files[i]);
	}
	fclose(opts.out);
	free(files);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

static int cmd_parse(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	struct scn_script *script;

	if (argc != 1) {
		usage(stderr);
		return 2;
	}
	script = parse(argv[0]);
	if (!script)
		return 2;
	scn_script_dump(script, &sb);
	fputs(sb.buf ? sb.buf : "", stdout);
	sb_release(&sb);
	scn_script_free(script);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 2, argv + 2);
	if (!strcmp(argv[1], "parse"))
		return cmd_parse(argc - 2, argv + 2);
	if (!strcmp(argv[1], "policies"))
		return cmd_policies(argc - 2, argv + 2);
	if (!strcmp(argv[1], "--version")) {
		printf("memcglab %s, a model of %s\n", MEMCGLAB_VERSION, MODEL_OF);
		return 0;
	}
	if (!strcmp(argv[1], "--help")) {
		help();
		return 0;
	}
	usage(stderr);
	return 2;
}
