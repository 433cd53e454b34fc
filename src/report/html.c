// SPDX-License-Identifier: GPL-2.0
/*
 * One run's results as a self-contained HTML page (see html.h).
 */
#define _GNU_SOURCE		/* strerrorname_np */
#include "html.h"

#include <stdio.h>
#include <string.h>

#include "report/plots.h"
#include "report/svg.h"

static const char style[] =
	"body{font-family:sans-serif;margin:1.5em auto;max-width:1000px;"
	"color:#222;line-height:1.35}\n"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;"
	"border-bottom:1px solid #ccc}\n"
	"table{border-collapse:collapse;margin:.5em 0;display:block;"
	"overflow-x:auto;max-width:100%}\n"
	"td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f2f2f2}td.num{text-align:right}\n"
	"pre{margin:0;font-size:.9em}code{font-size:.95em}\n"
	"span.pass,td.pass{color:#1a7f37;font-weight:bold}"
	"span.fail,td.fail,p.fail{color:#c62828;font-weight:bold}"
	"td.todo{color:#9a6700;font-weight:bold}\n"
	"tr.fail td{background:#fdecea}\n"
	"svg.plot{display:block;margin:.8em 0;background:#fff}\n"
	"svg text{font-family:sans-serif;font-size:11px;fill:#222}\n"
	"svg .title{font-size:13px;font-weight:bold}\n"
	"svg .yl{text-anchor:end}svg .xl{text-anchor:middle}\n"
	"svg .grid{stroke:#e4e4e4}svg .tick{stroke:#444}\n"
	"svg .frame{fill:none;stroke:#444}\n"
	"svg .line{fill:none;stroke-width:1.6}"
	"svg .limit{stroke-dasharray:6 4}\n"
	"svg .marker line{stroke-dasharray:2 3;opacity:.75}\n";

void html_begin(struct strbuf *out, const char *title)
{
	sb_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width\">\n"
		"<link rel=\"icon\" href=\"data:,\">\n<title>");
	xml_puts(out, title);
	sb_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
		  style);
	xml_puts(out, title);
	sb_puts(out, "</h1>\n");
}

void html_end(struct strbuf *out, const char *version)
{
	sb_puts(out, "<p><small>Written by memcglab ");
	xml_puts(out, version ? version : "");
	sb_puts(out, ". Times are virtual time from the machine's boot.</small></p>\n"
		"</body>\n</html>\n");
}

static void row(struct strbuf *out, const char *name, const char *value)
{
	sb_puts(out, "<tr><th>");
	xml_puts(out, name);
	sb_puts(out, "</th><td>");
	xml_puts(out, value ? value : "");
	sb_puts(out, "</td></tr>\n");
}

static void pairs_row(struct strbuf *out, const char *name,
		      const struct rs_pair *v, size_t n)
{
	size_t i;

	sb_puts(out, "<tr><th>");
	xml_puts(out, name);
	sb_puts(out, "</th><td>");
	for (i = 0; i < n; i++) {
		sb_puts(out, i ? ", <code>" : "<code>");
		xml_puts(out, v[i].name);
		sb_puts(out, "=");
		xml_puts(out, v[i].value);
		sb_puts(out, "</code>");
	}
	sb_puts(out, n ? "</td></tr>\n" : "(none)</td></tr>\n");
}

void html_header(struct strbuf *out, const struct rs_header *h)
{
	char seed[24];

	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)h->seed);
	sb_puts(out, "<table class=\"header\">\n");
	row(out, "scenario", h->scenario);
	row(out, "model of", h->model_of);
	row(out, "backend", h->backend);
	row(out, "seed", seed);
	pairs_row(out, "policies", h->policies, h->npolicies);
	if (h->nset)
		pairs_row(out, "sweep point", h->set, h->nset);
	sb_puts(out, "</table>\n");
}

void html_summary(struct strbuf *out, const struct results *r)
{
	char end[32];

	svg_format_time((double)r->end_ns, end, sizeof(end));
	sb_printf(out, "<p class=\"summary\"><span class=\"%s\">%s</span>: "
		  "%d passed, %d failed, %d known failures (TODO); exit status %d; "
		  "the run ended at %s of virtual time.</p>\n",
		  r->exit_code ? "fail" : "pass", r->exit_code ? "FAIL" : "PASS",
		  r->passed, r->failed, r->todo, r->exit_code, end);
	if (r->error) {
		sb_puts(out, "<p class=\"fail\">The run stopped: ");
		xml_puts(out, r->error);
		sb_puts(out, "</p>\n");
	}
}

