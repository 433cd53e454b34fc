/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syntax tree of a scenario file (docs/scenario.md is the language
 * reference).  The parser produces a struct scn_script; the interpreter walks
 * script->stmts in order.  Everything here is already checked and converted:
 * sizes are bytes, durations nanoseconds, counts plain numbers, errno names
 * resolved, names of processes, regions, pins and open files known to be
 * declared before use.  The interpreter only has to reject what depends on
 * the model (unknown sysctl/param/policy names, files that do not exist).
 *
 * All strings and arrays belong to the script's arena and live until
 * scn_script_free().  String fields are never NULL unless the comment says so.
 */
#ifndef MEMCGLAB_SCENARIO_AST_H
#define MEMCGLAB_SCENARIO_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"

struct scn_arena;

/* Defaults of the machine statement (applied when a key is not given). */
#define SCN_DEFAULT_MEMORY	(1ULL << 30)	/* 1G of RAM */
#define SCN_DEFAULT_CPUS	2
#define SCN_DEFAULT_NODES	1
#define SCN_DEFAULT_SWAP	0		/* no swap device */
#define SCN_DEFAULT_SEED	1
#define SCN_DEFAULT_DISK	(16ULL << 30)	/* 16G simulated disk */
#define SCN_MAX_CPUS		1024
#define SCN_MAX_NODES		64

/* `wait until` without timeout= gives up after this much virtual time. */
#define SCN_DEFAULT_WAIT_TIMEOUT_NS	(10ULL * 1000000000ULL)

enum scn_stmt_kind {
	/* setup: only before the first cgroup/process/time/expect statement */
	SCN_STMT_MACHINE,	/* machine memory=1G cpus=2 ... */
	SCN_STMT_MOUNT,		/* mount cgroup2 [options] */
	SCN_STMT_SYSCTL,	/* sysctl vm.swappiness=60 ... */
	SCN_STMT_PARAM,		/* param zswap.enabled=Y ... */
	SCN_STMT_POLICY,	/* policy zswap.lru=global ... */
	/* cgroup files and the scenario's own open files */
	SCN_STMT_MKDIR,		/* mkdir PATH... */
	SCN_STMT_RMDIR,		/* rmdir PATH... */
	SCN_STMT_WRITE,		/* write TARGET VALUE... */
	SCN_STMT_READ,		/* read TARGET[:KEY] */
	SCN_STMT_OPEN,		/* open PATH as NAME [nonblock] */
	SCN_STMT_CLOSE,		/* close NAME */
	SCN_STMT_ECHO,		/* echo TEXT... (allowed anywhere) */
	/* processes */
	SCN_STMT_SPAWN,		/* spawn NAME in CGROUP [options] */
	SCN_STMT_FORK,		/* fork NAME as CHILD */
	SCN_STMT_MOVE,		/* move NAME to CGROUP */
	SCN_STMT_KILL,		/* kill NAME */
	SCN_STMT_ACTION,	/* NAME: action args... */
	/* time */
	SCN_STMT_SLEEP,		/* sleep DURATION */
	SCN_STMT_WAIT,		/* wait NAME */
	SCN_STMT_WAIT_UNTIL,	/* wait until CONDITION [timeout=DURATION] */
	/* checks and output */
	SCN_STMT_EXPECT,	/* expect CONDITION [xfail "reason"] */
	SCN_STMT_RECORD,	/* record every DURATION TARGET... to FILE */
	SCN_STMT_RECLAIM_UNTIL,	/* reclaim_until CGROUP SIZE */
	SCN_STMT_TMPFS,		/* mount tmpfs PATH [OPTION...] (not setup) */
	/* values and control flow: run by the runtime, on any backend */
	SCN_STMT_LET,		/* let NAME = EXPR */
	SCN_STMT_IF,		/* if CONDITION */
	SCN_STMT_ELSE,		/* else (of the innermost open if) */
	SCN_STMT_END,		/* end (of the innermost open if or loop) */
	SCN_STMT_REPEAT,	/* repeat EXPR [as NAME] */
	SCN_STMT_FOR,		/* for NAME in EXPR..EXPR */
	SCN_STMT_WHILE,		/* while CONDITION [max=N] */
	/* include FILE: its statements follow, up to include.end */
	SCN_STMT_INCLUDE,
	SCN_STMT_NR_KINDS
};

