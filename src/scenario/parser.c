// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario parser: turns the lexer's statements into the syntax tree of
 * ast.h, checking everything that can be checked before the machine boots
 * (statement shapes, numbers, declared names, setup order), and collecting
 * every error with its file:line.  The scenario layer has no kernel
 * counterpart; the language is documented in docs/scenario.md.
 *
 * This file holds the errno names, the statement table and dispatch, and
 * the entry points: the top of the parser.  The statement parsers are in
 * parse_stmt.c, parse_expect.c and parse_action.c, which share only the
 * private helpers of parse_util.c and parse_target.c (parser_internal.h);
 * the numbers are in values.c, the name tables in names.c and the
 * canonical printer in dump.c.
 */
#include "parser_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	[SCN_STMT_MACHINE] = { SCN_STMT_MACHINE, scn_parse_machine,
		"machine [memory=SIZE] [cpus=N] [nodes=N] [swap=SIZE|none] [seed=N] [disk=SIZE]",
		SD_SETUP },
	[SCN_STMT_MOUNT] = { SCN_STMT_MOUNT, scn_parse_mount,
		"mount cgroup2 [OPTION...]", SD_SETUP },
	[SCN_STMT_SYSCTL] = { SCN_STMT_SYSCTL, scn_parse_set,
		"sysctl KEY=VALUE...", SD_SETUP },
	[SCN_STMT_PARAM] = { SCN_STMT_PARAM, scn_parse_set,
		"param MODULE.NAME=VALUE...", SD_SETUP },
	[SCN_STMT_POLICY] = { SCN_STMT_POLICY, scn_parse_set,
		"policy NAME=VALUE...", SD_SETUP },
	[SCN_STMT_MKDIR] = { SCN_STMT_MKDIR, scn_parse_dirs,
		"mkdir PATH... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_RMDIR] = { SCN_STMT_RMDIR, scn_parse_dirs,
		"rmdir PATH... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_WRITE] = { SCN_STMT_WRITE, scn_parse_write,
		"write TARGET VALUE... [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_READ] = { SCN_STMT_READ, scn_parse_read,
		"read TARGET[:KEY] | read /proc/NAME/pagemap REGION [OFFSET LENGTH | bytes POS COUNT] | read /proc/kpageflags|kpagecount|kpagecgroup NAME REGION [OFFSET LENGTH] | read pagemap|kpageflags|kpagecount|kpagecgroup|mincore NAME REGION [OFFSET LENGTH] [WHAT] [=> ERRNO]",
		SD_ERRNO },
	[SCN_STMT_OPEN] = { SCN_STMT_OPEN, scn_parse_open,
		"open PATH as NAME [nonblock] [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_CLOSE] = { SCN_STMT_CLOSE, scn_parse_close,
		"close NAME [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_ECHO] = { SCN_STMT_ECHO, scn_parse_echo, "echo TEXT...",
		SD_TEXT },
	[SCN_STMT_SPAWN] = { SCN_STMT_SPAWN, scn_parse_spawn,
		"spawn NAME in CGROUP [threads=N] [oom_score_adj=N] [cpu=N] [uid=N] [=> ERRNO]",
		SD_ERRNO },
	[SCN_STMT_FORK] = { SCN_STMT_FORK, scn_parse_fork,
		"fork NAME as NAME2 [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_MOVE] = { SCN_STMT_MOVE, scn_parse_move,
		"move NAME to CGROUP [window] [=> ERRNO] | move NAME attach",
		SD_ERRNO },
	[SCN_STMT_KILL] = { SCN_STMT_KILL, scn_parse_kill,
		"kill NAME [=> ERRNO]", SD_ERRNO },
	[SCN_STMT_SLEEP] = { SCN_STMT_SLEEP, scn_parse_sleep,
		"sleep DURATION", 0 },
	[SCN_STMT_WAIT] = { SCN_STMT_WAIT, scn_parse_wait,
		"wait NAME | wait until CONDITION [timeout=DURATION]", 0 },
	[SCN_STMT_EXPECT] = { SCN_STMT_EXPECT, scn_parse_expect,
		"expect CONDITION [xfail \"REASON\"]", 0 },
	[SCN_STMT_RECORD] = { SCN_STMT_RECORD, scn_parse_record,
		"record every DURATION TARGET[:KEY]... to FILE", 0 },
	[SCN_STMT_RECLAIM_UNTIL] = { SCN_STMT_RECLAIM_UNTIL, scn_parse_reclaim_until,
		"reclaim_until CGROUP SIZE", 0 },
	[SCN_STMT_LET] = { SCN_STMT_LET, scn_parse_let, "let NAME = EXPR", 0 },
	[SCN_STMT_IF] = { SCN_STMT_IF, scn_parse_if, "if CONDITION", 0 },
	[SCN_STMT_ELSE] = { SCN_STMT_ELSE, scn_parse_else, "else", 0 },
	[SCN_STMT_END] = { SCN_STMT_END, scn_parse_end, "end", 0 },
	[SCN_STMT_REPEAT] = { SCN_STMT_REPEAT, scn_parse_repeat,
		"repeat EXPR [as NAME]", 0 },
	[SCN_STMT_FOR] = { SCN_STMT_FOR, scn_parse_for,
		"for NAME in FIRST..LAST", 0 },
	[SCN_STMT_WHILE] = { SCN_STMT_WHILE, scn_parse_while,
		"while CONDITION [max=N]", 0 },
	[SCN_STMT_INCLUDE] = { SCN_STMT_INCLUDE, NULL, "include FILE",
		SD_TEXT },
	[SCN_STMT_TMPFS] = { SCN_STMT_TMPFS, scn_parse_tmpfs,
		"mount tmpfs PATH [OPTION...] [=> ERRNO]", SD_ERRNO },
};

