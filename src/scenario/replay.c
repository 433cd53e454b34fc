// SPDX-License-Identifier: GPL-2.0
/*
 * Reading `replay` traces (replay.h): the same parse for the model and for
 * the guest executor on a real kernel, so that both replay the same
 * accesses.  The file is found through scn_rt_file_path(), relative to
 * the scenario file that names it.
 */
#include "scenario/replay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parser.h"

static const char *intern(struct scn_trace *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nnames; i++)
		if (!strcmp(t->names[i], name))
			return t->names[i];
	t->names = realloc(t->names, (t->nnames + 1) * sizeof(char *));
	if (!t->names)
		abort();
	t->names[t->nnames] = strdup(name);
	if (!t->names[t->nnames])
		abort();
	return t->names[t->nnames++];
}

/* Parse one trace line into @op; 1 if it holds an access, 0 if blank. */
static int parse_line(struct scn_trace *t, char *line, struct scn_trace_op *op)
{
	char *words[4], *save = NULL, *w, *plus;
	int n = 0;
	u64 page, count = 1;

	line[strcspn(line, "#\n")] = '\0';
	for (w = strtok_r(line, " \t\r", &save); w && n < 4;
	     w = strtok_r(NULL, " \t\r", &save))
		words[n++] = w;
	if (!n)
		return 0;
	if (n != 4 || strtok_r(NULL, " \t\r", &save))
		return -EINVAL;
	if (scn_parse_duration(words[0], &op->when))
		return -EINVAL;
	if (strcmp(words[1], "r") && strcmp(words[1], "w"))
		return -EINVAL;
	op->write = words[1][0] == 'w';
	plus = strchr(words[3], '+');
	if (plus) {
		*plus = '\0';
		if (scn_parse_count(plus + 1, &count) || !count)
			return -EINVAL;
	}
	if (scn_parse_count(words[3], &page))
		return -EINVAL;
	op->region = intern(t, words[2]);
	op->page = page;
	op->count = count;
	return 1;
}

static struct scn_trace_op *next_op(struct scn_trace *t)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 1024;
		t->ops = realloc(t->ops, t->alloc * sizeof(*t->ops));
		if (!t->ops)
			abort();
	}
	return &t->ops[t->n];
}

/* "PATH:LINE: message" in @err; -EINVAL. */
static int trace_error(struct strbuf *err, const char *path, int lineno,
		       const char *msg)
{
	sb_printf(err, "%s:%d: %s", path, lineno, msg);
	return -EINVAL;
}

int scn_trace_read(FILE *f, const char *path, u64 limit, struct scn_trace *t,
		   struct strbuf *err)
{
	char line[SCN_TRACE_LINE_MAX + 2];
	u64 pages = 0;
	int lineno = 0, r;

	memset(t, 0, sizeof(*t));
	while (fgets(line, sizeof(line), f)) {
		struct scn_trace_op *op = next_op(t);

		lineno++;
		if (!strchr(line, '\n') && strlen(line) > SCN_TRACE_LINE_MAX)
			return trace_error(err, path, lineno, "line longer than "
					   "511 bytes");
		r = parse_line(t, line, op);
		if (r < 0)
			return trace_error(err, path, lineno, "expected `TIME "
					   "r|w REGION PAGE[+N]`");
		if (r && t->n && op->when < t->ops[t->n - 1].when)
			return trace_error(err, path, lineno,
					   "time goes backwards");
		t->n += r;
		/* the accesses are bounded as an action's are: stop reading */
		if (r && (op->count > limit || (pages += op->count) > limit)) {
			sb_printf(err, "%s:%d: more than %llu page accesses, "
				  "the limit of one action (memcglab run "
				  "--limit ops=N)", path, lineno,
				  (unsigned long long)limit);
			return -E2BIG;
		}
	}
	if (ferror(f)) {
		sb_printf(err, "cannot read trace %s: %s", path,
			  strerror(errno));
		return -EIO;
	}
	return 0;
}

int scn_trace_load(struct scn_rt *rt, const char *path, struct scn_trace *t)
{
	char *file = scn_rt_file_path(rt, path);
	FILE *f = fopen(file, "r");
	struct strbuf err = STRBUF_INIT;
	int ret;

	memset(t, 0, sizeof(*t));
	if (!f) {
		ret = -errno;
		scn_rt_error(rt, "cannot open trace %s", file);
		free(file);
		return ret;
	}
	ret = scn_trace_read(f, file, scn_rt_limits(rt).ops, t, &err);
	fclose(f);
	free(file);
	if (ret) {
		scn_rt_error(rt, "%s", err.buf);
		scn_trace_release(t);
	}
	sb_release(&err);
	return ret;
}

void scn_trace_release(struct scn_trace *t)
{
	size_t i;

	for (i = 0; i < t->nnames; i++)
		free(t->names[i]);
	free(t->names);
	free(t->ops);
	memset(t, 0, sizeof(*t));
}
