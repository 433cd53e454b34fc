/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interface of the guest's PID 1 (init.c, setup.c, payload.c).
 * The state of the one boot lives in struct guest, passed down; nothing is
 * global.
 */
#ifndef MEMCGLAB_GUEST_GUEST_H
#define MEMCGLAB_GUEST_GUEST_H

#include "guest/config.h"
#include "guest/protocol.h"

struct guest {
	int proto_fd;			/* ttyS1, or -1 before it opened */
	struct guest_config cfg;
	char fail[512];			/* why the current stage failed */
};

/* One protocol line (GUEST_MARK is not added); never fails loudly. */
void proto_line(struct guest *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record why a stage failed; returns -1 so that callers can return it. */
int guest_fail(struct guest *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Small file helpers; they return 0 or -1 with errno set. */
int write_file(const char *path, const char *value);
int read_file(const char *path, char *buf, size_t size);
long meminfo_kb(const char *key);
long vmstat_value(const char *key);
long long now_ms(void);

/* setup.c: the stages before the payload, each 0 or -1 with g->fail. */
int setup_mounts(struct guest *g);
int setup_modules(struct guest *g);
int setup_mm(struct guest *g);
int setup_loopback(struct guest *g);
int setup_disks(struct guest *g);
int setup_knobs(struct guest *g);
int setup_root(struct guest *g);
void report_ready(struct guest *g);

/* payload.c: run the payload, relay its output, report its end. */
void run_payload(struct guest *g);

#endif
