/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running a parsed scenario: the dispatcher, on top of the runtime
 * (runtime.h) and of whatever backend runs the statements (backend.h).
 *
 *	be = scn_model_create(script, &opts);	(scenario/model/model.h)
 *	ret = scn_run(script, be, &opts);
 *	scn_model_destroy(be);
 *
 * A guest executor on a real kernel does the same with its own backend.
 */
#ifndef MEMCGLAB_SCENARIO_RUN_H
#define MEMCGLAB_SCENARIO_RUN_H

#include "scenario/runtime.h"

/* Run @script on @be: 0 if every expectation held, 1 if not, 2 on error. */
int scn_run(const struct scn_script *script, struct scn_backend *be,
	    const struct scn_run_options *opts);

#endif
