/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model backend: runs a scenario's statements on a simulated machine
 * (struct machine), booted from the script's machine and mount statements.
 * Give it to scn_run() (scenario/run.h).
 */
#ifndef MEMCGLAB_SCENARIO_MODEL_MODEL_H
#define MEMCGLAB_SCENARIO_MODEL_MODEL_H

#include "scenario/runtime.h"

struct machine;

/* Boot the machine @script describes; NULL (and a message) if it cannot. */
struct scn_backend *scn_model_create(const struct scn_script *script,
				     const struct scn_run_options *opts);
/*
 * Tear the machine down; the model bugs reported since the last statement
 * was checked (at the end of the run and in teardown), which must fail it.
 */
unsigned long scn_model_destroy(struct scn_backend *be);
/* The machine a model backend runs on. */
struct machine *scn_model_machine(struct scn_backend *be);

#endif
