// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario parser: turns the lexer's statements into the syntax tree of
 * ast.h, checking everything that can be checked before the machine boots
 * (statement shapes, numbers, declared names, setup order), and collecting
 * every error with its file:line.  The scenario layer has no kernel
 * counterpart; the language is documented in docs/scenario.md.
 *
 * This file holds the arena, the error messages, the statement table and
 * dispatch, and the entry points.  The statement parsers are in
 * parse_*.c, the name tables in names.c and the canonical printer in
 * dump.c; what they share is in parser_internal.h.
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Arena: the script's strings and arrays, freed in one go.
 */

struct scn_arena {
	struct scn_arena *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#define ARENA_CHUNK	16384

static void *arena_alloc(struct scn_arena **ap, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct scn_arena *a = *ap;
	void *p;

	n = n ? (n + align - 1) & ~(align - 1) : align;
	if (!a || a->size - a->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		a = calloc(1, sizeof(*a) + size);
		if (!a)
			abort();
		a->size = size;
		a->next = *ap;
		*ap = a;
	}
	p = (char *)a->data + a->used;
	a->used += n;
	return p;
}

static void arena_free(struct scn_arena *a)
{
	while (a) {
		struct scn_arena *next = a->next;

		free(a);
		a = next;
	}
}

void scn_script_free(struct scn_script *script)
{
	if (!script)
		return;
	free(script->stmts);
	arena_free(script->arena);
	free(script);
}

/* ---------------------------------------------------------------------
 * errno names.
 */

struct errno_name {
	const char *name;
	int err;
};

/* Aliases after the canonical name, so scn_errno_name() finds that. */
static const struct errno_name errno_names[] = {
	{ "EPERM", EPERM },		{ "ENOENT", ENOENT },
	{ "ESRCH", ESRCH },		{ "EINTR", EINTR },
	{ "EIO", EIO },			{ "ENXIO", ENXIO },
	{ "E2BIG", E2BIG },		{ "ENOEXEC", ENOEXEC },
	{ "EBADF", EBADF },		{ "ECHILD", ECHILD },
	{ "EAGAIN", EAGAIN },		{ "EWOULDBLOCK", EWOULDBLOCK },
	{ "ENOMEM", ENOMEM },		{ "EACCES", EACCES },
	{ "EFAULT", EFAULT },		{ "EBUSY", EBUSY },
	{ "EEXIST", EEXIST },		{ "EXDEV", EXDEV },
	{ "ENODEV", ENODEV },		{ "ENOTDIR", ENOTDIR },
	{ "EISDIR", EISDIR },		{ "EINVAL", EINVAL },
	{ "ENFILE", ENFILE },		{ "EMFILE", EMFILE },
	{ "ENOTTY", ENOTTY },		{ "ETXTBSY", ETXTBSY },
	{ "EFBIG", EFBIG },		{ "ENOSPC", ENOSPC },
	{ "ESPIPE", ESPIPE },		{ "EROFS", EROFS },
	{ "EMLINK", EMLINK },		{ "EPIPE", EPIPE },
	{ "EDOM", EDOM },		{ "ERANGE", ERANGE },
	{ "EDEADLK", EDEADLK },		{ "ENAMETOOLONG", ENAMETOOLONG },
	{ "ENOLCK", ENOLCK },		{ "ENOSYS", ENOSYS },
	{ "ENOTEMPTY", ENOTEMPTY },	{ "ELOOP", ELOOP },
	{ "ENODATA", ENODATA },		{ "EOVERFLOW", EOVERFLOW },
	{ "ENOBUFS", ENOBUFS },		{ "EMSGSIZE", EMSGSIZE },
	{ "EOPNOTSUPP", EOPNOTSUPP },	{ "ENOTSUP", ENOTSUP },
	{ "EAFNOSUPPORT", EAFNOSUPPORT }, { "EADDRINUSE", EADDRINUSE },
	{ "ENOTCONN", ENOTCONN },	{ "ECONNRESET", ECONNRESET },
	{ "ETIMEDOUT", ETIMEDOUT },	{ "ESTALE", ESTALE },
	{ "EDQUOT", EDQUOT },		{ "ECANCELED", ECANCELED },
	{ "EOWNERDEAD", EOWNERDEAD },	{ "EHWPOISON", EHWPOISON },
};

int scn_errno_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (!strcmp(errno_names[i].name, name))
			return errno_names[i].err;
	return 0;
}

