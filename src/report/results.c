// SPDX-License-Identifier: GPL-2.0
/*
 * The results of one run, as data (see results.h).
 */
#include "results.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct results *results_new(void)
{
	struct results *r = calloc(1, sizeof(*r));

	if (!r)
		abort();
	r->point = -1;
	return r;
}

char *rs_strdup(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		abort();
	return d;
}

void *rs_grow(void *p, size_t *alloc, size_t n, size_t size)
{
	size_t want;

	if (n < *alloc)
		return p;
	want = *alloc ? 2 * *alloc : 16;
	p = realloc(p, want * size);
	if (!p)
		abort();
	memset((char *)p + *alloc * size, 0, (want - *alloc) * size);
	*alloc = want;
	return p;
}

void rs_pair_add(struct rs_pair **v, size_t *n, const char *name,
		 const char *value)
{
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v)
		abort();
	(*v)[*n].name = rs_strdup(name);
	(*v)[*n].value = rs_strdup(value);
	(*n)++;
}

const char *rs_pair_get(const struct rs_pair *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].value;
	return NULL;
}

struct rs_value rs_value_parse(const char *text, size_t len)
{
	struct rs_value v = { .kind = RS_NONE };
	char buf[32], *end;

	if (text && len && text[len - 1] == '\n')
		len--;
	if (!text || !len || len >= sizeof(buf))
		return v;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!strcmp(buf, "max")) {
		v.kind = RS_MAX;
		return v;
	}
	errno = 0;
	v.n = strtoll(buf, &end, 10);
	if (!errno && *end == '\0' && (buf[0] == '-' || (buf[0] >= '0' && buf[0] <= '9')))
		v.kind = RS_NUM;
	return v;
}

struct rs_read *results_add_read(struct results *r, unsigned int line,
				 u64 time_ns, const char *target,
				 const char *text, size_t len, int err)
{
	struct rs_read *rd;

	r->reads = rs_grow(r->reads, &r->reads_alloc, r->nreads, sizeof(*rd));
	rd = &r->reads[r->nreads++];
	rd->line = line;
	rd->time_ns = time_ns;
	rd->target = rs_strdup(target);
	rd->err = err;
	if (text) {
		rd->text = malloc(len + 1);
		if (!rd->text)
			abort();
		memcpy(rd->text, text, len);
		rd->text[len] = '\0';
		rd->len = len;
	}
	rd->value = rs_value_parse(text, len);
	return rd;
}

struct rs_expect *results_add_expect(struct results *r, unsigned int line,
				     u64 time_ns, const char *source, bool ok,
				     bool todo)
{
	struct rs_expect *e;

	r->expects = rs_grow(r->expects, &r->expects_alloc, r->nexpects, sizeof(*e));
	e = &r->expects[r->nexpects++];
	e->line = line;
	e->time_ns = time_ns;
	e->source = rs_strdup(source);
	e->ok = ok;
	e->todo = todo;
	return e;
}

struct rs_event *results_add_event(struct results *r, unsigned int line,
				   u64 time_ns, const char *kind)
{
	struct rs_event *ev;

	r->events = rs_grow(r->events, &r->events_alloc, r->nevents, sizeof(*ev));
	ev = &r->events[r->nevents++];
	ev->line = line;
	ev->time_ns = time_ns;
	ev->kind = rs_strdup(kind);
	return ev;
}

struct rs_series *results_add_series(struct results *r, unsigned int line,
				     const char *file, u64 interval_ns,
				     size_t ncols, const char *const *targets)
{
	struct rs_series *s = calloc(1, sizeof(*s));
	size_t i;

	if (!s)
		abort();
	s->line = line;
	s->file = rs_strdup(file);
	s->interval_ns = interval_ns;
	s->ncols = ncols;
	s->targets = calloc(ncols ? ncols : 1, sizeof(char *));
	if (!s->targets)
		abort();
	for (i = 0; i < ncols; i++)
		s->targets[i] = rs_strdup(targets[i]);
	r->series = realloc(r->series, (r->nseries + 1) * sizeof(*r->series));
	if (!r->series)
		abort();
	r->series[r->nseries++] = s;
	return s;
}

void series_add_row(struct rs_series *s, u64 time_ns,
		    const struct rs_value *values)
{
	size_t old = s->alloc;

	s->time_ns = rs_grow(s->time_ns, &s->alloc, s->nrows, sizeof(u64));
	if (s->alloc != old) {
		s->values = realloc(s->values,
				    s->alloc * (s->ncols ? s->ncols : 1) *
				    sizeof(*s->values));
		if (!s->values)
			abort();
	}
	s->time_ns[s->nrows] = time_ns;
	memcpy(&s->values[s->nrows * s->ncols], values,
	       s->ncols * sizeof(*values));
	s->nrows++;
}

const struct rs_read *results_last_read(const struct results *r,
					const char *target)
{
	size_t i;

	for (i = r->nreads; i-- > 0;)
		if (!strcmp(r->reads[i].target, target))
			return &r->reads[i];
	return NULL;
}

static void free_pairs(struct rs_pair *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

static void free_series(struct rs_series *s)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		free(s->targets[i]);
	free(s->targets);
	free(s->file);
	free(s->time_ns);
	free(s->values);
	free(s);
}

static void free_header(struct rs_header *h)
{
	free(h->version);
	free(h->model_of);
	free(h->scenario);
	free(h->backend);
	free_pairs(h->policies, h->npolicies);
	free_pairs(h->set, h->nset);
}

void results_free(struct results *r)
{
	size_t i;

	if (!r)
		return;
	free_header(&r->hdr);
	for (i = 0; i < r->nreads; i++) {
		free(r->reads[i].target);
		free(r->reads[i].text);
	}
	free(r->reads);
	for (i = 0; i < r->nexpects; i++) {
		free(r->expects[i].source);
		free(r->expects[i].reason);
		free(r->expects[i].detail);
	}
	free(r->expects);
	for (i = 0; i < r->nevents; i++) {
		free(r->events[i].kind);
		free(r->events[i].process);
		free(r->events[i].cgroup);
		free(r->events[i].text);
	}
	free(r->events);
	for (i = 0; i < r->nseries; i++)
		free_series(r->series[i]);
	free(r->series);
	free(r->error);
	free(r);
}
