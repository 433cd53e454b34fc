/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the guest's PID 1 sets up before it runs the payload, and the text
 * file that carries it from the host into the initramfs
 * (GUEST_CONFIG_PATH).  The host writes it with guest_config_write(), the
 * guest reads it with guest_config_parse(); both are compiled from
 * config.c, so the two sides cannot disagree on the format.
 *
 * The file is line based, every value runs to the end of its line:
 *
 *	memcglab-guest-config 1
 *	cgroup2 memory_recursiveprot,memory_localevents
 *	module virtio_blk.ko                (loaded in this order)
 *	swap vda
 *	data vdb
 *	sysctl vm.swappiness=60             (/proc/sys/vm/swappiness)
 *	param zswap.enabled=Y               (/sys/module/zswap/parameters/enabled)
 *	root /data                          (payload chrooted there)
 *	cwd /
 *	timeout 600                         (seconds for the payload)
 *	arg /bin/test_memcontrol            (argv[0], then one line per argument)
 *
 * The kernel command line would also do, but it is short (2048 bytes on
 * x86), has no quoting for arguments with spaces, and hands unknown words
 * to init as arguments or environment.
 */
#ifndef MEMCGLAB_GUEST_CONFIG_H
#define MEMCGLAB_GUEST_CONFIG_H

#include <stddef.h>

#define GUEST_CONFIG_MAGIC	"memcglab-guest-config 1"
#define GUEST_MAX_MODULES	32
#define GUEST_MAX_KNOBS		64
#define GUEST_MAX_ARGS		32
#define GUEST_STR		256
#define GUEST_ARG_STR		1024

struct guest_config {
	char cgroup2[GUEST_STR];	/* cgroup2 mount options, may be "" */
	char swap_dev[32];		/* "vda" or "" for no swap */
	char data_dev[32];		/* ext4 disk for /data, or "" */
	char root[GUEST_STR];		/* payload's root directory, or "" */
	char cwd[GUEST_STR];		/* payload's working directory */
	int timeout_s;			/* payload's time limit in seconds */
	int nr_modules;
	char modules[GUEST_MAX_MODULES][64];	/* file names in /lib/modules */
	int nr_sysctls;
	char sysctls[GUEST_MAX_KNOBS][GUEST_STR];	/* "vm.swappiness=60" */
	int nr_params;
	char params[GUEST_MAX_KNOBS][GUEST_STR];	/* "zswap.enabled=Y" */
	int nr_args;
	char args[GUEST_MAX_ARGS][GUEST_ARG_STR];	/* argv, args[0] a path */
};

void guest_config_init(struct guest_config *c);
/* Append one item; -E2BIG when full, -EINVAL for a bad value. */
int guest_config_add_module(struct guest_config *c, const char *name);
int guest_config_add_sysctl(struct guest_config *c, const char *kv);
int guest_config_add_param(struct guest_config *c, const char *kv);
int guest_config_add_arg(struct guest_config *c, const char *arg);

/* The file's text into buf; its length, or -ENOSPC / -EINVAL. */
int guest_config_write(const struct guest_config *c, char *buf, size_t size);
/* Parse the file's text; on error -EINVAL and "line N: why" in err. */
int guest_config_parse(struct guest_config *c, const char *text,
		       char *err, size_t errlen);

/*
 * The file a knob names: "vm.swappiness" -> "/proc/sys/vm/swappiness",
 * "zswap.enabled" -> "/sys/module/zswap/parameters/enabled".  The value
 * is what follows '='.  -EINVAL for a malformed "KEY=VALUE".
 */
int guest_sysctl_path(const char *kv, char *path, size_t size,
		      const char **value);
int guest_param_path(const char *kv, char *path, size_t size,
		     const char **value);

#endif