/* `while` without max= stops after this many passes, and says so. */
#define SCN_DEFAULT_WHILE_MAX	10000
/* The most passes a repeat or for loop may make. */
#define SCN_MAX_LOOP		1000000
/* How deep blocks (if, loops) and includes may nest. */
#define SCN_MAX_NESTING		32
#define SCN_MAX_INCLUDE_DEPTH	16

/*
 * A file the scenario reads or writes.  Written TARGET[:KEY] in the source.
 */
enum scn_target_kind {
	SCN_TARGET_CGROUP,	/* a file in the cgroup2 tree */
	SCN_TARGET_ABS,		/* an absolute path outside it: /proc/..., /sys/... */
	SCN_TARGET_FD,		/* a name declared by `open` */
	SCN_TARGET_PROC,	/* /proc/NAME/FILE of a process of the scenario */
};

struct scn_target {
	enum scn_target_kind kind;
	/*
	 * CGROUP: the file relative to the cgroup root, no leading slash
	 * ("A/B/memory.current", "cgroup.procs"); a source path starting
	 * with /sys/fs/cgroup/ is rewritten to this form.
	 * ABS: the absolute path ("/proc/vmstat").  FD: NULL.  PROC: the
	 * file in the process's directory ("smaps_rollup").
	 */
	const char *path;
	/* CGROUP: the directory part ("A/B", or "/" for the root). Else NULL. */
	const char *cgroup;
	/* CGROUP: the file name ("memory.current").  Else NULL. */
	const char *file;
	/* FD: the name given to `open`.  Else NULL. */
	const char *fd;
	/*
	 * PROC: the process's name; path is then the file in its /proc
	 * directory ("status"), the pid going in between when it runs.
	 */
	const char *proc;
	/*
	 * The :KEY selector, or NULL to use the whole file.  Only reads of
	 * numbers allow one: read, comparison operands, record.  The value
	 * is the word after KEY on the line whose first word is KEY (a ':'
	 * ending the file's key is ignored: /proc/meminfo:MemFree).
	 */
	const char *key;
	/*
	 * KEY.FIELD: the FIELD=value item on the KEY line (memory.pressure's
	 * "some.total", memory.numa_stat's "anon.N0"), or NULL.
	 */
	const char *field;
	/* The operand as written, for messages ("A/memory.stat:anon"). */
	const char *text;
};

enum scn_cmp {
	SCN_CMP_EQ,		/* == */
	SCN_CMP_NE,		/* != */
	SCN_CMP_LT,		/* <  */
	SCN_CMP_LE,		/* <= */
	SCN_CMP_GT,		/* >  */
	SCN_CMP_GE,		/* >= */
	/*
	 * ~ : the selftests' values_close(got, want, tol):
	 * |got - want| <= ((got + want) / 100) * tol, integer division.
	 */
	SCN_CMP_CLOSE,
};

/* What scan(NAME.FIELD) reads of a process's last pagemap_scan. */
enum scn_scan_field {
	SCN_SCAN_RET,		/* the ioctl's result: regions, or -errno */
	SCN_SCAN_WALK_END,	/* walk_end, in bytes from the range's start */
	SCN_SCAN_PAGES,		/* the pages of all regions returned */
	SCN_SCAN_START,		/* [K]: region K's start, bytes from the range's */
	SCN_SCAN_LEN,		/* [K]: region K's length in pages */
	SCN_SCAN_CATS,		/* [K]: region K's categories (PAGE_IS_* bits) */
	SCN_SCAN_NR_FIELDS
};

/*
 * An integer expression (docs/scenario.md, "Expressions"): 64-bit signed
 * arithmetic, where an overflow or a division by zero is an error, never a
 * wrapped value.  A tree; each node's children belong to the script.
 */
