// SPDX-License-Identifier: GPL-2.0
/*
 * memcglab compare FILE: the scenario on the model and on the real kernel
 * (kernel.c), and one table of every value both showed (compare.h).
 *
 * Both runs report through the runtime's observer in the lines of
 * guest/exec/wire.h: the executor prints them in the guest (--observe),
 * the model run writes them to memory, and one parser reads both.  Rows
 * are matched by statement line, kind and key, in the order they came.
 *
 * A value agrees when the model's is close to the kernel's:
 * values_close(model, kernel, TOL), the selftests' own closeness, with
 * TOL an expect's own tolerance (~ N%) and otherwise --tolerance
 * (CMP_DEFAULT_TOLERANCE, the widest the selftests use).  An expect or
 * another TAP line also needs the same outcome; text must be equal; a
 * process must die on both.  With --kernel-runs N a model value close to
 * any kernel run agrees.  A scenario the kernel cannot run (a model-only
 * policy or file) runs on the model only, and the table says so.
 */
#define _GNU_SOURCE
#include "cli/compare.h"

#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/kernel.h"
#include "guest/exec/refuse.h"
#include "guest/exec/wire.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/run.h"

static const struct scn_stmt *stmt_at(const struct scn_script *sc,
				      unsigned int line)
{
	size_t i;

	for (i = 0; i < sc->nstmts; i++)
		if (sc->stmts[i].line == (int)line)
			return &sc->stmts[i];
	return NULL;
}

/* ---- rows ---- */

static struct cmp_val *side(struct cmp_row *r, int run)
{
	return run < 0 ? &r->model : &r->kernel[run];
}

static void row_tolerance(struct cmp_table *t, struct cmp_row *r,
			  const struct scn_stmt *s)
{
	const struct scn_cond *c = &s->expect.cond;

	r->tol = t->tolerance;
	if (r->kind != CMP_EXPECT)
		return;
	if (c->kind == SCN_COND_COMPARE && c->cmp.op == SCN_CMP_CLOSE) {
		r->tol = c->cmp.tolerance;
		r->own_tol = true;
	} else if (c->kind == SCN_COND_PAGEMAP &&
		   c->pagemap.op == SCN_CMP_CLOSE) {
		r->tol = c->pagemap.tolerance;
		r->own_tol = true;
	}
}

static struct cmp_row *row_new(struct cmp_table *t, unsigned int line,
			       enum cmp_kind kind, const char *key,
			       const struct scn_stmt *s)
{
	struct cmp_row *r;
	size_t i;

	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->rows = realloc(t->rows, t->alloc * sizeof(*t->rows));
		if (!t->rows)
			abort();
	}
	r = &t->rows[t->n++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->seq = t->n;
	r->kind = kind;
	r->key = key ? strdup(key) : NULL;
	r->source = s ? s->text : "";
	r->kernel = calloc(CMP_MAX_RUNS, sizeof(*r->kernel));
	if (!r->kernel || (key && !r->key))
		abort();
	for (i = 0; i + 1 < t->n; i++)
		if (t->rows[i].line == line && t->rows[i].kind == kind &&
		    !strcmp(t->rows[i].key ?: "", key ?: ""))
			r->occ++;
	if (s)
		row_tolerance(t, r, s);
	return r;
}

/* The row this side's next (line, kind, key) value goes in. */
static void put(struct cmp_table *t, int run, unsigned int line,
		enum cmp_kind kind, const char *key, const struct scn_stmt *s,
		const struct cmp_val *v)
{
	struct cmp_row *r = NULL;
	size_t i;

	for (i = 0; i < t->n && !r; i++)
		if (t->rows[i].line == line && t->rows[i].kind == kind &&
		    !strcmp(t->rows[i].key ?: "", key ?: "") &&
		    !side(&t->rows[i], run)->seen)
			r = &t->rows[i];
	if (!r)
		r = row_new(t, line, kind, key, s);
	*side(r, run) = *v;
	side(r, run)->seen = true;
}

/* A word as a value: an integer, max, or text. */
static struct cmp_val word_value(const char *w, size_t len)
{
	struct cmp_val v = { .kind = CV_TEXT };
	char buf[64], *end;

