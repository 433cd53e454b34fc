/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the scenario parser (parser.c, parse_*.c, values.c, names.c,
 * dump.c): the parser state, the name tables of the language and the
 * helpers the statement parsers share (parse_util.c, parse_target.c).
 * Everything else uses parser.h and ast.h.  Every name here that is not
 * static carries the language's prefix, scn_.
 */
#ifndef MEMCGLAB_SCENARIO_PARSER_INTERNAL_H
#define MEMCGLAB_SCENARIO_PARSER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/compiler.h"
#include "scenario/ast.h"
#include "scenario/lexer.h"
#include "scenario/parser.h"

/* ---------------------------------------------------------------------
 * Names of things (names.c), indexed by their enum.
 */

extern const char *const scn_stmt_names[SCN_STMT_NR_KINDS];
extern const char *const scn_action_names[SCN_ACT_NR_KINDS];
extern const char *const scn_cmp_names[SCN_CMP_CLOSE + 1];
extern const char *const scn_pagemap_names[SCN_PM_SWAP_RESIDENT + 1];
extern const char *const scn_proc_state_names[SCN_PROC_EXITED + 1];
extern const char *const scn_advice_names[SCN_MADV_REMOVE + 1];
extern const char *const scn_mmap_kind_names[SCN_MMAP_SYSV + 1];
extern const char *const scn_page_src_names[SCN_PAGES_MINCORE + 1];
extern const char *const scn_page_src_files[SCN_PAGES_MINCORE + 1];
extern const char *const scn_uffd_op_names[SCN_UFFD_UNWP + 1];
extern const char *const scn_pin_via_names[SCN_PIN_IO_URING + 1];

/* A name for a bit: kpageflags, uffd features and modes, scan masks. */
struct scn_named_bit {
	const char *name;
	unsigned int bit;
};

extern const struct scn_named_bit scn_kpf_names[];
extern const size_t scn_nr_kpf_names;
extern const struct scn_named_bit scn_uffd_feature_names[];
extern const size_t scn_nr_uffd_feature_names;
extern const struct scn_named_bit scn_uffd_mode_names[];
extern const size_t scn_nr_uffd_mode_names;
extern const struct scn_named_bit scn_scan_category_names[];
extern const size_t scn_nr_scan_category_names;
extern const struct scn_named_bit scn_scan_flag_names[];
extern const char *const scn_scan_field_names[];
extern const size_t scn_nr_scan_flag_names;
extern const char *const scn_fill_names[SCN_FILL_BYTES + 1];
extern const char *const scn_pattern_names[SCN_PATTERN_ZIPF + 1];
extern const char *const scn_dentry_names[SCN_DENTRY_POSITIVE + 1];

#define NAME_OR(tab, i) \
	((size_t)(i) < ARRAY_SIZE(tab) && (tab)[i] ? (tab)[i] : "?")

/* ---------------------------------------------------------------------
 * Numbers (values.c).
 */

/*
 * Nine decimals reach 1ns in seconds and keep every fraction exact
 * through a print/parse round trip (9 + 3 digits < DBL_DIG).
 */
#define SCN_MAX_DECIMALS	9
#define SCN_MAX_THETA		100

struct scn_decimal {
	u64 mant;		/* the digits without the point */
	unsigned int frac;	/* digits after the point: value = mant/10^frac */
};

bool scn_is_digit(char c);
int scn_parse_decimal(const char *s, const char **end, struct scn_decimal *d);
double scn_decimal_double(const struct scn_decimal *d);
int scn_parse_uint(const char *s, u64 *out);
int scn_parse_int_range(const char *s, long lo, long hi, int *out);

/* ---------------------------------------------------------------------
 * "Did you mean" (parse_util.c).
 */

struct scn_suggest {
	const char *word;
	size_t len;
	const char *best;
	unsigned int dist;
};

void scn_suggest_init(struct scn_suggest *s, const char *word);
void scn_suggest_try(struct scn_suggest *s, const char *cand);
const char *scn_suggest_list(const char *word, const char *const *list,
			     size_t n);
const char *scn_suggest_names(const char *word, const void *base, size_t n,
			      size_t stride);
int scn_word_lookup(const char *word, const char *const *list, size_t n);

/* ---------------------------------------------------------------------
 * Parser state (parse_util.c): what has been declared so far, for
 * use-before-declare checks.  Names point into the script's arena.
 */

#define SIZE_UNKNOWN	UINT64_MAX

/* Each declaration begins with its name, for scn_suggest_names(). */

