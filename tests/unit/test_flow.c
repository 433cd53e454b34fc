// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the scenario language's control flow, run on the model
 * backend (src/scenario/flow.c, parse_flow.c, parse_vars.c and the
 * include of parser.c): let and $NAME in values, paths and process names;
 * loops (their bounds, nesting, and the line numbers and loop variables of
 * their statements in TAP lines and errors); if/else and the conditions
 * and, or, not; include relative to the including file, and cycles
 * refused; and the parser's promise that a malformed line anywhere (a
 * branch not taken, a loop body, an included file) stops everything before
 * the first statement runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/run.h"

struct result {
	int parse;		/* scn_parse_*()'s return */
	int status;		/* scn_run()'s, or -1 when it did not run */
	char *out;		/* TAP and echo output */
	char *err;		/* parse or runtime errors */
};

static void result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

/* Parse @text (as @file, includes from the file system) and run it. */
static struct result run_file(const char *file, const char *text)
{
	struct result r = { .status = -1 };
	struct strbuf perr = STRBUF_INIT;
	struct scn_run_options opts = { 0 };
	struct scn_script *sc = NULL;
	struct scn_backend *be;
	size_t olen, elen;

	opts.out = open_memstream(&r.out, &olen);
	opts.err = open_memstream(&r.err, &elen);
	r.parse = scn_parse_string(file, text, strlen(text), &sc, &perr);
	if (!r.parse) {
		be = scn_model_create(sc, &opts);
		r.status = scn_run(sc, be, &opts);
		scn_model_destroy(be);
	} else {
		fputs(perr.buf ?: "", opts.err);
	}
	fclose(opts.out);
	fclose(opts.err);
	scn_script_free(sc);
	sb_release(&perr);
	return r;
}

static struct result run(const char *text)
{
	return run_file("t.scn", text);
}

static bool has(const char *s, const char *want)
{
	return s && strstr(s, want);
}

/* @text runs; its output contains each of @want (NULL-terminated). */
static void runs(const char *what, const char *text, int status,
		 const char *const *want)
{
	struct result r = run(text);
	bool all = true;

	for (; *want; want++)
		if (!has(r.out, *want)) {
			printf("# missing: %s\n", *want);
			all = false;
		}
	is_long(r.status, status, "%s: exit status", what);
	if (!ok(all, "%s: output", what))
		printf("# out:\n%s# err:\n%s", r.out, r.err);
	result_free(&r);
}

/* @text does not parse, with @msg among the messages; nothing ran. */
static void refused(const char *what, const char *text, const char *msg)
{
	struct result r = run(text);

	ok(r.parse && r.status == -1 && has(r.err, msg), "%s: %s", what, msg);
	if (!has(r.err, msg))
		printf("# got: %s", r.err);
	result_free(&r);
}

/* @text stops at run time with @msg on its error output. */
static void stops(const char *what, const char *text, const char *msg)
{
	struct result r = run(text);

	ok(!r.parse && r.status == 2 && has(r.err, msg), "%s: %s", what, msg);
	if (!has(r.err, msg))
		printf("# got: %s", r.err);
	result_free(&r);
}

static void test_values(void)
{
	runs("let and $", "let n = 3\nlet m = $n * 2 + 1\necho n=$n m=$m ${m}0\n", 0,
	     (const char *[]){ "n=3 m=7 70\n", NULL });
	runs("a file's value", "write cgroup.subtree_control +memory\nmkdir A\n"
	     "let c = read(A/memory.current)\n"
	     "expect $c == A/memory.current\nlet z = A/memory.stat:anon\n"
	     "expect $z == 0\n", 0,
	     (const char *[]){ "ok 1 - line 4: expect $c == A/memory.current",
			       "ok 2 - line 6", NULL });
	runs("paths and names", "write cgroup.subtree_control +memory\nlet i = 4\n"
	     "mkdir A_$i\nspawn p$i in A_$i\n"
	     "p$i: mmap r$i anon ${i}M\np$i: touch r$i\n"
	     "expect A_$i/memory.current >= ${i}M\nexpect A_4/memory.current < 5M\n"
	     "expect p$i alive\np$i: exit\nexpect p$i exited\n", 0,
	     (const char *[]){ "ok 1 - line 7", "ok 2 - line 8", "ok 3 - line 9",
			       "ok 4 - line 11", NULL });
	runs("a write of a computed value", "write cgroup.subtree_control +memory\n"
	     "mkdir A\nlet half = 64M / 2\n"
	     "write A/memory.max $half\nexpect A/memory.max == 32M\n", 0,
	     (const char *[]){ "ok 1 - line 5", NULL });
	stops("a size from a variable is checked when it runs",
	      "spawn p in /\nlet s = 0\np: mmap r anon $s\n",
	      "t.scn:3: mmap size must be positive, got '0'");
	stops("overflow when it runs", "let a = 9223372036854775807\nlet b = $a + 1\n",
	      "t.scn:2: overflow: 9223372036854775807 + 1 does not fit in 64 bits");
	stops("division by zero in a loop",
	      "for i in 0..3\n  let x = 100 / (2 - $i)\n  echo $x\nend\n",
	      "t.scn:2: division by zero: 100 / 0 (i=2)");
	stops("a let of max", "write cgroup.subtree_control +memory\nmkdir A\n"
	      "let m = A/memory.max\n", "t.scn:3: m: the value is 'max', not a number");
	stops("a let of a missing file", "let m = A/memory.current\n",
	      "t.scn:1: m: A/memory.current: ENOENT");
}