/* Statement words: the scn_stmt_names that start a statement. */
static const struct stmt_desc *find_stmt(struct parser *ps)
{
	const struct scn_token *t = &ps->tok[0];
	int i = scn_tok_lookup(t, scn_stmt_names, ARRAY_SIZE(scn_stmt_names));

	/* `mount tmpfs` mounts a filesystem anywhere; `mount cgroup2` is setup */
	if (i == SCN_STMT_MOUNT && ps->n > 1 && scn_tok_is(&t[1], "tmpfs"))
		i = SCN_STMT_TMPFS;
	if (i < 0 || (!stmts[i].parse && i != SCN_STMT_INCLUDE))
		return NULL;
	return &stmts[i];
}

static int unknown_statement(struct parser *ps)
{
	const struct scn_token *t = &ps->tok[0];
	const char *colon = strchr(t->text, ':');
	const char *cands[SCN_STMT_NR_KINDS];
	size_t i, n = 0;

	if (!t->quoted && scn_word_lookup(t->text, scn_action_names, SCN_ACT_NR_KINDS) >= 0)
		return scn_perr(ps, "'%s' is a process action: write 'NAME: %s ...'",
				t->text, t->text);
	if (!t->quoted && scn_find_proc(ps, t->text))
		return scn_perr(ps, "missing ':' after process name '%s'", t->text);
	if (!t->quoted && colon &&
	    scn_find_proc(ps, scn_pstrndup(ps, t->text, colon - t->text)))
		return scn_perr(ps, "missing space after ':' in '%s'", t->text);
	for (i = 0; i < ARRAY_SIZE(stmts); i++)
		if (stmts[i].parse || i == SCN_STMT_INCLUDE)
			cands[n++] = scn_stmt_names[i];
	return scn_perr_hint(ps, t->quoted ? NULL : scn_suggest_list(t->text, cands, n),
			     "unknown statement '%s'", t->text);
}

/* Setup statements first; everything but echo ends the setup. */
static int check_phase(struct parser *ps, enum scn_stmt_kind kind,
		       unsigned int flags)
{
	if (flags & SD_SETUP) {
		if (ps->body_line)
			return scn_perr(ps, "'%s' must come before the first cgroup or process statement (line %d)",
					scn_stmt_names[kind], ps->body_line);
		return 0;
	}
	if (kind != SCN_STMT_ECHO && kind != SCN_STMT_INCLUDE && !ps->body_line)
		ps->body_line = ps->line;
	return 0;
}

