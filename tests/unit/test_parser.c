// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the scenario front end (src/scenario/lexer.c and the
 * parser): every statement's tree, the number syntaxes and the lexical
 * rules.  The timing and checking statements are test_parser_expect.c's,
 * the canonical dump test_parser_dump.c's, and the exact text of every
 * error message test_parser_errors.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "scenario/parser.h"
#include "parse_util.h"

/* ------------------------------------------------------------------ */

static void test_numbers(void)
{
	static const struct {
		const char *s;
		int ret;
		unsigned long long v;
	} sizes[] = {
		{ "0", 0, 0 }, { "4096", 0, 4096 }, { "1K", 0, 1024 },
		{ "1k", 0, 1024 }, { "50M", 0, 50ULL << 20 },
		{ "2G", 0, 2ULL << 30 }, { "3T", 0, 3ULL << 40 },
		{ "12p", 0, 12 * 4096 }, { "1.5G", 0, 3ULL << 29 },
		{ "0.5K", 0, 512 }, { "1.25M", 0, 1310720 },
		{ "1.000000000G", 0, 1ULL << 30 }, { "1.0000000000G", -EINVAL, 0 },
		{ "1.3", -EINVAL, 0 }, { "0.1K", -EINVAL, 0 },
		{ "1.5p", -EINVAL, 0 }, { "12P", -EINVAL, 0 },
		{ "50MB", -EINVAL, 0 }, { "M", -EINVAL, 0 },
		{ "", -EINVAL, 0 }, { "-1", -EINVAL, 0 }, { "1.", -EINVAL, 0 },
		{ ".5", -EINVAL, 0 }, { "max", -EINVAL, 0 },
		{ "0x10", -EINVAL, 0 }, { " 1", -EINVAL, 0 },
		{ "16777215T", 0, 16777215ULL << 40 },
		{ "16777216T", -ERANGE, 0 },
		{ "18446744073709551615", 0, 18446744073709551615ULL },
		{ "18446744073709551616", -ERANGE, 0 },
	};
	static const struct {
		const char *s;
		int ret;
		unsigned long long v;
	} counts[] = {
		{ "1", 0, 1 }, { "1K", 0, 1000 }, { "1M", 0, 1000000 },
		{ "2.5k", 0, 2500 }, { "1G", 0, 1000000000 },
		{ "1T", 0, 1000000000000ULL }, { "1.0001K", -EINVAL, 0 },
		{ "1p", -EINVAL, 0 }, { "x", -EINVAL, 0 },
		{ "1KK", -EINVAL, 0 }, { "18446744073709551615", 0, 18446744073709551615ULL },
		{ "18446745T", -ERANGE, 0 }, { "99999999999999999999K", -ERANGE, 0 },
	};
	static const struct {
		const char *s;
		int ret;
		unsigned long long v;
	} durs[] = {
		{ "1ns", 0, 1 }, { "5us", 0, 5000 }, { "100ms", 0, 100000000 },
		{ "2s", 0, 2000000000 }, { "1.5s", 0, 1500000000 },
		{ "0s", 0, 0 }, { "0.5ns", -EINVAL, 0 }, { "10", -EINVAL, 0 },
		{ "10m", -EINVAL, 0 }, { "1S", -EINVAL, 0 },
		{ "20000000000s", -ERANGE, 0 }, { "0.000000001s", 0, 1 },
	};
	static const struct {
		const char *s;
		int ret;
		double v;
	} fracs[] = {
		{ "0", 0, 0 }, { "1", 0, 1 }, { "0.25", 0, 0.25 },
		{ "30%", 0, 0.3 }, { "12.5%", 0, 0.125 }, { "100%", 0, 1 },
		{ "1.01", -ERANGE, 0 }, { "101%", -ERANGE, 0 },
		{ "x", -EINVAL, 0 }, { "5%%", -EINVAL, 0 },
		{ "0.123456789", 0, 0.123456789 }, { "0.1234567891", -EINVAL, 0 },
		{ "-0.5", -EINVAL, 0 },
	};
	size_t i;
	double f;
	int ret;
	u64 v;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		v = 0;
		ret = scn_parse_size(sizes[i].s, &v);
		is_long(ret, sizes[i].ret, "size '%s' returns %d", sizes[i].s,
			sizes[i].ret);
		if (!ret)
			is_long(v, sizes[i].v, "size '%s' = %llu", sizes[i].s,
				sizes[i].v);
	}
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		v = 0;
		ret = scn_parse_count(counts[i].s, &v);
		is_long(ret, counts[i].ret, "count '%s' returns %d",
			counts[i].s, counts[i].ret);
		if (!ret)
			is_long(v, counts[i].v, "count '%s' = %llu",
				counts[i].s, counts[i].v);
	}
	for (i = 0; i < ARRAY_SIZE(durs); i++) {
		v = 0;
		ret = scn_parse_duration(durs[i].s, &v);
		is_long(ret, durs[i].ret, "duration '%s' returns %d",
			durs[i].s, durs[i].ret);
		if (!ret)
			is_long(v, durs[i].v, "duration '%s' = %llu ns",
				durs[i].s, durs[i].v);
	}
	for (i = 0; i < ARRAY_SIZE(fracs); i++) {
		f = -1;
		ret = scn_parse_fraction(fracs[i].s, &f);
		is_long(ret, fracs[i].ret, "fraction '%s' returns %d",
			fracs[i].s, fracs[i].ret);
		if (!ret)
			ok(f == fracs[i].v, "fraction '%s' = %g", fracs[i].s,
			   fracs[i].v);
	}
}