struct region_decl {
	const char *name;
	u64 size;		/* bytes, or SIZE_UNKNOWN after a bad mmap */
	const char *size_text;	/* as written, for messages */
};

struct proc_decl {
	const char *name;
	struct region_decl *regions;
	size_t nregions, cregions;
	const char **pins;
	size_t npins, cpins;
	int window_line;	/* its `move ... window`, until `move NAME attach` */
};

struct fd_decl {
	const char *name;
	int line;		/* where it was opened */
};

/* A variable: declared by let, repeat ... as, for, in source order. */
struct var_decl {
	const char *name;
	int line;		/* where it was first declared */
};

/* An open block (if or loop), until its end. */
struct block {
	size_t idx;		/* its statement */
	enum scn_stmt_kind kind;
	int line;
	bool loop;
	/* loops: the regions, pins and files declared when it began */
	char **names;
	size_t nnames;
};

struct parser {
	struct scn_script *sc;
	const struct scn_parse_opts *opts;
	struct strbuf *err;
	int nerr;
	const char *file;		/* the file being read (messages) */
	int line;			/* current statement's first line */
	const struct scn_token *tok;	/* its remaining words */
	size_t n;
	const char *usage;		/* its syntax, for "usage:" messages */
	int body_line;		/* first non-setup statement, 0 = none yet */
	int machine_line;	/* the machine statement, 0 = none yet */
	int mount_line;		/* the mount statement, 0 = none yet */
	struct proc_decl *procs;
	size_t nprocs, cprocs;
	struct fd_decl *fds;
	size_t nfds, cfds;
	struct var_decl *vars;
	size_t nvars, cvars;
	struct block blocks[SCN_MAX_NESTING];
	int nblocks;
	int loops;			/* open loops among the blocks */
	int file_blocks;		/* blocks open when this file began */
	const char *incl[SCN_MAX_INCLUDE_DEPTH + 1];	/* files being read */
	int nincl;
	size_t cstmts;			/* capacity of sc->stmts */
	size_t cfiles;			/* capacity of sc->files */
	/*
	 * Parsing an instance of a statement with variables, at run time
	 * (scn_parse_instance()): names need no declaration, no block or
	 * include is opened, messages have no FILE:LINE.
	 */
	bool instance;
};

char *scn_arena_strdup(struct scn_arena **ap, const char *s);
void scn_parser_release(struct parser *ps);
void *scn_grow(void *p, size_t *cap, size_t need, size_t elt);
void *scn_palloc(struct parser *ps, size_t n);
char *scn_pstrndup(struct parser *ps, const char *s, size_t n);
char *scn_pstrdup(struct parser *ps, const char *s);

/* ---------------------------------------------------------------------
 * Error messages (parse_util.c): each returns -EINVAL.
 */