	if (len && len < sizeof(buf)) {
		memcpy(buf, w, len);
		buf[len] = '\0';
		if (!strcmp(buf, "max")) {
			v.kind = CV_MAX;
			return v;
		}
		v.n = strtoll(buf, &end, 10);
		if (!*end && end != buf) {
			v.kind = CV_NUM;
			return v;
		}
	}
	v.text = strndup(w, len);
	return v;
}

/* The length of the word at @p, before @end. */
static size_t word_len(const char *p, const char *end)
{
	const char *w = p;

	while (w < end && *w != ' ' && *w != '\t')
		w++;
	return w - p;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * A line "KEY VALUE ..." (memory.stat, "MemTotal: 988460 kB") gives row
 * TARGET:KEY with VALUE; "KEY F=V F=V" (memory.pressure, numa_stat) a row
 * TARGET:KEY.F per field.  False for a line of one word.
 */
static bool put_keyed_line(struct cmp_table *t, int run, unsigned int line,
			   const char *target, const char *p, size_t len,
			   const struct scn_stmt *s)
{
	const char *end = p + len, *w, *eq;
	size_t klen = word_len(p, end), wlen;
	char name[512];
	struct cmp_val v;

	w = skip_blanks(p + klen, end);
	if (w == end)
		return false;
	if (klen && p[klen - 1] == ':')
		klen--;
	for (; w < end; w = skip_blanks(w + wlen, end)) {
		wlen = word_len(w, end);
		eq = memchr(w, '=', wlen);
		if (!eq) {
			snprintf(name, sizeof(name), "%s:%.*s", target,
				 (int)klen, p);
			v = word_value(w, wlen);
			put(t, run, line, CMP_READ, name, s, &v);
			return true;
		}
		snprintf(name, sizeof(name), "%s:%.*s.%.*s", target, (int)klen,
			 p, (int)(eq - w), w);
		v = word_value(eq + 1, w + wlen - eq - 1);
		put(t, run, line, CMP_READ, name, s, &v);
	}
	return true;
}

/* What a read printed: one value, one row per key, or its text. */
static void put_read(struct cmp_table *t, int run, const struct wire_obs *o,
		     const struct scn_stmt *s)
{
	const char *target = s ? s->read.target.text : "?";
	const char *text = o->text ?: "", *p, *nl;
	size_t len = strlen(text);
	struct cmp_val v = { .kind = CV_TEXT };

	if (o->err) {
		v.text = strdup(scn_errno_name(-o->err) ?: "error");
		put(t, run, o->line, CMP_READ, target, s, &v);
		return;
	}
	while (len && text[len - 1] == '\n')
		len--;
	if (!memchr(text, '\n', len) && !memchr(text, ' ', len)) {
		v = word_value(text, len);
		put(t, run, o->line, CMP_READ, target, s, &v);
		return;
	}
	for (p = text; p < text + len; p = nl + 1) {
		nl = memchr(p, '\n', text + len - p) ?: text + len;
		if (!put_keyed_line(t, run, o->line, target, p, nl - p, s)) {
			v.text = strndup(p, nl - p);
			put(t, run, o->line, CMP_READ, target, s, &v);
		}
	}
}

static void put_tap(struct cmp_table *t, int run, const struct wire_obs *o,
		    const struct scn_stmt *s, struct cmp_val *pending)
{
	bool expect = s && s->kind == SCN_STMT_EXPECT;
	struct cmp_val v = { .kind = CV_NONE };

	if (expect && pending->seen && pending->kind != CV_NONE)
		v = *pending;
	v.ok = o->ok;
	put(t, run, o->line, expect ? CMP_EXPECT : CMP_CHECK, NULL, s, &v);
	memset(pending, 0, sizeof(*pending));
}

static void collect(struct cmp_table *t, int run, const struct scn_script *sc,
		    const struct wire_list *l)
{
	struct cmp_val pending = { .kind = CV_NONE }, ev = { .kind = CV_NONE };
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct wire_obs *o = &l->v[i];
		const struct scn_stmt *s = stmt_at(sc, o->line);
		char **err = run < 0 ? &t->model_error : &t->kernel_error;

		switch (o->kind) {
		case WIRE_READ:
			put_read(t, run, o, s);
			break;
		case WIRE_VALUES:
			pending.kind = o->lhs.kind == SCN_SAMPLE_NUM ? CV_NUM :
				       o->lhs.kind == SCN_SAMPLE_MAX ? CV_MAX :
				       CV_NONE;
			pending.n = o->lhs.n;
			pending.seen = true;
			break;
		case WIRE_TAP:
			put_tap(t, run, o, s, &pending);
			break;
		case WIRE_EVENT:
			put(t, run, o->line, CMP_EVENT, o->text, s, &ev);
			break;
		case WIRE_ERROR:
			if (!*err)
				*err = strdup(o->text);
			break;
		case WIRE_END:
			if (run < 0)
				t->model_status = o->status;
			else
				t->kernel_status[run] = o->status;
			break;
		}
	}
}

