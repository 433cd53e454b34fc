// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab trace damon: DAMON's access records to a replay trace
 * (docs/scenario.md, "Traces from DAMON").
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "trace/damon.h"

static const char trace_usage[] =
	"usage: memcglab trace damon [OPTIONS] RECORD|-\n"
	"Convert DAMON's access records to a replay trace on standard output:\n"
	"`perf script` output of the damon:damon_aggregated tracepoint, or\n"
	"damo's raw form (`damo report raw`, `damo report access --raw_form`).\n"
	"\n"
	"  -t, --target N      the record's target N (default: the first)\n"
	"  -P, --prefix NAME   name the trace's regions NAME0, NAME1, ... (damon)\n"
	"  -o, --output FILE   write the trace to FILE instead\n"
	"  -h, --help          this help\n";

static const struct option trace_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "prefix", required_argument, NULL, 'P' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A region name must be an identifier of the language: [A-Za-z_][\w-]* */
static bool identifier(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789_-") == strlen(s);
}

static int trace_args(int argc, char **argv, struct damon_opts *o,
		      const char **output)
{
	int c;

	while ((c = cli_getopt("trace", argc, argv, ":t:P:o:h",
			       trace_options)) != -1) {
		switch (c) {
		case 't':
			o->have_target = true;
			if (cli_parse_seed("trace", optarg, &o->target))
				return EXIT_USAGE;
			break;
		case 'P':
			if (!identifier(optarg))
				return cli_usage_error("trace", "--prefix '%s' is not "
						       "a region name", optarg);
			o->prefix = optarg;
			break;
		case 'o':
			*output = optarg;
			break;
		case 'h':
			fputs(trace_usage, stdout);
			return CLI_HELP;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind == argc || strcmp(argv[optind], "damon"))
		return cli_usage_error("trace", optind == argc ? "which format? (damon)" :
				       "unknown format '%s' (damon)", argv[optind]);
	if (optind + 2 != argc)
		return cli_usage_error("trace", "one DAMON record file, or -");
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	struct damon_opts o = { .prefix = "damon" };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *output = "-", *in;
	char *text;
	size_t len;
	int ret = trace_args(argc, argv, &o, &output);

	if (ret)
		return ret == CLI_HELP ? 0 : ret;
	in = argv[argc - 1];
	text = cli_slurp(in, &len, &err);
	ret = text ? damon_to_trace(text, len, strcmp(in, "-") ? in : "<stdin>",
				    &o, &out, &err) : -1;
	if (!ret)
		ret = cli_write(output, out.buf ? out.buf : "", out.len, &err);
	fputs(err.buf ? err.buf : "", stderr);
	free(text);
	sb_release(&out);
	sb_release(&err);
	return ret ? 2 : 0;
}
