/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A writer for the "newc" cpio format the kernel unpacks as an initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst): a 110-byte
 * ASCII header per entry ("070701" and 13 eight-digit hex fields), the
 * NUL-terminated name padded to 4 bytes, the data padded to 4 bytes, and a
 * "TRAILER!!!" entry at the end.  The archive is built in memory with
 * uid/gid 0, mtime 0 and inode numbers in order: the same inputs give the
 * same bytes.  Device nodes need no privilege here: the kernel creates them
 * when it unpacks.
 */
#ifndef MEMCGLAB_QEMU_INITRAMFS_H
#define MEMCGLAB_QEMU_INITRAMFS_H

#include <stddef.h>

#include "lib/strbuf.h"

#define CPIO_NEWC_MAGIC		"070701"
#define CPIO_HEADER_LEN		110
#define CPIO_TRAILER		"TRAILER!!!"

struct cpio {
	struct strbuf sb;	/* the archive so far */
	unsigned int ino;	/* the last inode number handed out */
};

void cpio_init(struct cpio *c);
void cpio_release(struct cpio *c);

/*
 * Names are relative ("bin/init"); mode carries the type and permission
 * bits (S_IFDIR | 0755).  Each returns 0 or -EINVAL for a bad name.
 */
int cpio_add_dir(struct cpio *c, const char *name, unsigned int mode);
int cpio_add_file(struct cpio *c, const char *name, unsigned int mode,
		  const void *data, size_t len);
int cpio_add_node(struct cpio *c, const char *name, unsigned int mode,
		  unsigned int major, unsigned int minor);
/* A host file's bytes; -errno when it cannot be read. */
int cpio_add_host_file(struct cpio *c, const char *name, unsigned int mode,
		       const char *host_path);
/* End the archive with the trailer, padded to a 512-byte block. */
void cpio_finish(struct cpio *c);

/* Read a whole host file into sb; 0 or -errno. */
int read_host_file(const char *path, struct strbuf *sb);

#endif
