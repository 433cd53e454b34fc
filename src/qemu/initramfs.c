// SPDX-License-Identifier: GPL-2.0
/*
 * The newc cpio writer for the guest's initramfs (initramfs.h).  The
 * kernel's own generator (usr/gen_init_cpio.c) writes the same layout; this
 * one is written from the format's description.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu/initramfs.h"

void cpio_init(struct cpio *c)
{
	sb_init(&c->sb);
	c->ino = 0;
}

void cpio_release(struct cpio *c)
{
	sb_release(&c->sb);
}

static void pad4(struct strbuf *sb)
{
	static const char zero[4];

	sb_add(sb, zero, (4 - sb->len % 4) % 4);
}

static int name_ok(const char *name)
{
	return name && *name && name[0] != '/' && strlen(name) < 4096;
}

struct entry {
	unsigned int ino, mode, nlink;
	size_t size;
	unsigned int rmajor, rminor;
};

static void header(struct cpio *c, const char *name, const struct entry *e)
{
	char h[CPIO_HEADER_LEN + 1];

	/* magic ino mode uid gid nlink mtime filesize devmajor devminor
	 * rdevmajor rdevminor namesize check */
	snprintf(h, sizeof(h), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X"
		 "%08X%08X", CPIO_NEWC_MAGIC, e->ino, e->mode, 0, 0, e->nlink,
		 0, (unsigned int)e->size, 0, 0, e->rmajor, e->rminor,
		 (unsigned int)strlen(name) + 1, 0);
	sb_add(&c->sb, h, CPIO_HEADER_LEN);
	sb_add(&c->sb, name, strlen(name) + 1);
	pad4(&c->sb);
}

static int add_entry(struct cpio *c, const char *name, struct entry *e,
		     const void *data)
{
	if (!name_ok(name) || e->size > 0xffffffffUL)
		return -EINVAL;
	e->ino = ++c->ino;
	header(c, name, e);
	if (e->size) {
		sb_add(&c->sb, data, e->size);
		pad4(&c->sb);
	}
	return 0;
}

int cpio_add_dir(struct cpio *c, const char *name, unsigned int mode)
{
	struct entry e = { .mode = S_IFDIR | (mode & 07777), .nlink = 2 };

	return add_entry(c, name, &e, NULL);
}

int cpio_add_file(struct cpio *c, const char *name, unsigned int mode,
		  const void *data, size_t len)
{
	struct entry e = { .mode = S_IFREG | (mode & 07777), .nlink = 1,
			   .size = len };

	return add_entry(c, name, &e, data);
}

int cpio_add_node(struct cpio *c, const char *name, unsigned int mode,
		  unsigned int major, unsigned int minor)
{
	struct entry e = { .mode = mode, .nlink = 1, .rmajor = major,
			   .rminor = minor };

	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return -EINVAL;
	return add_entry(c, name, &e, NULL);
}

int read_host_file(const char *path, struct strbuf *sb)
{
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			close(fd);
			return err;
		}
		sb_add(sb, buf, n);
	}
	close(fd);
	return 0;
}

int cpio_add_host_file(struct cpio *c, const char *name, unsigned int mode,
		       const char *host_path)
{
	struct strbuf data = STRBUF_INIT;
	int ret = read_host_file(host_path, &data);

	if (!ret)
		ret = cpio_add_file(c, name, mode, data.buf, data.len);
	sb_release(&data);
	return ret;
}

void cpio_finish(struct cpio *c)
{
	static const char zero[512];
	struct entry e = { .nlink = 1 };

	header(c, CPIO_TRAILER, &e);
	sb_add(&c->sb, zero, (512 - c->sb.len % 512) % 512);
}