/* The windows of spec/selftests.md section 1.1. */
static void test_values_close(void)
{
	ok(scn_values_close(MB(29), MB(29), 15), "29M ~ 29M 15%%");
	ok(scn_values_close(MB(22), MB(29), 15), "22M ~ 29M 15%%");
	ok(!scn_values_close(MB(21), MB(29), 15), "21M !~ 29M 15%%");
	ok(scn_values_close(MB(39), MB(29), 15), "39M ~ 29M 15%%");
	ok(!scn_values_close(MB(40), MB(29), 15), "40M !~ 29M 15%%");
	ok(scn_values_close(MB(53), MB(50), 3), "53M ~ 50M 3%%");
	ok(!scn_values_close(MB(54), MB(50), 3), "54M !~ 50M 3%%");
	/* integer division first: (10 + 10) / 100 * 50 == 0 */
	ok(!scn_values_close(10, 11, 50), "10 !~ 11 50%% (integer division)");
	ok(scn_values_close(0, 0, 0), "0 ~ 0 0%%");
	ok(scn_values_close(INT64_MAX, INT64_MAX - 5, 1), "no overflow near S64_MAX");
}

static void test_errno_names(void)
{
	is_long(scn_errno_from_name("EINVAL"), EINVAL, "EINVAL");
	is_long(scn_errno_from_name("EBUSY"), EBUSY, "EBUSY");
	is_long(scn_errno_from_name("EOPNOTSUPP"), EOPNOTSUPP, "EOPNOTSUPP");
	is_long(scn_errno_from_name("EWOULDBLOCK"), EAGAIN, "EWOULDBLOCK alias");
	is_long(scn_errno_from_name("einval"), 0, "errno names are upper case");
	is_str(scn_errno_name(EAGAIN), "EAGAIN", "EAGAIN before its alias");
	is_str(scn_errno_name(E2BIG), "E2BIG", "E2BIG");
	ok(scn_errno_name(0) == NULL, "no name for 0");
}

/* ------------------------------------------------------------------ */

