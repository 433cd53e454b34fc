// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario tokenizer.  A statement is one line, or several joined by a
 * trailing backslash; '#' outside double quotes starts a comment; words are
 * separated by blanks; "..." quotes blanks and '#', with \" and \\ as the
 * only escapes.  The scenario layer has no kernel counterpart.
 */
#include "lexer.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void scn_lexer_init(struct scn_lexer *lx, const char *file,
		    const char *text, size_t len)
{
	lx->file = file;
	lx->p = text;
	lx->end = text + len;
	lx->line = 1;
}

void scn_line_init(struct scn_line *ln)
{
	memset(ln, 0, sizeof(*ln));
	sb_init(&ln->chars);
	sb_init(&ln->rawbuf);
	ln->raw = "";
}

void scn_line_release(struct scn_line *ln)
{
	free(ln->tok);
	free(ln->off);
	sb_release(&ln->chars);
	sb_release(&ln->rawbuf);
	scn_line_init(ln);
}

static void line_reset(struct scn_line *ln, int lineno)
{
	ln->line = lineno;
	ln->ntok = 0;
	ln->raw = "";
	sb_reset(&ln->chars);
	sb_reset(&ln->rawbuf);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Ends a run of plain characters outside quotes. */
static bool is_special(char c)
{
	return is_blank(c) || c == '\n' || c == '#' || c == '\\' ||
	       c == '"' || c == '\0';
}

/* Ends a run of plain characters inside quotes. */
static bool is_special_quoted(char c)
{
	return c == '"' || c == '\n' || c == '\\' || c == '\0';
}

static void word_start(struct scn_line *ln)
{
	if (ln->ntok == ln->cap) {
		ln->cap = ln->cap ? 2 * ln->cap : 16;
		ln->tok = realloc(ln->tok, ln->cap * sizeof(*ln->tok));
		ln->off = realloc(ln->off, ln->cap * sizeof(*ln->off));
		if (!ln->tok || !ln->off)
			abort();
	}
	ln->off[ln->ntok] = ln->chars.len;
	ln->tok[ln->ntok].text = NULL;
	ln->tok[ln->ntok].quoted = false;
	ln->ntok++;
}

static void word_end(struct scn_line *ln)
{
	size_t i = ln->ntok - 1;

	ln->tok[i].len = ln->chars.len - ln->off[i];
	sb_add(&ln->chars, "", 1);
}

/* Pointers into chars are only stable once the statement is complete. */
static void line_finish(struct scn_line *ln)
{
	size_t i;

	for (i = 0; i < ln->ntok; i++)
		ln->tok[i].text = ln->chars.buf + ln->off[i];
	ln->raw = ln->rawbuf.buf ? ln->rawbuf.buf : "";
}

static void raw_add(struct scn_line *ln, const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	while (e > s && is_blank(e[-1]))
		e--;
	if (s == e)
		return;
	if (ln->rawbuf.len)
		sb_add(&ln->rawbuf, " ", 1);
	sb_add(&ln->rawbuf, s, e - s);
}

/* Only blanks, maybe then a comment, up to the end of the line? */
static bool rest_is_blank(const char *p, const char *end)
{
	for (; p < end && *p != '\n' && *p != '#'; p++)
		if (!is_blank(*p))
			return false;
	return true;
}

static const char *skip_line(const char *p, const char *end)
{
	while (p < end && *p != '\n')
		p++;
	return p;
}

/*
 * Copy a quoted part (p is after the opening quote) into the current word.
 * Returns the byte after the closing quote, or NULL with *why set.
 */
static const char *lex_quoted(const char *p, const char *end,
			      struct scn_line *ln, const char **why)
{
	ln->tok[ln->ntok - 1].quoted = true;
	while (p < end && *p && *p != '"' && *p != '\n') {
		const char *run = p;

		while (p < end && !is_special_quoted(*p))
			p++;
		sb_add(&ln->chars, run, p - run);
		if (p >= end || *p != '\\')
			continue;
		if (p + 1 < end && (p[1] == '"' || p[1] == '\\'))
			p++;
		sb_add(&ln->chars, p++, 1);
	}
	if (p < end && !*p) {
		*why = "NUL byte in the text";
		return NULL;
	}
	if (p >= end || *p != '"') {
		*why = "unterminated quoted string";
		return NULL;
	}
	return p + 1;
}

/*
 * Lex one physical line into @ln.  *more says it ended with a backslash.
 * On error, lx->p is left inside the bad line.
 */
static int lex_physical(struct scn_lexer *lx, struct scn_line *ln,
			bool *more, const char **why)
{
	const char *p = lx->p, *end = lx->end;
	const char *seg = p, *seg_end = NULL, *q;
	bool in_word = false;

	*more = false;
	while (p < end && *p != '\n') {
		char c = *p;

		if (c == '\0') {
			lx->p = p;
			*why = "NUL byte in the text";
			return -EINVAL;
		}
		if (c == '#' || (c == '\\' && rest_is_blank(p + 1, end))) {
			*more = c == '\\';
			seg_end = p;
			p = skip_line(p, end);
			break;
		}
		if (is_blank(c)) {
			if (in_word)
				word_end(ln);
			in_word = false;
			p++;
			continue;
		}
		if (!in_word)
			word_start(ln);
		in_word = true;
		if (c == '"') {
			q = lex_quoted(p + 1, end, ln, why);
			if (!q) {
				lx->p = p;
				return -EINVAL;
			}
			p = q;
			continue;
		}
		/* A plain run; *p itself is plain or a literal backslash. */
		q = p + 1;
		while (q < end && !is_special(*q))
			q++;
		sb_add(&ln->chars, p, q - p);
		p = q;
	}
	if (in_word)
		word_end(ln);
	raw_add(ln, seg, seg_end ? seg_end : p);
	if (p < end) {
		p++;
		if (lx->line < INT_MAX)
			lx->line++;
	}
	lx->p = p;
	return 0;
}

static int lex_statement(struct scn_lexer *lx, struct scn_line *ln,
			 struct strbuf *err)
{
	const char *why = NULL;
	bool more;
	int ret;

	do {
		ret = lex_physical(lx, ln, &more, &why);
		if (ret < 0) {
			sb_printf(err, "%s:%d: %s\n", lx->file, ln->line, why);
			lx->p = skip_line(lx->p, lx->end);
			if (lx->p < lx->end) {
				lx->p++;
				if (lx->line < INT_MAX)
					lx->line++;
			}
			return ret;
		}
	} while (more && lx->p < lx->end);
	return 0;
}

int scn_lex_line(struct scn_lexer *lx, struct scn_line *ln,
		 struct strbuf *err)
{
	int ret;

	while (lx->p < lx->end) {
		line_reset(ln, lx->line);
		ret = lex_statement(lx, ln, err);
		if (ret < 0)
			return ret;
		if (ln->ntok) {
			line_finish(ln);
			return 1;
		}
	}
	line_reset(ln, lx->line);
	return 0;
}
