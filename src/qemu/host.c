// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel backend needs from the host: the kernel image (the
 * newest generic Debian 6.12, not -cloud or -rt), its module directory,
 * the tools and their packages, and the accelerator.  KVM is chosen when
 * /dev/kvm opens and answers; in nested virtual machines it can still fail
 * on the first instruction it cannot emulate ("KVM internal error"), so
 * the runner falls back to TCG and remembers that in a cache file, which
 * spares later runs the failed attempt.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu/host.h"
#include "qemu/spawn.h"

#define BOOT_DIR	"/boot"
#define KERNEL_PREFIX	"vmlinuz-6.12."
#define KERNEL_SUFFIX	"-amd64"

static int generic_flavour(const char *name)
{
	size_t len = strlen(name), slen = strlen(KERNEL_SUFFIX);

	return !strncmp(name, KERNEL_PREFIX, strlen(KERNEL_PREFIX)) &&
	       len > slen && !strcmp(name + len - slen, KERNEL_SUFFIX) &&
	       !strstr(name, "-cloud-") && !strstr(name, "-rt-");
}

int guest_find_kernel(char *buf, size_t n)
{
	char best[256] = "";
	struct dirent *d;
	DIR *dir = opendir(BOOT_DIR);

	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		if (generic_flavour(d->d_name) &&
		    strverscmp(d->d_name, best) > 0)
			snprintf(best, sizeof(best), "%s", d->d_name);
	closedir(dir);
	if (!best[0])
		return -1;
	snprintf(buf, n, "%s/%s", BOOT_DIR, best);
	return 0;
}

int guest_module_dir(const char *kernel, char *buf, size_t n)
{
	const char *base = strrchr(kernel, '/');
	struct stat st;

	base = base ? base + 1 : kernel;
	if (strncmp(base, "vmlinuz-", 8))
		return -1;
	snprintf(buf, n, "/lib/modules/%s", base + 8);
	return stat(buf, &st) || !S_ISDIR(st.st_mode) ? -1 : 0;
}

static void need(char *buf, size_t n, const char *pkg)
{
	size_t len = strlen(buf);

	snprintf(buf + len, n - len, "%s%s", len ? " " : "", pkg);
}

void guest_missing_deps(const struct guest_job *job, char *buf, size_t n)
{
	char path[512];

	buf[0] = '\0';
	if (find_in_path(QEMU_BINARY, path, sizeof(path)))
		need(buf, n, "qemu-system-x86");
	if (!job->m.kernel && guest_find_kernel(path, sizeof(path)))
		need(buf, n, "linux-image-6.12-amd64");
	if (job->m.disk && find_in_path("mke2fs", path, sizeof(path)))
		need(buf, n, "e2fsprogs");
	if (find_in_path("xz", path, sizeof(path)))
		need(buf, n, "xz-utils");
}

/* $XDG_CACHE_HOME or ~/.cache into base; the cache file into path. */
static int kvm_cache_path(char *base, char *path, size_t n)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		snprintf(base, n, "%s", xdg);
	else if (home && *home)
		snprintf(base, n, "%s/.cache", home);
	else
		return -1;
	snprintf(path, n, "%s/memcglab/kvm-unusable", base);
	return 0;
}

void guest_kvm_failed(const char *why)
{
	char base[512], path[512], dir[600];
	FILE *f;

	if (kvm_cache_path(base, path, sizeof(path)))
		return;
	snprintf(dir, sizeof(dir), "%s/memcglab", base);
	mkdir(base, 0755);
	mkdir(dir, 0755);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "KVM failed under %s: %s\n"
		"Delete this file to let memcglab try KVM again.\n",
		QEMU_BINARY, why);
	fclose(f);
}

static int kvm_answers(char *why, size_t n)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC), version;

	if (fd < 0) {
		snprintf(why, n, "/dev/kvm: %s", strerror(errno));
		return 0;
	}
	version = ioctl(fd, KVM_GET_API_VERSION, 0);
	close(fd);
	if (version != KVM_API_VERSION) {
		snprintf(why, n, "/dev/kvm: API version %d", version);
		return 0;
	}
	return 1;
}

int guest_choose_accel(const char *want, char *why, size_t n)
{
	char base[512], cache[512];

	why[0] = '\0';
	if (want && !strcmp(want, "tcg")) {
		snprintf(why, n, "asked for");
		return ACCEL_TCG;
	}
	if (want && !strcmp(want, "kvm"))
		return ACCEL_KVM;
	if (!kvm_answers(why, n))
		return ACCEL_TCG;
	if (!kvm_cache_path(base, cache, sizeof(cache)) &&
	    !access(cache, F_OK)) {
		snprintf(why, n, "KVM failed on this host before, see %s",
			 cache);
		return ACCEL_TCG;
	}
	return ACCEL_KVM_OR_TCG;
}
