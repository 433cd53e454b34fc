// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab check (a suite of scenarios), parse (the canonical form) and
 * policies (the design switches' table).
 */
#include "cli/cli.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/parser.h"
#include "scenario/policy.h"

/* ---- memcglab check ---- */

static const char check_usage[] =
	"usage: memcglab check [--json] DIR|FILE...\n"
	"Run every .scn below each DIR, and each FILE, with --verify; one line\n"
	"each (a failed one's `not ok` lines and first error below it), then\n"
	"\"N passed, N failed\".  Exit status 1 if any failed, 2 with nothing\n"
	"to run.\n"
	"\n"
	"  -j, --json   each scenario's results as one JSON document a line\n"
	"               (JSON Lines; docs/json.md) instead of the lines\n"
	"  -h, --help   this help\n";

static const struct option check_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(char ***list, size_t *n, char *path)
{
	*list = realloc(*list, (*n + 1) * sizeof(char *));
	if (!*list)
		abort();
	(*list)[(*n)++] = path;
}

/* Every .scn below @dir, appended to *list. */
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
			add_file(list, n, sb_detach(&path));
		} else {
			sb_release(&path);
		}
	}
	closedir(d);
}

/* A failed scenario's `not ok` lines (not the TODOs) and its first error. */
static void show_failure(const char *out, const char *err)
{
	const char *line, *nl;

	for (line = out; line && *line; line = nl ? nl + 1 : NULL) {
		const char *todo = strstr(line, " # TODO ");
		int len;

		nl = strchr(line, '\n');
		len = nl ? (int)(nl - line) : (int)strlen(line);
		if (!strncmp(line, "not ok ", 7) && (!todo || todo > line + len))
			printf("    %.*s\n", len, line);
	}
	if (err && *err) {
		nl = strchr(err, '\n');
		printf("    %.*s\n", nl ? (int)(nl - err) : (int)strlen(err), err);
	}
}

static int check_one(const char *file, bool json, FILE *devnull)
{
	struct cli_run run = {
		.file = file, .json = json,
		.opts = { .verify = true, .out = devnull },
	};
	char *out = NULL, *err = NULL;
	size_t olen = 0, elen = 0;
	int ret;

	if (!json) {
		run.opts.out = open_memstream(&out, &olen);
		run.opts.err = open_memstream(&err, &elen);
	}
	ret = run.opts.out && (json || run.opts.err) ? cli_run_file(&run) : 2;
	if (!json) {
		if (run.opts.out)
			fclose(run.opts.out);
		if (run.opts.err)
			fclose(run.opts.err);
		printf("%-60s %s\n", file, ret ? "FAIL" : "ok");
		if (ret)
			show_failure(out, err);
	}
	free(out);
	free(err);
	return ret;
}

int cmd_check(int argc, char **argv)
{
	FILE *devnull;
	char **files = NULL;
	size_t n = 0, i;
	int failed = 0, c;
	bool json = false;

	while ((c = cli_getopt("check", argc, argv, ":jh", check_options)) != -1) {
		if (c == 'h') {
			fputs(check_usage, stdout);
			return 0;
		}
		if (c != 'j')
			return EXIT_USAGE;
		json = true;
	}
	if (optind == argc)
		return cli_usage_error("check", "no scenario or directory");
	for (i = optind; i < (size_t)argc; i++) {
		struct stat st;

		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode))
			collect(argv[i], &files, &n);
		else
			add_file(&files, &n, strdup(argv[i]));
	}
	if (!n)
		return cli_usage_error("check", "no .scn file to run");
	qsort(files, n, sizeof(char *), cmp_str);
	devnull = fopen("/dev/null", "w");
	for (i = 0; i < n; i++) {
		failed += devnull && check_one(files[i], json, devnull) != 0;
		free(files[i]);
	}
	if (devnull)
		fclose(devnull);
	free(files);
	if (!json)
		printf("%zu passed, %d failed\n", n - failed, failed);
	return failed ? 1 : 0;
}

/* ---- memcglab parse ---- */

static const char parse_usage[] =
	"usage: memcglab parse FILE|-\n"
	"Print the scenario in canonical form (sizes in bytes, durations in ns);\n"
	"the output parses to the same statements.\n";

static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_parse(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	struct scn_script *script = NULL;
	const char *file;
	char *text;
	size_t len;
	int c;

	while ((c = cli_getopt("parse", argc, argv, ":h", help_only)) != -1) {
		if (c != 'h')
			return EXIT_USAGE;
		fputs(parse_usage, stdout);
		return 0;
	}
	if (optind != argc - 1)
		return cli_usage_error("parse", "one scenario file, or - for standard input");
	file = argv[optind];
	text = cli_slurp(file, &len, &err);
	if (text)
		scn_parse_string(strcmp(file, "-") ? file : "<stdin>", text, len,
				 &script, &err);
	free(text);
	if (script)
		scn_script_dump(script, &sb);
	fputs(script ? (sb.buf ? sb.buf : "") : "", stdout);
	fputs(err.buf ? err.buf : "", stderr);
	sb_release(&sb);
	sb_release(&err);
	c = script ? 0 : 2;
	scn_script_free(script);
	return c;
}

/* ---- memcglab policies ---- */

static const char policies_usage[] =
	"usage: memcglab policies [--markdown]\n"
	"The design switches of `policy NAME=VALUE` and --policy, from their one\n"
	"table: each switch and its values, the first being Linux 6.12's.\n"
	"  -m, --markdown   the table as docs/scenario.md shows it\n";

static const struct option policies_options[] = {
	{ "markdown", no_argument, NULL, 'm' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_policies(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	bool markdown = false;
	int c;

	while ((c = cli_getopt("policies", argc, argv, ":mh",
			       policies_options)) != -1) {
		if (c == 'h') {
			fputs(policies_usage, stdout);
			return 0;
		}
		if (c != 'm')
			return EXIT_USAGE;
		markdown = true;
	}
	if (optind != argc)
		return cli_usage_error("policies", "no arguments, only --markdown");
	if (markdown)
		scn_policy_markdown(&sb);
	else
		scn_policy_list(&sb);
	fputs(sb.buf ? sb.buf : "", stdout);
	sb_release(&sb);
	return 0;
}
