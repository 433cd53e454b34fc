// SPDX-License-Identifier: GPL-2.0
/*
 * Names of the scenario language's statements, actions, operators and
 * keywords: the tables the parser looks words up in and the dump prints,
 * and the scn_*_name() helpers the interpreter uses for messages.
 */
#include "parser_internal.h"

/* ---------------------------------------------------------------------
 * Names of things, for messages and for the interpreter.
 */

const char *const scn_stmt_names[SCN_STMT_NR_KINDS] = {
	[SCN_STMT_MACHINE] = "machine",	[SCN_STMT_MOUNT] = "mount",
	[SCN_STMT_SYSCTL] = "sysctl",	[SCN_STMT_PARAM] = "param",
	[SCN_STMT_POLICY] = "policy",	[SCN_STMT_MKDIR] = "mkdir",
	[SCN_STMT_RMDIR] = "rmdir",	[SCN_STMT_WRITE] = "write",
	[SCN_STMT_READ] = "read",	[SCN_STMT_OPEN] = "open",
	[SCN_STMT_CLOSE] = "close",	[SCN_STMT_ECHO] = "echo",
	[SCN_STMT_SPAWN] = "spawn",	[SCN_STMT_FORK] = "fork",
	[SCN_STMT_MOVE] = "move",	[SCN_STMT_KILL] = "kill",
	[SCN_STMT_ACTION] = "action",	[SCN_STMT_SLEEP] = "sleep",
	[SCN_STMT_WAIT] = "wait",	[SCN_STMT_WAIT_UNTIL] = "wait until",
	[SCN_STMT_EXPECT] = "expect",	[SCN_STMT_RECORD] = "record",
	[SCN_STMT_RECLAIM_UNTIL] = "reclaim_until",
	[SCN_STMT_LET] = "let",		[SCN_STMT_IF] = "if",
	[SCN_STMT_ELSE] = "else",	[SCN_STMT_END] = "end",
	[SCN_STMT_REPEAT] = "repeat",	[SCN_STMT_FOR] = "for",
	[SCN_STMT_WHILE] = "while",	[SCN_STMT_INCLUDE] = "include",
};

const char *const scn_action_names[SCN_ACT_NR_KINDS] = {
	[SCN_ACT_EXIT] = "exit",	[SCN_ACT_MMAP] = "mmap",
	[SCN_ACT_TOUCH] = "touch",	[SCN_ACT_WRITE] = "write",
	[SCN_ACT_READ] = "read",	[SCN_ACT_TRUNCATE] = "truncate",
	[SCN_ACT_MLOCK] = "mlock",	[SCN_ACT_MUNLOCK] = "munlock",
	[SCN_ACT_MADVISE] = "madvise",	[SCN_ACT_MUNMAP] = "munmap",
	[SCN_ACT_PIN] = "pin",		[SCN_ACT_UNPIN] = "unpin",
	[SCN_ACT_DENTRIES] = "dentries", [SCN_ACT_ACCESS] = "access",
	[SCN_ACT_REPLAY] = "replay",
};

/* Indexed by enum scn_cmp. */
const char *const scn_cmp_names[] = {
	"==", "!=", "<", "<=", ">", ">=", "~",
};

/* Indexed by enum scn_pagemap_flag. */
const char *const scn_pagemap_names[] = {
	"present", "swap", "file", "exclusive", "soft_dirty", "uffd_wp",
};

/* Indexed by enum scn_proc_state. */
const char *const scn_proc_state_names[] = {
	"killed", "alive", "exited",
};

/* Indexed by enum scn_advice. */
const char *const scn_advice_names[] = {
	"pageout", "cold", "dontneed", "willneed",
};

/* Indexed by enum scn_mmap_kind. */
const char *const scn_mmap_kind_names[] = {
	"anon", "file", "shmem", "memfd",
};

/* Indexed by enum scn_fill; ratio, stride and bytes take a value. */
const char *const scn_fill_names[] = {
	"zero", "sparse", "text", "random", "ratio", "half_ascending",
	"stride", "bytes",
};

/* Indexed by enum scn_pattern; "zipf" takes :THETA. */
const char *const scn_pattern_names[] = {
	"uniform", "seq", "zipf",
};

/* Indexed by enum scn_dentry_kind. */
const char *const scn_dentry_names[] = {
	"negative", "positive",
};

const char *scn_stmt_kind_name(enum scn_stmt_kind kind)
{
	return NAME_OR(scn_stmt_names, kind);
}

const char *scn_action_name(enum scn_action_kind kind)
{
	return NAME_OR(scn_action_names, kind);
}

const char *scn_cmp_name(enum scn_cmp op)
{
	return NAME_OR(scn_cmp_names, op);
}

const char *scn_pagemap_flag_name(enum scn_pagemap_flag flag)
{
	return NAME_OR(scn_pagemap_names, flag);
}

const char *scn_proc_state_name(enum scn_proc_state state)
{
	return NAME_OR(scn_proc_state_names, state);
}

const char *scn_advice_name(enum scn_advice advice)
{
	return NAME_OR(scn_advice_names, advice);
}

bool scn_stmt_is_setup(const struct scn_stmt *stmt)
{
	return stmt->kind <= SCN_STMT_POLICY;
}

bool scn_stmt_is_block(const struct scn_stmt *stmt)
{
	return stmt->kind == SCN_STMT_IF || stmt->kind == SCN_STMT_REPEAT ||
	       stmt->kind == SCN_STMT_FOR || stmt->kind == SCN_STMT_WHILE;
}

bool scn_values_close(s64 a, s64 b, unsigned int tol)
{
	/* 128 bits: a + b must not overflow for sizes near S64_MAX. */
	__int128 diff = (__int128)a - b;
	__int128 sum = (__int128)a + b;

	if (diff < 0)
		diff = -diff;
	return diff <= (sum / 100) * tol;
}