static void test_lexer(void)
{
	struct scn_script *sc;
	const struct scn_stmt *st;
	struct strbuf err = STRBUF_INIT;

	st = last("# only a comment\n\n   \t\necho a   b\t c # d\n", &sc);
	if (st) {
		is_long(sc->nstmts, 1, "blank and comment lines are skipped");
		is_long(st->line, 4, "line numbers count every line");
		is_str(st->echo.text, "a b c", "words joined by one space");
		is_str(st->text, "echo a   b\t c", "source text kept, comment dropped");
	}
	scn_script_free(sc);

	st = last("echo \"a  #b\" \"x\\\"y\\\\z\" \"c\\d\" e\"f g\"h\n", &sc);
	if (st)
		is_str(st->echo.text, "a  #b x\"y\\z c\\d ef gh",
		       "quotes keep blanks and #, escape \\\" and \\\\ only");
	scn_script_free(sc);

	st = last("echo one \\\n  two \\   # comment\n\tthree\necho four\n", &sc);
	if (st) {
		is_long(sc->nstmts, 2, "continued lines are one statement");
		is_str(sc->stmts[0].echo.text, "one two three",
		       "a backslash-newline separates words");
		is_str(sc->stmts[0].text, "echo one two three",
		       "continued source text joined by one space");
		is_long(sc->stmts[0].line, 1, "a continued statement has its first line");
		is_long(st->line, 4, "the next statement has its own line");
	}
	scn_script_free(sc);

	st = last("echo a\\b c\\\\ \"\"\r\n", &sc);
	if (st)
		is_str(st->echo.text, "a\\b c\\\\ ",
		       "a backslash inside a word is literal; CR is a blank");
	scn_script_free(sc);

	st = last("echo x \\", &sc);
	if (st)
		is_str(st->echo.text, "x", "a backslash at the end of the text");
	scn_script_free(sc);

	st = last("write A/memory.max \"\"\n", &sc);
	if (st)
		is_str(st->write.value, "", "an empty quoted word is a word");
	scn_script_free(sc);

	ok(!parse("echo \"a\0\"\nmkdir \"x\n", &err), "an open quote fails");
	is_str(err.buf, "t.scn:1: unterminated quoted string\n",
	       "strlen stops at NUL: the quote is open");
	sb_reset(&err);
	sc = NULL;
	scn_parse_string("t.scn", "echo a\0b\nmkdir A \\\n \"x\n", 23, &sc,
			 &err);
	ok(!sc, "a NUL byte fails");
	is_str(err.buf, "t.scn:1: NUL byte in the text\n"
	       "t.scn:2: unterminated quoted string\n",
	       "NUL byte; an error in a continued statement has its first line");
	sb_reset(&err);
	scn_parse_string("t.scn", "echo \"a\0b\"\necho ok\n", 16, &sc, &err);
	ok(!sc, "a NUL byte in quotes fails");
	is_str(err.buf, "t.scn:1: NUL byte in the text\n", "NUL byte in quotes");
	sb_release(&err);
}

/* ------------------------------------------------------------------ */