static void test_loops(void)
{
	runs("repeat and its line numbers",
	     "repeat 3 as i\n  echo pass $i\n  expect $i < 2\nend\n", 1,
	     (const char *[]){ "pass 0\n", "ok 1 - line 3 (i=0): expect $i < 2\n",
			       "ok 2 - line 3 (i=1)",
			       "not ok 3 - line 3 (i=2): expect $i < 2 # got 2\n", NULL });
	runs("for, nested", "for i in 1..2\n  for j in 0..1\n    expect $i + $j > 0\n"
	     "  end\nend\n", 0,
	     (const char *[]){ "ok 1 - line 3 (i=1, j=0)", "ok 4 - line 3 (i=2, j=1)",
			       "1..4\n", NULL });
	runs("repeat without a name", "repeat 2\n  expect 1 == 1\nend\n", 0,
	     (const char *[]){ "ok 1 - line 2 (pass 1)", "ok 2 - line 2 (pass 2)", NULL });
	runs("empty loops", "for i in 3..2\n  echo never\nend\nrepeat 0\n  echo never\n"
	     "end\nlet i = 0\nwhile $i > 0\n  echo never\nend\necho done\n", 0,
	     (const char *[]){ "done\n", NULL });
	runs("while with its bound", "let k = 0\nwhile $k < 100 max=5\n"
	     "  let k = $k + 1\nend\nexpect $k == 5\n", 0,
	     (const char *[]){ "ok 1 - line 5", NULL });
	runs("while until its condition", "let k = 1\nwhile $k < 1000\n"
	     "  let k = $k * 2\nend\nexpect $k == 1024\n", 0,
	     (const char *[]){ "ok 1 - line 5", NULL });
	runs("the default bound says so", "while 1\nend\n", 1,
	     (const char *[]){ "not ok 1 - line 1: while 1 # stopped after 10000 passes, the default bound: give the loop its own with max=N\n",
			       NULL });
	stops("repeat beyond the limit", "repeat 1000001\nend\n",
	      "t.scn:1: repeat: 1000001 passes are more than the limit of 1000000");
	runs("a loop's variable after it", "for i in 5..7\nend\necho $i\n", 0,
	     (const char *[]){ "7\n", NULL });
	runs("processes named by the loop",
	     "write cgroup.subtree_control +memory\nmkdir P\n"
	     "write P/cgroup.subtree_control +memory\nfor i in 0..2\n  mkdir P/c_$i\n  spawn p$i in P/c_$i\n"
	     "  p$i: mmap buf anon 1M\n  p$i: touch buf\n  p$i: exit\n  rmdir P/c_$i\nend\n"
	     "expect P/memory.current < 1M\n", 0,
	     (const char *[]){ "ok 1 - line 12", NULL });
	stops("the same process twice", "let n = 1\nrepeat 2\n  spawn p$n in /\nend\n",
	      "t.scn:3: process 'p1' already exists (pass 2)");
}

