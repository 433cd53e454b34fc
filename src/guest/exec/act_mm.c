// SPDX-License-Identifier: GPL-2.0
/*
 * The executor's half of the memory actions the shmem work added to the
 * language (docs/scenario.md): mprotect, clear_refs, setrlimit memlock
 * and shmctl of a sysv mapping.  Each resolves the scenario's names into
 * one command for the process's worker (worker_mm.c), which makes the
 * system call as the process itself.  Errors for names the model does
 * not know are the model's (ENOMEM for mprotect, EINVAL for shmctl); the
 * rest are the kernel's.
 */
#define _GNU_SOURCE
#include "guest/exec/exec.h"

#include <errno.h>

/* mprotect(2) of the whole region. */
int gexec_act_mprotect(struct scn_rt *rt, struct scn_proc *p,
		       const struct scn_action *a)
{
	struct gregion *r = gexec_region(gproc_of(p), a->mprotect.region);
	struct gcmd cmd = { .op = GCMD_MPROTECT, .a = a->mprotect.prot };

	if (!r)
		return -ENOMEM;
	cmd.addr = r->addr;
	cmd.len = r->len;
	return gexec_act_call(rt, p, &cmd, -1, NULL);
}

/* The process writes the value to its own /proc/self/clear_refs. */
int gexec_act_clear_refs(struct scn_rt *rt, struct scn_proc *p,
			 const struct scn_action *a)
{
	struct gcmd cmd = { .op = GCMD_CLEAR_REFS,
			    .a = (uint64_t)a->clear_refs.value };

	return gexec_act_call(rt, p, &cmd, -1, NULL);
}

/* setrlimit(RLIMIT_MEMLOCK), soft and hard limits alike. */
int gexec_act_setrlimit(struct scn_rt *rt, struct scn_proc *p,
			const struct scn_action *a)
{
	struct gcmd cmd = { .op = GCMD_SETRLIMIT, .a = a->setrlimit.bytes };

	return gexec_act_call(rt, p, &cmd, -1, NULL);
}

/* shmctl(SHM_LOCK or SHM_UNLOCK) of the segment a sysv region attached. */
int gexec_act_shmctl(struct scn_rt *rt, struct scn_proc *p,
		     const struct scn_action *a)
{
	struct gregion *r = gexec_region(gproc_of(p), a->shmctl.region);
	struct gcmd cmd = { .op = GCMD_SHMCTL, .b = a->shmctl.lock };

	if (!r || r->shmid < 0)
		return -EINVAL;
	cmd.a = r->shmid;
	return gexec_act_call(rt, p, &cmd, -1, NULL);
}