/* A trailing "=> ERRNO" is removed from the words into st. */
static int strip_errno(struct parser *ps, struct scn_stmt *st, bool allowed)
{
	const struct scn_token *t;
	size_t i;

	for (i = 0; i < ps->n && !scn_tok_is(&ps->tok[i], "=>"); i++)
		;
	if (i == ps->n)
		return 0;
	if (!allowed)
		return scn_perr(ps, "'=> ERRNO' is not allowed on '%s'",
				scn_stmt_names[st->kind]);
	if (i + 1 == ps->n)
		return scn_perr(ps, "missing errno name after '=>'");
	if (i + 2 != ps->n)
		return scn_perr(ps, "unexpected '%s' after the errno", ps->tok[i + 2].text);
	t = &ps->tok[i + 1];
	st->expect_errno = t->quoted ? 0 : scn_errno_from_name(t->text);
	if (!st->expect_errno)
		return scn_perr_hint(ps, scn_suggest_names(t->text, errno_names,
							   ARRAY_SIZE(errno_names),
							   sizeof(*errno_names)),
				     "unknown errno '%s'", t->text);
	st->expect_errname = scn_pstrdup(ps, t->text);
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
		return scn_perr(ps, "missing process name before ':'");
	name.text = scn_pstrndup(ps, head->text, head->len - 1);
	name.len = head->len - 1;
	name.quoted = false;
	p = scn_get_proc(ps, &name);
	if (!p)
		return -EINVAL;
	if (ps->n < 2)
		return scn_perr(ps, "missing action after '%s'", head->text);
	ad = scn_find_action(ps, &ps->tok[1]);
	if (!ad)
		return -EINVAL;
	st->action.kind = ad->kind;
	st->action.proc = p->name;
	ps->usage = ad->usage;
	if (scn_tok_is(&ps->tok[ps->n - 1], "&")) {
		if (!(ad->flags & AD_BG))
			return scn_perr(ps, "'&' (background) only applies to touch, mlock, access and replay");
		st->action.background = true;
		ps->n--;
	}
	ps->tok++;
	ps->n--;
	return ad->parse(ps, st, p);
}

static int parse_keyword_stmt(struct parser *ps, struct scn_stmt *st)
{
	const struct stmt_desc *d = find_stmt(ps);
	int ret;

	if (!d)
		return unknown_statement(ps);
	st->kind = d->kind;
	ps->usage = d->usage;
	if (st->subst && (d->flags & SD_SETUP))
		return scn_perr(ps, "variables cannot be used in '%s': setup statements run before any let",
				scn_stmt_names[d->kind]);
	ret = check_phase(ps, d->kind, d->flags);
	if (!ret && !(d->flags & SD_TEXT))
		ret = strip_errno(ps, st, d->flags & SD_ERRNO);
	if (ret)
		return ret;
	return d->parse(ps, st);
}

/* One statement from ps->tok, into @st. */
static int parse_one(struct parser *ps, struct scn_stmt *st)
{
	if (is_action_head(&ps->tok[0]))
		return parse_action(ps, st);
	return parse_keyword_stmt(ps, st);
}

/*
 * Check the variables the words use; with any, keep the words (in their
 * canonical form) as the statement's template, and parse those.
 */
static int template_words(struct parser *ps, struct scn_stmt *st)
{
	struct scn_token *tok = NULL;
	struct scn_word *words;
	size_t i;
	int ret;

	for (i = 0; i < ps->n; i++) {
		struct scn_token t;

		ret = scn_check_vars(ps, &ps->tok[i], &t);
		if (ret < 0)
			return ret;
		if (!ret)
			continue;
		if (!tok) {
			tok = scn_palloc(ps, ps->n * sizeof(*tok));
			memcpy(tok, ps->tok, ps->n * sizeof(*tok));
		}
		tok[i] = t;
	}
	if (!tok)
		return 0;
	ps->tok = tok;
	words = scn_palloc(ps, ps->n * sizeof(*words));
	for (i = 0; i < ps->n; i++) {
		/* the lexer's buffer is reused by the next statement */
		words[i].text = scn_pstrdup(ps, tok[i].text);
		words[i].quoted = tok[i].quoted;
	}
	st->subst = true;
	st->words = words;
	st->nwords = ps->n;
	return 0;
}

static void append(struct parser *ps, const struct scn_stmt *st)
{
	struct scn_script *sc = ps->sc;

	sc->stmts = scn_grow(sc->stmts, &ps->cstmts, sc->nstmts + 1,
			     sizeof(*sc->stmts));
	sc->stmts[sc->nstmts++] = *st;
}

static void parse_include(struct parser *ps, struct scn_stmt *st);