/* ---- verdicts ---- */

static bool same_value(const struct cmp_val *m, const struct cmp_val *k,
		       unsigned int tol)
{
	if (m->kind != k->kind)
		return false;
	if (m->kind == CV_NUM)
		return scn_values_close(m->n, k->n, tol);
	if (m->kind == CV_TEXT)
		return !strcmp(m->text, k->text);
	return true;
}

static bool agrees(const struct cmp_row *r, const struct cmp_val *k)
{
	if (!k->seen)
		return false;
	switch (r->kind) {
	case CMP_READ:
		return same_value(&r->model, k, r->tol);
	case CMP_EXPECT:
		return r->model.ok == k->ok &&
		       (r->model.kind == CV_NONE || k->kind == CV_NONE ||
			same_value(&r->model, k, r->tol));
	case CMP_CHECK:
		return r->model.ok == k->ok;
	case CMP_EVENT:
		return true;
	}
	return false;
}

static u64 distance(const struct cmp_val *m, const struct cmp_val *k)
{
	if (m->kind != CV_NUM || k->kind != CV_NUM)
		return m->kind == k->kind ? 0 : ~0ULL;
	return m->n > k->n ? (u64)(m->n - k->n) : (u64)(k->n - m->n);
}

static void judge(struct cmp_table *t, struct cmp_row *r)
{
	bool any = false;
	int i;

	r->best = -1;
	for (i = 0; i < t->runs; i++) {
		if (!r->kernel[i].seen)
			continue;
		any = true;
		if (agrees(r, &r->kernel[i]) && (r->best < 0 ||
		    !agrees(r, &r->kernel[r->best]) ||
		    distance(&r->model, &r->kernel[i]) <
		    distance(&r->model, &r->kernel[r->best])))
			r->best = i;
		else if (r->best < 0)
			r->best = i;
	}
	if (t->refused || !t->runs)
		r->verdict = CMP_NOT_RUN;
	else if (!r->model.seen)
		r->verdict = CMP_KERNEL_ONLY;
	else if (!any)
		r->verdict = CMP_MODEL_ONLY;
	else
		r->verdict = agrees(r, &r->kernel[r->best]) ? CMP_AGREE :
							      CMP_DIFFER;
}

