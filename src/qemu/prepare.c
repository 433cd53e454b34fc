// SPDX-License-Identifier: GPL-2.0
/*
 * Build what a guest boot needs (prepare.h).  The initramfs holds:
 *
 *	init                     the static PID 1 (src/guest)
 *	dev/console              so that PID 1 has stdio before devtmpfs
 *	lib/modules/NAME.ko      the modules, decompressed, loaded in order
 *	etc/memcglab-guest.conf  the configuration (src/guest/config.h)
 *	etc/hosts, etc/nsswitch.conf   "localhost" for static getaddrinfo()
 *	the payload and the job's files at their guest paths
 *
 * The swap disk is vda and the /data disk the next one, in the order the
 * runner attaches them.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu/disk.h"
#include "qemu/host.h"
#include "qemu/initramfs.h"
#include "qemu/kmod.h"
#include "qemu/prepare.h"

static const char etc_hosts[] = "127.0.0.1\tlocalhost\n::1\tlocalhost\n";
static const char etc_nsswitch[] = "hosts: files\n";

int elf_is_static(const void *data, size_t len)
{
	const Elf64_Ehdr *eh = data;
	const Elf64_Phdr *ph;
	int i;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(*ph) > len)
		return 0;
	ph = (const Elf64_Phdr *)((const char *)data + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			return 0;
	return 1;
}

/* Directory entries for each parent of path not yet in the archive. */
static void add_parents(struct cpio *c, struct strbuf *seen, const char *path)
{
	char dir[512], key[520];
	const char *p;

	for (p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(p - path), path);
		snprintf(key, sizeof(key), "\n%s\n", dir);
		if (seen->buf && strstr(seen->buf, key))
			continue;
		sb_printf(seen, "%s\n", dir);
		cpio_add_dir(c, dir, 0755);
	}
}

static int add_host_file(struct cpio *c, struct strbuf *seen,
			 const char *guest, const char *host, int program,
			 char *err, size_t n)
{
	struct strbuf data = STRBUF_INIT;
	int ret = read_host_file(host, &data);

	while (*guest == '/')
		guest++;
	if (ret) {
		snprintf(err, n, "%s: %s", host, strerror(-ret));
	} else if (program && !elf_is_static(data.buf, data.len)) {
		snprintf(err, n, "%s: not a static x86-64 program; the guest "
			 "has no libc: link it with -static", host);
		ret = -1;
	} else {
		add_parents(c, seen, guest);
		ret = cpio_add_file(c, guest, program ? 0755 : 0644, data.buf,
				    data.len);
		if (ret)
			snprintf(err, n, "bad guest path '%s'", guest);
	}
	sb_release(&data);
	return ret ? -1 : 0;
}

static int add_modules(struct cpio *c, const struct guest_job *job,
		       const char *kernel, struct guest_config *cfg,
		       char *err, size_t n)
{
	const char *wanted[5];
	struct kmod_set *set = calloc(1, sizeof(*set));
	struct strbuf data = STRBUF_INIT;
	char dir[512], path[128];
	int nr = 0, i, ret = -1;

	if (job->m.swap || job->m.disk)
		wanted[nr++] = "virtio_blk";
	if (job->m.disk) {
		wanted[nr++] = "crc32c_generic";	/* ext4's checksums */
		wanted[nr++] = "ext4";
	}
	wanted[nr++] = "lz4";		/* zswap compressors not built in */
	wanted[nr++] = "zstd";
	if (job->m.modules)
		snprintf(dir, sizeof(dir), "%s", job->m.modules);
	else if (guest_module_dir(kernel, dir, sizeof(dir))) {
		snprintf(err, n, "no module directory for %s: give one", kernel);
		goto out;
	}
	if (kmod_resolve(dir, wanted, nr, set, err, n))
		goto out;
	for (i = 0; i < set->nr; i++) {
		sb_reset(&data);
		if (kmod_read(set->path[i], &data, err, n))
			goto out;
		snprintf(path, sizeof(path), "lib/modules/%s", set->name[i]);
		cpio_add_file(c, path, 0644, data.buf, data.len);
		guest_config_add_module(cfg, set->name[i]);
	}
	ret = 0;
out:
	sb_release(&data);
	free(set);
	return ret;
}

static int add_config(struct cpio *c, const struct guest_config *cfg,
		      char *err, size_t n)
{
	char *text = malloc(128 * 1024);
	int len = guest_config_write(cfg, text, 128 * 1024);

	if (len < 0) {
		snprintf(err, n, "guest configuration: %s", strerror(-len));
		free(text);
		return -1;
	}
	cpio_add_file(c, "etc/memcglab-guest.conf", 0644, text, len);
	cpio_add_file(c, "etc/hosts", 0644, etc_hosts, strlen(etc_hosts));
	cpio_add_file(c, "etc/nsswitch.conf", 0644, etc_nsswitch,
		      strlen(etc_nsswitch));
	free(text);
	return 0;
}