static void parse_statement(struct parser *ps, const struct scn_line *ln)
{
	size_t idx = ps->sc->nstmts;
	struct scn_stmt st;
	int ret;

	memset(&st, 0, sizeof(st));
	ps->line = ln->line;
	ps->tok = ln->tok;
	ps->n = ln->ntok;
	st.file = ps->file;
	st.line = ln->line;
	st.text = scn_pstrdup(ps, ln->raw);
	if (scn_tok_is(&ps->tok[0], "include")) {
		parse_include(ps, &st);
		return;
	}
	ret = template_words(ps, &st);
	if (!ret)
		ret = parse_one(ps, &st);
	if (!ret)
		append(ps, &st);
	/* a block that did not parse is open all the same, for its end */
	if (scn_stmt_is_block(&st))
		scn_open_block(ps, &st, ret ? SIZE_MAX : idx);
}

/* ---------------------------------------------------------------------
 * Files and includes.
 */

/* Lex and parse @len bytes of @text, the file @file. */
static void parse_text(struct parser *ps, const char *file, const char *text,
		       size_t len)
{
	struct strbuf lexerr = STRBUF_INIT;
	int file_blocks = ps->file_blocks;
	const char *outer = ps->file;
	struct scn_lexer lx;
	struct scn_line ln;
	int ret;

	ps->file = file;
	ps->file_blocks = ps->nblocks;
	scn_lexer_init(&lx, file, text ? text : "", text ? len : 0);
	scn_line_init(&ln);
	while (!scn_too_many_errors(ps) && (ret = scn_lex_line(&lx, &ln, &lexerr))) {
		if (ret > 0) {
			parse_statement(ps, &ln);
			continue;
		}
		ps->line = ln.line;
		sb_add(ps->err, lexerr.buf, lexerr.len);
		sb_reset(&lexerr);
		scn_count_error(ps);
	}
	scn_close_blocks(ps, ps->file_blocks);
	scn_line_release(&ln);
	sb_release(&lexerr);
	ps->file = outer;
	ps->file_blocks = file_blocks;
}

static int read_all(FILE *f, struct strbuf *sb)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(sb, buf, n);
	return ferror(f) ? -EIO : 0;
}

/* A regular file of at most SCN_MAX_INCLUDE_SIZE bytes, read whole. */
static int read_include(void *arg, const char *path, struct strbuf *text)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	int ret;

	if (!f)
		return -errno;
	if (fstat(fileno(f), &st))
		ret = -errno;
	else if (!S_ISREG(st.st_mode))
		ret = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	else if (st.st_size > SCN_MAX_INCLUDE_SIZE)
		ret = -EFBIG;
	else
		ret = read_all(f, text);
	fclose(f);
	return ret;
}

/* @path relative to the directory of @from, unless it is absolute. */
static const char *resolve(struct parser *ps, const char *from,
			   const char *path)
{
	const char *slash = strrchr(from, '/');
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	if (path[0] == '/' || !slash)
		return scn_pstrdup(ps, path);
	sb_printf(&sb, "%.*s/%s", (int)(slash - from), from, path);
	out = scn_pstrdup(ps, sb.buf);
	sb_release(&sb);
	return out;
}

/* The include chain, for the message about a cycle. */
static int include_cycle(struct parser *ps, const char *file)
{
	struct strbuf chain = STRBUF_INIT;
	int i, ret;

	for (i = 0; i < ps->nincl; i++)
		sb_printf(&chain, "%s includes ", ps->incl[i]);
	sb_puts(&chain, file);
	ret = scn_perr(ps, "include cycle: %s", chain.buf);
	sb_release(&chain);
	return ret;
}

static int check_include(struct parser *ps, const char *file)
{
	int i;

	if (ps->instance)
		return scn_perr(ps, "include cannot use variables");
	for (i = 0; i < ps->nincl; i++)
		if (!strcmp(ps->incl[i], file))
			return include_cycle(ps, file);
	if (ps->nincl == SCN_MAX_INCLUDE_DEPTH)
		return scn_perr(ps, "includes nest too deep (at most %d)",
				SCN_MAX_INCLUDE_DEPTH);
	return 0;
}

static void add_file(struct parser *ps, const char *file)
{
	struct scn_script *sc = ps->sc;
	size_t i;

	for (i = 0; i < sc->nfiles; i++)
		if (!strcmp(sc->files[i], file))
			return;
	sc->files = scn_grow(sc->files, &ps->cfiles, sc->nfiles + 1,
			     sizeof(*sc->files));
	sc->files[sc->nfiles++] = file;
}

