/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The HTML report: one self-contained file (styles inline, plots as inline
 * SVG, no script, nothing fetched) that any browser shows offline.
 */
#ifndef MEMCGLAB_REPORT_HTML_H
#define MEMCGLAB_REPORT_HTML_H

#include "lib/strbuf.h"
#include "report/results.h"

/* The page around a report's sections. */
void html_begin(struct strbuf *out, const char *title);
void html_end(struct strbuf *out, const char *version);

/* The run's header as a table (scenario, version, seed, policies, point). */
void html_header(struct strbuf *out, const struct rs_header *h);
/* The run's outcome: passed, failed, known failures, the error. */
void html_summary(struct strbuf *out, const struct results *r);

/* One run: header, plots of every series, expectations, files, events. */
void html_run_report(const struct results *r, struct strbuf *out);

#endif
