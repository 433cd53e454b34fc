// SPDX-License-Identifier: GPL-2.0
/*
 * Per-uid accounting (kernel/user.c): a user_struct per uid with the
 * locked_vm that io_uring's registered buffers charge against the
 * registering task's RLIMIT_MEMLOCK, shared by every process of the uid.
 * Differences: a user_struct lives as long as the machine (the kernel
 * frees it with its last reference; a new one starts from 0, as an
 * unused one here has 0).
 */
#include "kernel/task.h"

#include <stdlib.h>

#include "include/machine.h"

struct user_struct *find_user(struct machine *m, unsigned int uid)
{
	struct user_struct *u;

	list_for_each_entry(u, &m->users, list)
		if (u->uid == uid)
			return u;
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->uid = uid;
	list_add_tail(&u->list, &m->users);
	return u;
}

/* What locked_vm a uid has: 0 for one never seen (it has no struct). */
unsigned long user_locked_vm(struct machine *m, unsigned int uid)
{
	struct user_struct *u;

	list_for_each_entry(u, &m->users, list)
		if (u->uid == uid)
			return u->locked_vm;
	return 0;
}

void users_release(struct machine *m)
{
	struct user_struct *u, *n;

	list_for_each_entry_safe(u, n, &m->users, list) {
		list_del(&u->list);
		free(u);
	}
}
