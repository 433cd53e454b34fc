/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scenario tokenizer: splits the text into statements (logical lines) of
 * words.  See docs/scenario.md, "Lexical rules".
 */
#ifndef MEMCGLAB_SCENARIO_LEXER_H
#define MEMCGLAB_SCENARIO_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/strbuf.h"

struct scn_token {
	const char *text;	/* unescaped word, NUL-terminated */
	size_t len;		/* strlen(text) */
	/*
	 * Some part of the word was in double quotes.  A quoted word is
	 * never a keyword, operator, number or `=>`: it is plain text.
	 */
	bool quoted;
};

/* One statement: its words and where it came from. */
struct scn_line {
	int line;		/* first physical line, from 1 */
	struct scn_token *tok;	/* ntok words */
	size_t ntok;
	/* Source text: comments dropped, continuations joined by a space. */
	const char *raw;
	/* private: storage behind tok[].text and raw */
	size_t cap;
	size_t *off;
	struct strbuf chars;
	struct strbuf rawbuf;
};

struct scn_lexer {
	const char *file;	/* for messages */
	const char *p;		/* next unread byte */
	const char *end;	/* end of the text */
	int line;		/* physical line of *p */
};

void scn_lexer_init(struct scn_lexer *lx, const char *file,
		    const char *text, size_t len);

void scn_line_init(struct scn_line *ln);
void scn_line_release(struct scn_line *ln);

/*
 * Read the next statement with at least one word into @ln (blank and
 * comment-only lines are skipped).  Returns 1 when a statement was read,
 * 0 at the end of the text, or -EINVAL on a lexical error: the message
 * ("FILE:LINE: ...\n") is appended to @err and the rest of the statement's
 * physical line is skipped, so the caller can go on with the next one.
 */
int scn_lex_line(struct scn_lexer *lx, struct scn_line *ln,
		 struct strbuf *err);

#endif