enum scn_expr_kind {
	SCN_EXPR_NUM,		/* a size or integer, already in bytes/units */
	SCN_EXPR_MAX,		/* the word max; compares above every number */
	SCN_EXPR_STRING,	/* "quoted": compare the whole file as text */
	SCN_EXPR_TARGET,	/* the number read from a file (or one key) */
	/*
	 * $NAME: only in the template of a statement that uses variables
	 * (scn_stmt.subst), which runs with the values substituted.
	 */
	SCN_EXPR_VAR,
	SCN_EXPR_OFF,		/* off: the byte's offset, in fill=bytes= */
	/*
	 * scan(NAME.FIELD) or scan(NAME.FIELD[K]): of the last pagemap_scan
	 * of process NAME (str), its field (scan_field) of region K (num).
	 */
	SCN_EXPR_SCAN,
	SCN_EXPR_NEG,		/* -X (l) */
	SCN_EXPR_ADD,		/* l + r */
	SCN_EXPR_SUB,		/* l - r */
	SCN_EXPR_MUL,		/* l * r */
	SCN_EXPR_DIV,		/* l / r, truncated toward zero as in C */
	SCN_EXPR_MOD,		/* l % r, the sign of l as in C */
	SCN_EXPR_CMP,		/* l OP r: 1 or 0 (op is never ~) */
	SCN_EXPR_MIN,		/* min(args...) */
	SCN_EXPR_MAXOF,		/* max(args...) */
};

struct scn_expr {
	enum scn_expr_kind kind;
	/* NUM: the value (sizes converted to bytes; may be negative). */
	s64 num;
	/* STRING: the text (file content minus one trailing newline).
	 * VAR: the word as written ($N, ${N}000).  Else NULL. */
	const char *str;
	/*
	 * TARGET: the file; its first word, or the key's value, is the
	 * number ("max" there compares above every number).  @read says it
	 * was written read(TARGET) rather than bare.
	 */
	struct scn_target target;
	bool read;
	enum scn_cmp op;	/* CMP: never SCN_CMP_CLOSE */
	struct scn_expr *l, *r;	/* NEG: l; binary operators and CMP */
	struct scn_expr **args;	/* MIN, MAXOF: nargs >= 1 */
	size_t nargs;
	enum scn_scan_field scan_field;	/* SCAN */
};

enum scn_proc_state {
	SCN_PROC_KILLED,	/* died from a signal (kill, OOM kill) */
	SCN_PROC_ALIVE,		/* still running */
	SCN_PROC_EXITED,	/* ended through `NAME: exit` */
};

/* /proc/PID/pagemap bits counted over a region (tools/testing/selftests/mm). */
enum scn_pagemap_flag {
	SCN_PM_PRESENT,		/* bit 63 */
	SCN_PM_SWAP,		/* bit 62 */
	SCN_PM_FILE,		/* bit 61: file page or shared anon */
	SCN_PM_EXCLUSIVE,	/* bit 56: PM_MMAP_EXCLUSIVE */
	SCN_PM_SOFT_DIRTY,	/* bit 55 */
	SCN_PM_UFFD_WP,		/* bit 57 */
	/* bit 62 where mincore() says resident: a false PM_SWAP report */
	SCN_PM_SWAP_RESIDENT,
};

/* An [OFFSET LENGTH] pair; absent means the whole region or file. */
struct scn_range {
	bool whole;		/* no range given: offset 0, length everything */
	u64 offset;		/* bytes; 0 when whole */
	u64 length;		/* bytes, > 0; 0 when whole */
};

/*
 * Per-page information about a process's region: what `expect pagemap`,
 * `expect kpageflags` (...) and `read /proc/NAME/pagemap REGION` look at.
 */
