// SPDX-License-Identifier: GPL-2.0
/*
 * What every subcommand's options need: getopt_long with messages that
 * name the bad option, seeds and lists, policy names checked against the
 * one table, files read from or written to "-".
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario/parser.h"
#include "scenario/policy.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "memcglab%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see memcglab%s%s --help)\n", cmd ? " " : "",
		cmd ? cmd : "");
	return EXIT_USAGE;
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?' && optopt)
		cli_usage_error(cmd, "unknown option '-%c'", optopt);
	else if (c == '?')
		cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
	else if (c == ':')
		cli_usage_error(cmd, "option '%s' needs a value",
				argv[optind - 1]);
	return c == ':' ? '?' : c;
}

int cli_parse_seed(const char *cmd, const char *s, u64 *seed)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end || errno)
		return cli_usage_error(cmd, "--seed '%s': expected a number from 0 "
				       "to 18446744073709551615", s);
	*seed = v;
	return 0;
}

static int seed_range(const char *cmd, const char *s, const char *dots,
		      u64 **seeds, size_t *n)
{
	char *lo = strndup(s, dots - s);
	u64 a, b, i;
	int ret;

	if (!lo)
		abort();
	ret = cli_parse_seed(cmd, lo, &a);
	free(lo);
	if (ret || cli_parse_seed(cmd, dots + 2, &b))
		return EXIT_USAGE;
	if (b < a || b - a >= 100000)
		return cli_usage_error(cmd, "--seeds %s: a range from low to high "
				       "of at most 100000 seeds", s);
	*n = b - a + 1;
	*seeds = calloc(*n, sizeof(u64));
	if (!*seeds)
		abort();
	for (i = 0; i < *n; i++)
		(*seeds)[i] = a + i;
	return 0;
}

int cli_parse_seeds(const char *cmd, const char *s, u64 **seeds, size_t *n)
{
	const char *dots = strstr(s, "..");
	char **list;
	size_t i;

	if (dots)
		return seed_range(cmd, s, dots, seeds, n);
	list = cli_split(s, n);
	*seeds = calloc(*n + 1, sizeof(u64));
	if (!*seeds)
		abort();
	for (i = 0; i < *n; i++)
		if (cli_parse_seed(cmd, list[i], &(*seeds)[i])) {
			cli_free_list(list, *n);
			free(*seeds);
			return EXIT_USAGE;
		}
	cli_free_list(list, *n);
	return 0;
}

char **cli_split(const char *s, size_t *n)
{
	char **v = NULL;
	const char *p = s;

	*n = 0;
	for (;;) {
		size_t len = strcspn(p, ",");

		v = realloc(v, (*n + 1) * sizeof(char *));
		if (!v || !(v[*n] = strndup(p, len)))
			abort();
		(*n)++;
		if (!p[len])
			return v;
		p += len + 1;
	}
}

void cli_free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int cli_check_policy(const char *cmd, const char *name, const char *value)
{
	const struct scn_policy *pol = scn_policy_find(name);
	struct strbuf sb = STRBUF_INIT;
	unsigned int k;
	int ret = 0;

	if (!pol) {
		for (k = 0; k < scn_nr_policies; k++)
			sb_printf(&sb, "%s%s", k ? ", " : "", scn_policies[k].name);
		ret = cli_usage_error(cmd, "unknown policy '%s' (the policies: %s)",
				      name, sb.buf);
	} else if (scn_policy_value(pol, value) < 0) {
		for (k = 0; k < pol->nvalues; k++)
			sb_printf(&sb, "%s%s", k ? ", " : "", pol->values[k]);
		ret = cli_usage_error(cmd, "policy %s has no value '%s' (its values: %s)",
				      name, value, sb.buf);
	}
	sb_release(&sb);
	return ret;
}

int cli_check_set(const char *cmd, const char *arg)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_set set;
	int ret = 0;

	if (scn_sets_parse(&arg, 1, &set, &err))
		ret = cli_usage_error(cmd, "%.*s", (int)strcspn(err.buf, "\n"),
				      err.buf);
	else
		scn_sets_free(&set, 1);
	sb_release(&err);
	return ret;
}

int cli_parse_limit(const char *cmd, const char *arg, struct scn_limits *l)
{
	const char *eq = strchr(arg, '=');
	u64 n;

	if (!eq || scn_parse_count(eq + 1, &n) || !n)
		return cli_usage_error(cmd, "--limit %s: expected ops=N or "
				       "samples=N, N a positive count", arg);
	if (eq - arg == 3 && !strncmp(arg, "ops", 3))
		l->ops = n;
	else if (eq - arg == 7 && !strncmp(arg, "samples", 7))
		l->samples = n;
	else
		return cli_usage_error(cmd, "--limit %.*s: unknown limit (the "
				       "limits: ops, samples)",
				       (int)(eq - arg), arg);
	return 0;
}

void cli_print_policies(FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	scn_policy_list(&sb);
	fprintf(f, "policies (--policy NAME=VALUE, or `policy` in a scenario):\n%s",
		sb.buf ? sb.buf : "");
	sb_release(&sb);
}

char *cli_slurp(const char *path, size_t *len, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char buf[65536];
	bool bad;
	size_t n;

	if (!f) {
		sb_printf(err, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	bad = ferror(f);
	if (bad) {
		sb_printf(err, "%s: %s\n", path, strerror(errno));
		sb_release(&sb);
	}
	if (f != stdin)
		fclose(f);
	*len = sb.len;
	return bad ? NULL : sb_detach(&sb);
}

int cli_write(const char *path, const char *buf, size_t len, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT;
	FILE *f;
	int ret = 0;

	if (!strcmp(path, "-"))
		return fwrite(buf, 1, len, stdout) == len ? 0 : -EIO;
	sb_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	f = fopen(tmp.buf, "w");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) ||
	    rename(tmp.buf, path)) {
		ret = -errno;
		sb_printf(err, "%s: %s\n", path, strerror(errno));
		unlink(tmp.buf);
	}
	sb_release(&tmp);
	return ret;
}

int cli_mkdirs(const char *path)
{
	char *p = strdup(path), *s;
	int ret = 0;

	if (!p)
		abort();
	for (s = p + 1; *s && !ret; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			ret = -errno;
		*s = '/';
	}
	if (!ret && mkdir(p, 0777) && errno != EEXIST)
		ret = -errno;
	free(p);
	return ret;
}

char *cli_self(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}
