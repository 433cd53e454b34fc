// SPDX-License-Identifier: GPL-2.0
/*
 * The memcglab command: a subcommand and its options (each subcommand's
 * --help lists them; docs/memcglab.1 is the manual).
 */
#include "cli/cli.h"
#include "cli/kernel.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *what;
} commands[] = {
	{ "run", cmd_run, "run a scenario: TAP, --json results, --report" },
	{ "check", cmd_check, "run a suite of scenarios" },
	{ "sweep", cmd_sweep, "run a scenario over a grid of values; one table" },
	{ "compare", cmd_kernel_compare, "one scenario on the model and the real kernel, side by side" },
	{ "compare-policies", cmd_compare, "one scenario under several policy values" },
	{ "report", cmd_report, "an HTML report from JSON results" },
	{ "trace", cmd_trace, "convert DAMON's access records to a replay trace" },
	{ "parse", cmd_parse, "print a scenario in canonical form" },
	{ "policies", cmd_policies, "the design switches and their values" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: memcglab COMMAND [OPTIONS] [ARGS]\n"
		"       memcglab --help | --version\n\n"
		"An executable model of the Linux 6.12 memory-cgroup memory manager\n(classic LRU).\n\n"
		"commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-18s %s\n", commands[i].name, commands[i].what);
	fprintf(f, "\n`memcglab COMMAND --help` lists a command's options; "
		"`man memcglab` has them all.\n\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "run") && kernel_wanted(argc - 2, argv + 2))
		return cmd_run_kernel(argc - 1, argv + 1);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("memcglab %s, a model of %s\n", MEMCGLAB_VERSION, MODEL_OF);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		cli_print_policies(stdout);
		return 0;
	}
	if (argv[1][0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
