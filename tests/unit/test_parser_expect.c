// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the scenario parser, its timing and checking statements:
 * sleep, wait, expect in every form, read and record, and their trees.
 * The rest of the language is test_parser.c's; the canonical dump is
 * test_parser_dump.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "scenario/parser.h"
#include "parse_util.h"

static void test_time_expect(void)
{
	struct scn_script *sc;
	const struct scn_stmt *st;
	const struct scn_cond *c;

	st = last("sleep 100ms\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_SLEEP, "sleep");
		is_long(st->sleep.ns, 100000000, "100ms");
	}
	scn_script_free(sc);

	st = last(PRELUDE "wait p\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_WAIT, "wait");
		is_str(st->wait.proc, "p", "wait process");
	}
	scn_script_free(sc);

	st = last("wait until A/memory.events:oom_kill >= 1 timeout=1s\n", &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_WAIT_UNTIL, "wait until");
		is_long(st->wait_until.timeout_ns, 1000000000, "timeout=1s");
		c = &st->wait_until.cond;
		is_long(c->kind, SCN_COND_COMPARE, "a comparison");
		is_long(c->cmp.op, SCN_CMP_GE, ">=");
		is_str(c->cmp.lhs->target.key, "oom_kill", "key");
		is_long(c->cmp.rhs->num, 1, "value");
	}
	scn_script_free(sc);

	st = last("wait until A/cgroup.procs empty\n", &sc);
	if (st) {
		is_long(st->wait_until.timeout_ns, SCN_DEFAULT_WAIT_TIMEOUT_NS,
			"default timeout");
		is_long(st->wait_until.cond.kind, SCN_COND_EMPTY, "wait until empty");
	}
	scn_script_free(sc);

	st = last("expect A/memory.current <= 200M\n", &sc);
	if (st) {
		c = &st->expect.cond;
		is_long(st->kind, SCN_STMT_EXPECT, "expect");
		is_long(c->kind, SCN_COND_COMPARE, "compare");
		is_long(c->cmp.lhs->kind, SCN_EXPR_TARGET, "a file");
		is_str(c->cmp.lhs->target.path, "A/memory.current", "lhs file");
		is_long(c->cmp.op, SCN_CMP_LE, "<=");
		is_long(c->cmp.rhs->kind, SCN_EXPR_NUM, "a number");
		is_long(c->cmp.rhs->num, MB(200), "200M");
		ok(!st->expect.xfail, "not xfail");
		is_str(st->text, "expect A/memory.current <= 200M", "source text");
	}
	scn_script_free(sc);

	st = last("expect A/B/memory.current ~ 29M 15%\n", &sc);
	if (st) {
		c = &st->expect.cond;
		is_long(c->cmp.op, SCN_CMP_CLOSE, "~");
		is_long(c->cmp.tolerance, 15, "15%%");
		is_long(c->cmp.rhs->num, MB(29), "29M");
	}
	scn_script_free(sc);

	st = last("expect A/memory.current + A/memory.swap.current - 1M ~ 50M 3% xfail \"why\"\n",
		  &sc);
	if (st) {
		c = &st->expect.cond;
		/* (A + B) - 1M: left-associative */
		is_long(c->cmp.lhs->kind, SCN_EXPR_SUB, "a difference");
		is_long(c->cmp.lhs->l->kind, SCN_EXPR_ADD, "of a sum");
		is_long(c->cmp.lhs->r->num, MB(1), "1M");
		ok(st->expect.xfail, "xfail");
		is_str(st->expect.xfail_reason, "why", "xfail reason");
	}
	scn_script_free(sc);

	st = last("expect A/memory.stat:anon ~ A/memory.current 3%\n", &sc);
	if (st) {
		c = &st->expect.cond;
		is_long(c->cmp.rhs->kind, SCN_EXPR_TARGET, "file on the right");
		is_str(c->cmp.rhs->target.file, "memory.current", "rhs file");
	}
	scn_script_free(sc);

	st = last("expect A/memory.high == max\nexpect /proc/x != -1000 xfail\n"
		  "expect A/memory.high == \"max\"\n", &sc);
	if (st) {
		c = &sc->stmts[0].expect.cond;
		is_long(c->cmp.rhs->kind, SCN_EXPR_MAX, "max");
		c = &sc->stmts[1].expect.cond;
		is_long(c->cmp.op, SCN_CMP_NE, "!=");
		is_long(c->cmp.rhs->num, -1000, "negative integer");
		ok(sc->stmts[1].expect.xfail, "xfail without reason");
		is_str(sc->stmts[1].expect.xfail_reason, "", "empty reason");
		c = &st->expect.cond;
		is_long(c->cmp.rhs->kind, SCN_EXPR_STRING, "a string");
		is_str(c->cmp.rhs->str, "max", "string text");
	}
	scn_script_free(sc);

	st = last("expect A/x < 1\nexpect A/x > 1\nexpect A/x == 12p\n", &sc);
	if (st) {
		is_long(sc->stmts[0].expect.cond.cmp.op, SCN_CMP_LT, "<");
		is_long(sc->stmts[1].expect.cond.cmp.op, SCN_CMP_GT, ">");
		is_long(st->expect.cond.cmp.rhs->num, 12 * 4096, "12p");
	}
	scn_script_free(sc);

	st = last("expect A/cgroup.procs empty\n", &sc);
	if (st) {
		c = &st->expect.cond;
		is_long(c->kind, SCN_COND_EMPTY, "empty");
		is_str(c->file.target.path, "A/cgroup.procs", "empty file");
		ok(!c->file.word, "no word");
	}
	scn_script_free(sc);

	st = last("expect A/cgroup.controllers contains \"memory\"\n"
		  "expect B/cgroup.controllers !contains memory\n", &sc);
	if (st) {
		c = &sc->stmts[0].expect.cond;
		is_long(c->kind, SCN_COND_CONTAINS, "contains");
		is_str(c->file.word, "memory", "word");
		is_long(st->expect.cond.kind, SCN_COND_NOT_CONTAINS, "!contains");
	}
	scn_script_free(sc);

	st = last(PRELUDE "expect p killed\nexpect p alive\nexpect p exited\n",
		  &sc);
	if (st) {
		c = &sc->stmts[4].expect.cond;
		is_long(c->kind, SCN_COND_PROC, "process state");
		is_str(c->proc.proc, "p", "process");
		is_long(c->proc.state, SCN_PROC_KILLED, "killed");
		is_long(sc->stmts[5].expect.cond.proc.state, SCN_PROC_ALIVE, "alive");
		is_long(st->expect.cond.proc.state, SCN_PROC_EXITED, "exited");
	}
	scn_script_free(sc);

	st = last(PRELUDE "expect pagemap q r2 swap == 16384\n"
		  "expect pagemap p buf present ~ 50M 10%\n", &sc);
	if (st) {
		c = &sc->stmts[4].expect.cond;
		is_long(c->kind, SCN_COND_PAGEMAP, "pagemap");
		is_str(c->pagemap.proc, "q", "pagemap process");
		is_str(c->pagemap.region, "r2", "pagemap region");
		is_long(c->pagemap.flag, SCN_PM_SWAP, "swap bit");
		is_long(c->pagemap.op, SCN_CMP_EQ, "==");
		is_long(c->pagemap.pages, 16384, "pages");
		c = &st->expect.cond;
		is_long(c->pagemap.flag, SCN_PM_PRESENT, "present bit");
		is_long(c->pagemap.pages, 12800, "50M is 12800 pages");
		is_long(c->pagemap.tolerance, 10, "pagemap tolerance");
	}
	scn_script_free(sc);

	st = last("open A/memory.peak as fd\n"
		  "record every 100ms A/memory.current A/memory.stat:zswpwb fd to out.csv\n",
		  &sc);
	if (st) {
		is_long(st->kind, SCN_STMT_RECORD, "record");
		is_long(st->record.interval_ns, 100000000, "every 100ms");
		is_long(st->record.n, 3, "three targets");
		is_str(st->record.targets[1].key, "zswpwb", "keyed target");
		is_long(st->record.targets[2].kind, SCN_TARGET_FD, "fd target");
		is_str(st->record.file, "out.csv", "output file");
	}
	scn_script_free(sc);
}

int main(void)
{
	test_time_expect();
	return done_testing();
}
