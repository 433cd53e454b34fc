// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for the guest runner's host side that needs no qemu:
 * qemu/disk.c's swap header against union swap_header of 6.12's
 * include/linux/swap.h (version at byte 1024, last_page at 1028,
 * nr_badpages at 1032, "SWAPSPACE2" in the page's last 10 bytes), the
 * sparse swap image, qemu/kmod.c's dependency order from a modules.dep
 * laid out as Debian's, and prepare.c's static-ELF check.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu/disk.h"
#include "qemu/kmod.h"
#include "qemu/prepare.h"
#include "tap.h"

static unsigned long u32_at(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned long)p[3] << 24;
}

static void swap_header(void)
{
	unsigned char page[SWAP_PAGE_SIZE];
	int i, zero = 1;

	ok(!swap_header_build(page, 262144), "header for 1G of swap");
	is_long(u32_at(page + 1024), 1, "version 1 at byte 1024");
	is_long(u32_at(page + 1028), 262143, "last_page = pages - 1");
	is_long(u32_at(page + 1032), 0, "no bad pages");
	ok(!memcmp(page + 4086, "SWAPSPACE2", 10), "SWAPSPACE2 at 4086");
	for (i = 0; i < 1024; i++)
		zero &= !page[i];
	ok(zero, "boot bits zero");
	ok(swap_header_build(page, 9) < 0, "fewer than 10 pages refused");
	ok(swap_header_build(page, 1ULL << 33) < 0,
	   "last_page beyond 32 bits refused");
}

static void swap_image(const char *dir)
{
	char path[512], err[256];
	unsigned char page[SWAP_PAGE_SIZE];
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "%s/swap.img", dir);
	ok(!swap_image_create(path, 64 << 20, err, sizeof(err)),
	   "64M swap image (%s)", err);
	ok(!stat(path, &st) && st.st_size == 64 << 20, "its size");
	ok(st.st_blocks * 512 < 1 << 20, "sparse: %lld bytes allocated",
	   (long long)st.st_blocks * 512);
	f = fopen(path, "rb");
	ok(f && fread(page, 1, sizeof(page), f) == sizeof(page) &&
	   u32_at(page + 1028) == 16383, "header on disk: last_page 16383");
	if (f)
		fclose(f);
	unlink(path);
	ok(swap_image_create(path, 5000, err, sizeof(err)) < 0 &&
	   strstr(err, "multiple of 4K"), "an odd size refused: %s", err);
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static void modules(const char *dir)
{
	struct kmod_set *set = calloc(1, sizeof(*set));
	const char *names[] = { "virtio_blk", "crc32c-generic", "ext4", "lz4",
				"zstd" };
	const char *builtin[] = { "zsmalloc" };
	struct strbuf data = STRBUF_INIT;
	char err[256] = "", path[512];
	int i;

	put(dir, "modules.dep",
	    "kernel/fs/mbcache.ko.xz:\n"
	    "kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz "
	    "kernel/fs/mbcache.ko.xz kernel/fs/jbd2/jbd2.ko.xz\n"
	    "kernel/fs/jbd2/jbd2.ko.xz:\n"
	    "kernel/crypto/crc32c_generic.ko.xz:\n"
	    "kernel/crypto/lz4.ko.xz: kernel/lib/lz4/lz4_compress.ko.xz\n"
	    "kernel/crypto/zstd.ko.xz:\n"
	    "kernel/lib/lz4/lz4_compress.ko.xz:\n"
	    "kernel/lib/crc16.ko.xz:\n"
	    "kernel/drivers/block/virtio_blk.ko.xz:\n");
	put(dir, "modules.builtin", "kernel/mm/zsmalloc.ko\n");
	ok(!kmod_resolve(dir, names, 5, set, err, sizeof(err)),
	   "resolved (%s)", err);
	sb_init(&data);
	for (i = 0; i < set->nr; i++)
		sb_printf(&data, "%s ", set->name[i]);
	is_str(data.buf, "virtio_blk.ko crc32c_generic.ko jbd2.ko mbcache.ko "
	       "crc16.ko ext4.ko lz4_compress.ko lz4.ko zstd.ko ",
	       "dependencies first, in modprobe's order, once each");
	memset(set, 0, sizeof(*set));
	ok(!kmod_resolve(dir, builtin, 1, set, err, sizeof(err)) && !set->nr,
	   "a built-in module needs no file");
	names[0] = "no_such";
	ok(kmod_resolve(dir, names, 1, set, err, sizeof(err)) < 0 &&
	   strstr(err, "no_such"), "an unknown module named: %s", err);
	snprintf(path, sizeof(path), "%s/plain.ko", dir);
	put(dir, "plain.ko", "ELF-ish");
	sb_reset(&data);
	ok(!kmod_read(path, &data, err, sizeof(err)) && data.len == 7,
	   "an uncompressed .ko is read as it is");
	unlink(path);
	snprintf(path, sizeof(path), "%s/modules.dep", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/modules.builtin", dir);
	unlink(path);
	sb_release(&data);
	free(set);
}

static void elf_static(void)
{
	unsigned char img[sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr)] = { 0 };
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(*eh));

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_phoff = sizeof(*eh);
	eh->e_phnum = 2;
	ph[0].p_type = PT_LOAD;
	ph[1].p_type = PT_LOAD;
	ok(elf_is_static(img, sizeof(img)), "no PT_INTERP: static");
	ph[1].p_type = PT_INTERP;
	ok(!elf_is_static(img, sizeof(img)), "PT_INTERP: dynamic");
	ok(!elf_is_static("#!/bin/sh\n", 10), "a script is not a program");
	eh->e_phnum = 200;
	ok(!elf_is_static(img, sizeof(img)), "headers past the end refused");
}

int main(void)
{
	char dir[] = "/tmp/memcglab-disk-XXXXXX";

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return done_testing();
	}
	swap_header();
	swap_image(dir);
	modules(dir);
	elf_static();
	rmdir(dir);
	return done_testing();
}