enum scn_page_src {
	SCN_PAGES_PAGEMAP,	/* its /proc/self/pagemap entry, read by itself */
	SCN_PAGES_KPAGEFLAGS,	/* /proc/kpageflags of the frame it maps */
	SCN_PAGES_KPAGECOUNT,	/* /proc/kpagecount of that frame */
	SCN_PAGES_KPAGECGROUP,	/* /proc/kpagecgroup of that frame */
	SCN_PAGES_MINCORE,	/* its mincore(2) byte, asked by itself */
};

/* What `expect` and `wait until` test. */
enum scn_cond_kind {
	SCN_COND_COMPARE,	/* EXPR OP EXPR [TOL%] */
	SCN_COND_EMPTY,		/* TARGET empty: the file has zero bytes */
	SCN_COND_CONTAINS,	/* TARGET contains "WORD" (substring) */
	SCN_COND_NOT_CONTAINS,	/* TARGET !contains "WORD" */
	SCN_COND_PROC,		/* NAME killed|alive|exited */
	/* pagemap|kpageflags|kpagecount|kpagecgroup|mincore NAME REGION ... */
	SCN_COND_PAGEMAP,
	SCN_COND_LSEEK,		/* lseek PATH data|hole OFFSET OP VALUE|ERRNO */
	SCN_COND_READABLE,	/* TARGET readable: the whole file reads */
	SCN_COND_NOT,		/* not COND */
	SCN_COND_AND,		/* COND and COND */
	SCN_COND_OR,		/* COND or COND (and binds tighter) */
};

struct scn_cond {
	enum scn_cond_kind kind;
	union {
		/* COMPARE */
		struct {
			struct scn_expr *lhs;	/* left side */
			enum scn_cmp op;	/* comparison */
			struct scn_expr *rhs;	/* right side */
			/* percent for SCN_CMP_CLOSE (0..100); else 0 */
			unsigned int tolerance;
		} cmp;
		/* EMPTY, CONTAINS, NOT_CONTAINS, READABLE */
		struct {
			struct scn_target target;	/* the file (no key) */
			/* CONTAINS/NOT_CONTAINS: the substring; EMPTY: NULL */
			const char *word;
		} file;
		/* PROC */
		struct {
			const char *proc;		/* process name */
			enum scn_proc_state state;	/* required state */
		} proc;
		/*
		 * PAGEMAP: the pages of [OFF LEN] of a region (whole: all)
		 * that have @flag (pagemap), KPF bit @kpf (kpageflags), are
		 * charged to @cgroup (kpagecgroup) or resident (mincore), or
		 * for kpagecount the sum of their mapcounts, compared.
		 */
		struct {
			enum scn_page_src src;
			const char *proc;	/* process whose pages they are */
			const char *region;	/* region of that process */
			struct scn_range range;	/* part of the region */
			enum scn_pagemap_flag flag; /* PAGEMAP: bit to count */
			unsigned int kpf;	/* KPAGEFLAGS: KPF_* bit */
			const char *cgroup;	/* KPAGECGROUP: "A/B" or "/" */
			enum scn_cmp op;	/* comparison */
			u64 pages;		/* pages (or sum), compared */
			unsigned int tolerance;	/* percent for ~; else 0 */
		} pagemap;
		/* LSEEK: lseek(PATH, OFFSET, SEEK_DATA or SEEK_HOLE) by the
		 * scenario itself, compared with a size or an errno */
		struct {
			const char *path;	/* absolute path */
			bool data;		/* SEEK_DATA (else SEEK_HOLE) */
			u64 offset;
			enum scn_cmp op;	/* == or != with an errno */
			u64 value;		/* the offset it must give */
			int err;		/* or the errno; 0 if a value */
		} lseek;
		/* NOT: a; AND, OR: a and b, evaluated left to right, the
		 * right one only when the left does not decide */
		struct {
			struct scn_cond *a, *b;
		} logic;
	};
};

/* machine keys given explicitly (struct scn_machine.set) */
#define SCN_MACHINE_MEMORY	BIT(0)
#define SCN_MACHINE_CPUS	BIT(1)
#define SCN_MACHINE_NODES	BIT(2)
#define SCN_MACHINE_SWAP	BIT(3)
#define SCN_MACHINE_SEED	BIT(4)
#define SCN_MACHINE_DISK	BIT(5)
#define SCN_MACHINE_SWAPDEV	BIT(6)
#define SCN_MACHINE_CONTENT	BIT(7)