static void expects_table(struct strbuf *out, const struct results *r)
{
	size_t i;
	char t[32];

	sb_puts(out, "<h2 id=\"expects\">Expectations</h2>\n");
	if (!r->nexpects) {
		sb_puts(out, "<p>The scenario checks nothing.</p>\n");
		return;
	}
	sb_puts(out, "<table>\n<tr><th>#</th><th>line</th><th>time</th>"
		"<th>result</th><th>statement</th><th>detail</th></tr>\n");
	for (i = 0; i < r->nexpects; i++) {
		const struct rs_expect *e = &r->expects[i];
		const char *cls = e->ok ? "pass" : e->todo ? "todo" : "fail";

		svg_format_time((double)e->time_ns, t, sizeof(t));
		sb_printf(out, "<tr%s><td class=\"num\">%zu</td><td class=\"num\">%u</td>"
			  "<td class=\"num\">%s</td><td class=\"%s\">%s</td><td><code>",
			  e->ok || e->todo ? "" : " class=\"fail\"", i + 1, e->line,
			  t, cls, e->ok ? "ok" : e->todo ? "TODO" : "FAIL");
		xml_puts(out, e->source);
		sb_puts(out, "</code></td><td>");
		if (e->reason)
			xml_puts(out, e->reason);
		if (e->reason && e->detail)
			sb_puts(out, "; ");
		if (e->detail)
			xml_puts(out, e->detail);
		sb_puts(out, "</td></tr>\n");
	}
	sb_puts(out, "</table>\n");
}

/* A file's text: inline when one line, else its first line and the rest. */
static void file_text(struct strbuf *out, const struct rs_read *rd)
{
	const char *nl;

	if (!rd->text) {
		sb_printf(out, "<span class=\"fail\">read failed: %s</span>",
			  strerrorname_np(-rd->err) ? strerrorname_np(-rd->err) :
			  "error");
		return;
	}
	nl = memchr(rd->text, '\n', rd->len);
	if (!nl || nl + 1 == rd->text + rd->len) {
		sb_puts(out, "<pre>");
		xml_escape(out, rd->text, nl ? (size_t)(nl - rd->text) : rd->len);
		sb_puts(out, "</pre>");
		return;
	}
	sb_puts(out, "<details><summary><code>");
	xml_escape(out, rd->text, nl - rd->text);
	sb_puts(out, "</code> &hellip;</summary><pre>");
	xml_escape(out, rd->text, rd->len);
	sb_puts(out, "</pre></details>");
}

static bool read_seen_later(const struct results *r, size_t i)
{
	size_t j;

	for (j = i + 1; j < r->nreads; j++)
		if (!strcmp(r->reads[j].target, r->reads[i].target))
			return true;
	return false;
}

static void reads_table(struct strbuf *out, const struct results *r)
{
	size_t i;
	char t[32];

	sb_puts(out, "<h2 id=\"reads\">Files read: final values</h2>\n");
	if (!r->nreads) {
		sb_puts(out, "<p>The scenario reads no file.</p>\n");
		return;
	}
	sb_puts(out, "<table>\n<tr><th>file</th><th>line</th><th>time</th>"
		"<th>last value read</th></tr>\n");
	for (i = 0; i < r->nreads; i++) {
		const struct rs_read *rd = &r->reads[i];

		if (read_seen_later(r, i))
			continue;
		svg_format_time((double)rd->time_ns, t, sizeof(t));
		sb_puts(out, "<tr><td><code>");
		xml_puts(out, rd->target);
		sb_printf(out, "</code></td><td class=\"num\">%u</td>"
			  "<td class=\"num\">%s</td><td>", rd->line, t);
		file_text(out, rd);
		sb_puts(out, "</td></tr>\n");
	}
	sb_puts(out, "</table>\n");
}

static void opt_cell(struct strbuf *out, const char *s)
{
	sb_puts(out, "<td>");
	if (s)
		xml_puts(out, s);
	sb_puts(out, "</td>");
}

static void events_table(struct strbuf *out, const struct results *r)
{
	size_t i;
	char t[32];

	if (!r->nevents)
		return;
	sb_puts(out, "<h2 id=\"events\">Events</h2>\n<table>\n<tr><th>time</th>"
		"<th>line</th><th>event</th><th>process</th><th>cgroup</th>"
		"<th>text</th></tr>\n");
	for (i = 0; i < r->nevents; i++) {
		const struct rs_event *ev = &r->events[i];

		svg_format_time((double)ev->time_ns, t, sizeof(t));
		sb_printf(out, "<tr><td class=\"num\">%s</td><td class=\"num\">%u</td>",
			  t, ev->line);
		opt_cell(out, ev->kind);
		opt_cell(out, ev->process);
		opt_cell(out, ev->cgroup);
		opt_cell(out, ev->text);
		sb_puts(out, "</tr>\n");
	}
	sb_puts(out, "</table>\n");
}

void html_run_report(const struct results *r, struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT;

	sb_printf(&title, "memcglab report: %s", r->hdr.scenario ? r->hdr.scenario : "");
	html_begin(out, title.buf);
	sb_release(&title);
	html_header(out, &r->hdr);
	html_summary(out, r);
	sb_puts(out, "<h2 id=\"plots\">Recorded series</h2>\n");
	if (!plots_render(r, out))
		sb_puts(out, "<p>Nothing was recorded: a <code>record every "
			"DURATION TARGET... to FILE</code> statement samples files "
			"over virtual time for these plots.</p>\n");
	expects_table(out, r);
	reads_table(out, r);
	events_table(out, r);
	html_end(out, r->hdr.version);
}
