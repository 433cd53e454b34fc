// SPDX-License-Identifier: GPL-2.0
/*
 * The design switches' table (policy_table.h) as struct scn_policy rows,
 * looked up by name, and printed for `memcglab policies` and the docs.
 */
#include "scenario/policy.h"

#include <string.h>

#include "lib/compiler.h"

#define SCN_POLICY(id, name_, field_, issue_, debate_, ...)		\
	static const char *const id##_values[] = { __VA_ARGS__ };
#include "scenario/policy_table.h"
#undef SCN_POLICY

#define SCN_POLICY(id, name_, field_, issue_, debate_, ...)		\
	{ .name = name_, .values = id##_values,				\
	  .nvalues = ARRAY_SIZE(id##_values), .field = #field_,		\
	  .issue = issue_, .debate = debate_ },
const struct scn_policy scn_policies[] = {
#include "scenario/policy_table.h"
};
#undef SCN_POLICY

const size_t scn_nr_policies = ARRAY_SIZE(scn_policies);

const struct scn_policy *scn_policy_find(const char *name)
{
	size_t i;

	for (i = 0; i < scn_nr_policies; i++)
		if (!strcmp(scn_policies[i].name, name))
			return &scn_policies[i];
	return NULL;
}

int scn_policy_value(const struct scn_policy *pol, const char *value)
{
	unsigned int k;

	for (k = 0; k < pol->nvalues; k++)
		if (!strcmp(pol->values[k], value))
			return k;
	return -1;
}

bool scn_policy_modelled(const struct scn_policy *pol, unsigned int v)
{
	return !v || !pol->issue;
}

void scn_policy_list(struct strbuf *sb)
{
	const struct scn_policy *pol;
	unsigned int k;

	for (pol = scn_policies; pol < scn_policies + scn_nr_policies; pol++) {
		sb_printf(sb, "  %-20s ", pol->name);
		for (k = 0; k < pol->nvalues; k++)
			sb_printf(sb, "%s%s%s", k ? "|" : "", pol->values[k],
				  scn_policy_modelled(pol, k) ? "" : "*");
		sb_printf(sb, "\n  %-20s %s\n", "", pol->debate);
	}
	sb_puts(sb, "  (the first value is Linux 6.12's and the default; "
		"* not modelled yet)\n");
}

static void markdown_values(struct strbuf *sb, const struct scn_policy *pol)
{
	unsigned int k;

	for (k = 0; k < pol->nvalues; k++) {
		sb_printf(sb, "%s`%s`", k ? ", " : "", pol->values[k]);
		if (!k)
			sb_puts(sb, " (default)");
		else if (!scn_policy_modelled(pol, k))
			sb_printf(sb, " (not modelled yet, issue #%d)",
				  pol->issue);
	}
}

void scn_policy_markdown(struct strbuf *sb)
{
	const struct scn_policy *pol;

	sb_puts(sb, "| switch | values | machine field (set to the value's index) | the debate it replays |\n"
		"|---|---|---|---|\n");
	for (pol = scn_policies; pol < scn_policies + scn_nr_policies; pol++) {
		sb_printf(sb, "| `%s` | ", pol->name);
		markdown_values(sb, pol);
		sb_printf(sb, " | `m->policy.%s` | %s |\n", pol->field,
			  pol->debate);
	}
}
