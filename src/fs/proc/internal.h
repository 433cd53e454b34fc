/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of fs/proc register at proc_root_init() (the kernel's
 * fs/proc/internal.h and its fs_initcalls).
 */
#ifndef MEMCGLAB_FS_PROC_INTERNAL_H
#define MEMCGLAB_FS_PROC_INTERNAL_H

struct machine;

int proc_pid_init(struct machine *m);		/* base.c: /proc/PID */
int proc_meminfo_init(struct machine *m);	/* meminfo.c */
int proc_sys_init(struct machine *m);		/* sysctl.c: /proc/sys/vm */

#endif