bool scn_too_many_errors(struct parser *ps);
void scn_count_error(struct parser *ps);
int scn_perr(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int scn_perr_hint(struct parser *ps, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int scn_perr_choice(struct parser *ps, const char *word,
		    const char *const *list, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int scn_usage(struct parser *ps);

/* ---------------------------------------------------------------------
 * Variables (parse_vars.c).
 */

/*
 * The reference at @s (s[0] == '$'): its length, with its name at *name
 * (*nlen bytes).  0: not a reference.  -1: a "${" that is malformed.
 */
long scn_var_ref(const char *s, const char **name, size_t *nlen);
/* A $NAME or ${NAME} reference in @s. */
bool scn_has_var(const char *s);
bool scn_tok_has_var(const struct scn_token *t);
/*
 * Check the references in @t against the variables declared so far, and
 * put its canonical text (each reference as $NAME, or ${NAME} before a
 * name character) in *out, in the arena.  1 if it has one, 0 if not,
 * -EINVAL after a message.
 */
int scn_check_vars(struct parser *ps, const struct scn_token *t,
		   struct scn_token *out);
struct var_decl *scn_find_var(struct parser *ps, const char *name);
/* Declare @name (an identifier, checked) as a variable. */
int scn_declare_var(struct parser *ps, const struct scn_token *t,
		    const char **name);

/* ---------------------------------------------------------------------
 * Words and numbers in statements, with messages (parse_util.c).
 */

bool scn_tok_is(const struct scn_token *t, const char *kw);
int scn_tok_lookup(const struct scn_token *t, const char *const *list,
		   size_t n);
bool scn_is_ident(const char *s);
/* An identifier, or a template of one: $NAME references may stand
 * anywhere, checked when the statement runs. */
bool scn_is_name(struct parser *ps, const char *s);
/* A word whose value comes from a variable: checked when it runs. */
bool scn_deferred(struct parser *ps, const char *s);
const char *scn_join_words(struct parser *ps, size_t from, size_t to);
int scn_check_new_name(struct parser *ps, const struct scn_token *t,
		       const char *what);
bool scn_is_number_word(const struct scn_token *t);
int scn_get_option(struct parser *ps, const struct scn_token *t,
		   const char *const *keys, size_t nkeys, const char *what,
		   unsigned int *seen, const char **value);

int scn_get_size(struct parser *ps, const struct scn_token *t, u64 *out);
int scn_get_positive_size(struct parser *ps, const struct scn_token *t,
			  const char *what, u64 *out);
int scn_get_count(struct parser *ps, const char *s, const char *what,
		  u64 *out);
int scn_get_duration(struct parser *ps, const char *s, u64 *ns);
int scn_get_positive_duration(struct parser *ps, const char *s, u64 *ns);
int scn_get_fraction(struct parser *ps, const char *s, const char *what,
		     double *out);
bool scn_is_percent(const struct scn_token *t);
int scn_get_tolerance(struct parser *ps, const struct scn_token *t,
		      unsigned int *out);

/* ---------------------------------------------------------------------
 * Processes, regions, pins and open files declared so far (parse_util.c).
 */

struct fd_decl *scn_find_fd(struct parser *ps, const char *name);
const char *scn_suggest_fd(struct parser *ps, const char *name);
struct proc_decl *scn_find_proc(struct parser *ps, const char *name);
struct proc_decl *scn_get_proc(struct parser *ps, const struct scn_token *t);
int scn_new_proc_name(struct parser *ps, const struct scn_token *t,
		      const char **name);
struct proc_decl *scn_add_proc(struct parser *ps, const char *name);
struct region_decl *scn_find_region(struct proc_decl *p, const char *name);
struct region_decl *scn_get_region(struct parser *ps, struct proc_decl *p,
				   const struct scn_token *t);
struct region_decl *scn_add_region(struct proc_decl *p, const char *name);
void scn_del_region(struct proc_decl *p, struct region_decl *r);
int scn_find_pin(struct proc_decl *p, const char *name);

/* ---------------------------------------------------------------------
 * Paths, file targets and ranges (parse_target.c).
 */

#define TGT_KEY	BIT(0)	/* :KEY allowed (reads) */
#define TGT_FD	BIT(1)	/* an open file name allowed */

int scn_get_cgroup(struct parser *ps, const struct scn_token *t,
		   const char **out);
int scn_get_file_path(struct parser *ps, const struct scn_token *t,
		      const char **out);
int scn_get_target(struct parser *ps, const struct scn_token *t,
		   unsigned int flags, struct scn_target *tg);
int scn_get_range(struct parser *ps, const struct scn_token *off,
		  const struct region_decl *r, struct scn_range *rg);

/* ---------------------------------------------------------------------
 * Expressions (parse_expr.c).
 */

#define EXPR_CMP	BIT(0)	/* a comparison may stand at the top */
#define EXPR_OFF	BIT(1)	/* fill=bytes=: `off`, and no file */
#define EXPR_SIDE	BIT(2)	/* a side of a condition: max, "text" */

/* The expression in words [from, to): *out, or -EINVAL after a message. */
int scn_get_expr(struct parser *ps, size_t from, size_t to,
		 unsigned int flags, struct scn_expr **out);
/* An expression in one string (the value of fill=bytes=). */
int scn_get_expr_text(struct parser *ps, const char *text, unsigned int flags,
		      struct scn_expr **out);
/* for NAME in A..B: the two expressions of words [from, to). */
int scn_get_range_exprs(struct parser *ps, size_t from, size_t to,
			struct scn_expr **a, struct scn_expr **b);

/* ---------------------------------------------------------------------
 * Statement parsers, called from the table in parser.c with the
 * statement word in ps->tok[0].
 */

/* parse_stmt.c: setup statements, cgroup files, open files, processes. */
void scn_machine_defaults(struct scn_machine *m);
/* parse_mm.c: page queries, tmpfs, uffd, pagemap_scan and friends */
int scn_get_named_bits(struct parser *ps, const char *text, const char *what,
		       const struct scn_named_bit *names, size_t n, u64 *out);
int scn_parse_tmpfs(struct parser *ps, struct scn_stmt *st);
int scn_parse_read_pages(struct parser *ps, struct scn_stmt *st);
int scn_parse_read_count(struct parser *ps, struct scn_stmt *st);
/* parse_expect.c: SRC NAME REGION [OFF LEN] [WHAT] [OP N]; @count: no OP N */
int scn_parse_pages_cond(struct parser *ps, size_t from, size_t to, int src,
			 bool count, struct scn_cond *c);
int scn_act_shmctl(struct parser *ps, struct scn_stmt *st, struct proc_decl *p);
int scn_act_clear_refs(struct parser *ps, struct scn_stmt *st,
		       struct proc_decl *p);
int scn_act_mprotect(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p);
int scn_act_uffd(struct parser *ps, struct scn_stmt *st, struct proc_decl *p);
int scn_act_pagemap_scan(struct parser *ps, struct scn_stmt *st,
			 struct proc_decl *p);

/* dump.c's helpers, and dump_mm.c's forms */
void scn_dump_word(struct strbuf *sb, const char *s);
void scn_dump_u64(struct strbuf *sb, const char *prefix, u64 v,
		  const char *unit);
void scn_dump_range(struct strbuf *sb, const struct scn_range *r);
void scn_dump_cmp(struct strbuf *sb, enum scn_cmp op);
void scn_dump_tol(struct strbuf *sb, enum scn_cmp op, unsigned int tol);
void scn_dump_pages_cond(struct strbuf *sb, const struct scn_cond *c,
			 bool with_op);
void scn_dump_lseek_cond(struct strbuf *sb, const struct scn_cond *c);
void scn_dump_tmpfs(struct strbuf *sb, const struct scn_stmt *st);
void scn_dump_read_pages(struct strbuf *sb, const struct scn_stmt *st);
void scn_dump_mm_action(struct strbuf *sb, const struct scn_action *a);

int scn_parse_machine(struct parser *ps, struct scn_stmt *st);
int scn_parse_mount(struct parser *ps, struct scn_stmt *st);
int scn_parse_set(struct parser *ps, struct scn_stmt *st);
int scn_parse_dirs(struct parser *ps, struct scn_stmt *st);
int scn_parse_write(struct parser *ps, struct scn_stmt *st);
int scn_parse_read(struct parser *ps, struct scn_stmt *st);
int scn_parse_open(struct parser *ps, struct scn_stmt *st);
int scn_parse_close(struct parser *ps, struct scn_stmt *st);
int scn_parse_echo(struct parser *ps, struct scn_stmt *st);
int scn_parse_spawn(struct parser *ps, struct scn_stmt *st);
int scn_parse_fork(struct parser *ps, struct scn_stmt *st);
int scn_parse_move(struct parser *ps, struct scn_stmt *st);
int scn_parse_reclaim_until(struct parser *ps, struct scn_stmt *st);
int scn_parse_kill(struct parser *ps, struct scn_stmt *st);

/* parse_expect.c: conditions, time, expectations and recording. */
int scn_parse_sleep(struct parser *ps, struct scn_stmt *st);
int scn_parse_wait(struct parser *ps, struct scn_stmt *st);
int scn_parse_expect(struct parser *ps, struct scn_stmt *st);
int scn_parse_record(struct parser *ps, struct scn_stmt *st);
/* The condition of words [from, to); @bare: an expression alone means
 * "is not 0" (if, while). */
int scn_get_cond(struct parser *ps, size_t from, size_t to, bool bare,
		 struct scn_cond *c);

/* parse_flow.c: let, if, else, end, repeat, for, while. */
int scn_parse_let(struct parser *ps, struct scn_stmt *st);
int scn_parse_if(struct parser *ps, struct scn_stmt *st);
int scn_parse_else(struct parser *ps, struct scn_stmt *st);
int scn_parse_end(struct parser *ps, struct scn_stmt *st);
int scn_parse_repeat(struct parser *ps, struct scn_stmt *st);
int scn_parse_for(struct parser *ps, struct scn_stmt *st);
int scn_parse_while(struct parser *ps, struct scn_stmt *st);
/* A block statement at stmts[idx] (parsed or not) opens a block. */
void scn_open_block(struct parser *ps, const struct scn_stmt *st, size_t idx);
/* Blocks still open at the end of a file: a message for each. */
void scn_close_blocks(struct parser *ps, int down_to);
/* A spawn or fork inside a loop must name its process with a variable. */
int scn_check_loop_name(struct parser *ps, const char *name, const char *what);

/* ---------------------------------------------------------------------
 * Process actions (parse_action.c).
 */

#define AD_BG	BIT(0)	/* may run in the background with & */

struct action_desc {
	enum scn_action_kind kind;
	int (*parse)(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p);
	const char *usage;
	unsigned int flags;
};

/* The action named by @t, or NULL after an "unknown action" error. */
const struct action_desc *scn_find_action(struct parser *ps,
					  const struct scn_token *t);

#endif