static void test_if(void)
{
	runs("if and else", "for i in 0..3\n  if $i % 2 == 0\n    echo even $i\n"
	     "  else\n    echo odd $i\n  end\nend\n", 0,
	     (const char *[]){ "even 0\nodd 1\neven 2\nodd 3\n", NULL });
	runs("and, or, not", "write cgroup.subtree_control +memory\nmkdir A\nspawn p in A\n"
	     "if p alive and A/memory.current >= 0\n  echo both\nend\n"
	     "if p exited or A/cgroup.procs empty\n  echo neither\nelse\n  echo no\nend\n"
	     "if not p exited\n  echo alive\nend\n"
	     "expect p exited or not A/cgroup.procs empty\n"
	     "expect p alive and A/memory.current > 1G\n", 1,
	     (const char *[]){ "both\nno\nalive\n", "ok 1 - line 15",
			       "not ok 2 - line 16: expect p alive and A/memory.current > 1G # got ",
			       NULL });
	runs("an expression alone", "let t = 0\nif $t\n  echo yes\nelse\n  echo no\nend\n", 0,
	     (const char *[]){ "no\n", NULL });
	runs("readable", "mkdir A\nexpect A/memory.current readable\n"
	     "expect B/memory.current readable\n", 1,
	     (const char *[]){ "ok 1 - line 2", "not ok 2 - line 3: expect B/memory.current readable # B/memory.current: ENOENT", NULL });
}

static void test_upfront(void)
{
	refused("a branch not taken", "let a = 1\nif $a == 2\n  tuch\nend\n",
		"t.scn:3: unknown statement 'tuch'");
	refused("a loop that runs no pass", "repeat 0\n  expect A/x ==\nend\n",
		"t.scn:2: missing value in comparison");
	refused("an unknown variable", "echo $nope\n",
		"t.scn:1: unknown variable '$nope' (declare it with let, repeat ... as or for)");
	refused("a variable used before its let", "echo $a\nlet a = 1\n",
		"t.scn:1: unknown variable '$a'");
	refused("a block without end", "repeat 2\n  echo x\n",
		"t.scn:1: 'repeat' has no 'end'");
	refused("an end without block", "echo x\nend\n",
		"t.scn:2: 'end' without an open block (if, repeat, for, while)");
	refused("an else in a loop", "repeat 2\nelse\nend\n",
		"t.scn:2: 'else' without an open 'if'");
	refused("two elses", "if 1\nelse\nelse\nend\n",
		"t.scn:3: a second 'else' for the 'if' at line 1");
	refused("a fixed name spawned in a loop", "repeat 2\n  spawn p in /\nend\n",
		"t.scn:2: a process started in a loop needs a name with a variable (e.g. p$i): every pass would start another 'p'");
	refused("a region the loop keeps", "spawn p in /\nrepeat 2\n  p: mmap r anon 1M\nend\n",
		"t.scn:4: the region 'r' of process 'p' declared in the loop at line 2 still exists at its end");
	refused("variables in setup", "let a = 1\nmachine memory=${a}G\n",
		"t.scn:2: variables cannot be used in 'machine'");
	refused("a bad reference", "let a = 1\necho ${a\n",
		"t.scn:2: malformed variable reference in '${a' (expected ${NAME})");
	refused("a bad bound", "while 1 max=0\nend\n",
		"t.scn:1: invalid bound 'max=0' (expected max=N, N from 1 to 1000000)");
	refused("for without a range", "for i in 5\nend\n",
		"t.scn:1: expected FIRST..LAST, e.g. 'for i in 0..9'");
	runs("a region freed in the loop", "spawn p in /\nrepeat 2\n  p: mmap r anon 1M\n"
	     "  p: touch r\n  p: munmap r\nend\necho ok\n", 0,
	     (const char *[]){ "ok\n", NULL });
}