/* Rows in the order of the scenario's lines, then of their arrival. */
static int by_line(const void *a, const void *b)
{
	const struct cmp_row *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- the two runs ---- */

static int run_model(struct cmp_table *t, const struct scn_script *script,
		     const struct kernel_opts *ko, const char *record_dir)
{
	struct scn_run_options opts = { .seed = ko->seed,
					.seed_set = ko->seed_set,
					.record_dir = record_dir };
	struct scn_observer obs;
	struct wire_list l = { 0 };
	struct scn_backend *be;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	opts.out = fopen("/dev/null", "w");
	if (!mem || !opts.out)
		return -errno;
	wire_observer(&obs, mem);
	opts.observer = &obs;
	be = scn_model_create(script, &opts);
	t->model_status = be ? scn_run(script, be, &opts) : 2;
	if (be)
		scn_model_destroy(be);
	fclose(opts.out);
	fclose(mem);
	wire_parse(buf ?: "", &l);
	collect(t, -1, script, &l);
	wire_list_release(&l);
	free(buf);
	return 0;
}

static int run_kernel(struct cmp_table *t, const char *file,
		      const struct scn_script *script, struct kernel_opts *ko)
{
	struct kernel_result res;
	struct wire_list l;
	int i, failed = 0;

	ko->observe = true;
	for (i = 0; i < ko->runs; i++) {
		if (!ko->quiet && ko->runs > 1)
			fprintf(stderr, "memcglab: kernel run %d of %d\n",
				i + 1, ko->runs);
		kernel_run(file, script, ko, NULL, &res);
		memset(&l, 0, sizeof(l));
		wire_parse(res.obs.buf ?: "", &l);
		collect(t, t->runs, script, &l);
		t->kernel_status[t->runs++] = res.status;
		snprintf(t->kernel, sizeof(t->kernel), "%s", res.kernel);
		t->kvm = res.kvm;
		failed |= res.status == KERNEL_GUEST_FAILED;
		wire_list_release(&l);
		kernel_result_release(&res);
	}
	return failed;
}

/* Kernel runs from saved executor output (--from-kernel), no guest. */
static int from_kernel(struct cmp_table *t, const struct scn_script *script,
		       char **files, int n)
{
	struct strbuf err = STRBUF_INIT;
	struct wire_list l;
	size_t len;
	char *text;
	int i;

	for (i = 0; i < n; i++) {
		text = cli_slurp(files[i], &len, &err);
		if (!text) {
			fputs(err.buf ?: "", stderr);
			sb_release(&err);
			return EXIT_USAGE;
		}
		memset(&l, 0, sizeof(l));
		wire_parse(text, &l);
		t->kernel_status[t->runs] = 2;	/* unless it ended */
		collect(t, t->runs++, script, &l);
		t->from = files[i];
		wire_list_release(&l);
		free(text);
	}
	return 0;
}

/* ---- record files: DIR/model and DIR/kernel, or none kept ---- */

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

/* The record directories of both runs; *tmp when made here, to remove. */
static int record_dirs(const char *dir, char **tmp, struct strbuf *model,
		       struct strbuf *kernel)
{
	char tmpl[] = "/tmp/memcglab-compare-XXXXXX";

	*tmp = NULL;
	if (!dir) {
		if (!mkdtemp(tmpl))
			return -errno;
		*tmp = strdup(tmpl);
		dir = *tmp;
	} else if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "memcglab: %s: %s\n", dir, strerror(errno));
		return -errno;
	}
	sb_printf(model, "%s/model", dir);
	sb_printf(kernel, "%s/kernel", dir);
	return 0;
}

static void records_release(char *tmp, struct strbuf *model,
			    struct strbuf *kernel)
{
	if (tmp)
		nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tmp);
	sb_release(model);
	sb_release(kernel);
}

/* ---- the command ---- */

static const char compare_usage[] =
	"usage: memcglab compare [OPTIONS] FILE\n"
	"Run the scenario on the model and on Debian's Linux 6.12 under qemu,\n"
	"and print every value both showed side by side: each read's value\n"
	"(one row per key of a keyed file), each expect's value and outcome,\n"
	"the differences, and whether they agree within tolerance.\n\n"
	"options:\n"
	"  --json                the table as one JSON document\n"
	"  --tolerance PCT       values_close() tolerance for a value without\n"
	"                        one of its own (10)\n"
	"  --from-kernel FILE    a kernel run from the executor's saved output\n"
	"                        (memcglab-exec --observe), no guest; repeatable\n"
	"  --record-dir DIR      keep record files: the model's in DIR/model,\n"
	"                        the kernel's in DIR/kernel (else none are kept)\n";