const char *scn_errno_name(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

/* ---------------------------------------------------------------------
 * Parser state: what has been declared so far, for use-before-declare
 * checks.  Names point into the script's arena.  The structures are in
 * parser_internal.h.
 */

void *parser_grow(void *p, size_t *cap, size_t need, size_t elt)
{
	size_t c = *cap ? *cap : 8;

	if (need <= *cap)
		return p;
	while (c < need)
		c *= 2;
	p = realloc(p, c * elt);
	if (!p)
		abort();
	*cap = c;
	return p;
}

void *palloc(struct parser *ps, size_t n)
{
	return arena_alloc(&ps->sc->arena, n);
}

char *pstrndup(struct parser *ps, const char *s, size_t n)
{
	char *p = palloc(ps, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pstrdup(struct parser *ps, const char *s)
{
	return pstrndup(ps, s, strlen(s));
}

static void parser_release(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->nprocs; i++) {
		free(ps->procs[i].regions);
		free(ps->procs[i].pins);
	}
	free(ps->procs);
	free(ps->fds);
}

/* ---------------------------------------------------------------------
 * Error messages: "FILE:LINE: message\n", at most SCN_MAX_ERRORS.
 */

static bool too_many_errors(struct parser *ps)
{
	return ps->nerr >= SCN_MAX_ERRORS;
}

static void count_error(struct parser *ps)
{
	if (++ps->nerr == SCN_MAX_ERRORS)
		sb_printf(ps->err, "%s:%d: too many errors, giving up\n",
			  ps->sc->file, ps->line);
}

/* @suffix: already formatted text after the message, or NULL. */
__attribute__((format(printf, 3, 0)))
static int vreport(struct parser *ps, const char *suffix, const char *fmt,
		   va_list ap)
{
	va_list aq;
	char *msg;
	int n;

	if (too_many_errors(ps))
		return -EINVAL;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = malloc(n > 0 ? n + 1 : 1);
	if (!msg)
		abort();
	vsnprintf(msg, n > 0 ? n + 1 : 1, fmt, ap);
	sb_printf(ps->err, "%s:%d: %s%s\n", ps->sc->file, ps->line, msg,
		  suffix ? suffix : "");
	free(msg);
	count_error(ps);
	return -EINVAL;
}

__attribute__((format(printf, 2, 3)))
int perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vreport(ps, NULL, fmt, ap);
	va_end(ap);
	return ret;
}

/* perr() plus " (did you mean 'HINT'?)" when @hint is not NULL. */
__attribute__((format(printf, 3, 4)))
int perr_hint(struct parser *ps, const char *hint, const char *fmt, ...)
{
	struct strbuf sfx = STRBUF_INIT;
	va_list ap;
	int ret;

	if (hint)
		sb_printf(&sfx, " (did you mean '%s'?)", hint);
	va_start(ap, fmt);
	ret = vreport(ps, sfx.buf, fmt, ap);
	va_end(ap);
	sb_release(&sfx);
	return ret;
}

/*
 * @word is not one of @list: perr() plus the closest choice, or all of
 * them when none is close.
 */
__attribute__((format(printf, 5, 6)))
int perr_choice(struct parser *ps, const char *word,
		const char *const *list, size_t n, const char *fmt, ...)
{
	const char *hint = suggest_list(word, list, n);
	struct strbuf sfx = STRBUF_INIT;
	va_list ap;
	size_t i;
	int ret;

	if (hint) {
		sb_printf(&sfx, " (did you mean '%s'?)", hint);
	} else {
		sb_puts(&sfx, " (expected ");
		for (i = 0; i < n; i++)
			sb_printf(&sfx, "%s%s", i ? (i + 1 < n ? ", " : " or ") : "",
				  list[i]);
		sb_puts(&sfx, ")");
	}
	va_start(ap, fmt);
	ret = vreport(ps, sfx.buf, fmt, ap);
	va_end(ap);
	sb_release(&sfx);
	return ret;
}

int stmt_usage(struct parser *ps)
{
	return perr(ps, "usage: %s", ps->usage);
}

/* ---------------------------------------------------------------------
 * Statements.
 */

#define SD_SETUP	BIT(0)	/* before the first body statement */
#define SD_ERRNO	BIT(1)	/* may end with => ERRNO */
#define SD_TEXT		BIT(2)	/* words are text: => is not special */

struct stmt_desc {
	enum scn_stmt_kind kind;
	int (*parse)(struct parser *ps, struct scn_stmt *st);
	const char *usage;
	unsigned int flags;
};

/* Indexed by kind; "wait" also parses wait until, "action" has no word. */
static const struct stmt_desc stmts[SCN_STMT_NR_KINDS] = {
	[SCN_STMT_MACHINE] = { SCN_STMT_MACHINE, parse_machine,
		"machine [memory=SIZE] [cpus=N] [nodes=N] [swap=SIZE|none] [seed=N] [disk=SIZE]",
		SD_SETUP },
	[SCN_STMT_MOUNT] = { SCN_STMT_MOUNT, parse_mount,
		"mount cgroup2 [OPTION...]", SD_SETUP },
	[SCN_STMT_SYSCTL] = { SCN_STMT_SYSCTL, parse_set,
		"sysctl KEY=VALUE...", SD_SETUP },
	[SCN_STMT_PARAM] = { SCN_STMT_PARAM, parse_set,
		"param MODULE.NAME=VALUE...", SD_SETUP },
	[SCN_STMT_POLICY] = { SCN_STMT_POLICY, parse_set,
		"policy NAME=VALUE...", SD_SETUP },
	[SCN_STMT_MKDIR] = { SCN_STMT_MKDIR, parse_dirs,
		"mkdir PATH... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_RMDIR] = { SCN_STMT_RMDIR, parse_dirs,
		"rmdir PATH... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_WRITE] = { SCN_STMT_WRITE, parse_write,
		"write TARGET VALUE... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_READ] = { SCN_STMT_READ, parse_read,
		"read TARGET[:KEY] [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_OPEN] = { SCN_STMT_OPEN, parse_open,
		"open PATH as NAME [nonblock] [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_CLOSE] = { SCN_STMT_CLOSE, parse_close,
		"close NAME [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_ECHO] = { SCN_STMT_ECHO, parse_echo, "echo TEXT...",
		SD_TEXT },
	[SCN_STMT_SPAWN] = { SCN_STMT_SPAWN, parse_spawn,
		"spawn NAME in CGROUP [threads=N] [oom_score_adj=N] [cpu=N] [=> ERRNO]",
		SD_ERRNO },
	[SCN_STMT_FORK] = { SCN_STMT_FORK, parse_fork,
		"fork NAME as NAME2 [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_MOVE] = { SCN_STMT_MOVE, parse_move,
		"move NAME to CGROUP [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_KILL] = { SCN_STMT_KILL, parse_kill,
		"kill NAME [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_SLEEP] = { SCN_STMT_SLEEP, parse_sleep,
		"sleep DURATION", 0 },
	[SCN_STMT_WAIT] = { SCN_STMT_WAIT, parse_wait,
		"wait NAME | wait until CONDITION [timeout=DURATION]", 0 },
	[SCN_STMT_EXPECT] = { SCN_STMT_EXPECT, parse_expect,
		"expect CONDITION [xfail \"REASON\"]", 0 },
	[SCN_STMT_RECORD] = { SCN_STMT_RECORD, parse_record,
		"record every DURATION TARGET[:KEY]... to FILE", 0 },
	[SCN_STMT_RECLAIM_UNTIL] = { SCN_STMT_RECLAIM_UNTIL, parse_reclaim_until,
		"reclaim_until CGROUP SIZE", 0 },
};

/* Statement words: the stmt_names that start a statement. */
static const struct stmt_desc *find_stmt(const struct scn_token *t)
{
	int i = tok_lookup(t, stmt_names, ARRAY_SIZE(stmt_names));

	if (i < 0 || !stmts[i].parse)
		return NULL;
	return &stmts[i];
}

static int unknown_statement(struct parser *ps)
{
	const struct scn_token *t = &ps->tok[0];
	const char *colon = strchr(t->text, ':');
	const char *cands[SCN_STMT_NR_KINDS];
	size_t i, n = 0;

	if (!t->quoted && word_lookup(t->text, action_names, SCN_ACT_NR_KINDS) >= 0)
		return perr(ps, "'%s' is a process action: write 'NAME: %s ...'",
			    t->text, t->text);
	if (!t->quoted && find_proc(ps, t->text))
		return perr(ps, "missing ':' after process name '%s'", t->text);
	if (!t->quoted && colon &&
	    find_proc(ps, pstrndup(ps, t->text, colon - t->text)))
		return perr(ps, "missing space after ':' in '%s'", t->text);
	for (i = 0; i < ARRAY_SIZE(stmts); i++)
		if (stmts[i].parse)
			cands[n++] = stmt_names[i];
	return perr_hint(ps, t->quoted ? NULL : suggest_list(t->text, cands, n),
			 "unknown statement '%s'", t->text);
}

/* Setup statements first; everything but echo ends the setup. */
static int check_phase(struct parser *ps, enum scn_stmt_kind kind,
		       unsigned int flags)
{
	if (flags & SD_SETUP) {
		if (ps->body_line)
			return perr(ps, "'%s' must come before the first cgroup or process statement (line %d)",
				    stmt_names[kind], ps->body_line);
		return 0;
	}
	if (kind != SCN_STMT_ECHO && !ps->body_line)
		ps->body_line = ps->line;
	return 0;
}

/* A trailing "=> ERRNO" is removed from the words into st. */
static int strip_errno(struct parser *ps, struct scn_stmt *st, bool allowed)
{
	const struct scn_token *t;
	size_t i;

	for (i = 0; i < ps->n && !tok_is(&ps->tok[i], "=>"); i++)
		;
	if (i == ps->n)
		return 0;
	if (!allowed)
		return perr(ps, "'=> ERRNO' is not allowed on '%s'",
			    stmt_names[st->kind]);
	if (i + 1 == ps->n)
		return perr(ps, "missing errno name after '=>'");
	if (i + 2 != ps->n)
		return perr(ps, "unexpected '%s' after the errno", ps->tok[i + 2].text);
	t = &ps->tok[i + 1];
	st->expect_errno = t->quoted ? 0 : scn_errno_from_name(t->text);
	if (!st->expect_errno) {
		struct suggest s;
		size_t k;

		suggest_init(&s, t->text);
		for (k = 0; k < ARRAY_SIZE(errno_names); k++)
			suggest_try(&s, errno_names[k].name);
		return perr_hint(ps, s.best, "unknown errno '%s'", t->text);
	}
	st->expect_errname = pstrdup(ps, t->text);
	ps->n = i;
	return 0;
}

static bool is_action_head(const struct scn_token *t)
{
	return !t->quoted && t->len && t->text[t->len - 1] == ':';
}

static int parse_action(struct parser *ps, struct scn_stmt *st)
{
	const struct scn_token *head = &ps->tok[0];
	const struct action_desc *ad;
	struct scn_token name;
	struct proc_decl *p;
	int ret;

	st->kind = SCN_STMT_ACTION;
	ps->usage = "NAME: ACTION ARGS... [&] [=> ERRNO]";
	check_phase(ps, SCN_STMT_ACTION, 0);
	ret = strip_errno(ps, st, true);
	if (ret)
		return ret;
	if (head->len == 1)
		return perr(ps, "missing process name before ':'");
	name.text = pstrndup(ps, head->text, head->len - 1);
	name.len = head->len - 1;
	name.quoted = false;
	p = get_proc(ps, &name);
	if (!p)
		return -EINVAL;
	if (ps->n < 2)
		return perr(ps, "missing action after '%s'", head->text);
	ad = find_action(ps, &ps->tok[1]);
	if (!ad)
		return -EINVAL;
	st->action.kind = ad->kind;
	st->action.proc = p->name;
	ps->usage = ad->usage;
	if (tok_is(&ps->tok[ps->n - 1], "&")) {
		if (!(ad->flags & AD_BG))
			return perr(ps, "'&' (background) only applies to touch, mlock, access and replay");
		st->action.background = true;
		ps->n--;
	}
	ps->tok++;
	ps->n--;
	return ad->parse(ps, st, p);
}

static int parse_keyword_stmt(struct parser *ps, struct scn_stmt *st)
{
	const struct stmt_desc *d = find_stmt(&ps->tok[0]);
	int ret;

	if (!d)
		return unknown_statement(ps);
	st->kind = d->kind;
	ps->usage = d->usage;
	ret = check_phase(ps, d->kind, d->flags);
	if (!ret && !(d->flags & SD_TEXT))
		ret = strip_errno(ps, st, d->flags & SD_ERRNO);
	if (ret)
		return ret;
	return d->parse(ps, st);
}

static void parse_statement(struct parser *ps, const struct scn_line *ln)
{
	struct scn_script *sc = ps->sc;
	struct scn_stmt st;
	int ret;

	memset(&st, 0, sizeof(st));
	ps->line = ln->line;
	ps->tok = ln->tok;
	ps->n = ln->ntok;
	st.file = sc->file;
	st.line = ln->line;
	st.text = pstrdup(ps, ln->raw);
	if (is_action_head(&ln->tok[0]))
		ret = parse_action(ps, &st);
	else
		ret = parse_keyword_stmt(ps, &st);
	if (ret)
		return;
	sc->stmts = parser_grow(sc->stmts, &ps->cstmts, sc->nstmts + 1,
				sizeof(*sc->stmts));
	sc->stmts[sc->nstmts++] = st;
}

/* ---------------------------------------------------------------------
 * Entry points.
 */

static struct scn_script *script_new(const char *filename)
{
	struct scn_script *sc = calloc(1, sizeof(*sc));
	const char *name = filename ? filename : "<string>";

	if (!sc)
		abort();
	sc->file = strcpy(arena_alloc(&sc->arena, strlen(name) + 1), name);
	machine_defaults(&sc->machine);
	return sc;
}

int scn_parse_string(const char *filename, const char *text, size_t len,
		     struct scn_script **out, struct strbuf *err)
{
	struct parser ps = { .err = err };
	struct strbuf lexerr = STRBUF_INIT;
	struct scn_lexer lx;
	struct scn_line ln;
	int ret;

	*out = NULL;
	ps.sc = script_new(filename);
	scn_lexer_init(&lx, ps.sc->file, text ? text : "", text ? len : 0);
	scn_line_init(&ln);
	while (!too_many_errors(&ps) && (ret = scn_lex_line(&lx, &ln, &lexerr))) {
		if (ret > 0) {
			parse_statement(&ps, &ln);
			continue;
		}
		ps.line = ln.line;
		sb_add(err, lexerr.buf, lexerr.len);
		sb_reset(&lexerr);
		count_error(&ps);
	}
	scn_line_release(&ln);
	sb_release(&lexerr);
	parser_release(&ps);
	if (ps.nerr) {
		scn_script_free(ps.sc);
		return -EINVAL;
	}
	*out = ps.sc;
	return 0;
}

static int read_all(FILE *f, struct strbuf *sb)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(sb, buf, n);
	return ferror(f) ? -EIO : 0;
}

int scn_parse_file(const char *path, struct scn_script **out,
		   struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	FILE *f;
	int ret;

	*out = NULL;
	f = fopen(path, "r");
	if (!f) {
		ret = -errno;
		sb_printf(err, "%s: %s\n", path, strerror(-ret));
		return ret;
	}
	errno = 0;
	ret = read_all(f, &text);
	if (ret) {
		ret = errno ? -errno : ret;
		sb_printf(err, "%s: %s\n", path, strerror(-ret));
		goto out;
	}
	ret = scn_parse_string(path, text.buf, text.len, out, err);
out:
	fclose(f);
	sb_release(&text);
	return ret;
}
