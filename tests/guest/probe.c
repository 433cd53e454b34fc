// SPDX-License-Identifier: GPL-2.0
/*
 * The payload of `make check-guest` (tests/guest/run.sh): one static
 * program that ends in each of the ways the runner must tell apart.
 *
 *	probe env     print what the guest set up, one "key value" a line
 *	probe exit N  a line on stdout, one on stderr, exit status N
 *	probe oom     move into a 16M cgroup without swap and touch 64M
 *	probe sleep N sleep N seconds
 *	probe panic   crash the kernel through /proc/sysrq-trigger
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define EXT4_SUPER_MAGIC	0xEF53

static void show(const char *key, const char *path)
{
	char buf[4096] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("%s %s\n", key, n >= 0 ? buf : "(unreadable)");
}

static int put(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, value, strlen(value)) ==
			    (ssize_t)strlen(value);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int env(void)
{
	struct statfs sf;
	char line[64];

	show("lru_gen", "/sys/kernel/mm/lru_gen/enabled");
	show("thp", "/sys/kernel/mm/transparent_hugepage/enabled");
	show("zswap", "/sys/module/zswap/parameters/enabled");
	show("swappiness", "/proc/sys/vm/swappiness");
	show("controllers", "/sys/fs/cgroup/cgroup.controllers");
	printf("root_ext4 %d\n", !statfs("/", &sf) &&
	       sf.f_type == EXT4_SUPER_MAGIC);
	printf("data_ext4 %d\n", !statfs("/data", &sf) &&
	       sf.f_type == EXT4_SUPER_MAGIC);
	snprintf(line, sizeof(line), "tty %d", isatty(1));
	puts(line);
	return 0;
}

static int oom(void)
{
	size_t size = 64 << 20, i;
	char pid[32];
	char *p;

	snprintf(pid, sizeof(pid), "%d", getpid());
	if (put("/sys/fs/cgroup/cgroup.subtree_control", "+memory") ||
	    mkdir("/sys/fs/cgroup/probe", 0755) ||
	    put("/sys/fs/cgroup/probe/memory.max", "16M") ||
	    put("/sys/fs/cgroup/probe/memory.swap.max", "0") ||
	    put("/sys/fs/cgroup/probe/cgroup.procs", pid)) {
		perror("probe: cgroup setup");
		return 2;
	}
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (i = 0; p != MAP_FAILED && i < size; i += 4096)
		p[i] = 1;
	printf("probe: still alive after touching 64M\n");
	return 3;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "env"))
		return env();
	if (!strcmp(cmd, "exit") && argc > 2) {
		printf("to stdout\n");
		fprintf(stderr, "to stderr\n");
		return atoi(argv[2]);
	}
	if (!strcmp(cmd, "oom"))
		return oom();
	if (!strcmp(cmd, "sleep") && argc > 2) {
		sleep(atoi(argv[2]));
		return 0;
	}
	if (!strcmp(cmd, "panic")) {
		put("/proc/sysrq-trigger", "c");
		return 4;
	}
	fprintf(stderr, "usage: probe env|exit N|oom|sleep N|panic\n");
	return 64;
}
