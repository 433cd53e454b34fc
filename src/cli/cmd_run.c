// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab run, check, parse and policies: run one scenario (TAP, or its
 * results as JSON, or an HTML report), a suite of them, print one in
 * canonical form, list the design switches.
 */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guest/exec/wire.h"
#include "report/html.h"
#include "report/json.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/policy.h"
#include "scenario/run.h"

/* ---- one scenario ---- */

/* Parse @file ("-": standard input); NULL with the messages in @err. */
static struct scn_script *parse(const char *file, struct strbuf *err)
{
	struct scn_script *script = NULL;
	size_t len;
	char *text;

	if (strcmp(file, "-")) {
		scn_parse_file(file, &script, err);
		return script;
	}
	text = cli_slurp("-", &len, err);
	if (text)
		scn_parse_string("<stdin>", text, len, &script, err);
	free(text);
	return script;
}

/* The scenario on the model; the exit status. */
static int execute(const struct scn_script *script,
		   const struct scn_run_options *opts, struct results *r)
{
	struct scn_backend *be = scn_model_create(script, opts);
	int ret;

	if (!be) {
		if (r && !r->error)
			r->error = rs_strdup("the model could not be set up");
		return 2;
	}
	ret = scn_run(script, be, opts);
	/* a model bug in teardown fails the run too (see stderr) */
	if (scn_model_destroy(be) && !ret) {
		ret = 1;
		if (r)
			r->exit_code = 1;
	}
	return ret;
}

static int write_report(const char *dir, const struct results *r)
{
	struct strbuf json = STRBUF_INIT, html = STRBUF_INIT, err = STRBUF_INIT;
	struct strbuf path = STRBUF_INIT;
	int ret = cli_mkdirs(dir);

	if (ret) {
		fprintf(stderr, "memcglab: %s: %s\n", dir, strerror(-ret));
		return ret;
	}
	results_to_json(r, &json);
	html_run_report(r, &html);
	sb_printf(&path, "%s/results.json", dir);
	ret = cli_write(path.buf, json.buf, json.len, &err);
	sb_reset(&path);
	sb_printf(&path, "%s/report.html", dir);
	if (!ret)
		ret = cli_write(path.buf, html.buf, html.len, &err);
	if (ret)
		fputs(err.buf, stderr);
	else
		fprintf(stderr, "memcglab: wrote %s\n", path.buf);
	sb_release(&json);
	sb_release(&html);
	sb_release(&err);
	sb_release(&path);
	return ret;
}

/* After the run: the JSON and the report, as asked. */
static int emit(struct cli_run *run, const struct results *r)
{
	struct strbuf json = STRBUF_INIT, err = STRBUF_INIT;
	int ret = 0;

	if (run->json) {
		results_to_json(r, &json);
		ret = cli_write(run->output ? run->output : "-", json.buf,
				json.len, &err);
		if (ret)
			fputs(err.buf, stderr);
	}
	if (!ret && run->report)
		ret = write_report(run->report, r);
	sb_release(&json);
	sb_release(&err);
	return ret;
}

int cli_run_file(struct cli_run *run)
{
	struct scn_run_options *opts = &run->opts;
	struct strbuf err = STRBUF_INIT;
	struct scn_set *sets = calloc(run->nsets + 1, sizeof(*sets));
	struct cli_results cr = { .r = NULL };
	struct scn_script *script = parse(run->file, &err);
	bool results = run->json || run->report;
	struct scn_observer wire;
	int ret = 2;

	if (!sets)
		abort();
	if (script && !scn_sets_parse(run->sets, run->nsets, sets, &err)) {
		opts->sets = sets;
		opts->nsets = run->nsets;
	} else if (script) {
		scn_script_free(script);
		script = NULL;
	}
	if (results) {
		cli_results_init(&cr, run->file, script, opts, run->sets, run->nsets);
		opts->observer = &cr.obs;
	} else if (run->observe) {
		wire_observer(&wire, opts->out);
		opts->observer = &wire;
	}
	fputs(err.buf ? err.buf : "", opts->err ? opts->err : stderr);
	if (script) {
		struct cli_progress prog;

		fprintf(opts->out, "# memcglab %s: a model of %s: %s\n",
			MEMCGLAB_VERSION, MODEL_OF, run->file);
		cli_progress_init(&prog, run->file, opts);
		ret = execute(script, opts, cr.r);
		cli_progress_end(&prog);
	} else if (cr.r) {
		cr.r->error = rs_strdup(err.buf ? err.buf : "parse error");
		cr.r->exit_code = 2;
	}
	if (cr.r && emit(run, cr.r))
		ret = 2;
	results_free(cr.r);
	scn_sets_free(sets, opts->nsets);
	free(sets);
	scn_script_free(script);
	sb_release(&err);
	return ret;
}

/* ---- memcglab run ---- */