/* ---- include ---- */

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static void test_include(void)
{
	char main_path[128];
	struct result r;

	strcpy(dir, "/tmp/test_flow.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(main_path, sizeof(main_path), "%s/sub", dir);
	mkdir(main_path, 0700);
	put("sub/setup.scn", "machine memory=512M\ninclude more.scn\n");
	put("sub/more.scn", "echo in more\nexpect 1 == 1\n");
	put("sub/cycle_a.scn", "include cycle_b.scn\n");
	put("sub/cycle_b.scn", "include cycle_a.scn\n");
	put("sub/bad.scn", "echo fine\nexpect A/x\n");
	put("sub/open.scn", "repeat 2\n");

	snprintf(main_path, sizeof(main_path), "%s/main.scn", dir);
	r = run_file(main_path, "include sub/setup.scn\nexpect /proc/meminfo:MemTotal < 600M\n");
	ok(r.status == 0 && has(r.out, "in more\n") &&
	   has(r.out, "sub/more.scn:2: expect 1 == 1") && has(r.out, "ok 2 - line 2"),
	   "include: relative to the including file, setup and all");
	result_free(&r);
	r = run_file(main_path, "include sub/cycle_a.scn\n");
	ok(r.parse && has(r.err, "include cycle: ") &&
	   has(r.err, "sub/cycle_a.scn includes ") && has(r.err, "sub/cycle_b.scn includes "),
	   "an include cycle is refused");
	result_free(&r);
	r = run_file(main_path, "echo before\ninclude sub/bad.scn\n");
	ok(r.parse && r.status == -1 && has(r.err, "sub/bad.scn:2: missing comparison after 'A/x'"),
	   "an error in an included file stops the run, with its FILE:LINE");
	result_free(&r);
	r = run_file(main_path, "include sub/open.scn\nend\n");
	ok(r.parse && has(r.err, "sub/open.scn:1: 'repeat' has no 'end'") &&
	   has(r.err, "main.scn:2: 'end' without an open block"),
	   "a block does not span files");
	result_free(&r);
	r = run_file(main_path, "include sub/none.scn\n");
	ok(r.parse && has(r.err, "main.scn:1: cannot include '") &&
	   has(r.err, "sub/none.scn': No such file or directory"), "a missing include");
	result_free(&r);
	r = run_file(main_path, "include sub\n");
	ok(r.parse && has(r.err, "Is a directory"), "a directory is not included");
	result_free(&r);
}

/* The files a script read, and includes from a reader of the caller's. */
static int reader(void *arg, const char *path, struct strbuf *text)
{
	if (strcmp(path, "lib.scn"))
		return -ENOENT;
	sb_puts(text, "let n = 7\n");
	return 0;
}

static void test_reader(void)
{
	struct scn_parse_opts opts = { .read = reader };
	struct strbuf err = STRBUF_INIT, d = STRBUF_INIT;
	const char *text = "include lib.scn\necho $n\ninclude lib.scn\n";
	struct scn_script *sc;

	ok(!scn_parse_string_opts("t.scn", text, strlen(text), &opts, &sc, &err) &&
	   sc->nfiles == 2 && !strcmp(sc->files[1], "lib.scn"),
	   "the script lists the files it read, each once");
	if (sc) {
		scn_script_dump(sc, &d);
		is_str(d.buf, text, "an include dumps as itself");
	}
	scn_script_free(sc);
	sb_release(&err);
	sb_release(&d);
}

/* The canonical dump of every new form: blocks indented, and it parses
 * back to the same text. */
static void test_dump_blocks(void)
{
	static const char text[] =
		"spawn p in /\nlet n = 2*3\nfor i in 0..$n-1\n  if $i%2 and not p exited\n"
		"echo \"odd $i\"\nelse\nrepeat $i as j\nexpect A/x ~ $j 10%\nend\n"
		"end\nend\nwhile A/x readable or 1 < 2 max=3\nend\n"
		"p: mmap r anon 1M\np: touch r fill=stride=4095:97\n"
		"p: touch r fill=half_ascending\np: touch r \"fill=bytes=off%256\"\n";
	static const char want[] =
		"spawn p in /\nlet n = 2 * 3\nfor i in 0..$n-1\n  if $i%2 and not p exited\n"
		"    echo \"odd $i\"\n  else\n    repeat $i as j\n"
		"      expect A/x ~ $j 10%\n    end\n  end\nend\n"
		"while A/x readable or 1 < 2 max=3\nend\n"
		"p: mmap r anon 1048576\np: touch r fill=stride=4095:97\n"
		"p: touch r fill=half_ascending\np: touch r \"fill=bytes=off % 256\"\n";
	struct strbuf err = STRBUF_INIT, d = STRBUF_INIT, d2 = STRBUF_INIT;
	struct scn_script *sc = NULL, *again = NULL;

	scn_parse_string("t.scn", text, strlen(text), &sc, &err);
	if (sc)
		scn_script_dump(sc, &d);
	is_str(d.buf, want, "blocks, variables and fills dump canonically");
	if (d.buf)
		scn_parse_string("t.scn", d.buf, d.len, &again, &err);
	if (again)
		scn_script_dump(again, &d2);
	is_str(d2.buf, d.buf, "the dump parses back to the same dump");
	scn_script_free(sc);
	scn_script_free(again);
	sb_release(&err);
	sb_release(&d);
	sb_release(&d2);
}

int main(void)
{
	test_values();
	test_loops();
	test_if();
	test_upfront();
	test_include();
	test_reader();
	test_dump_blocks();
	return done_testing();
}
