/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The design switches (`policy NAME=VALUE`) as data: their names, values,
 * defaults, the machine field each sets and the debate each replays, from
 * the one table in policy_table.h.  The runtime applies them through its
 * backend; `memcglab policies` and docs/scenario.md print them.
 */
#ifndef MEMCGLAB_SCENARIO_POLICY_H
#define MEMCGLAB_SCENARIO_POLICY_H

#include <stddef.h>

#include "lib/compiler.h"
#include "lib/strbuf.h"

struct scn_policy {
	const char *name;		/* "zswap.lru" */
	const char *const *values;	/* nvalues; [0] is Linux 6.12 */
	unsigned int nvalues;
	const char *field;		/* member of struct mm_policy */
	int issue;			/* values past [0] wait for it; 0: none */
	const char *debate;		/* what it replays, with its seed */
};

extern const struct scn_policy scn_policies[];
extern const size_t scn_nr_policies;

const struct scn_policy *scn_policy_find(const char *name);
/* The index of @value among @pol's values, or -1. */
int scn_policy_value(const struct scn_policy *pol, const char *value);
/* Whether the model implements value @v. */
bool scn_policy_modelled(const struct scn_policy *pol, unsigned int v);

/* One line per switch: NAME=V1|V2 (the first is the default). */
void scn_policy_list(struct strbuf *sb);
/* The table of docs/scenario.md, in Markdown. */
void scn_policy_markdown(struct strbuf *sb);

#endif
