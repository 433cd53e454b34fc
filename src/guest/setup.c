// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's setup stages, in the order init.c runs them: the remaining
 * mounts (cgroup2 with the host's options, debugfs, tmpfs on /dev/shm and
 * /tmp), the kernel modules the host packed (finit_module), the classic
 * LRU and no THP, the loopback interface, swap on the swap disk and ext4
 * on /data, the module parameters and sysctls, and the payload's root and
 * working directory.  Each stage returns 0, or -1 with the reason in g->fail.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "guest/guest.h"

#define LRU_GEN_FILE	"/sys/kernel/mm/lru_gen/enabled"
#define THP_FILE	"/sys/kernel/mm/transparent_hugepage/enabled"
#define DISK_WAIT_MS	10000

static int mount_one(struct guest *g, const char *src, const char *dir,
		     const char *type, const char *opts)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, MS_NOSUID, opts && *opts ? opts : NULL))
		return guest_fail(g, "%s on %s (%s): %s", type, dir,
				  opts && *opts ? opts : "no options",
				  strerror(errno));
	return 0;
}

int setup_mounts(struct guest *g)
{
	if (mount_one(g, "cgroup2", "/sys/fs/cgroup", "cgroup2",
		      g->cfg.cgroup2) ||
	    mount_one(g, "debugfs", "/sys/kernel/debug", "debugfs", NULL) ||
	    mount_one(g, "devpts", "/dev/pts", "devpts", "mode=620") ||
	    mount_one(g, "shm", "/dev/shm", "tmpfs", "mode=1777") ||
	    mount_one(g, "tmp", "/tmp", "tmpfs", "mode=1777"))
		return -1;
	return 0;
}

int setup_modules(struct guest *g)
{
	char path[256];
	int i, fd;

	for (i = 0; i < g->cfg.nr_modules; i++) {
		snprintf(path, sizeof(path), "%s/%s", GUEST_MODULE_DIR,
			 g->cfg.modules[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return guest_fail(g, "%s: %s", path, strerror(errno));
		if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST) {
			close(fd);
			return guest_fail(g, "finit_module %s: %s", path,
					  strerror(errno));
		}
		close(fd);
	}
	return 0;
}

/* Write a knob that may be absent from a kernel built without it. */
static int set_if_present(struct guest *g, const char *path, const char *v)
{
	if (access(path, F_OK))
		return 0;
	if (write_file(path, v))
		return guest_fail(g, "%s <- %s: %s", path, v, strerror(errno));
	return 0;
}

/* The model is the classic two-list LRU with order-0 folios. */
int setup_mm(struct guest *g)
{
	if (set_if_present(g, LRU_GEN_FILE, "n") ||
	    set_if_present(g, THP_FILE, "never"))
		return -1;
	return 0;
}

/* Bring lo up; the kernel gives it 127.0.0.1 and ::1 by itself. */
int setup_loopback(struct guest *g)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret = -1;

	if (fd < 0)
		return guest_fail(g, "socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ret = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	if (ret)
		guest_fail(g, "lo up: %s", strerror(errno));
	close(fd);
	return ret;
}

/* Wait (bounded) for virtio disk DEV and check it is the one expected. */
static int wait_disk(struct guest *g, const char *dev, const char *serial)
{
	char path[128], buf[64];
	long long end = now_ms() + DISK_WAIT_MS;

	snprintf(path, sizeof(path), "/sys/block/%s/serial", dev);
	while (read_file(path, buf, sizeof(buf))) {
		if (now_ms() > end)
			return guest_fail(g, "no disk %s after %d ms", dev,
					  DISK_WAIT_MS);
		usleep(20000);
	}
	buf[strcspn(buf, "\n")] = '\0';
	if (strcmp(buf, serial))
		return guest_fail(g, "disk %s has serial '%s', not '%s'", dev,
				  buf, serial);
	snprintf(path, sizeof(path), "/dev/%s", dev);
	end = now_ms() + DISK_WAIT_MS;
	while (access(path, F_OK)) {
		if (now_ms() > end)
			return guest_fail(g, "no %s after %d ms", path,
					  DISK_WAIT_MS);
		usleep(20000);
	}
	return 0;
}

int setup_disks(struct guest *g)
{
	char dev[64];

	if (g->cfg.swap_dev[0]) {
		if (wait_disk(g, g->cfg.swap_dev, GUEST_SWAP_SERIAL))
			return -1;
		snprintf(dev, sizeof(dev), "/dev/%s", g->cfg.swap_dev);
		if (swapon(dev, 0))
			return guest_fail(g, "swapon %s: %s", dev,
					  strerror(errno));
	}
	if (g->cfg.data_dev[0]) {
		if (wait_disk(g, g->cfg.data_dev, GUEST_DATA_SERIAL))
			return -1;
		snprintf(dev, sizeof(dev), "/dev/%s", g->cfg.data_dev);
		/* no lazy inode-table zeroing running behind the payload */
		if (mount_one(g, dev, "/data", "ext4", "noinit_itable"))
			return -1;
		chmod("/data", 01777);
	}
	return 0;
}

static int set_knob(struct guest *g, const char *kv, int is_param)
{
	char path[GUEST_STR + 64];
	const char *value;
	int ret = is_param ? guest_param_path(kv, path, sizeof(path), &value) :
			     guest_sysctl_path(kv, path, sizeof(path), &value);

	if (ret)
		return guest_fail(g, "bad knob '%s'", kv);
	if (write_file(path, value))
		return guest_fail(g, "%s <- %s: %s", path, value,
				  strerror(errno));
	return 0;
}

/* Module parameters first (zswap's compressor before enabled), then sysctls. */
int setup_knobs(struct guest *g)
{
	int i;

	for (i = 0; i < g->cfg.nr_params; i++)
		if (set_knob(g, g->cfg.params[i], 1))
			return -1;
	for (i = 0; i < g->cfg.nr_sysctls; i++)
		if (set_knob(g, g->cfg.sysctls[i], 0))
			return -1;
	return 0;
}

static int bind_into(struct guest *g, const char *dir, int rec)
{
	char target[GUEST_STR + 64];

	snprintf(target, sizeof(target), "%s%s", g->cfg.root, dir);
	mkdir(target, 0755);
	if (mount(dir, target, NULL, MS_BIND | (rec ? MS_REC : 0), NULL))
		return guest_fail(g, "bind %s on %s: %s", dir, target,
				  strerror(errno));
	return 0;
}

/*
 * The payload's root: with "root DIR" (the ext4 disk, so that "/" keeps
 * negative dentries as a disk root does) the pseudo file systems, /tmp,
 * /bin, /etc and /data are bound inside DIR and the payload is chrooted
 * there; its working directory is checked now, entered by the child.
 */
int setup_root(struct guest *g)
{
	static const char *const dirs[] = { "/proc", "/sys", "/dev", "/tmp",
					    "/bin", "/etc", "/data" };
	char cwd[2 * GUEST_STR];
	struct stat st;
	size_t i;

	if (!g->cfg.root[0])
		return chdir(g->cfg.cwd) ?
		       guest_fail(g, "chdir %s: %s", g->cfg.cwd,
				  strerror(errno)) : 0;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!strcmp(dirs[i], "/data") && !g->cfg.data_dev[0])
			continue;
		if (bind_into(g, dirs[i], strcmp(dirs[i], "/sys") == 0 ||
			      strcmp(dirs[i], "/dev") == 0))
			return -1;
	}
	snprintf(cwd, sizeof(cwd), "%s/%s", g->cfg.root, g->cfg.cwd);
	if (stat(cwd, &st) || !S_ISDIR(st.st_mode))
		return guest_fail(g, "no directory %s in root %s", g->cfg.cwd,
				  g->cfg.root);
	return 0;
}

