/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of fs/proc register at proc_root_init() (the kernel's
 * fs/proc/internal.h and its fs_initcalls).
 */
#ifndef MEMCGLAB_FS_PROC_INTERNAL_H
#define MEMCGLAB_FS_PROC_INTERNAL_H

#include "lib/compiler.h"

struct machine;
struct mm_struct;
struct strbuf;

int proc_pid_init(struct machine *m);		/* base.c: /proc/PID */
int proc_meminfo_init(struct machine *m);	/* meminfo.c */
int proc_sys_init(struct machine *m);		/* sysctl.c: /proc/sys/vm */
int proc_page_init(struct machine *m);		/* page.c: /proc/kpage* */
/* task_mmu_pagemap.c: /sys/kernel/debug/memcglab/pagemap */
int proc_pagemap_init(struct machine *m);

struct kernfs_open_file;

/* task_mmu.c, task_mmu_pagemap.c: rows of /proc/PID */
long clear_refs_write(struct kernfs_open_file *of, char *buf, size_t nbytes);
long pagemap_file_read(struct kernfs_open_file *of, void *buf, size_t count,
		       u64 pos);
/* task_mmu.c: the memory lines of status, smaps, smaps_rollup */
void task_mem(struct strbuf *sb, struct mm_struct *mm);
void show_smaps(struct strbuf *sb, struct mm_struct *mm);
void show_smaps_rollup(struct strbuf *sb, struct mm_struct *mm);
/* array.c: /proc/PID/status */
int proc_pid_status(struct kernfs_open_file *of, struct strbuf *sb);

#endif