static void parse_include(struct parser *ps, struct scn_stmt *st)
{
	struct strbuf text = STRBUF_INIT;
	const struct scn_token *t = &ps->tok[1];
	size_t idx = ps->sc->nstmts;
	const char *file;
	int ret;

	st->kind = SCN_STMT_INCLUDE;
	ps->usage = stmts[SCN_STMT_INCLUDE].usage;
	check_phase(ps, SCN_STMT_INCLUDE, 0);
	if (ps->n != 2 || !t->len) {
		scn_usage(ps);
		return;
	}
	file = resolve(ps, ps->file, t->text);
	if (check_include(ps, file))
		return;
	ret = ps->opts && ps->opts->read ?
	      ps->opts->read(ps->opts->arg, file, &text) :
	      read_include(NULL, file, &text);
	if (ret) {
		scn_perr(ps, "cannot include '%s': %s", file, strerror(-ret));
		goto out;
	}
	st->include.path = scn_pstrdup(ps, t->text);
	st->include.file = file;
	append(ps, st);
	add_file(ps, file);
	ps->incl[ps->nincl++] = file;
	parse_text(ps, file, text.buf, text.len);
	ps->nincl--;
	ps->sc->stmts[idx].include.end = ps->sc->nstmts;
out:
	sb_release(&text);
}

/* A migration stopped half-way (`move ... window`) must be finished. */
static void check_windows_closed(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->nprocs && !scn_too_many_errors(ps); i++) {
		if (!ps->procs[i].window_line)
			continue;
		ps->line = ps->procs[i].window_line;
		scn_perr(ps, "the migration window of '%s' is never closed (add 'move %s attach')",
			 ps->procs[i].name, ps->procs[i].name);
	}
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
	sc->file = scn_arena_strdup(&sc->arena, name);
	scn_machine_defaults(&sc->machine);
	return sc;
}

int scn_parse_string_opts(const char *filename, const char *text, size_t len,
			  const struct scn_parse_opts *opts,
			  struct scn_script **out, struct strbuf *err)
{
	struct parser ps = { .err = err, .opts = opts };

	*out = NULL;
	ps.sc = script_new(filename);
	ps.file = ps.sc->file;
	add_file(&ps, ps.file);
	ps.incl[ps.nincl++] = ps.file;
	parse_text(&ps, ps.file, text, len);
	check_windows_closed(&ps);
	scn_parser_release(&ps);
	if (ps.nerr) {
		scn_script_free(ps.sc);
		return -EINVAL;
	}
	*out = ps.sc;
	return 0;
}

int scn_parse_string(const char *filename, const char *text, size_t len,
		     struct scn_script **out, struct strbuf *err)
{
	return scn_parse_string_opts(filename, text, len, NULL, out, err);
}

int scn_parse_instance(const struct scn_script *script,
		       const struct scn_stmt *tmpl, const struct scn_word *words,
		       size_t n, struct scn_arena **arena,
		       struct scn_stmt **out, struct strbuf *err)
{
	struct scn_script sc = {
		.file = script->file, .machine = script->machine,
		.mount_flags = script->mount_flags, .arena = *arena,
	};
	struct parser ps = {
		.sc = &sc, .err = err, .file = tmpl->file, .line = tmpl->line,
		.instance = true, .body_line = tmpl->line,
	};
	struct scn_token *tok = calloc(n ? n : 1, sizeof(*tok));
	struct scn_stmt *st;
	size_t i;
	int ret = -EINVAL;

	*out = NULL;
	if (!tok)
		abort();
	for (i = 0; i < n; i++) {
		tok[i].text = words[i].text;
		tok[i].len = strlen(words[i].text);
		tok[i].quoted = words[i].quoted;
	}
	st = scn_palloc(&ps, sizeof(*st));
	memset(st, 0, sizeof(*st));
	st->file = tmpl->file;
	st->line = tmpl->line;
	st->text = tmpl->text;
	ps.tok = tok;
	ps.n = n;
	if (n)
		ret = parse_one(&ps, st);
	scn_parser_release(&ps);
	free(tok);
	*arena = sc.arena;
	if (ret || ps.nerr)
		return -EINVAL;
	*out = st;
	return 0;
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