static void test_setup(void)
{
	struct scn_script *sc;
	const struct scn_stmt *st;

	st = last("machine memory=2G cpus=4 nodes=2 swap=1G seed=7 disk=8G "
		  "swapdev=ssd content=model\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_MACHINE, "machine");
		is_long(st->machine.memory, 2ULL << 30, "memory=2G");
		is_long(st->machine.cpus, 4, "cpus=4");
		is_long(st->machine.nodes, 2, "nodes=2");
		is_long(st->machine.swap, 1ULL << 30, "swap=1G");
		is_long(st->machine.seed, 7, "seed=7");
		is_long(st->machine.disk, 8ULL << 30, "disk=8G");
		is_long(st->machine.swapdev, SCN_SWAPDEV_SSD, "swapdev=ssd");
		ok(st->machine.content_model, "content=model");
		is_long(st->machine.set, 0xff, "all keys set");
		is_long(sc->machine.memory, 2ULL << 30, "script machine");
		ok(scn_stmt_is_setup(st), "machine is setup");
	}
	scn_script_free(sc);

	st = last("machine swap=none\n", &sc);
	if (st) {
		is_long(st->machine.swap, 0, "swap=none");
		is_long(st->machine.set, SCN_MACHINE_SWAP, "only swap set");
		is_long(st->machine.memory, SCN_DEFAULT_MEMORY, "default memory");
		is_long(st->machine.cpus, SCN_DEFAULT_CPUS, "default cpus");
		is_long(st->machine.disk, SCN_DEFAULT_DISK, "default disk");
		ok(!st->machine.content_model, "default content=real");
	}
	scn_script_free(sc);

	st = last("echo hi\n", &sc);
	if (st) {
		is_long(sc->machine.memory, SCN_DEFAULT_MEMORY,
			"no machine statement: defaults");
		is_long(sc->machine.nodes, SCN_DEFAULT_NODES, "default nodes");
		is_long(sc->machine.swap, 0, "default: no swap");
		is_long(sc->machine.seed, SCN_DEFAULT_SEED, "default seed");
		is_long(sc->machine.set, 0, "nothing set");
		is_long(sc->mount_flags, 0, "no mount options");
	}
	scn_script_free(sc);

	st = last("mount cgroup2 memory_recursiveprot memory_localevents,nsdelegate\n",
		  &sc);
	if (st) {
		is_long(st->mount.flags, SCN_MOUNT_MEMORY_RECURSIVEPROT |
			SCN_MOUNT_MEMORY_LOCALEVENTS | SCN_MOUNT_NSDELEGATE,
			"mount flags, words and commas");
		is_long(st->mount.nopts, 3, "three options");
		is_str(st->mount.opts[2], "nsdelegate", "options as written");
		is_long(sc->mount_flags, st->mount.flags, "script mount flags");
	}
	scn_script_free(sc);

	st = last("mount cgroup2\n", &sc);
	if (st)
		is_long(st->mount.nopts, 0, "mount without options");
	scn_script_free(sc);

	st = last("sysctl vm.swappiness=60 vm.x=\"a b\" \"vm.y=\"\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_SYSCTL, "sysctl");
		is_long(st->set.n, 3, "three assignments");
		is_str(st->set.kv[0].key, "vm.swappiness", "key");
		is_str(st->set.kv[0].value, "60", "value");
		is_str(st->set.kv[1].value, "a b", "quoted value");
		is_str(st->set.kv[2].value, "", "empty value");
	}
	scn_script_free(sc);

	st = last("param zswap.enabled=Y zswap.compressor=lz4\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_PARAM, "param");
		is_str(st->set.kv[1].key, "zswap.compressor", "param key");
		is_str(st->set.kv[1].value, "lz4", "param value");
	}
	scn_script_free(sc);

	st = last("policy zswap.lru=global smemcg=borrow\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_POLICY, "policy");
		is_str(st->set.kv[1].key, "smemcg", "policy key");
		is_str(st->set.kv[1].value, "borrow", "policy value");
	}
	scn_script_free(sc);

	st = last("echo x\nsysctl a=1\nmkdir A\necho y\n", &sc);
	if (st)
		is_long(sc->nstmts, 4, "echo does not end the setup");
	scn_script_free(sc);
}