static const struct option compare_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "tolerance", required_argument, NULL, 't' },
	{ "from-kernel", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	KERNEL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

struct compare_args {
	bool json;
	char *from[CMP_MAX_RUNS];
	int nfrom;
};

static int compare_args(int argc, char **argv, struct kernel_opts *ko,
			struct cmp_table *t, struct compare_args *ca)
{
	int c, ret = 0;
	char *end;

	while (!ret && (c = cli_getopt("compare", argc, argv,
				       ":jt:F:h" KERNEL_SHORTOPTS,
				       compare_options)) != -1) {
		if (c == 'j') {
			ca->json = true;
		} else if (c == 'F') {
			if (ca->nfrom == CMP_MAX_RUNS)
				ret = cli_usage_error("compare", "at most %d "
						      "--from-kernel", CMP_MAX_RUNS);
			else
				ca->from[ca->nfrom++] = optarg;
		} else if (c == 't') {
			t->tolerance = strtol(optarg, &end, 10);
			if (*end || end == optarg || t->tolerance < 0 ||
			    t->tolerance > 100)
				ret = cli_usage_error("compare", "--tolerance "
						      "0 to 100, not '%s'",
						      optarg);
		} else if (c == 'h') {
			printf("%s%s", compare_usage, kernel_options_usage);
			return CLI_HELP;
		} else if ((ret = kernel_option("compare", c, ko)) == 1) {
			ret = EXIT_USAGE;
		}
	}
	if (!ret && optind != argc - 1)
		ret = cli_usage_error("compare", optind == argc ?
				      "no scenario file" :
				      "one scenario file, not %d",
				      argc - optind);
	if (!ret)
		t->file = argv[optind];
	return ret;
}

/* Why the kernel cannot run @script, or NULL. */
static char *refusal(const struct scn_script *script)
{
	struct strbuf why = STRBUF_INIT, msg = STRBUF_INIT;
	const struct scn_stmt *s = gexec_refusal(script, &why);

	if (s)
		sb_printf(&msg, "%s:%d: %s", s->file, s->line, why.buf);
	sb_release(&why);
	return s ? sb_detach(&msg) : NULL;
}

static int outcome(const struct cmp_table *t, bool guest_failed)
{
	size_t i;

	if (guest_failed)
		return KERNEL_GUEST_FAILED;
	if (t->model_status == 2)
		return 2;
	for (i = 0; i < t->n; i++)
		if (t->rows[i].verdict != CMP_AGREE &&
		    t->rows[i].verdict != CMP_NOT_RUN)
			return 1;
	return 0;
}

static void table_release(struct cmp_table *t)
{
	size_t i;
	int k;

	for (i = 0; i < t->n; i++) {
		free(t->rows[i].key);
		free(t->rows[i].model.text);
		for (k = 0; k < t->runs; k++)
			free(t->rows[i].kernel[k].text);
		free(t->rows[i].kernel);
	}
	free(t->rows);
	free(t->refused);
	free(t->model_error);
	free(t->kernel_error);
}

int cmd_kernel_compare(int argc, char **argv)
{
	struct cmp_table t = { .tolerance = CMP_DEFAULT_TOLERANCE };
	struct strbuf err = STRBUF_INIT;
	struct scn_script *script = NULL;
	struct strbuf mrec = STRBUF_INIT, krec = STRBUF_INIT;
	struct compare_args ca = { 0 };
	struct kernel_opts ko;
	char *tmp;
	bool failed = false;
	int ret;
	size_t i;

	kernel_opts_init(&ko);
	ret = compare_args(argc, argv, &ko, &t, &ca);
	if (ret)
		return ret == CLI_HELP ? 0 : ret;
	if (scn_parse_file(t.file, &script, &err)) {
		fputs(err.buf ?: "parse error\n", stderr);
		sb_release(&err);
		return EXIT_USAGE;
	}
	t.seed = ko.seed_set ? ko.seed : script->machine.seed;
	t.refused = refusal(script);
	if (!t.refused && !ca.nfrom && kernel_check(script, &ko)) {
		scn_script_free(script);
		return EXIT_USAGE;
	}
	if (record_dirs(ko.record_dir, &tmp, &mrec, &krec)) {
		scn_script_free(script);
		return EXIT_USAGE;
	}
	run_model(&t, script, &ko, mrec.buf);
	ko.record_dir = krec.buf;
	if (ca.nfrom && !t.refused)
		ret = from_kernel(&t, script, ca.from, ca.nfrom);
	else if (!t.refused)
		failed = run_kernel(&t, t.file, script, &ko);
	records_release(tmp, &mrec, &krec);
	for (i = 0; i < t.n; i++)
		judge(&t, &t.rows[i]);
	qsort(t.rows, t.n, sizeof(*t.rows), by_line);
	if (!ret && ca.json)
		cmp_print_json(&t, stdout);
	else if (!ret)
		cmp_print_table(&t, stdout);
	ret = ret ?: outcome(&t, failed);
	table_release(&t);
	scn_script_free(script);
	return ret;
}