static void add_skeleton(struct cpio *c, struct strbuf *seen)
{
	static const char *const dirs[] = { "bin", "dev", "etc", "lib",
					    "lib/modules", "proc", "sys",
					    "tmp", "data" };
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		cpio_add_dir(c, dirs[i], 0755);
		sb_printf(seen, "%s\n", dirs[i]);
	}
	cpio_add_node(c, "dev/console", S_IFCHR | 0600, 5, 1);
}

static int write_file_all(const char *path, const struct strbuf *sb,
			  char *err, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(sb->buf, 1, sb->len, f) != sb->len || fclose(f)) {
		snprintf(err, n, "%s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	return 0;
}

static int fill_initramfs(struct cpio *c, const struct guest_job *job,
			  const struct guest_paths *p,
			  struct guest_config *cfg, char *err, size_t n)
{
	struct strbuf seen = STRBUF_INIT;
	int i, ret = -1;

	sb_puts(&seen, "\n");
	add_skeleton(c, &seen);
	if (add_host_file(c, &seen, "init", job->m.init, 1, err, n) ||
	    add_host_file(c, &seen, cfg->args[0], job->payload, 1, err, n))
		goto out;
	for (i = 0; i < job->nr_files; i++)
		if (add_host_file(c, &seen, job->files[i].guest,
				  job->files[i].host, 0, err, n))
			goto out;
	if (add_modules(c, job, p->kernel, cfg, err, n) ||
	    add_config(c, cfg, err, n))
		goto out;
	ret = 0;
out:
	sb_release(&seen);
	return ret;
}

static int build_initramfs(const struct guest_job *job,
			   const struct guest_paths *p, char *err, size_t n)
{
	struct guest_config *cfg = malloc(sizeof(*cfg));
	struct cpio c;
	int ret;

	*cfg = job->cfg;
	cfg->nr_modules = 0;
	snprintf(cfg->swap_dev, sizeof(cfg->swap_dev), "%s",
		 job->m.swap ? "vda" : "");
	snprintf(cfg->data_dev, sizeof(cfg->data_dev), "%s",
		 !job->m.disk ? "" : job->m.swap ? "vdb" : "vda");
	cpio_init(&c);
	ret = fill_initramfs(&c, job, p, cfg, err, n);
	if (!ret) {
		cpio_finish(&c);
		ret = write_file_all(p->initramfs, &c.sb, err, n);
	}
	cpio_release(&c);
	free(cfg);
	return ret;
}

static int make_dir(const struct guest_job *job, struct guest_paths *p,
		    char *err, size_t n)
{
	const char *tmp = getenv("TMPDIR");

	if (job->m.workdir) {
		snprintf(p->dir, sizeof(p->dir), "%s", job->m.workdir);
		if (mkdir(p->dir, 0755) && errno != EEXIST)
			goto fail;
		return 0;
	}
	snprintf(p->dir, sizeof(p->dir), "%s/memcglab-guest.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(p->dir))
		goto fail;
	p->own_dir = 1;
	return 0;
fail:
	snprintf(err, n, "%s: %s", p->dir, strerror(errno));
	return -1;
}

int guest_prepare(const struct guest_job *job, struct guest_paths *p,
		  char *err, size_t n)
{
	memset(p, 0, sizeof(*p));
	if (job->m.kernel)
		snprintf(p->kernel, sizeof(p->kernel), "%s", job->m.kernel);
	else if (guest_find_kernel(p->kernel, sizeof(p->kernel))) {
		snprintf(err, n, "no /boot/vmlinuz-6.12.*-amd64; install it "
			 "with %s", INSTALL_HINT);
		return -1;
	}
	if (access(p->kernel, R_OK)) {
		snprintf(err, n, "%s: %s", p->kernel, strerror(errno));
		return -1;
	}
	if (make_dir(job, p, err, n))
		return -1;
	snprintf(p->initramfs, sizeof(p->initramfs), "%s/initramfs.cpio",
		 p->dir);
	snprintf(p->console, sizeof(p->console), "%s/console.log", p->dir);
	if (job->m.swap)
		snprintf(p->swap, sizeof(p->swap), "%s/swap.img", p->dir);
	if (job->m.disk)
		snprintf(p->data, sizeof(p->data), "%s/data.img", p->dir);
	if (build_initramfs(job, p, err, n) ||
	    (p->swap[0] && swap_image_create(p->swap, job->m.swap, err, n)) ||
	    (p->data[0] && data_image_create(p->data, job->m.disk, err, n)))
		return -1;
	return 0;
}

void guest_cleanup(const struct guest_paths *p)
{
	if (!p->own_dir)
		return;
	unlink(p->initramfs);
	unlink(p->console);
	if (p->swap[0])
		unlink(p->swap);
	if (p->data[0])
		unlink(p->data);
	rmdir(p->dir);
}
