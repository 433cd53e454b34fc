// SPDX-License-Identifier: GPL-2.0
/*
 * Observations as lines (wire.h).  Text is escaped (\\ \n \t \r), numbers
 * are decimal, a value is an integer, "max" or "-" (none):
 *
 *	#@ read LINE ERR TEXT       ("-" for none)
 *	#@ values LINE LHS RHS
 *	#@ tap LINE OK TODO
 *	#@ event LINE KIND PROCESS
 *	#@ error MESSAGE
 *	#@ end STATUS PASSED FAILED TODO
 *	#@ file NAME, #@ data LINE..., #@ endfile   (a record file)
 */
#include "guest/exec/wire.h"

#include <stdlib.h>
#include <string.h>

static void put_escaped(FILE *f, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\')
			fputs("\\\\", f);
		else if (s[i] == '\n')
			fputs("\\n", f);
		else if (s[i] == '\t')
			fputs("\\t", f);
		else if (s[i] == '\r')
			fputs("\\r", f);
		else
			fputc(s[i], f);
	}
}

static void put_value(FILE *f, const struct scn_sample *v)
{
	if (v->kind == SCN_SAMPLE_NUM)
		fprintf(f, " %lld", (long long)v->n);
	else
		fputs(v->kind == SCN_SAMPLE_MAX ? " max" : " -", f);
}

static void on_read(void *arg, const struct scn_stmt *s, u64 now,
		    const char *text, size_t len, int err)
{
	FILE *f = arg;

	fprintf(f, WIRE_MARK "read %d %d ", s->line, err);
	if (text)
		put_escaped(f, text, len);
	else
		fputc('-', f);
	fputc('\n', f);
}

static void on_values(void *arg, const struct scn_stmt *s,
		      const struct scn_sample *lhs,
		      const struct scn_sample *rhs)
{
	FILE *f = arg;

	fprintf(f, WIRE_MARK "values %d", s->line);
	put_value(f, lhs);
	put_value(f, rhs);
	fputc('\n', f);
}

static void on_tap(void *arg, const struct scn_stmt *s, u64 now, bool ok,
		   bool todo, const char *reason, const char *detail)
{
	fprintf(arg, WIRE_MARK "tap %d %d %d\n", s->line, ok, todo);
}

static void on_event(void *arg, const struct scn_stmt *s, u64 now,
		     const char *kind, const struct scn_proc *p,
		     const char *text)
{
	if (p)
		fprintf(arg, WIRE_MARK "event %d %s %s\n", s ? s->line : 0,
			kind, p->name);
}

static void on_error(void *arg, const char *msg)
{
	fputs(WIRE_MARK "error ", arg);
	put_escaped(arg, msg, strlen(msg));
	fputc('\n', arg);
}

static void on_end(void *arg, u64 now, const struct scn_rt *rt, int status)
{
	fprintf(arg, WIRE_MARK "end %d %d %d %d\n", status, rt->passed,
		rt->failed, rt->todo);
}

void wire_observer(struct scn_observer *o, FILE *f)
{
	memset(o, 0, sizeof(*o));
	o->arg = f;
	o->read = on_read;
	o->values = on_values;
	o->tap = on_tap;
	o->event = on_event;
	o->error = on_error;
	o->end = on_end;
}

void wire_put_file(FILE *out, const char *name, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];	/* escaped, well within a guest's line */
	size_t len;

	if (!f)
		return;
	fputs(WIRE_MARK "file ", out);
	put_escaped(out, name, strlen(name));
	fputc('\n', out);
	while (fgets(line, sizeof(line), f)) {
		len = strlen(line);
		fputs(WIRE_MARK "data ", out);
		put_escaped(out, line, len);
		fputc('\n', out);
	}
	fputs(WIRE_MARK "endfile\n", out);
	fclose(f);
}

/* ---- reading them back ---- */

char *wire_unescape(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;
	size_t i;

	if (!out)
		abort();
	for (i = 0; i < len; i++) {
		if (s[i] != '\\' || i + 1 == len) {
			*o++ = s[i];
			continue;
		}
		i++;
		*o++ = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' :
		       s[i] == 'r' ? '\r' : s[i];
	}
	*o = '\0';
	return out;
}

static const char *parse_value(const char *p, struct scn_sample *v)
{
	char *end;

	p += strspn(p, " ");
	v->kind = SCN_SAMPLE_NONE;
	v->n = 0;
	if (!strncmp(p, "max", 3)) {
		v->kind = SCN_SAMPLE_MAX;
		return p + 3;
	}
	if (*p == '-' && (p[1] == ' ' || !p[1] || p[1] == '\n'))
		return p + 1;
	v->n = strtoll(p, &end, 10);
	if (end != p)
		v->kind = SCN_SAMPLE_NUM;
	return end;
}

static struct wire_obs *next_obs(struct wire_list *l)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 64;
		l->v = realloc(l->v, l->alloc * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n];
}

/*
 * One line after the mark, NUL-terminated (so that no sscanf() reads on
 * into the next line); 0 if it is one, -1 if not.
 */
static int parse_line(const char *p, struct wire_obs *o)
{
	const char *end = p + strlen(p);
	int a = 0, b = 0, c = 0, d = 0, n = 0;
	char kind[16], word[64];

	if (sscanf(p, "%15s %n", kind, &n) != 1)
		return -1;
	p += n;
	if (!strcmp(kind, "read") && sscanf(p, "%d %d%n", &a, &b, &n) == 2) {
		o->kind = WIRE_READ;
		o->line = a;
		o->err = b;
		p += n;
		p += p < end && *p == ' ';
		o->text = b || (end - p == 1 && *p == '-') ? NULL :
			  wire_unescape(p, end - p);
	} else if (!strcmp(kind, "values") && sscanf(p, "%d%n", &a, &n) == 1) {
		o->kind = WIRE_VALUES;
		o->line = a;
		parse_value(parse_value(p + n, &o->lhs), &o->rhs);
	} else if (!strcmp(kind, "tap") &&
		   sscanf(p, "%d %d %d", &a, &b, &c) == 3) {
		o->kind = WIRE_TAP;
		o->line = a;
		o->ok = b;
		o->todo = c;
	} else if (!strcmp(kind, "event") &&
		   sscanf(p, "%d %63s %n", &a, word, &n) == 2) {
		o->kind = WIRE_EVENT;
		o->line = a;
		o->text = malloc(strlen(word) + (end - p - n) + 2);
		if (!o->text)
			abort();
		sprintf(o->text, "%s %.*s", word, (int)(end - p - n), p + n);
	} else if (!strcmp(kind, "error")) {
		o->kind = WIRE_ERROR;
		o->text = wire_unescape(p, end - p);
	} else if (!strcmp(kind, "end") &&
		   sscanf(p, "%d %d %d %d", &a, &b, &c, &d) == 4) {
		o->kind = WIRE_END;
		o->status = a;
		o->passed = b;
		o->failed = c;
		o->ntodo = d;
	} else {
		return -1;
	}
	return 0;
}

void wire_parse(const char *text, struct wire_list *l)
{
	size_t mark = strlen(WIRE_MARK);
	const char *p, *nl;

	for (p = text; p && *p; p = nl ? nl + 1 : NULL) {
		char *line;

		nl = strchr(p, '\n');
		if (strncmp(p, WIRE_MARK, mark))
			continue;
		line = strndup(p + mark, (nl ? (size_t)(nl - p) : strlen(p)) -
			       mark);
		if (!line)
			abort();
		if (!parse_line(line, next_obs(l)))
			l->n++;
		free(line);
	}
}

void wire_list_release(struct wire_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
