// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for qemu/initramfs.c: the newc cpio archive, byte by byte
 * against the format (Documentation/driver-api/early-userspace/
 * buffer-format.rst: "070701", 13 eight-digit hex fields, the name with its
 * NUL padded to 4, the data padded to 4, a TRAILER!!! entry), and, when the
 * cpio tool is installed, against `cpio -t`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu/initramfs.h"
#include "qemu/spawn.h"
#include "tap.h"

/* Field i (0 = ino ... 12 = check) of the header at h. */
static unsigned long field(const char *h, int i)
{
	char buf[9];

	memcpy(buf, h + 6 + 8 * i, 8);
	buf[8] = '\0';
	return strtoul(buf, NULL, 16);
}

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_SIZE, F_DEVMAJ,
       F_DEVMIN, F_RDEVMAJ, F_RDEVMIN, F_NAMESIZE, F_CHECK };

struct want {
	const char *name;
	unsigned long mode, size, rmajor, rminor;
	const char *data;
};

/* Check one entry at *off against w; advance *off past it. */
static void check_entry(const struct strbuf *sb, size_t *off,
			const struct want *w, unsigned long ino)
{
	const char *h = sb->buf + *off;
	size_t name_end, data_end;
	int i, hex = 1;

	ok(!memcmp(h, CPIO_NEWC_MAGIC, 6), "%s: magic 070701", w->name);
	for (i = 6; i < CPIO_HEADER_LEN; i++)
		hex &= !!strchr("0123456789ABCDEF", h[i]);
	ok(hex, "%s: 13 fields of 8 upper-case hex digits", w->name);
	is_long(field(h, F_INO), ino, "%s: inode number", w->name);
	is_long(field(h, F_MODE), w->mode, "%s: mode", w->name);
	is_long(field(h, F_UID) + field(h, F_GID) + field(h, F_MTIME), 0,
		"%s: uid, gid and mtime 0", w->name);
	is_long(field(h, F_SIZE), w->size, "%s: file size", w->name);
	is_long(field(h, F_RDEVMAJ), w->rmajor, "%s: rdev major", w->name);
	is_long(field(h, F_RDEVMIN), w->rminor, "%s: rdev minor", w->name);
	is_long(field(h, F_NAMESIZE), strlen(w->name) + 1,
		"%s: name size counts the NUL", w->name);
	ok(!strcmp(h + CPIO_HEADER_LEN, w->name), "%s: name", w->name);
	name_end = *off + CPIO_HEADER_LEN + strlen(w->name) + 1;
	name_end = (name_end + 3) & ~3UL;
	for (i = *off + CPIO_HEADER_LEN + strlen(w->name); i < (int)name_end;
	     i++)
		if (sb->buf[i])
			break;
	is_long(i, name_end, "%s: NUL padding after the name", w->name);
	ok(!w->size || !memcmp(sb->buf + name_end, w->data, w->size),
	   "%s: data", w->name);
	data_end = (name_end + w->size + 3) & ~3UL;
	*off = data_end;
}

static void build(struct cpio *c)
{
	static const char five[] = "hello", seven[] = "abcdefg";

	cpio_init(c);
	ok(!cpio_add_dir(c, "bin", 0755), "add a directory");
	ok(!cpio_add_file(c, "bin/five", 0755, five, 5), "add a 5-byte file");
	ok(!cpio_add_file(c, "etc.conf", 0644, seven, 7), "add a 7-byte file");
	ok(!cpio_add_file(c, "empty", 0600, NULL, 0), "add an empty file");
	ok(!cpio_add_node(c, "dev/console", S_IFCHR | 0600, 5, 1),
	   "add a character device");
	ok(cpio_add_file(c, "/abs", 0644, "", 0) < 0, "absolute name refused");
	ok(cpio_add_node(c, "x", S_IFREG | 0644, 1, 1) < 0,
	   "a node must be a device");
	cpio_finish(c);
}

static void check_layout(const struct cpio *c)
{
	const struct want want[] = {
		{ "bin", S_IFDIR | 0755, 0, 0, 0, NULL },
		{ "bin/five", S_IFREG | 0755, 5, 0, 0, "hello" },
		{ "etc.conf", S_IFREG | 0644, 7, 0, 0, "abcdefg" },
		{ "empty", S_IFREG | 0600, 0, 0, 0, NULL },
		{ "dev/console", S_IFCHR | 0600, 0, 5, 1, NULL },
		{ CPIO_TRAILER, 0, 0, 0, 0, NULL },
	};
	size_t off = 0, i, end;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		check_entry(&c->sb, &off, &want[i],
			    i + 1 < sizeof(want) / sizeof(want[0]) ? i + 1 : 0);
	is_long(c->sb.len % 512, 0, "archive padded to 512 bytes");
	for (end = off; end < c->sb.len && !c->sb.buf[end]; end++)
		;
	is_long(end, c->sb.len, "only zeros after the trailer");
	is_long(field(c->sb.buf, F_NLINK), 2, "a directory has 2 links");
}

/* cpio -t lists the names in order, when the tool is there. */
static void check_with_cpio_tool(const struct cpio *c)
{
	char path[] = "/tmp/memcglab-cpio-XXXXXX", tool[256], err[256];
	char cmd[64];
	struct strbuf out = STRBUF_INIT;
	char *argv[] = { "sh", "-c", cmd, NULL };
	int fd;

	if (find_in_path("cpio", tool, sizeof(tool))) {
		printf("# SKIP cpio(1) not installed: no check against it\n");
		return;
	}
	fd = mkstemp(path);
	ok(fd >= 0 && write(fd, c->sb.buf, c->sb.len) == (ssize_t)c->sb.len,
	   "archive written for cpio -t");
	close(fd);
	snprintf(cmd, sizeof(cmd), "cpio -t --quiet < %s", path);
	ok(!run_command(argv, 10000, &out, err, sizeof(err)), "cpio -t runs");
	sb_add(&out, "", 0);
	is_str(out.buf, "bin\nbin/five\netc.conf\nempty\ndev/console\n",
	       "cpio -t lists every entry in order");
	unlink(path);
	sb_release(&out);
}

int main(void)
{
	struct cpio a, b;

	build(&a);
	check_layout(&a);
	build(&b);
	ok(a.sb.len == b.sb.len && !memcmp(a.sb.buf, b.sb.buf, a.sb.len),
	   "same input, same bytes");
	check_with_cpio_tool(&a);
	cpio_release(&a);
	cpio_release(&b);
	return done_testing();
}
