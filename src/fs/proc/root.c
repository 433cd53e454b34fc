// SPDX-License-Identifier: GPL-2.0
/*
 * procfs setup (fs/proc/root.c, proc_root_init()).  The model has no
 * initcalls, so the fs_initcalls of fs/proc (proc_meminfo_init) run here
 * too.  Other subsystems add their /proc files at their own init.
 */
#include "fs/proc.h"

#include "fs/proc/internal.h"

int proc_root_init(struct machine *m)
{
	int err = proc_pid_init(m);

	if (!err)
		err = proc_meminfo_init(m);
	if (!err)
		err = proc_sys_init(m);
	if (!err)
		err = proc_page_init(m);
	if (!err)
		err = proc_pagemap_init(m);
	return err;
}