static void test_cgroup_files(void)
{
	struct scn_script *sc;
	const struct scn_stmt *st;

	st = last("mkdir A A/B/ /sys/fs/cgroup/C\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_MKDIR, "mkdir");
		is_long(st->dirs.n, 3, "three paths");
		is_str(st->dirs.paths[1], "A/B", "trailing slash dropped");
		is_str(st->dirs.paths[2], "C", "/sys/fs/cgroup/ prefix dropped");
		ok(!scn_stmt_is_setup(st), "mkdir is not setup");
	}
	scn_script_free(sc);

	st = last("rmdir A/C => EBUSY\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_RMDIR, "rmdir");
		is_long(st->expect_errno, EBUSY, "=> EBUSY");
		is_str(st->expect_errname, "EBUSY", "errno name kept");
	}
	scn_script_free(sc);

	st = last("write A/memory.max 200M\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_WRITE, "write");
		is_long(st->write.target.kind, SCN_TARGET_CGROUP, "cgroup file");
		is_str(st->write.target.path, "A/memory.max", "path");
		is_str(st->write.target.cgroup, "A", "cgroup part");
		is_str(st->write.target.file, "memory.max", "file part");
		ok(!st->write.target.key, "no key");
		is_str(st->write.value, "200M", "value kept as text");
		is_long(st->expect_errno, 0, "no errno expected");
		ok(!st->expect_errname, "no errno name");
	}
	scn_script_free(sc);

	st = last("write cgroup.subtree_control +memory  -io \"a  b\" => EINVAL\n",
		  &sc);
	if (st) {
		is_str(st->write.target.cgroup, "/", "a root file");
		is_str(st->write.target.file, "cgroup.subtree_control", "root file");
		is_str(st->write.value, "+memory -io a  b", "value words joined");
		is_long(st->expect_errno, EINVAL, "=> EINVAL");
	}
	scn_script_free(sc);

	st = last("write /proc/sys/vm/swappiness \"=> x\"\n", &sc);
	if (st) {
		is_long(st->write.target.kind, SCN_TARGET_ABS, "absolute path");
		is_str(st->write.target.path, "/proc/sys/vm/swappiness", "abs path");
		ok(!st->write.target.cgroup, "no cgroup part");
		is_str(st->write.value, "=> x", "quoted => is text");
	}
	scn_script_free(sc);

	st = last("write /sys/fs/cgroup/A/memory.high max\n", &sc);
	if (st) {
		is_long(st->write.target.kind, SCN_TARGET_CGROUP,
			"/sys/fs/cgroup/ is the cgroup tree");
		is_str(st->write.target.path, "A/memory.high", "made relative");
		is_str(st->write.target.text, "/sys/fs/cgroup/A/memory.high",
		       "text as written");
	}
	scn_script_free(sc);

	st = last("read /sys/fs/cgroupx/y\n", &sc);
	if (st)
		is_long(st->read.target.kind, SCN_TARGET_ABS,
			"/sys/fs/cgroupx is not the cgroup tree");
	scn_script_free(sc);

	st = last("read A/memory.stat\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_READ, "read");
		is_str(st->read.target.path, "A/memory.stat", "read path");
	}
	scn_script_free(sc);

	st = last("read /proc/vmstat:pgfault\n", &sc);
	if (st) {
		is_str(st->read.target.path, "/proc/vmstat", "key split off");
		is_str(st->read.target.key, "pgfault", "read key");
		ok(!st->read.target.field, "no field");
	}
	scn_script_free(sc);

	st = last("spawn p1 in A\nread /proc/p1/status:VmLck\n", &sc);
	if (st) {
		is_long(st->read.target.kind, SCN_TARGET_PROC,
			"/proc/NAME/FILE of a process");
		is_str(st->read.target.proc, "p1", "its process");
		is_str(st->read.target.path, "status", "its file");
		is_str(st->read.target.key, "VmLck", "with a key");
		is_str(st->read.target.text, "/proc/p1/status:VmLck",
		       "text as written");
	}
	scn_script_free(sc);

	st = last("spawn p1 in A\nread /proc/p2/status\n"
		  "read /proc/p1/task/status\n", &sc);
	if (st) {
		is_long(sc->stmts[1].read.target.kind, SCN_TARGET_ABS,
			"/proc/NAME/FILE without such a process is a path");
		is_long(st->read.target.kind, SCN_TARGET_ABS,
			"/proc/NAME/DIR/FILE is a path");
		ok(!st->read.target.proc, "no process");
	}
	scn_script_free(sc);

	st = last("read A/memory.pressure:some.total\n", &sc);
	if (st) {
		is_str(st->read.target.key, "some", "KEY.FIELD key");
		is_str(st->read.target.field, "total", "KEY.FIELD field");
	}
	scn_script_free(sc);

	st = last("open A/memory.peak as fd1\nopen /proc/x as f-2 nonblock\n"
		  "read fd1:anon\nwrite fd1 reset\nclose fd1\n", &sc);
	if (st) {
		const struct scn_stmt *s = sc->stmts;

		is_long(s[0].kind, SCN_STMT_OPEN, "open");
		is_str(s[0].open.target.path, "A/memory.peak", "open path");
		is_str(s[0].open.name, "fd1", "open name");
		ok(!s[0].open.nonblock, "blocking");
		ok(s[1].open.nonblock, "nonblock");
		is_long(s[1].open.target.kind, SCN_TARGET_ABS, "open abs path");
		is_long(s[2].read.target.kind, SCN_TARGET_FD, "read an fd");
		is_str(s[2].read.target.fd, "fd1", "fd name");
		is_str(s[2].read.target.key, "anon", "fd with key");
		is_long(s[3].write.target.kind, SCN_TARGET_FD, "write an fd");
		is_long(st->kind, SCN_STMT_CLOSE, "close");
		is_str(st->close.name, "fd1", "close name");
	}
	scn_script_free(sc);

	st = last("open A/memory.peak as fd1\nclose fd1\n"
		  "open A/memory.peak as fd1\nclose fd1\n", &sc);
	ok(st != NULL, "a closed name can be opened again");
	scn_script_free(sc);

	st = last("open A/memory.peak as fd1 => ENOENT\n"
		  "open A/memory.peak as fd1\n", &sc);
	ok(st != NULL, "a failed open declares nothing");
	scn_script_free(sc);

	st = last("echo\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_ECHO, "echo");
		is_str(st->echo.text, "", "empty echo");
	}
	scn_script_free(sc);

	st = last("echo \"text\" => & xfail #\n", &sc);
	if (st)
		is_str(st->echo.text, "text => & xfail", "echo words are text");
	scn_script_free(sc);
}

