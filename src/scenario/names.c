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
	[SCN_STMT_TMPFS] = "mount",	/* mount tmpfs: found by its 2nd word */
};

const char *const scn_action_names[SCN_ACT_NR_KINDS] = {
	[SCN_ACT_EXIT] = "exit",	[SCN_ACT_MMAP] = "mmap",
	[SCN_ACT_TOUCH] = "touch",	[SCN_ACT_WRITE] = "write",
	[SCN_ACT_READ] = "read",	[SCN_ACT_TRUNCATE] = "truncate",
	[SCN_ACT_MLOCK] = "mlock",	[SCN_ACT_MUNLOCK] = "munlock",
	[SCN_ACT_MADVISE] = "madvise",	[SCN_ACT_MUNMAP] = "munmap",
	[SCN_ACT_PIN] = "pin",		[SCN_ACT_UNPIN] = "unpin",
	[SCN_ACT_DENTRIES] = "dentries", [SCN_ACT_ACCESS] = "access",
	[SCN_ACT_REPLAY] = "replay",	[SCN_ACT_SHMCTL] = "shmctl",
	[SCN_ACT_CLEAR_REFS] = "clear_refs", [SCN_ACT_MPROTECT] = "mprotect",
	[SCN_ACT_UFFD] = "uffd",	[SCN_ACT_PAGEMAP_SCAN] = "pagemap_scan",
	[SCN_ACT_CLOSE] = "close",	[SCN_ACT_SETRLIMIT] = "setrlimit",
};

/* Indexed by enum scn_pin_via. */
const char *const scn_pin_via_names[SCN_PIN_IO_URING + 1] = { "rdma", "vfio", "io_uring" };

/* Indexed by enum scn_page_src: the word of the condition. */
const char *const scn_page_src_names[] = {
	"pagemap", "kpageflags", "kpagecount", "kpagecgroup", "mincore",
};

/* The /proc/kpage* file of each source (mincore has none). */
const char *const scn_page_src_files[] = {
	"pagemap", "/proc/kpageflags", "/proc/kpagecount", "/proc/kpagecgroup",
	NULL,
};

/* /proc/kpageflags bits by name (Documentation/admin-guide/mm/pagemap.rst,
 * and the kernel-internal ones past 31 that kpageflags shows too). */
const struct scn_named_bit scn_kpf_names[] = {
	{ "locked", 0 }, { "error", 1 }, { "referenced", 2 },
	{ "uptodate", 3 }, { "dirty", 4 }, { "lru", 5 }, { "active", 6 },
	{ "slab", 7 }, { "writeback", 8 }, { "reclaim", 9 }, { "buddy", 10 },
	{ "mmap", 11 }, { "anon", 12 }, { "swapcache", 13 },
	{ "swapbacked", 14 }, { "compound_head", 15 }, { "compound_tail", 16 },
	{ "huge", 17 }, { "unevictable", 18 }, { "hwpoison", 19 },
	{ "nopage", 20 }, { "ksm", 21 }, { "thp", 22 }, { "offline", 23 },
	{ "zero_page", 24 }, { "idle", 25 }, { "pgtable", 26 },
	{ "reserved", 32 }, { "mlocked", 33 }, { "owner_2", 34 },
	{ "private", 35 }, { "private_2", 36 }, { "owner_private", 37 },
	{ "arch", 38 }, { "softdirty", 40 },
};
const size_t scn_nr_kpf_names = ARRAY_SIZE(scn_kpf_names);

/* UFFDIO_API features by name, UFFD_FEATURE_* bit numbers. */
const struct scn_named_bit scn_uffd_feature_names[] = {
	{ "pagefault_flag_wp", 0 }, { "event_fork", 1 }, { "event_remap", 2 },
	{ "event_remove", 3 }, { "missing_hugetlbfs", 4 },
	{ "missing_shmem", 5 }, { "event_unmap", 6 }, { "sigbus", 7 },
	{ "thread_id", 8 }, { "minor_hugetlbfs", 9 }, { "minor_shmem", 10 },
	{ "exact_address", 11 }, { "wp_hugetlbfs_shmem", 12 },
	{ "wp_unpopulated", 13 }, { "poison", 14 }, { "wp_async", 15 },
	{ "move", 16 },
};
const size_t scn_nr_uffd_feature_names = ARRAY_SIZE(scn_uffd_feature_names);

/* UFFDIO_REGISTER modes by name */
const struct scn_named_bit scn_uffd_mode_names[] = {
	{ "missing", 0 }, { "wp", 1 }, { "minor", 2 },
};
const size_t scn_nr_uffd_mode_names = ARRAY_SIZE(scn_uffd_mode_names);

/* PAGE_IS_* categories of PAGEMAP_SCAN by name */
const struct scn_named_bit scn_scan_category_names[] = {
	{ "wpallowed", 0 }, { "written", 1 }, { "file", 2 }, { "present", 3 },
	{ "swapped", 4 }, { "pfnzero", 5 }, { "huge", 6 }, { "soft_dirty", 7 },
};
const size_t scn_nr_scan_category_names = ARRAY_SIZE(scn_scan_category_names);

/* PM_SCAN_* flags by name */
/* Indexed by enum scn_scan_field. */
const char *const scn_scan_field_names[SCN_SCAN_NR_FIELDS] = {
	"ret", "walk_end", "pages", "start", "len", "cats",
};

const struct scn_named_bit scn_scan_flag_names[] = {
	{ "wp_matching", 0 }, { "check_wpasync", 1 },
};
const size_t scn_nr_scan_flag_names = ARRAY_SIZE(scn_scan_flag_names);

/* Indexed by enum scn_uffd_op. */
const char *const scn_uffd_op_names[] = {
	"open", "close", "register", "unregister", "wp", "unwp",
};

/* Indexed by enum scn_cmp. */
const char *const scn_cmp_names[] = {
	"==", "!=", "<", "<=", ">", ">=", "~",
};

/* Indexed by enum scn_pagemap_flag. */
const char *const scn_pagemap_names[SCN_PM_SWAP_RESIDENT + 1] = {
	"present", "swap", "file", "exclusive", "soft_dirty", "uffd_wp",
	"swap_resident",
};

/* Indexed by enum scn_proc_state. */
const char *const scn_proc_state_names[] = {
	"killed", "alive", "exited",
};

/* Indexed by enum scn_advice. */
const char *const scn_advice_names[] = {
	"pageout", "cold", "dontneed", "willneed", "remove",
};

/* Indexed by enum scn_mmap_kind. */
const char *const scn_mmap_kind_names[] = {
	"anon", "file", "shmem", "memfd", "sysv",
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

const char *scn_page_src_name(enum scn_page_src src)
{
	return NAME_OR(scn_page_src_names, src);
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
