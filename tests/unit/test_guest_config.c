// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for guest/config.c: the configuration file the host writes and
 * the guest's PID 1 parses (same code on both sides), its refusals, and
 * how sysctl and module-parameter names map to files.
 */
#include <errno.h>
#include <string.h>

#include "guest/config.h"
#include "tap.h"

static struct guest_config a, b;

static void fill(struct guest_config *c)
{
	guest_config_init(c);
	strcpy(c->cgroup2, "memory_recursiveprot,memory_localevents");
	strcpy(c->swap_dev, "vda");
	strcpy(c->data_dev, "vdb");
	strcpy(c->root, "/data");
	strcpy(c->cwd, "/");
	c->timeout_s = 1800;
	guest_config_add_module(c, "crc16.ko");
	guest_config_add_module(c, "ext4.ko");
	guest_config_add_sysctl(c, "vm.swappiness=60");
	guest_config_add_param(c, "zswap.enabled=Y");
	guest_config_add_param(c, "zswap.compressor=lz4");
	guest_config_add_arg(c, "/bin/test_kmem");
	guest_config_add_arg(c, "an argument with spaces");
	guest_config_add_arg(c, "");
}

static void roundtrip(void)
{
	static char text[128 * 1024];
	char err[256] = "";
	int len;

	fill(&a);
	len = guest_config_write(&a, text, sizeof(text));
	ok(len > 0 && !strncmp(text, GUEST_CONFIG_MAGIC "\n",
			       strlen(GUEST_CONFIG_MAGIC) + 1),
	   "written with the version line first");
	ok(!guest_config_parse(&b, text, err, sizeof(err)), "parsed back (%s)",
	   err);
	ok(!memcmp(&a, &b, sizeof(a)), "parse(write(c)) == c");
	is_str(b.args[1], "an argument with spaces", "arguments keep spaces");
	is_long(b.nr_args, 3, "an empty argument survives");
	ok(guest_config_write(&a, text, 40) == -ENOSPC, "short buffer: ENOSPC");
}

static int parse_err(const char *text, const char *want)
{
	char err[256] = "";
	int ret = guest_config_parse(&b, text, err, sizeof(err));

	return ret == -EINVAL && strstr(err, want);
}

static void refusals(void)
{
	ok(parse_err("memcglab-guest-config 2\narg /x\n", "line 1"),
	   "another version refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\nfrob 1\narg /x\n", "line 2: unknown"),
	   "unknown key refused with its line");
	ok(parse_err(GUEST_CONFIG_MAGIC "\ntimeout 0\narg /x\n", "line 2: bad"),
	   "zero timeout refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\nsysctl vm..x=1\narg /x\n", "bad"),
	   "'..' in a sysctl name refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\nsysctl vm/x=1\narg /x\n", "bad"),
	   "'/' in a sysctl name refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\nparam enabled=Y\narg /x\n", "bad"),
	   "a parameter without its module refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\nmodule ../x.ko\narg /x\n", "bad"),
	   "a module name with '/' refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\ncwd /\n", "no payload"),
	   "no payload refused");
	ok(parse_err(GUEST_CONFIG_MAGIC "\ncwd\narg /x\n", "no value"),
	   "a key without a value refused");
	guest_config_init(&a);
	is_long(guest_config_add_arg(&a, "two\nlines"), -EINVAL,
		"a newline in a value refused");
	is_long(guest_config_write(&a, (char[64]){ 0 }, 64), -EINVAL,
		"nothing to run: write refuses");
}

static void knob_paths(void)
{
	char path[256];
	const char *v;

	ok(!guest_sysctl_path("vm.swappiness=60", path, sizeof(path), &v) &&
	   !strcmp(path, "/proc/sys/vm/swappiness") && !strcmp(v, "60"),
	   "vm.swappiness -> /proc/sys/vm/swappiness");
	ok(!guest_sysctl_path("vm.min_free_kbytes=", path, sizeof(path), &v) &&
	   !strcmp(v, ""), "an empty value is a value");
	ok(!guest_param_path("zswap.max_pool_percent=20", path, sizeof(path),
			     &v) &&
	   !strcmp(path, "/sys/module/zswap/parameters/max_pool_percent") &&
	   !strcmp(v, "20"), "zswap.max_pool_percent -> /sys/module/...");
	is_long(guest_param_path("zswap=1", path, sizeof(path), &v), -EINVAL,
		"param without MODULE.NAME refused");
	is_long(guest_sysctl_path("vm.swappiness", path, sizeof(path), &v),
		-EINVAL, "sysctl without '=' refused");
}

int main(void)
{
	roundtrip();
	refusals();
	knob_paths();
	return done_testing();
}
