// SPDX-License-Identifier: GPL-2.0
/*
 * madvise(2) on mlocked ranges on Linux 6.12: the measurements behind
 * tests/scenarios/madvise/.  Re-run with
 *	tests/kernel/run.sh madvise_locked 3 --swap 1G
 * For anonymous, shmem and file mappings (shared and private), locked
 * and then unlocked: the errno of each advice the model implements and
 * the pages still present afterwards.
 */
#include "kt.h"

#define MB	(1UL << 20)
#define PM_PRESENT	63

static const struct { const char *name; int advice; } advices[] = {
	{ "willneed", MADV_WILLNEED }, { "cold", MADV_COLD },
	{ "pageout", MADV_PAGEOUT }, { "dontneed", MADV_DONTNEED },
};

static void check(int ret, const char *what)
{
	if (ret)
		printf("# %s: %s\n", what, strerror(-ret));
}

static void advise_all(const char *label, struct kt_proc *p)
{
	char key[64];
	unsigned int i;

	for (i = 0; i < sizeof(advices) / sizeof(advices[0]); i++) {
		int ret = kt_cmd(p, KT_MADVISE, advices[i].advice, 0, MB, NULL);

		snprintf(key, sizeof(key), "%s.errno", advices[i].name);
		kt_print(label, key, -ret);
		snprintf(key, sizeof(key), "%s.present", advices[i].name);
		kt_print(label, key, kt_pagemap(p, 0, MB, PM_PRESENT));
	}
}

/* Map, write every page, lock, advise; unlock, write again, advise. */
static void one(const char *label, int op, int private, const char *path)
{
	char l[64];
	struct kt_proc p;

	kt_spawn(&p, "md", 1);
	check(kt_cmd(&p, op, private, 0, MB, path), "mmap");
	check(kt_cmd(&p, KT_TOUCH, 0, 0, MB, NULL), "touch");
	check(kt_cmd(&p, KT_MLOCK, 0, 0, MB, NULL), "mlock");
	snprintf(l, sizeof(l), "%s.locked", label);
	advise_all(l, &p);
	kt_settle();
	kt_print(l, "unevictable", kt_key(KT_CG "md/memory.stat",
					  "unevictable"));
	check(kt_cmd(&p, KT_MUNLOCK, 0, 0, MB, NULL), "munlock");
	check(kt_cmd(&p, KT_TOUCH, 0, 0, MB, NULL), "touch");
	snprintf(l, sizeof(l), "%s.unlocked", label);
	advise_all(l, &p);
	check(kt_cmd(&p, KT_EXIT, 0, 0, 0, NULL), "exit");
	if (path)
		unlink(path);
}

int main(void)
{
	kt_setup();
	kt_mkcg("md");
	one("anon", KT_MMAP_ANON, 0, NULL);
	one("shmem", KT_MMAP_SHMEM, 0, "/dev/shm/m");
	one("file_shared", KT_MMAP_FILE, 0, "/data/m");
	one("file_private", KT_MMAP_FILE, 1, "/data/p");
	return 0;
}