/* The word in brackets of a sysfs choice ("always madvise [never]"). */
static void selected(const char *path, char *out, size_t size)
{
	char buf[256], *l, *r;

	snprintf(out, size, "absent");
	if (read_file(path, buf, sizeof(buf)))
		return;
	l = strchr(buf, '[');
	r = l ? strchr(l, ']') : NULL;
	if (l && r)
		snprintf(out, size, "%.*s", (int)(r - l - 1), l + 1);
	else
		snprintf(out, size, "%.*s", (int)strcspn(buf, "\n "), buf);
}

/* The cgroup2 mount's options as /proc/mounts shows them. */
static void cgroup2_options(char *out, size_t size)
{
	static char buf[16384];
	char *p;

	snprintf(out, size, "?");
	if (read_file("/proc/self/mounts", buf, sizeof(buf)))
		return;
	p = strstr(buf, " /sys/fs/cgroup cgroup2 ");
	if (p) {
		p += strlen(" /sys/fs/cgroup cgroup2 ");
		snprintf(out, size, "%.*s", (int)strcspn(p, " \n"), p);
	}
}

static int count_nodes(void)
{
	char path[64];
	int n = 0;

	while (n < 1024) {
		snprintf(path, sizeof(path), "/sys/devices/system/node/node%d",
			 n);
		if (access(path, F_OK))
			break;
		n++;
	}
	return n;
}

void report_ready(struct guest *g)
{
	char lru[32], thp[32], zswap[32], cg[256];
	struct utsname u;

	uname(&u);
	selected(LRU_GEN_FILE, lru, sizeof(lru));
	selected(THP_FILE, thp, sizeof(thp));
	selected("/sys/module/zswap/parameters/enabled", zswap, sizeof(zswap));
	cgroup2_options(cg, sizeof(cg));
	proto_line(g, GUEST_MARK "READY kernel=%s cpus=%ld nodes=%d "
		   "memtotal_kb=%ld swaptotal_kb=%ld lru_gen=%s thp=%s "
		   "zswap=%s cgroup2=%s", u.release,
		   sysconf(_SC_NPROCESSORS_ONLN), count_nodes(),
		   meminfo_kb("MemTotal"), meminfo_kb("SwapTotal"), lru, thp,
		   zswap, cg);
}
