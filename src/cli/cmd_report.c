// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab report: the HTML report of a run's JSON results, or of a
 * sweep's directory of them.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/html.h"
#include "report/json.h"
#include "report/sweep.h"

static const char report_usage[] =
	"usage: memcglab report [-o FILE] RESULTS.json|DIR|-\n"
	"One self-contained HTML page: a run's results (from run --json or\n"
	"run --report), or a sweep's from a directory of them (sweep --out).\n"
	"\n"
	"  -o, --output FILE   where to write it (default: RESULTS.html, or\n"
	"                      DIR/index.html; - for standard output)\n"
	"  -h, --help          this help\n";

static const struct option report_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* X.json -> X.html, DIR -> DIR/index.html */
static char *default_output(const char *in, bool dir)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(in);

	if (dir)
		sb_printf(&sb, "%s/index.html", in);
	else if (n > 5 && !strcmp(in + n - 5, ".json"))
		sb_printf(&sb, "%.*s.html", (int)(n - 5), in);
	else
		sb_printf(&sb, "%s.html", in);
	return sb_detach(&sb);
}

static int build(const char *in, bool dir, struct strbuf *html,
		 struct strbuf *err)
{
	struct results **runs = NULL, *r = NULL;
	struct sweep_table t;
	int n, i;

	if (!dir) {
		if (results_load(in, &r, err))
			return -1;
		html_run_report(r, html);
		results_free(r);
		return 0;
	}
	n = sweep_load_dir(in, &runs, err);
	if (n < 0)
		return -1;
	sweep_table_build(&t, runs, n, NULL, 0);
	sweep_html_report(&t, html);
	sweep_table_release(&t);
	for (i = 0; i < n; i++)
		results_free(runs[i]);
	free(runs);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct strbuf html = STRBUF_INIT, err = STRBUF_INIT;
	const char *output = NULL, *in;
	char *out = NULL;
	bool dir;
	int c, ret;

	while ((c = cli_getopt("report", argc, argv, ":o:h", report_options)) != -1) {
		if (c == 'h') {
			fputs(report_usage, stdout);
			return 0;
		}
		if (c != 'o')
			return EXIT_USAGE;
		output = optarg;
	}
	if (optind != argc - 1)
		return cli_usage_error("report", "one results file or directory");
	in = argv[optind];
	dir = strcmp(in, "-") && is_dir(in);
	out = output ? strdup(output) : default_output(strcmp(in, "-") ? in :
						      "results", dir);
	ret = build(in, dir, &html, &err);
	if (!ret)
		ret = cli_write(out, html.buf, html.len, &err);
	if (ret)
		fputs(err.buf ? err.buf : "", stderr);
	else if (strcmp(out, "-"))
		fprintf(stderr, "memcglab: wrote %s\n", out);
	free(out);
	sb_release(&html);
	sb_release(&err);
	return ret ? 2 : 0;
}
