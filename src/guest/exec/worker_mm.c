// SPDX-License-Identifier: GPL-2.0
/*
 * The worker's side of the memory actions other than plain mappings and
 * touches (act_mm.c): mprotect(2), a write to its own
 * /proc/self/clear_refs, setrlimit(RLIMIT_MEMLOCK), shmctl(SHM_LOCK or
 * SHM_UNLOCK), and the sysv mapping itself (shmget + shmat, with the
 * segment removed at once so that it goes with its last detach, as the
 * model's does).  /proc/self is the kernel's own in any root: these are
 * the process's files, never the scenario's machine-wide ones.
 */
#define _GNU_SOURCE
#include "guest/exec/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <unistd.h>

int worker_sysv_map(uint64_t len, uint64_t *addr, int *shmid)
{
	int id = shmget(IPC_PRIVATE, len, IPC_CREAT | 0600), err;
	void *p;

	if (id < 0)
		return -errno;
	p = shmat(id, NULL, 0);
	err = p == (void *)-1 ? -errno : 0;
	shmctl(id, IPC_RMID, NULL);
	if (err)
		return err;
	*addr = (uint64_t)p;
	*shmid = id;
	return 0;
}

static int do_mprotect(const struct gcmd *c)
{
	int prot = PROT_NONE;

	if (c->a & SCN_PROT_READ)
		prot |= PROT_READ;
	if (c->a & SCN_PROT_WRITE)
		prot |= PROT_WRITE;
	return mprotect((void *)c->addr, c->len, prot) ? -errno : 0;
}

/* One write(2) of the value, as `echo N > /proc/self/clear_refs`. */
static int do_clear_refs(const struct gcmd *c)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC), err = 0;
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", (long long)(int64_t)c->a);

	if (fd < 0)
		return -errno;
	errno = 0;
	if (write(fd, buf, n) != n)
		err = -errno ?: -EIO;
	close(fd);
	return err;
}

static int do_setrlimit(const struct gcmd *c)
{
	rlim_t v = c->a == UINT64_MAX ? RLIM_INFINITY : (rlim_t)c->a;
	struct rlimit r = { v, v };

	return setrlimit(RLIMIT_MEMLOCK, &r) ? -errno : 0;
}

static int do_shmctl(const struct gcmd *c)
{
	return shmctl((int)c->a, c->b ? SHM_LOCK : SHM_UNLOCK, NULL) ?
	       -errno : 0;
}

int worker_mm_cmd(const struct gcmd *c)
{
	switch (c->op) {
	case GCMD_MPROTECT:
		return do_mprotect(c);
	case GCMD_CLEAR_REFS:
		return do_clear_refs(c);
	case GCMD_SETRLIMIT:
		return do_setrlimit(c);
	case GCMD_SHMCTL:
		return do_shmctl(c);
	}
	return -EINVAL;
}
