/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which kernel modules the guest must load, in which order, and their
 * bytes: modules.dep and modules.builtin of the kernel's module directory
 * (/lib/modules/VERSION) resolve a wanted name into itself and its
 * dependencies, dependencies first, skipping what the kernel has built in.
 * Debian ships modules xz-compressed; they are decompressed on the host
 * with xz(1) (xz-utils), so that the guest's finit_module() needs no
 * decompressor and `make` needs no liblzma: xz is only needed at run time,
 * by the kernel backend.
 */
#ifndef MEMCGLAB_QEMU_KMOD_H
#define MEMCGLAB_QEMU_KMOD_H

#include <stddef.h>

#include "lib/strbuf.h"

#define KMOD_MAX	32

struct kmod_set {
	int nr;
	char path[KMOD_MAX][512];	/* host file, as modules.dep names it */
	char name[KMOD_MAX][64];	/* file in the guest: "ext4.ko" */
};

/*
 * Add the modules names[0..nr) with their dependencies to set (which the
 * caller zeroed).  0, or -1 with "module X: ..." in err.
 */
int kmod_resolve(const char *moddir, const char *const names[], int nr,
		 struct kmod_set *set, char *err, size_t n);
/* A module file's bytes, decompressed if it ends in .xz; 0 or -1. */
int kmod_read(const char *path, struct strbuf *out, char *err, size_t n);

#endif
