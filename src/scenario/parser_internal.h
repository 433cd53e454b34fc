/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the scenario parser (parser.c, names.c, parse_*.c, dump.c):
 * the parser state, the name tables of the language and the helpers the
 * statement parsers share.  Everything else uses parser.h and ast.h.
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

extern const char *const stmt_names[SCN_STMT_NR_KINDS];
extern const char *const action_names[SCN_ACT_NR_KINDS];
extern const char *const cmp_names[SCN_CMP_CLOSE + 1];
extern const char *const pagemap_names[SCN_PM_UFFD_WP + 1];
extern const char *const proc_state_names[SCN_PROC_EXITED + 1];
extern const char *const advice_names[SCN_MADV_WILLNEED + 1];
extern const char *const mmap_kind_names[SCN_MMAP_MEMFD + 1];
extern const char *const fill_names[SCN_FILL_RATIO + 1];
extern const char *const pattern_names[SCN_PATTERN_ZIPF + 1];
extern const char *const dentry_names[SCN_DENTRY_POSITIVE + 1];

#define NAME_OR(tab, i) \
	((size_t)(i) < ARRAY_SIZE(tab) && (tab)[i] ? (tab)[i] : "?")

/* ---------------------------------------------------------------------
 * Numbers (parse_values.c).
 */

/*
 * Nine decimals reach 1ns in seconds and keep every fraction exact
 * through a print/parse round trip (9 + 3 digits < DBL_DIG).
 */
#define SCN_MAX_DECIMALS	9
#define SCN_MAX_THETA		100

struct decimal {
	u64 mant;		/* the digits without the point */
	unsigned int frac;	/* digits after the point: value = mant/10^frac */
};

bool is_digit(char c);
int parse_decimal(const char *s, const char **end, struct decimal *d);
double decimal_double(const struct decimal *d);
int parse_uint(const char *s, u64 *out);
int parse_int_range(const char *s, long lo, long hi, int *out);

/* ---------------------------------------------------------------------
 * "Did you mean" (parse_values.c).
 */

struct suggest {
	const char *word;
	size_t len;
	const char *best;
	unsigned int dist;
};

void suggest_init(struct suggest *s, const char *word);
void suggest_try(struct suggest *s, const char *cand);
const char *suggest_list(const char *word, const char *const *list,
			 size_t n);
int word_lookup(const char *word, const char *const *list, size_t n);

/* ---------------------------------------------------------------------
 * Parser state (parser.c): what has been declared so far, for
 * use-before-declare checks.  Names point into the script's arena.
 */

#define SIZE_UNKNOWN	UINT64_MAX

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
};

struct fd_decl {
	const char *name;
	int line;		/* where it was opened */
};

struct parser {
	struct scn_script *sc;
	struct strbuf *err;
	int nerr;
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
	size_t cstmts;			/* capacity of sc->stmts */
};

void *parser_grow(void *p, size_t *cap, size_t need, size_t elt);
void *palloc(struct parser *ps, size_t n);
char *pstrndup(struct parser *ps, const char *s, size_t n);
char *pstrdup(struct parser *ps, const char *s);

/* ---------------------------------------------------------------------
 * Error messages (parser.c): each returns -EINVAL.
 */

int perr(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int perr_hint(struct parser *ps, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int perr_choice(struct parser *ps, const char *word,
		const char *const *list, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int stmt_usage(struct parser *ps);

/* ---------------------------------------------------------------------
 * Words and numbers in statements, with messages (parse_values.c).
 */

bool tok_is(const struct scn_token *t, const char *kw);
int tok_lookup(const struct scn_token *t, const char *const *list,
	       size_t n);
bool is_ident(const char *s);
const char *join_words(struct parser *ps, size_t from, size_t to);
int check_new_name(struct parser *ps, const struct scn_token *t,
		   const char *what);

int get_size(struct parser *ps, const struct scn_token *t, u64 *out);
int get_positive_size(struct parser *ps, const struct scn_token *t,
		      const char *what, u64 *out);
int get_count(struct parser *ps, const char *s, const char *what,
	      u64 *out);
int get_duration(struct parser *ps, const char *s, u64 *ns);
int get_positive_duration(struct parser *ps, const char *s, u64 *ns);
int get_fraction(struct parser *ps, const char *s, const char *what,
		 double *out);
bool is_percent(const struct scn_token *t);
int get_tolerance(struct parser *ps, const struct scn_token *t,
		  unsigned int *out);

/* ---------------------------------------------------------------------
 * Paths, file targets, processes, regions and pins (parse_target.c).
 */

#define TGT_KEY	BIT(0)	/* :KEY allowed (reads) */
#define TGT_FD	BIT(1)	/* an open file name allowed */

int get_cgroup(struct parser *ps, const struct scn_token *t,
	       const char **out);
int get_file_path(struct parser *ps, const struct scn_token *t,
		  const char **out);
struct fd_decl *find_fd(struct parser *ps, const char *name);
const char *suggest_fd(struct parser *ps, const char *name);
struct proc_decl *find_proc(struct parser *ps, const char *name);
int get_target(struct parser *ps, const struct scn_token *t,
	       unsigned int flags, struct scn_target *tg);

struct proc_decl *get_proc(struct parser *ps, const struct scn_token *t);
int new_proc_name(struct parser *ps, const struct scn_token *t,
		  const char **name);
struct proc_decl *add_proc(struct parser *ps, const char *name);
struct region_decl *find_region(struct proc_decl *p, const char *name);
struct region_decl *get_region(struct parser *ps, struct proc_decl *p,
			       const struct scn_token *t);
struct region_decl *add_region(struct proc_decl *p, const char *name);
void del_region(struct proc_decl *p, struct region_decl *r);
int find_pin(struct proc_decl *p, const char *name);
int get_range(struct parser *ps, const struct scn_token *off,
	      const struct region_decl *r, struct scn_range *rg);

/* ---------------------------------------------------------------------
 * Statement parsers, called from the table in parser.c with the
 * statement word in ps->tok[0].
 */

/* parse_stmt.c: setup statements, cgroup files, open files, processes. */
void machine_defaults(struct scn_machine *m);
int parse_machine(struct parser *ps, struct scn_stmt *st);
int parse_mount(struct parser *ps, struct scn_stmt *st);
int parse_set(struct parser *ps, struct scn_stmt *st);
int parse_dirs(struct parser *ps, struct scn_stmt *st);
int parse_write(struct parser *ps, struct scn_stmt *st);
int parse_read(struct parser *ps, struct scn_stmt *st);
int parse_open(struct parser *ps, struct scn_stmt *st);
int parse_close(struct parser *ps, struct scn_stmt *st);
int parse_echo(struct parser *ps, struct scn_stmt *st);
int parse_spawn(struct parser *ps, struct scn_stmt *st);
int parse_fork(struct parser *ps, struct scn_stmt *st);
int parse_move(struct parser *ps, struct scn_stmt *st);
int parse_reclaim_until(struct parser *ps, struct scn_stmt *st);
int parse_kill(struct parser *ps, struct scn_stmt *st);

/* parse_expect.c: conditions, time, expectations and recording. */
bool is_number_word(const struct scn_token *t);
int parse_sleep(struct parser *ps, struct scn_stmt *st);
int parse_wait(struct parser *ps, struct scn_stmt *st);
int parse_expect(struct parser *ps, struct scn_stmt *st);
int parse_record(struct parser *ps, struct scn_stmt *st);

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
const struct action_desc *find_action(struct parser *ps,
				      const struct scn_token *t);

#endif
