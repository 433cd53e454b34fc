/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a real kernel cannot run (refuse.c): design switches other than
 * Linux 6.12's own behaviour, the model's debug files, long-term pins.
 * The guest executor refuses such a scenario before running any of it,
 * and `memcglab run --kernel` before booting, both with FILE:LINE:
 * nothing is skipped silently.
 */
#ifndef MEMCGLAB_GUEST_EXEC_REFUSE_H
#define MEMCGLAB_GUEST_EXEC_REFUSE_H

#include "lib/strbuf.h"
#include "scenario/ast.h"

/* Files only the model has: its own debug directory. */
#define GEXEC_MODEL_ONLY_DIR	"/sys/kernel/debug/memcglab/"

/*
 * The first statement of @script that a kernel cannot run, with the
 * reason in @why; NULL when it can run all of them.
 */
const struct scn_stmt *gexec_refusal(const struct scn_script *script,
				     struct strbuf *why);
/* The same for one `policy NAME=VALUE` (from a command line): 0 or -1. */
int gexec_refuse_policy(const char *name, const char *value,
			struct strbuf *why);

#endif
