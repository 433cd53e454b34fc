// SPDX-License-Identifier: GPL-2.0
/*
 * The design switches' table (scenario/policy_table.h): its rows are
 * well-formed, and through the model backend each value sets the machine
 * field DESIGN.md names for it, whatever the order of the rows.  The
 * expected fields and values below are written from DESIGN.md's table
 * ("Policy switches") and, for seed 003's designs, from issue 19 (lazy,
 * 6.12's, first), not read back from the code's table.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "include/machine.h"
#include "scenario/model/model.h"
#include "scenario/parser.h"
#include "scenario/policy.h"
#include "scenario/run.h"

static void test_rows(void)
{
	const struct scn_policy *p, *q;
	unsigned int k, l;
	bool ok_rows = true;

	ok(scn_nr_policies >= 5, "the five switches of DESIGN.md's first set");
	for (p = scn_policies; p < scn_policies + scn_nr_policies; p++) {
		bool row = p->nvalues >= 2 && p->field && *p->field &&
			   strstr(p->debate, "(seed 00") &&
			   scn_policy_find(p->name) == p;

		for (q = scn_policies; q < p; q++)
			row &= strcmp(p->name, q->name) != 0;
		for (k = 0; k < p->nvalues; k++) {
			row &= scn_policy_value(p, p->values[k]) == (int)k;
			for (l = 0; l < k; l++)
				row &= strcmp(p->values[k], p->values[l]) != 0;
		}
		if (!row)
			printf("# bad row: %s\n", p->name);
		ok_rows &= row;
	}
	ok(ok_rows, "every row: a unique name, two or more distinct values, a field and its seed");
	ok(!scn_policy_find("zswap"), "no switch by a prefix of a name");
	is_long(scn_policy_value(scn_policy_find("zswap.lru"), "Global"), -1,
		"values are exact");
}

struct want {
	const char *kv;		/* NAME=VALUE */
	int status;		/* of the run: 0, or 2 when not modelled */
	size_t off;		/* the struct mm_policy member it sets */
	int value;		/* to this */
};

#define F(field)	offsetof(struct mm_policy, field)

/* From DESIGN.md: the first value of each switch is Linux 6.12. */
static const struct want wants[] = {
	{ "zswap.lru=memcg", 0, F(zswap_lru_global), false },
	{ "zswap.lru=global", 0, F(zswap_lru_global), true },
	{ "memcg.offline_kmem=reparent", 0, F(offline_kmem_drain), false },
	{ "memcg.offline_kmem=drain", 0, F(offline_kmem_drain), true },
	{ "objcg.task_cache=lazy", 0, F(objcg_task_cache), OBJCG_TASK_CACHE_LAZY },
	{ "objcg.task_cache=off", 0, F(objcg_task_cache), OBJCG_TASK_CACHE_OFF },
	{ "objcg.task_cache=fork", 0, F(objcg_task_cache), OBJCG_TASK_CACHE_FORK },
	{ "objcg.task_cache=on", 2, F(objcg_task_cache), OBJCG_TASK_CACHE_LAZY },
	{ "memcg.task_cache=off", 0, F(memcg_task_cache), false },
	{ "memcg.task_cache=on", 0, F(memcg_task_cache), true },
	{ "smemcg=off", 0, F(smemcg), 0 },
	{ "smemcg=charge", 0, F(smemcg), 1 },		/* issue 12 */
	{ "smemcg=borrow", 0, F(smemcg), 2 },
	{ "pins=off", 0, F(pins), 0 },
	{ "pins=cgroup", 0, F(pins), 1 },
	{ "pins=smemcg", 0, F(pins), 2 },
	{ "pagemap.shmem_swap=none", 0, F(pagemap_shmem_swap), 0 },
	{ "pagemap.shmem_swap=marker", 0, F(pagemap_shmem_swap), 1 },
	{ "pagemap.shmem_swap=lookup", 0, F(pagemap_shmem_swap), 2 },
};

static int field_value(const struct mm_policy *p, size_t off)
{
	const char *base = (const char *)p;

	if (off == F(smemcg) || off == F(pagemap_shmem_swap) ||
	    off == F(objcg_task_cache) || off == F(pins))
		return *(const int *)(base + off);
	return *(const bool *)(base + off);
}

/* Run "policy KV" on the model; the exit status and the field's value. */
static int run_policy(const char *kv, size_t off, int *value)
{
	struct scn_run_options opts = { 0 };
	struct strbuf err = STRBUF_INIT;
	struct scn_script *sc;
	struct scn_backend *be;
	char text[128];
	int ret;

	snprintf(text, sizeof(text), "policy %s\n", kv);
	if (scn_parse_string("t.scn", text, strlen(text), &sc, &err))
		return -1;
	opts.out = fopen("/dev/null", "w");
	be = scn_model_create(sc, &opts);
	ret = scn_run(sc, be, &opts);
	*value = field_value(&scn_model_machine(be)->policy, off);
	if (scn_model_destroy(be))
		ret = -1;	/* a model bug */
	fclose(opts.out);
	scn_script_free(sc);
	sb_release(&err);
	return ret;
}

static void test_model_fields(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wants); i++) {
		int value = -1;
		int ret = run_policy(wants[i].kv, wants[i].off, &value);

		is_long(ret, wants[i].status, "policy %s: exit %d", wants[i].kv,
			wants[i].status);
		is_long(value, wants[i].value, "policy %s sets its field to %d",
			wants[i].kv, wants[i].value);
	}
}

static void test_docs(void)
{
	struct strbuf sb = STRBUF_INIT;

	scn_policy_markdown(&sb);
	ok(sb.buf && strstr(sb.buf, "| `zswap.lru` | `memcg` (default), `global` |"),
	   "markdown: values with the default first");
	ok(sb.buf && strstr(sb.buf, "`off` (default), `charge`, `borrow` |"),
	   "markdown: smemcg's values, all modelled (issue 12)");
	sb_reset(&sb);
	scn_policy_list(&sb);
	ok(sb.buf && strstr(sb.buf, "smemcg") && strstr(sb.buf, "off|charge|borrow"),
	   "list: one line per switch");
	sb_release(&sb);
}

/* A row whose issue is open: only its first value runs. */
static void test_unmodelled(void)
{
	static const char *const values[] = { "a", "b" };
	const struct scn_policy row = {
		.name = "x", .values = values, .nvalues = 2, .field = "x",
		.issue = 99, .debate = "none",
	};

	ok(scn_policy_modelled(&row, 0), "an open issue: the first value runs");
	ok(!scn_policy_modelled(&row, 1), "the others are not modelled yet");
}

int main(void)
{
	test_rows();
	test_model_fields();
	test_docs();
	test_unmodelled();
	return done_testing();
}
