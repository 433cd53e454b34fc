// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's PID 1, linked static and packed as /init into the initramfs
 * the host builds (src/qemu).  It mounts the pseudo file systems, opens the
 * protocol port (protocol.h), reads its configuration (config.h), sets the
 * machine up as the host asked (setup.c), runs the payload and relays its
 * output (payload.c), and powers the machine off.  Whatever fails is
 * reported as a FAIL line; the machine is powered off in every case, so
 * the host never waits for a guest that has given up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "guest/guest.h"

static void write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

void proto_line(struct guest *g, const char *fmt, ...)
{
	char line[GUEST_LINE_MAX + 64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	write_all(g->proto_fd >= 0 ? g->proto_fd : 2, line, n);
}

int guest_fail(struct guest *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->fail, sizeof(g->fail), fmt, ap);
	va_end(ap);
	return -1;
}

int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	err = errno;
	close(fd);
	if (n == (ssize_t)strlen(value))
		return 0;
	errno = n < 0 ? err : EIO;
	return -1;
}

int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return 0;
}

/* The value after "KEY" in a "KEY VALUE" file (/proc/meminfo, vmstat). */
static long keyed_value(const char *path, const char *key)
{
	static char buf[16384];
	size_t klen = strlen(key);
	char *p;

	if (read_file(path, buf, sizeof(buf)))
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, klen) && (p[klen] == ' ' ||
					       p[klen] == ':'))
			return strtol(p + klen + 1, NULL, 10);
	return -1;
}

long meminfo_kb(const char *key)
{
	return keyed_value("/proc/meminfo", key);
}

long vmstat_value(const char *key)
{
	return keyed_value("/proc/vmstat", key);
}

long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int mount_at(const char *src, const char *dir, const char *type,
		    const char *opts)
{
	mkdir(dir, 0755);
	return mount(src, dir, type, MS_NOSUID, opts);
}

/* proc, sysfs and devtmpfs: needed before anything can be reported. */
static int early_mounts(void)
{
	if (mount_at("proc", "/proc", "proc", NULL) ||
	    mount_at("sysfs", "/sys", "sysfs", NULL) ||
	    mount_at("devtmpfs", "/dev", "devtmpfs", NULL))
		return -1;
	return 0;
}

static int open_proto(void)
{
	struct termios t;
	int fd = open(GUEST_PROTO_TTY, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (!tcgetattr(fd, &t)) {	/* no \n -> \r\n, no echo */
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
	return fd;
}

static int read_config(struct guest *g)
{
	static char text[64 * 1024];
	char err[256];

	if (read_file(GUEST_CONFIG_PATH, text, sizeof(text)))
		return guest_fail(g, "%s: %s", GUEST_CONFIG_PATH,
				  strerror(errno));
	if (guest_config_parse(&g->cfg, text, err, sizeof(err)))
		return guest_fail(g, "%s: %s", GUEST_CONFIG_PATH, err);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(struct guest *g);
} stages[] = {
	{ "config", read_config },
	{ "mount", setup_mounts },
	{ "module", setup_modules },
	{ "mm", setup_mm },
	{ "loopback", setup_loopback },
	{ "disk", setup_disks },
	{ "knob", setup_knobs },
	{ "root", setup_root },
};

static void power_off(struct guest *g)
{
	proto_line(g, GUEST_MARK "DONE");
	if (g->proto_fd >= 0)
		tcdrain(g->proto_fd);
	sync();
	reboot(RB_POWER_OFF);
	/* reboot() returned: nothing else to do; PID 1 must not exit */
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	static struct guest g;
	size_t i;

	g.proto_fd = -1;
	if (getpid() != 1)
		fprintf(stderr, "memcglab-guest: not PID 1, testing only\n");
	if (early_mounts())
		fprintf(stderr, "memcglab-guest: early mounts: %s\n",
			strerror(errno));
	g.proto_fd = open_proto();
	if (g.proto_fd < 0)
		fprintf(stderr, "memcglab-guest: %s: %s\n", GUEST_PROTO_TTY,
			strerror(errno));
	proto_line(&g, GUEST_MARK "HELLO");
	for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		if (stages[i].fn(&g)) {
			proto_line(&g, GUEST_MARK "FAIL %s: %s",
				   stages[i].name, g.fail);
			power_off(&g);
		}
	}
	report_ready(&g);
	run_payload(&g);
	power_off(&g);
	return 0;
}
