/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host facts for the kernel backend (host.c): the kernel image and its
 * modules, the accelerator, and the install hint for missing packages.
 */
#ifndef MEMCGLAB_QEMU_HOST_H
#define MEMCGLAB_QEMU_HOST_H

#include <stddef.h>

#include "qemu/qemu.h"

#define QEMU_BINARY	"qemu-system-x86_64"
#define INSTALL_HINT	"make kernel-deps (scripts/install-deps.sh kernel)"

enum accel { ACCEL_TCG, ACCEL_KVM, ACCEL_KVM_OR_TCG };

/* /lib/modules/VERSION for /boot/vmlinuz-VERSION; -1 if absent. */
int guest_module_dir(const char *kernel, char *buf, size_t n);
/* "tcg", "kvm" or NULL (best) into an accel; why TCG was chosen. */
int guest_choose_accel(const char *want, char *why, size_t n);
/* Remember that KVM failed here, so that later runs go to TCG at once. */
void guest_kvm_failed(const char *why);

#endif