/* machine swapdev= (scn_machine.swapdev), as enum swapdev_kind */
#define SCN_SWAPDEV_DISK	0	/* rotational, asynchronous (default) */
#define SCN_SWAPDEV_SSD		1	/* non-rotational, asynchronous */
#define SCN_SWAPDEV_ZRAM	2	/* synchronous */

struct scn_machine {
	u64 memory;		/* bytes of RAM, page multiple, > 0 */
	unsigned int cpus;	/* 1..SCN_MAX_CPUS */
	unsigned int nodes;	/* NUMA nodes, 1..SCN_MAX_NODES */
	u64 swap;		/* swap device bytes, page multiple; 0 = none */
	u64 seed;		/* random seed for workloads and fill=random */
	u64 disk;		/* simulated disk bytes, page multiple, > 0 */
	unsigned int swapdev;	/* SCN_SWAPDEV_* */
	/* content=model: pages hold descriptors, not bytes (model only) */
	bool content_model;
	unsigned int set;	/* SCN_MACHINE_* bits: keys written in source */
};

/* cgroup2 mount options (struct scn_mount.flags) */
/*
 * `move`: a whole migration (a cgroup.procs write), or one of its two
 * steps (model only): up to css_set_move_task(), and the ->attach() that
 * closes the window between them.
 */
enum scn_move_step {
	SCN_MOVE_WHOLE,		/* move NAME to CGROUP */
	SCN_MOVE_WINDOW,	/* move NAME to CGROUP window */
	SCN_MOVE_ATTACH,	/* move NAME attach */
};

#define SCN_MOUNT_NSDELEGATE			BIT(0)
#define SCN_MOUNT_FAVORDYNMODS			BIT(1)
#define SCN_MOUNT_MEMORY_LOCALEVENTS		BIT(2)
#define SCN_MOUNT_MEMORY_RECURSIVEPROT		BIT(3)
#define SCN_MOUNT_MEMORY_HUGETLB_ACCOUNTING	BIT(4)
#define SCN_MOUNT_PIDS_LOCALEVENTS		BIT(5)
#define SCN_MOUNT_NOMIGRATE			BIT(6)	/* model only */

struct scn_mount {
	unsigned int flags;	/* SCN_MOUNT_* */
	const char **opts;	/* the option words as written, nopts of them */
	size_t nopts;
};

/* One NAME=VALUE of sysctl, param or policy.  VALUE may be "" (quoted). */
struct scn_kv {
	const char *key;	/* "vm.swappiness", "zswap.enabled", "zswap.lru" */
	const char *value;	/* "60", "Y", "global" */
};

#include "scenario/ast_action.h"

/* A word of a statement as written: the template of scn_stmt.words. */
struct scn_word {
	const char *text;	/* unescaped, $NAME references in canonical form */
	bool quoted;		/* some part was in double quotes */
};