static void test_processes(void)
{
	struct scn_script *sc;
	const struct scn_stmt *st;

	st = last("spawn p1 in A/B\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_SPAWN, "spawn");
		is_str(st->spawn.name, "p1", "name");
		is_str(st->spawn.cgroup, "A/B", "cgroup");
		is_long(st->spawn.threads, 1, "default threads");
		is_long(st->spawn.oom_score_adj, 0, "default oom_score_adj");
		is_long(st->spawn.cpu, -1, "default cpu");
	}
	scn_script_free(sc);

	st = last("machine cpus=4\nspawn p2 in / threads=1000 oom_score_adj=-1000 cpu=3 uid=1000\n",
		  &sc);
	if (st) {
		is_str(st->spawn.cgroup, "/", "root cgroup");
		is_long(st->spawn.threads, 1000, "threads");
		is_long(st->spawn.oom_score_adj, -1000, "oom_score_adj");
		is_long(st->spawn.cpu, 3, "cpu");
		is_long(st->spawn.uid, 1000, "uid");
	}
	scn_script_free(sc);

	st = last("spawn p in A => EBUSY\nspawn p in A/B\n", &sc);
	ok(st != NULL, "a failed spawn declares nothing");
	scn_script_free(sc);

	st = last(PRELUDE "fork p as c\nc: touch buf\n", &sc);
	if (st) {
		is_long(sc->stmts[4].kind, SCN_STMT_FORK, "fork");
		is_str(sc->stmts[4].fork.parent, "p", "parent");
		is_str(sc->stmts[4].fork.child, "c", "child");
		is_str(st->action.touch.region, "buf", "forks inherit regions");
	}
	scn_script_free(sc);

	st = last(PRELUDE "move p to A/C => EBUSY\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_MOVE, "move");
		is_str(st->move.proc, "p", "move process");
		is_str(st->move.cgroup, "A/C", "move cgroup");
		is_long(st->expect_errno, EBUSY, "move => EBUSY");
	}
	scn_script_free(sc);

	st = last(PRELUDE "move p to A/C\n", &sc);
	if (st)
		is_long(st->move.step, SCN_MOVE_WHOLE, "move: the whole migration");
	scn_script_free(sc);

	st = last(PRELUDE "move p to A/C window\nrmdir A\nmove p attach\n", &sc);
	if (st) {
		is_long(sc->stmts[4].move.step, SCN_MOVE_WINDOW, "move ... window");
		is_str(sc->stmts[4].move.cgroup, "A/C", "window: the cgroup");
		is_long(st->move.step, SCN_MOVE_ATTACH, "move NAME attach");
		is_str(st->move.proc, "p", "attach: the process");
		ok(!st->move.cgroup, "attach: no cgroup");
	}
	scn_script_free(sc);

	st = last("mount cgroup2 nomigrate\n", &sc);
	if (st)
		is_long(sc->mount_flags, SCN_MOUNT_NOMIGRATE, "mount option nomigrate");
	scn_script_free(sc);

	st = last(PRELUDE "kill p\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_KILL, "kill");
		is_str(st->kill.proc, "p", "kill process");
	}
	scn_script_free(sc);
}

