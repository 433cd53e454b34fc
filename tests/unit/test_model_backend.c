// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's own check (include/bug.h's policy: a bug the model
 * reports fails the run and the test that made it): a bug during a
 * statement fails that statement with or without --verify, and one that
 * no statement saw is counted when the machine is torn down.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "include/bug.h"
#include "include/machine.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/run.h"

static struct scn_script *parse(const char *text)
{
	struct strbuf err = STRBUF_INIT;
	struct scn_script *sc = NULL;

	scn_parse_string("t.scn", text, strlen(text), &sc, &err);
	sb_release(&err);
	return sc;
}

/* The check after a statement, as the runtime makes it. */
static void test_check(bool verify)
{
	struct scn_run_options opts = { .verify = verify, .out = stdout };
	struct scn_script *sc = parse("mkdir A\n");
	struct scn_backend *be = scn_model_create(sc, &opts);
	struct strbuf why = STRBUF_INIT;
	struct scn_rt rt;

	scn_rt_init(&rt, sc, be, &opts, NULL);
	is_long(rt.ops->check(&rt, &why), 0, "%s: a fresh machine passes",
		verify ? "--verify" : "no --verify");
	MODEL_BUG(scn_model_machine(be), "provoked by the test");
	ok(rt.ops->check(&rt, &why) != 0 && why.buf &&
	   strstr(why.buf, "model bug reported"),
	   "%s: a bug during the statement fails it",
	   verify ? "--verify" : "no --verify");
	sb_reset(&why);
	is_long(rt.ops->check(&rt, &why), 0,
		"%s: and only that statement", verify ? "--verify" : "no --verify");
	scn_rt_release(&rt);
	is_long(scn_model_destroy(be), 0, "no bug is left for the teardown");
	sb_release(&why);
	scn_script_free(sc);
}

/* A bug after the last check counts when the machine goes. */
static void test_teardown(void)
{
	struct scn_run_options opts = { .out = fopen("/dev/null", "w") };
	struct scn_script *sc = parse("mkdir A\nspawn p in A\np: exit\n");
	struct scn_backend *be = scn_model_create(sc, &opts);

	is_long(scn_run(sc, be, &opts), 0, "a clean run passes");
	MODEL_BUG(scn_model_machine(be), "provoked after the run");
	is_long(scn_model_destroy(be), 1,
		"a bug after the last statement is counted at teardown");
	fclose(opts.out);
	scn_script_free(sc);
}

int main(void)
{
	test_check(false);
	test_check(true);
	test_teardown();
	return done_testing();
}