static const char run_usage[] =
	"usage: memcglab run [OPTIONS] FILE|-\n"
	"Run a scenario on the model; TAP lines, then \"N passed, N failed\".\n"
	"Exit status: 0 every expectation held, 1 one failed, 2 an error.\n"
	"\n"
	"  -s, --seed N            the machine's seed (0 to 2^64-1), over the scenario's\n"
	"      --content real|model  what pages hold, over the machine statement's:\n"
	"                          their bytes, or descriptors of them (the same numbers,\n"
	"                          a fraction of the host memory and time)\n"
	"  -p, --policy NAME=VALUE a design switch, over the scenario's `policy` (repeatable)\n"
	"  -S, --set TARGET=VALUE  write VALUE to TARGET after the scenario's own writes\n"
	"                          of it (repeatable; docs/scenario.md, \"Sweeps\")\n"
	"  -t, --trace FILE|-      log every charge, uncharge and event\n"
	"  -O, --observe           also print every value the run saw as a \"#@\" line:\n"
	"                          each read, both sides of each expect, each TAP line\n"
	"                          (the lines `memcglab compare` reads)\n"
	"  -v, --verify            check the model's invariants after every statement\n"
	"  -j, --json              the results as one JSON document instead of TAP\n"
	"                          (docs/json.md)\n"
	"  -o, --output FILE       with --json: write it to FILE (whole or not at all)\n"
	"  -r, --report DIR        also write DIR/report.html and DIR/results.json\n"
	"  -R, --record-dir DIR    write `record` files with relative names in DIR\n"
	"  -L, --limit NAME=N      a bound of the run (repeatable): ops, the pages\n"
	"                          or operations of one action (default 100M);\n"
	"                          samples, of one recording (default 1M)\n"
	"  -h, --help              this help\n"
	"      --kernel            run it on a real Linux 6.12 under qemu instead\n"
	"                          (memcglab run --kernel --help)\n"
	"\n"
	"FILE - reads the scenario from standard input.\n";

static const struct option run_options[] = {
	{ "seed", required_argument, NULL, 's' },
	{ "content", required_argument, NULL, 'C' },
	{ "policy", required_argument, NULL, 'p' },
	{ "set", required_argument, NULL, 'S' },
	{ "trace", required_argument, NULL, 't' },
	{ "observe", no_argument, NULL, 'O' },
	{ "verify", no_argument, NULL, 'v' },
	{ "json", no_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "report", required_argument, NULL, 'r' },
	{ "record-dir", required_argument, NULL, 'R' },
	{ "limit", required_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void add_arg(const char ***v, int *n, const char *arg)
{
	*v = realloc(*v, (*n + 1) * sizeof(char *));
	if (!*v)
		abort();
	(*v)[(*n)++] = arg;
}

static int policy_arg(const char *cmd, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name;
	int ret;

	if (!eq)
		return cli_usage_error(cmd, "--policy %s: expected NAME=VALUE", arg);
	name = strndup(arg, eq - arg);
	if (!name)
		abort();
	ret = cli_check_policy(cmd, name, eq + 1);
	free(name);
	return ret;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* One option of `run`; 0, EXIT_USAGE, or CLI_HELP after --help. */
static int run_option(int c, struct cli_run *run, const char **trace)
{
	switch (c) {
	case 's':
		run->opts.seed_set = true;
		return cli_parse_seed("run", optarg, &run->opts.seed);
	case 'C':
		if (!strcmp(optarg, "real"))
			run->opts.content = SCN_CONTENT_REAL;
		else if (!strcmp(optarg, "model"))
			run->opts.content = SCN_CONTENT_MODEL;
		else
			return cli_usage_error("run", "--content %s: expected "
					       "real or model", optarg);
		return 0;
	case 'p':
		add_arg(&run->opts.policies, &run->opts.npolicies, optarg);
		return policy_arg("run", optarg);
	case 'S':
		add_arg(&run->sets, &run->nsets, optarg);
		return cli_check_set("run", optarg);
	case 't':
		*trace = optarg;
		return 0;
	case 'O':
		run->observe = true;
		return 0;
	case 'v':
		run->opts.verify = true;
		return 0;
	case 'j':
		run->json = true;
		return 0;
	case 'o':
		run->output = optarg;
		return 0;
	case 'r':
		run->report = optarg;
		return 0;
	case 'R':
		run->opts.record_dir = optarg;
		return 0;
	case 'L':
		return cli_parse_limit("run", optarg, &run->opts.limits);
	case 'h':
		fputs(run_usage, stdout);
		putchar('\n');
		cli_print_policies(stdout);
		return CLI_HELP;
	}
	return EXIT_USAGE;
}

/*
 * Open the trace only once the whole command line is known to be good: a
 * mistyped `run --trace my.scn` must not truncate the scenario it names.
 */
static int open_trace(const char *path, struct scn_run_options *opts)
{
	if (!path)
		return 0;
	if (ends_with(path, ".scn"))
		return cli_usage_error("run", "--trace %s would overwrite a scenario",
				       path);
	opts->trace = strcmp(path, "-") ? fopen(path, "w") : stderr;
	if (!opts->trace) {
		perror(path);
		return EXIT_USAGE;
	}
	return 0;
}

static int run_args(int argc, char **argv, struct cli_run *run)
{
	const char *trace = NULL;
	int c, ret = 0;

	while (!ret && (c = cli_getopt("run", argc, argv, ":s:p:S:t:Ovjo:r:R:L:h",
				       run_options)) != -1)
		ret = run_option(c, run, &trace);
	if (ret)
		return ret;
	if (optind != argc - 1)
		return cli_usage_error("run", optind == argc ? "no scenario file" :
				       "one scenario file, not %d", argc - optind);
	run->file = argv[optind];
	if (run->output && !run->json)
		return cli_usage_error("run", "--output is for --json");
	if (run->observe && (run->json || run->report))
		return cli_usage_error("run", "--observe is for the TAP output, "
				       "not --json or --report");
	return open_trace(trace, &run->opts);
}

int cmd_run(int argc, char **argv)
{
	struct cli_run run = { .opts = { .out = stdout } };
	int ret = run_args(argc, argv, &run);

	if (!ret) {
		/* the JSON replaces the TAP text */
		if (run.json)
			run.opts.out = fopen("/dev/null", "w");
		ret = run.opts.out ? cli_run_file(&run) : 2;
		if (run.opts.out != stdout && run.opts.out)
			fclose(run.opts.out);
	}
	if (run.opts.trace && run.opts.trace != stderr)
		fclose(run.opts.trace);
	free(run.opts.policies);
	free(run.sets);
	return ret == CLI_HELP ? 0 : ret;
}