static void test_actions(void)
{
	struct scn_script *sc;
	const struct scn_stmt *st;
	const struct scn_action *a;

	st = last(PRELUDE "p: exit\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_ACTION, "action");
		is_long(st->action.kind, SCN_ACT_EXIT, "exit");
		is_str(st->action.proc, "p", "acting process");
		ok(!st->action.background, "foreground");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: mmap f file /data/f1 50M\n", &sc);
	if (st) {
		a = &st->action;
		is_long(a->kind, SCN_ACT_MMAP, "mmap");
		is_str(a->mmap.region, "f", "region");
		is_long(a->mmap.kind, SCN_MMAP_FILE, "file");
		is_str(a->mmap.path, "/data/f1", "path");
		is_long(a->mmap.size, MB(50), "size");
		ok(a->mmap.shared, "file mappings are shared by default");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: mmap f file /data/f1 4K private\n", &sc);
	if (st)
		ok(!st->action.mmap.shared, "private file mapping");
	scn_script_free(sc);

	st = last(PRELUDE "p: mmap m memfd 64M\n", &sc);
	if (st) {
		is_long(st->action.mmap.kind, SCN_MMAP_MEMFD, "memfd");
		ok(!st->action.mmap.path, "memfd has no path");
		ok(st->action.mmap.shared, "memfd is shared");
	}
	scn_script_free(sc);

	st = last(PRELUDE, &sc);
	if (st) {
		a = &sc->stmts[1].action;
		is_long(a->mmap.kind, SCN_MMAP_ANON, "anon");
		ok(!a->mmap.shared, "anon is private");
		a = &st->action;
		is_long(a->mmap.kind, SCN_MMAP_SHMEM, "shmem");
		is_str(a->mmap.path, "/dev/shm/s", "shmem path");
		is_long(a->mmap.size, 8 * 4096, "8p");
		ok(a->mmap.shared, "shmem is shared");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: touch buf\n", &sc);
	if (st) {
		a = &st->action;
		is_long(a->kind, SCN_ACT_TOUCH, "touch");
		ok(a->touch.range.whole, "whole region");
		is_long(a->touch.mode, SCN_TOUCH_WRITE, "write by default");
		is_long(a->touch.fill, SCN_FILL_ZERO, "zero by default, as alloc_anon");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: touch buf 0 10M read\n", &sc);
	if (st) {
		a = &st->action;
		ok(!a->touch.range.whole, "a range");
		is_long(a->touch.range.offset, 0, "offset");
		is_long(a->touch.range.length, MB(10), "length");
		is_long(a->touch.mode, SCN_TOUCH_READ, "read");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: touch buf fill=ratio=30% 40M 10M write &\n", &sc);
	if (st) {
		a = &st->action;
		is_long(a->touch.fill, SCN_FILL_RATIO, "fill=ratio");
		ok(a->touch.ratio == 0.3, "ratio 30%%");
		is_long(a->touch.range.offset, MB(40), "range after fill=");
		ok(a->background, "& runs in the background");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: touch buf fill=zero\np: touch buf fill=text\n"
		  "p: touch buf fill=random\np: touch buf fill=sparse\n", &sc);
	if (st) {
		is_long(sc->stmts[4].action.touch.fill, SCN_FILL_ZERO, "zero");
		is_long(sc->stmts[5].action.touch.fill, SCN_FILL_TEXT, "text");
		is_long(sc->stmts[6].action.touch.fill, SCN_FILL_RANDOM, "random");
		is_long(st->action.touch.fill, SCN_FILL_SPARSE, "sparse");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: write /data/f1 50M 4K\n", &sc);
	if (st) {
		a = &st->action;
		is_long(a->kind, SCN_ACT_WRITE, "write action");
		is_str(a->write.path, "/data/f1", "write path");
		is_long(a->write.size, MB(50), "write size");
		is_long(a->write.offset, 4096, "write offset");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: read /data/f1\np: read /data/f1 1M 2M\n", &sc);
	if (st) {
		is_long(sc->stmts[4].action.kind, SCN_ACT_READ, "read action");
		ok(sc->stmts[4].action.read.range.whole, "whole file");
		is_long(st->action.read.range.offset, MB(1), "read offset");
		is_long(st->action.read.range.length, MB(2), "read length");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: truncate /data/f 0\n", &sc);
	if (st) {
		is_long(st->action.kind, SCN_ACT_TRUNCATE, "truncate");
		is_long(st->action.truncate.size, 0, "truncate to 0");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: mlock buf\np: munlock buf 4K 8K\n", &sc);
	if (st) {
		is_long(sc->stmts[4].action.kind, SCN_ACT_MLOCK, "mlock");
		ok(sc->stmts[4].action.mlock.range.whole, "mlock whole");
		is_long(st->action.kind, SCN_ACT_MUNLOCK, "munlock");
		is_long(st->action.mlock.range.length, 8192, "munlock length");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: madvise buf pageout\np: madvise buf cold 0 1M\n"
		  "p: madvise buf dontneed\np: madvise buf willneed\n", &sc);
	if (st) {
		is_long(sc->stmts[4].action.madvise.advice, SCN_MADV_PAGEOUT,
			"pageout");
		is_long(sc->stmts[5].action.madvise.advice, SCN_MADV_COLD, "cold");
		is_long(sc->stmts[5].action.madvise.range.length, MB(1),
			"madvise range");
		is_long(sc->stmts[6].action.madvise.advice, SCN_MADV_DONTNEED,
			"dontneed");
		is_long(st->action.madvise.advice, SCN_MADV_WILLNEED, "willneed");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: munmap buf\np: mmap buf anon 1M\n", &sc);
	if (st) {
		is_long(sc->stmts[4].action.kind, SCN_ACT_MUNMAP, "munmap");
		is_str(sc->stmts[4].action.munmap.region, "buf", "munmap region");
		ok(st->action.kind == SCN_ACT_MMAP, "a region name is free after munmap");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: pin buf as pin1\np: unpin pin1\np: pin buf as pin1\n",
		  &sc);
	if (st) {
		is_long(sc->stmts[4].action.kind, SCN_ACT_PIN, "pin");
		is_str(sc->stmts[4].action.pin.region, "buf", "pin region");
		is_str(sc->stmts[4].action.pin.pin, "pin1", "pin name");
		is_long(sc->stmts[5].action.kind, SCN_ACT_UNPIN, "unpin");
		is_str(sc->stmts[5].action.unpin.pin, "pin1", "unpin name");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: dentries 100K\np: dentries 10 positive\n", &sc);
	if (st) {
		is_long(sc->stmts[4].action.dentries.count, 100000,
			"counts are decimal: 100K = 100000");
		is_long(sc->stmts[4].action.dentries.kind, SCN_DENTRY_NEGATIVE,
			"negative by default");
		is_long(st->action.dentries.kind, SCN_DENTRY_POSITIVE, "positive");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: access buf pattern=zipf:0.99 ops=1M rate=1M/s write=0.25 &\n",
		  &sc);
	if (st) {
		a = &st->action;
		is_long(a->kind, SCN_ACT_ACCESS, "access");
		is_long(a->access.pattern, SCN_PATTERN_ZIPF, "zipf");
		ok(a->access.theta == 0.99, "theta 0.99");
		is_long(a->access.ops, 1000000, "ops=1M");
		is_long(a->access.rate, 1000000, "rate=1M/s");
		ok(a->access.write_fraction == 0.25, "write=0.25");
		ok(a->background, "background access");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: access buf ops=10 pattern=seq\n", &sc);
	if (st) {
		is_long(st->action.access.pattern, SCN_PATTERN_SEQ, "seq");
		is_long(st->action.access.rate, 0, "no rate limit");
		ok(st->action.access.write_fraction == 0, "reads only");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: replay traces/web.trace & => EINTR\n", &sc);
	if (st) {
		is_long(st->action.kind, SCN_ACT_REPLAY, "replay");
		is_str(st->action.replay.path, "traces/web.trace", "trace path");
		ok(st->action.background, "background replay");
		is_long(st->expect_errno, EINTR, "& then => ERRNO");
	}
	scn_script_free(sc);

	st = last(PRELUDE "p: mmap big anon 1G => ENOMEM\np: mmap big anon 1M\n",
		  &sc);
	ok(st != NULL, "a failing mmap declares no region");
	scn_script_free(sc);
}

int main(void)
{
	test_numbers();
	test_values_close();
	test_errno_names();
	test_lexer();
	test_setup();
	test_cgroup_files();
	test_processes();
	test_actions();
	return done_testing();
}
