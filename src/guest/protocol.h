/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the host (src/qemu) and the guest's PID 1
 * (src/guest/init.c): where the guest's configuration lives, and the lines
 * the guest writes on its protocol port.  Version GUEST_PROTO_VERSION.
 *
 * The protocol port is the second 16550 UART (ttyS1), not the kernel's
 * console (ttyS0): printk output (OOM reports, warnings) would otherwise
 * interleave with the payload's output in the middle of a line.  Every
 * line on ttyS1 is one of
 *
 *	MEMCGLAB/1 HELLO                       PID 1 started
 *	MEMCGLAB/1 READY key=value ...         setup done, the payload starts
 *	MEMCGLAB/1 FAIL stage: message         setup failed, no payload ran
 *	o TEXT                                 one line the payload wrote to stdout
 *	e TEXT                                 one line the payload wrote to stderr
 *	MEMCGLAB/1 EXIT code=N pid=P ms=T      the payload exited with status N
 *	MEMCGLAB/1 EXIT signal=S pid=P ms=T oom_kill=K   killed by signal S
 *	MEMCGLAB/1 EXIT timeout pid=P ms=T     the guest's own timeout hit
 *	MEMCGLAB/1 DONE                        about to power off
 *
 * oom_kill is the growth of /proc/vmstat's oom_kill over the run.  The
 * kernel's console (ttyS0) tells the host about panics and, with
 * "Killed process P", which process the OOM killer chose.
 */
#ifndef MEMCGLAB_GUEST_PROTOCOL_H
#define MEMCGLAB_GUEST_PROTOCOL_H

#define GUEST_PROTO_VERSION	1
#define GUEST_MARK		"MEMCGLAB/1 "
#define GUEST_PROTO_TTY		"/dev/ttyS1"

/* The configuration file inside the initramfs (see config.h). */
#define GUEST_CONFIG_PATH	"/etc/memcglab-guest.conf"
#define GUEST_MODULE_DIR	"/lib/modules"
#define GUEST_BIN_DIR		"/bin"

/* The virtio disks' serial numbers, so that the guest can check them. */
#define GUEST_SWAP_SERIAL	"memcglab-swap"
#define GUEST_DATA_SERIAL	"memcglab-data"

/* A payload line longer than this is split into several lines. */
#define GUEST_LINE_MAX		4000

#endif