struct scn_stmt {
	enum scn_stmt_kind kind;
	/* the file it is in: script->file, or a file it includes */
	const char *file;
	int line;		/* first line of the statement, from 1 */
	/*
	 * The statement's source text: comment removed, continuation lines
	 * joined by one space, ends trimmed.  For TAP lines.
	 */
	const char *text;
	/*
	 * `=> ERRNO`: the positive errno the operation must fail with, or 0
	 * when it must succeed.  Allowed on mkdir, rmdir, write, read, open,
	 * close, spawn, fork, move, kill and process actions.  A statement
	 * expected to fail declares no name (process, region, pin, file).
	 */
	int expect_errno;
	const char *expect_errname;	/* "EINVAL" as written; NULL if none */
	/*
	 * The statement uses variables ($NAME, ${NAME}): it is checked when
	 * parsed, but its fields hold placeholders where a variable stands.
	 * Each time it runs, the runtime substitutes the values into @words
	 * and parses the result (scn_parse_instance()), which it runs.
	 */
	bool subst;
	const struct scn_word *words;	/* subst: all the words; else NULL */
	size_t nwords;
	union {
		/* MACHINE: every field filled in (defaults where not set) */
		struct scn_machine machine;
		/* MOUNT */
		struct scn_mount mount;
		/* SYSCTL, PARAM, POLICY: assignments in source order */
		struct {
			struct scn_kv *kv;
			size_t n;		/* >= 1 */
		} set;
		/* MKDIR, RMDIR: cgroup paths, "A/B" form (never "/") */
		struct {
			const char **paths;
			size_t n;		/* >= 1; == 1 with => ERRNO */
		} dirs;
		/* WRITE */
		struct {
			struct scn_target target;	/* no key */
			/*
			 * The value: the words joined by one space, quoted
			 * words kept exactly; may be "".  The interpreter
			 * writes it with a trailing newline, as echo does.
			 */
			const char *value;
		} write;
		/*
		 * READ: print the file (or one key) to stdout; or, with
		 * pages.proc set, a binary /proc file by pages of a region:
		 * `read /proc/NAME/pagemap REGION [OFF LEN]`, `read
		 * /proc/kpageflags NAME REGION [OFF LEN]`, or one raw pread of
		 * the pagemap: `read /proc/NAME/pagemap REGION bytes POS COUNT`
		 * (POS from the entry of the region's first page).
		 */
		struct {
			struct scn_target target;
			/* `read SRC NAME REGION ...`: the count (or sum)
			 * @count's condition computes, as a one-number file
			 * whose name is the statement's words */
			const struct scn_cond *count;
			struct {
				const char *proc;	/* NULL: a plain read */
				const char *region;
				enum scn_page_src src;
				struct scn_range range;
				bool raw;		/* bytes POS COUNT */
				s64 pos;
				u64 count;
			} pages;
		} read;
		/* TMPFS: mount -t tmpfs -o OPTIONS tmpfs PATH */
		struct {
			const char *path;
			const char *options;	/* comma-joined; "" for none */
		} tmpfs;
		/* OPEN: O_RDWR|O_APPEND [|O_NONBLOCK] */
		struct {
			struct scn_target target;	/* CGROUP or ABS, no key */
			const char *name;	/* the new descriptor name */
			bool nonblock;		/* O_NONBLOCK */
		} open;
		/* CLOSE */
		struct {
			const char *name;
		} close;
		/* ECHO */
		struct {
			const char *text;	/* words joined by one space */
		} echo;
		/* SPAWN */
		struct {
			const char *name;	/* new process */
			const char *cgroup;	/* "A/B", or "/" for the root */
			unsigned int threads;	/* >= 1, default 1 */
			int oom_score_adj;	/* -1000..1000, default 0 */
			int cpu;		/* pinned CPU, -1 (default) = any */
			/* its uid: 0 (default) is root, every capability;
			 * another drops them all, as setuid() would */
			unsigned int uid;
		} spawn;
		/* FORK */
		struct {
			const char *parent;	/* existing process */
			const char *child;	/* new process: inherits regions */
		} fork;
		/* MOVE: write the pid to CGROUP/cgroup.procs, or one step */
		struct {
			const char *proc;
			const char *cgroup;	/* "A/B", "/"; NULL: ATTACH */
			enum scn_move_step step;
		} move;
		/* KILL: SIGKILL */
		struct {
			const char *proc;
		} kill;
		/* ACTION */
		struct scn_action action;
		/* SLEEP */
		struct {
			u64 ns;			/* virtual nanoseconds */
		} sleep;
		/* WAIT: until the process's background actions end */
		struct {
			const char *proc;
		} wait;
		/* WAIT_UNTIL: never fails by itself */
		struct {
			struct scn_cond cond;
			u64 timeout_ns;		/* > 0; default 10s */
		} wait_until;
		/* EXPECT: one TAP line */
		struct {
			struct scn_cond cond;
			bool xfail;		/* known failure: TAP "# TODO" */
			const char *xfail_reason; /* may be ""; NULL if !xfail */
		} expect;
		/*
		 * RECLAIM_UNTIL: the selftests' reclaim_until(): write
		 * (memory.current - goal) to memory.reclaim until usage is
		 * below the goal or within 3% of it, at most five times; one
		 * TAP line saying whether it got there.
		 */
		struct {
			const char *cgroup;	/* "A/B" */
			u64 goal;		/* bytes */
		} reclaim_until;
		/* RECORD: sample the targets every interval, to a CSV file */
		struct {
			u64 interval_ns;		/* > 0 */
			struct scn_target *targets;	/* keys allowed */
			size_t n;			/* >= 1 */
			const char *file;		/* output path as written */
		} record;
		/* LET: NAME is a variable from here on, in source order */
		struct {
			const char *name;
			const struct scn_expr *expr;	/* no string, no max */
		} let;
		/*
		 * IF, REPEAT, FOR, WHILE: a block.  Its body is the statements
		 * after it up to stmts[end] (an END); an if's else part starts
		 * after stmts[els] (an ELSE), its then part ends there.
		 */
		struct {
			struct scn_cond cond;		/* IF, WHILE */
			const struct scn_expr *count;	/* REPEAT: passes */
			const struct scn_expr *from;	/* FOR: first value */
			const struct scn_expr *to;	/* FOR: last value */
			/* REPEAT (as NAME), FOR: counts 0.., from..to; or NULL */
			const char *var;
			u64 max;	/* WHILE: at most this many passes */
			bool max_set;	/* WHILE: max= given (else the default) */
			size_t els;	/* IF: the index of its else, or 0 */
			size_t end;	/* the index of its end */
		} block;
		/* ELSE, END: the index of the if or loop they belong to */
		struct {
			size_t start;
		} end;
		/* INCLUDE: the file's statements are stmts[this + 1 .. end) */
		struct {
			const char *path;	/* as written */
			const char *file;	/* the file read (for messages) */
			size_t end;
		} include;
	};
};

