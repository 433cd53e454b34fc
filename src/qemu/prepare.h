/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything a guest boot needs on disk before qemu starts (prepare.c):
 * the working directory, the initramfs (PID 1, payload, files, modules,
 * configuration) and the swap and /data images.
 */
#ifndef MEMCGLAB_QEMU_PREPARE_H
#define MEMCGLAB_QEMU_PREPARE_H

#include <stddef.h>

#include "qemu/qemu.h"

struct guest_paths {
	char dir[512];		/* the working directory */
	int own_dir;		/* made by us: remove it afterwards */
	char kernel[512];
	char initramfs[600];
	char swap[600];		/* "" without swap */
	char data[600];		/* "" without /data */
	char console[600];
};

/* Find the kernel, make the directory, the initramfs and the disks. */
int guest_prepare(const struct guest_job *job, struct guest_paths *p,
		  char *err, size_t n);
/* Remove what guest_prepare made (everything if the directory is ours). */
void guest_cleanup(const struct guest_paths *p);

/* 1 if the ELF file's bytes have no program interpreter (static). */
int elf_is_static(const void *data, size_t len);

#endif