struct scn_script {
	const char *file;		/* the file name given to the parser */
	/*
	 * In source order, includes spliced in after their include
	 * statement.  Blocks (if, loops) are statements too: their bodies
	 * follow them, up to their end.
	 */
	struct scn_stmt *stmts;
	size_t nstmts;
	/* Every file read: file first, then each included one once. */
	const char **files;
	size_t nfiles;
	/*
	 * The machine to boot: the machine statement's values, or all
	 * defaults when there is none.
	 */
	struct scn_machine machine;
	/* Mount options in effect: the mount statement's, or 0. */
	unsigned int mount_flags;
	/* Memory of every string and array above. */
	struct scn_arena *arena;
};

void scn_script_free(struct scn_script *script);

/* Setup statements (machine, mount, sysctl, param, policy). */
bool scn_stmt_is_setup(const struct scn_stmt *stmt);

/* Names as written in the language, for messages. */
const char *scn_stmt_kind_name(enum scn_stmt_kind kind);
const char *scn_action_name(enum scn_action_kind kind);
/* "disk", "ssd" or "zram" (machine swapdev=) */
const char *scn_swapdev_name(unsigned int swapdev);
const char *scn_cmp_name(enum scn_cmp op);
const char *scn_pagemap_flag_name(enum scn_pagemap_flag flag);
const char *scn_page_src_name(enum scn_page_src src);
const char *scn_proc_state_name(enum scn_proc_state state);
const char *scn_advice_name(enum scn_advice advice);

/* Whether a statement opens a block (if, repeat, for, while). */
bool scn_stmt_is_block(const struct scn_stmt *stmt);

/*
 * values_close() of the selftests: |a - b| <= ((a + b) / 100) * tol, with
 * integer division first.  The helper for SCN_CMP_CLOSE.
 */
bool scn_values_close(s64 a, s64 b, unsigned int tol);

#endif
