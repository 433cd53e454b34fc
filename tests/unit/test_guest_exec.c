// SPDX-License-Identifier: GPL-2.0
/*
 * The guest executor (build/guest/memcglab-exec) without a guest: run
 * against a scratch root of plain files (never the host's /sys/fs/cgroup
 * or /proc/sys), so that every statement's mapping to files and system
 * calls is exercised.  The scenarios' processes are real processes of this
 * host; the test checks what they did through their pagemaps (in the
 * scenarios), /proc/PID (while one waits for the test), and the files they
 * wrote, byte for byte against the model's content generator.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "lib/strbuf.h"
#include "guest/exec/refuse.h"
#include "scenario/parser.h"
#include "sim/content.h"

#define MODEL_MMAP_BASE	0x7ffff7fff000ULL

/* The scenarios and their trace are in files/s/. */
static char root[256], files[300], sdir[310];

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void slurp(const char *name, struct strbuf *sb)
{
	char path[512], buf[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	sb_reset(sb);
	f = fopen(path, "r");
	if (!f)
		return;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(sb, buf, n);
	fclose(f);
}

static void mkdirs(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

/* A fake machine: cgroup2 root and A, /proc, /sys/module, /data. */
static void make_root(void)
{
	static const char *const dirs[] = {
		"sys/fs/cgroup/A", "sys/fs/cgroup/B", "proc/sys/vm",
		"sys/module/zswap/parameters", "data", "dev/shm", "files/s",
	};
	size_t i;

	snprintf(root, sizeof(root), "/tmp/memcglab-exec-XXXXXX");
	if (!mkdtemp(root))
		exit(1);
	snprintf(files, sizeof(files), "%s/files", root);
	snprintf(sdir, sizeof(sdir), "%s/s", files);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdirs(dirs[i]);
	put(root, "sys/fs/cgroup/cgroup.controllers", "memory\n");
	put(root, "sys/fs/cgroup/cgroup.subtree_control", "");
	put(root, "sys/fs/cgroup/A/memory.current", "1234\n");
	put(root, "sys/fs/cgroup/A/memory.max", "");
	put(root, "sys/fs/cgroup/A/memory.reclaim", "");
	put(root, "sys/fs/cgroup/A/memory.events", "");
	put(root, "sys/fs/cgroup/A/memory.stat", "anon 10\nfile 20\n");
	put(root, "sys/fs/cgroup/A/memory.pressure",
	    "some avg10=0.50 avg60=0.00 avg300=0.00 total=12\n");
	put(root, "sys/fs/cgroup/B/go", "");
	put(root, "sys/fs/cgroup/B/cgroup.procs", "");
	put(root, "proc/sys/vm/swappiness", "");
	put(root, "sys/module/zswap/parameters/enabled", "");
}

/*
 * Start the executor on @scn (in the files directory), with one more
 * option @opt and its value @val if not NULL; its stdout+stderr.
 */
static pid_t start_with(const char *scn, int *out, const char *opt,
			const char *val)
{
	const char *build = getenv("BUILD") ?: "build";
	char exe[512], name[400];
	int pfd[2];
	pid_t pid;

	snprintf(exe, sizeof(exe), "%s/guest/memcglab-exec", build);
	snprintf(name, sizeof(name), "%s/%s", sdir, scn);
	if (pipe(pfd))
		exit(1);
	pid = fork();
	if (!pid) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		if (opt)
			execl(exe, exe, "--root", root, opt, val, name,
			      (char *)NULL);
		else
			execl(exe, exe, "--root", root, name, (char *)NULL);
		perror(exe);
		_exit(127);
	}
	close(pfd[1]);
	*out = pfd[0];
	return pid;
}

static pid_t start(const char *scn, int *out)
{
	return start_with(scn, out, NULL, NULL);
}

static int finish(pid_t pid, int fd, struct strbuf *out)
{
	char buf[4096];
	ssize_t n;
	int status;

	sb_reset(out);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sb_add(out, buf, n);
	close(fd);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int run(const char *scn, const char *text, struct strbuf *out)
{
	int fd;
	pid_t pid;

	put(sdir, scn, text);
	pid = start(scn, &fd);
	return finish(pid, fd, out);
}

static void has(const struct strbuf *out, const char *want, const char *what)
{
	if (!ok(out->buf && strstr(out->buf, want), "%s", what))
		printf("#   no '%s' in:\n%s", want, out->buf ?: "");
}

static bool exists(const char *name)
{
	char path[600];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	return !stat(path, &st);
}

static void file_is(const char *name, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	slurp(name, &sb);
	is_str(sb.buf ?: "", want, "%s holds what was written", name);
	sb_release(&sb);
}

/* ---- interface files, cgroups, knobs, conditions ---- */

static const char files_scn[] =
	"machine memory=1G\n"
	"mount cgroup2 memory_recursiveprot\n"
	"sysctl vm.swappiness=10\n"
	"param zswap.enabled=Y\n"
	"policy zswap.lru=memcg\n"
	"write cgroup.subtree_control +memory\n"
	"mkdir C C/D\n"
	"rmdir C/D\n"
	"mkdir A => EEXIST\n"
	"rmdir E => ENOENT\n"
	"read A/nofile => ENOENT\n"
	"write A/memory.max 30M\n"
	"read A/memory.current\n"
	"read A/memory.stat\n"
	"read A/memory.stat:file\n"
	"read A/memory.pressure:some.total\n"
	"open A/memory.max as fd1\n"
	"write fd1 max\n"
	"expect fd1 contains \"max\"\n"
	"close fd1\n"
	"echo hello there\n"
	"expect A/memory.current == 1234\n"
	"expect A/memory.current ~ 1200 5%\n"
	"expect A/memory.current + A/memory.stat:file > 1250\n"
	"expect A/memory.events empty\n"
	"expect cgroup.controllers contains \"memory\"\n"
	"expect cgroup.controllers !contains \"cpu\"\n"
	"expect /proc/sys/vm/swappiness == 10\n"
	"wait until A/memory.current == 1234 timeout=1s\n"
	"sleep 10ms\n"
	"reclaim_until A 1000\n";

static void test_files(void)
{
	struct strbuf out = STRBUF_INIT;
	int status = run("files.scn", files_scn, &out);

	is_long(status, 1, "files: runs; only reclaim_until fails on a fake");
	has(&out, "A/memory.current: 1234\n", "read prints a number");
	has(&out, "A/memory.stat:\nanon 10\nfile 20\n", "read prints a file");
	has(&out, "A/memory.stat:file: 20\n", "read prints a key");
	has(&out, "A/memory.pressure:some.total: 12\n", "read prints a field");
	has(&out, "hello there\n", "echo");
	has(&out, "ok 1 - line 9: mkdir A => EEXIST", "mkdir fails as mkdir(2)");
	has(&out, "ok 2 - line 10: rmdir E => ENOENT", "rmdir fails as rmdir(2)");
	has(&out, "ok 3 - line 11: read A/nofile => ENOENT", "open fails as open(2)");
	has(&out, "ok 4 - line 19:", "an open file reads what was written");
	has(&out, "ok 11 - line 28:", "sysctl wrote its file");
	has(&out, "not ok 12 - line 31: reclaim_until A 1000 # memory.reclaim "
	    "succeeded but usage stayed above the goal", "reclaim_until");
	has(&out, "11 passed, 1 failed", "every other check held");
	file_is("proc/sys/vm/swappiness", "10\n");
	file_is("sys/module/zswap/parameters/enabled", "Y\n");
	file_is("sys/fs/cgroup/cgroup.subtree_control", "+memory\n");
	file_is("sys/fs/cgroup/A/memory.max", "30M\nmax\n");
	file_is("sys/fs/cgroup/A/memory.reclaim", "234\n");
	ok(exists("sys/fs/cgroup/C") && !exists("sys/fs/cgroup/C/D"),
	   "mkdir and rmdir made and removed directories");
	sb_release(&out);
}

/* ---- processes and their memory ---- */

static const char procs_scn[] =
	"machine memory=1G seed=7\n"
	"spawn p in A\n"
	"spawn x in nosuch => ENOENT\n"
	"p: mmap a anon 64K\n"
	"p: touch a 0 16K\n"
	"expect pagemap p a present == 4\n"
	"p: touch a read\n"
	"expect pagemap p a present == 16\n"
	"p: madvise a dontneed\n"
	"expect pagemap p a present == 0\n"
	"p: touch a\n"
	"expect pagemap p a exclusive == 16\n"
	"p: madvise a cold\n"
	"p: madvise a willneed\n"
	"p: mmap s shmem /dev/shm/s 8K\n"
	"p: touch s fill=text\n"
	"p: mmap f file /data/mf 8K\n"
	"p: touch f fill=random\n"
	"p: mmap m memfd 8K\n"
	"p: touch m fill=sparse\n"
	"p: mmap h file /data/hf 8K\n"
	"p: touch h fill=half_ascending\n"
	"p: mmap g file /data/sg 12K\n"
	"p: touch g fill=stride=4095:97\n"
	"expect pagemap p s file == 2\n"
	"expect pagemap p m present == 2\n"
	"p: write /data/w 6K 1K\n"
	"p: read /data/w\n"
	"p: read /data/w 0 4K\n"
	"p: truncate /data/t 12K\n"
	"p: dentries 3 positive\n"
	"p: dentries 3\n"
	"p: mlock a 0 8K\n"
	"p: munlock a\n"
	"p: access a pattern=uniform ops=100 write=0.5\n"
	"p: access a pattern=seq ops=20 rate=1000/s\n"
	"p: access a pattern=zipf:0.99 ops=100 &\n"
	"wait p\n"
	"p: replay t.trace\n"
	"fork p as c\n"
	"expect pagemap c a present == 16\n"
	"c: touch a 0 4K\n"
	"c: exit\n"
	"expect c exited\n"
	"p: touch a &\n"
	"wait p\n"
	"p: munmap s\n"
	"p: madvise a pageout\n"
	"kill p\n"
	"expect p killed\n";

static const char trace[] =
	"# a replay trace\n"
	"0ms w a 0+2\n"
	"1ms r a 3\n";

/* Does @name hold, from @off for @len bytes, @fill's pages at @key? */
static bool same_bytes(const char *name, enum fill_kind kind, u64 key,
		       size_t off, size_t len, bool by_index)
{
	struct strbuf sb = STRBUF_INIT;
	struct fill fill = { .kind = kind };
	u8 page[4096];
	size_t pos;
	bool same = true;

	slurp(name, &sb);
	if (sb.len < off + len)
		same = false;
	for (pos = off; same && pos < off + len; pos++) {
		if (pos == off || pos % 4096 == 0)
			fill_page(&fill, page, by_index ? key ^ (pos / 4096) :
						       key + pos / 4096);
		same = (u8)sb.buf[pos] == page[pos % 4096];
	}
	sb_release(&sb);
	return same;
}

/*
 * The bytes docs/scenario.md gives for half_ascending and stride=4095:97,
 * computed here on their own: (off % 4096 < 2048) * (off % 256), and 97
 * where off % 4095 == 0.
 */
static bool documented_fills(void)
{
	struct strbuf h = STRBUF_INIT, g = STRBUF_INIT;
	bool same;
	size_t off;

	slurp("data/hf", &h);
	slurp("data/sg", &g);
	same = h.len == 8192 && g.len == 12288;
	for (off = 0; same && off < h.len; off++)
		same = (u8)h.buf[off] ==
		       (off % 4096 < 2048 ? off % 256 : 0);
	for (off = 0; same && off < g.len; off++)
		same = (u8)g.buf[off] == (off % 4095 ? 0 : 97);
	sb_release(&h);
	sb_release(&g);
	return same;
}

static void test_procs(void)
{
	u64 a = MODEL_MMAP_BASE - 0x10000, s = a - 0x2000, f = s - 0x2000;
	struct strbuf out = STRBUF_INIT, procs = STRBUF_INIT;
	char path[600];
	struct stat st;
	int status, pid;

	put(sdir, "t.trace", trace);
	status = run("procs.scn", procs_scn, &out);
	is_long(status, 0, "procs: every expectation held");
	has(&out, "ok 1 - line 3: spawn x in nosuch => ENOENT",
	    "spawn into a missing cgroup fails");
	has(&out, "10 passed, 0 failed", "processes, mappings, pagemap");
	slurp("sys/fs/cgroup/A/cgroup.procs", &procs);
	pid = procs.buf ? atoi(procs.buf) : 0;
	ok(pid > 0 && procs.len == strspn(procs.buf, "0123456789\n") &&
	   !strchr(procs.buf, '\n')[1],
	   "one pid joined A's cgroup.procs (a fork joins its parent's)");
	ok(same_bytes("dev/shm/s", FILL_TEXT, s / 4096, 0, 8192, false),
	   "touch fill=text wrote the model's bytes for the model's keys");
	ok(same_bytes("data/mf", FILL_RANDOM, f / 4096, 0, 8192, false),
	   "touch fill=random the same, through a file mapping");
	ok(documented_fills(), "touch fill=half_ascending and stride=4095:97 "
	   "wrote the documented bytes");
	snprintf(path, sizeof(path), "%s/data/w", root);
	ok(!stat(path, &st) && st.st_size == 7168 &&
	   same_bytes("data/w", FILL_TEXT, (u64)st.st_ino << 32, 1024, 6144,
		      true), "write(2) stored the model's text at its offset");
	snprintf(path, sizeof(path), "%s/data/t", root);
	ok(!stat(path, &st) && st.st_size == 12288, "truncate sized the file");
	snprintf(path, sizeof(path), "%s/file-%d-2", root, pid);
	ok(!stat(path, &st), "dentries positive created files in the root");
	sb_release(&out);
	sb_release(&procs);
}

/* ---- mprotect, clear_refs, setrlimit, sysv, shmctl, tmpfs, lseek ---- */

static const char mm_scn[] =
	"spawn p in A\n"
	"p: mmap r anon 16K\n"
	"p: mprotect r read\n"
	"p: touch r => EFAULT\n"
	"p: touch r read\n"
	"p: mprotect r none\n"
	"p: touch r read => EFAULT\n"
	"p: mprotect r write\n"
	"p: touch r\n"
	"expect pagemap p r present == 4\n"
	"p: clear_refs 1\n"
	"p: clear_refs 6 => EINVAL\n"
	"p: mmap v sysv 16K\n"
	"p: touch v\n"
	"expect pagemap p v present == 4\n"
	"p: shmctl v lock\n"
	"p: shmctl v unlock\n"
	"p: shmctl r lock => EINVAL\n"
	"p: mmap a anon 8K shared\n"
	"p: touch a\n"
	"fork p as c\n"
	/* a shared mapping's PTEs are not copied by fork (vma_needs_copy) */
	"expect pagemap c a present == 0\n"
	"expect pagemap c v present == 0\n"
	"c: touch v read\n"
	"expect pagemap c v present == 4\n"
	"c: exit\n";

/* The tmpfs part: a mount under the scratch root (needs CAP_SYS_ADMIN). */
static const char tmpfs_scn[] =
	"spawn p in A\n"
	"mount tmpfs /mnt/t size=64K\n"
	"mount tmpfs /mnt/x size=lots => EINVAL\n"
	"p: truncate /mnt/t/s 1M\n"
	"p: write /mnt/t/s 8K 16K\n"
	"expect lseek /mnt/t/s data 0 == 16384\n"
	"expect lseek /mnt/t/s hole 16K == 24576\n"
	"expect lseek /mnt/t/s data 24K == ENXIO\n"
	"expect lseek /mnt/t/nosuch data 0 == ENOENT\n"
	"p: write /mnt/t/f 56K\n"
	"p: write /mnt/t/g 4K => ENOSPC\n"
	"p: mmap m shmem /mnt/t/f 8K\n"
	"p: touch m read\n"
	"p: mmap n shmem /data/n 8K => EINVAL\n"
	"kill p\n";

/* Can this test mount a tmpfs (root, or CAP_SYS_ADMIN)? */
static bool can_mount(void)
{
	char path[300];
	bool can;

	snprintf(path, sizeof(path), "%s/probe", root);
	mkdir(path, 0755);
	can = !mount("tmpfs", path, "tmpfs", 0, "size=4K");
	if (can)
		umount2(path, MNT_DETACH);
	rmdir(path);
	return can;
}

static void test_mm(void)
{
	struct strbuf out = STRBUF_INIT;
	char path[300];
	int status = run("mm.scn", mm_scn, &out);

	is_long(status, 0, "mm: every expectation held");
	has(&out, "9 passed, 0 failed", "mprotect, clear_refs, "
	    "sysv mappings and shmctl ran as system calls");
	if (!can_mount()) {
		todo_ok(0, "no CAP_SYS_ADMIN here", "mount tmpfs and lseek");
		sb_release(&out);
		return;
	}
	status = run("tmpfs.scn", tmpfs_scn, &out);
	snprintf(path, sizeof(path), "%s/mnt/t", root);
	ok(!umount2(path, MNT_DETACH), "mount tmpfs mounted %s", path);
	is_long(status, 0, "tmpfs: every expectation held");
	has(&out, "7 passed, 0 failed", "mount tmpfs with size=, lseek "
	    "SEEK_DATA/SEEK_HOLE, ENOSPC past the size, shmem on it");
	sb_release(&out);
}

/* ---- a process seen from outside while the scenario waits ---- */

static const char sync_scn[] =
	"spawn t in A threads=3 oom_score_adj=500 cpu=0\n"
	"t: mmap lk anon 64K\n"
	"t: mlock lk\n"
	"t: setrlimit memlock 1M\n"
	"move t to B\n"
	"wait until B/go contains \"yes\" timeout=60s\n"
	"expect B/go contains \"yes\"\n"
	"t: munlock lk\n"
	"expect t alive\n"
	"kill t\n"
	"expect t killed\n";

/* The value of "Key:" in /proc/@pid/status, or "". */
static void status_of(int pid, const char *key, char *val, size_t n)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	val[0] = '\0';
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			snprintf(val, n, "%s", line + strlen(key) + 1 +
				 strspn(line + strlen(key) + 1, " \t"));
	if (f)
		fclose(f);
	val[strcspn(val, "\n")] = '\0';
}

/* The soft and hard "Max locked memory" of /proc/@pid/limits, or "". */
static void limit_of(int pid, char *val, size_t n)
{
	char path[64], line[256], soft[32], hard[32];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/limits", pid);
	val[0] = '\0';
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Max locked memory", 17) &&
		    sscanf(line + 17, "%31s %31s", soft, hard) == 2)
			snprintf(val, n, "%s %s", soft, hard);
	if (f)
		fclose(f);
}

static int wait_for_pid(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	int i, pid = 0;

	for (i = 0; i < 600 && !pid; i++) {
		slurp(name, &sb);
		if (sb.buf && strchr(sb.buf, '\n'))
			pid = atoi(sb.buf);
		else
			usleep(50000);
	}
	sb_release(&sb);
	return pid;
}

static void test_sync(void)
{
	struct strbuf out = STRBUF_INIT, adj = STRBUF_INIT;
	char v[128], path[64];
	int fd, status, pid_fd;
	pid_t exec;
	int pid;

	put(sdir, "sync.scn", sync_scn);
	exec = start("sync.scn", &fd);
	pid = wait_for_pid("sys/fs/cgroup/B/cgroup.procs");
	ok(pid > 0, "move wrote the pid to B/cgroup.procs");
	status_of(pid, "Threads:", v, sizeof(v));
	is_str(v, "3", "threads=3: three threads");
	status_of(pid, "VmLck:", v, sizeof(v));
	is_str(v, "64 kB", "mlock locked the region");
	limit_of(pid, v, sizeof(v));
	is_str(v, "1048576 1048576", "setrlimit memlock: soft and hard");
	status_of(pid, "Cpus_allowed_list:", v, sizeof(v));
	is_str(v, "0", "cpu=0: pinned");
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	pid_fd = open(path, O_RDONLY);
	if (pid_fd >= 0) {
		char buf[16] = "";

		if (read(pid_fd, buf, sizeof(buf) - 1) > 0)
			sb_puts(&adj, buf);
		close(pid_fd);
	}
	is_str(adj.buf ?: "", "500\n", "oom_score_adj=500");
	put(root, "sys/fs/cgroup/B/go", "yes\n");
	status = finish(exec, fd, &out);
	is_long(status, 0, "the scenario saw the file change and went on");
	has(&out, "3 passed, 0 failed", "wait until, munlock, kill");
	sb_release(&out);
	sb_release(&adj);
}

/* ---- what a kernel cannot run ---- */

static void refused(const char *name, const char *text, const char *want)
{
	struct strbuf out = STRBUF_INIT;
	int status = run(name, text, &out);

	is_long(status, 2, "%s: refused", name);
	has(&out, want, "with FILE:LINE and the reason");
	ok(!strstr(out.buf ?: "", "ok 1"), "before running anything");
	sb_release(&out);
}

static void test_refusals(void)
{
	refused("policy.scn", "machine memory=1G\n"
		"policy zswap.lru=global\n",
		"/s/policy.scn:2: the kernel cannot run this: policy "
		"zswap.lru=global is model-only");
	refused("debug.scn", "expect /sys/kernel/debug/memcglab/kmem:x == 1\n",
		"/s/debug.scn:1: the kernel cannot run this: "
		"/sys/kernel/debug/memcglab/kmem is one of the model's own");
	refused("pin.scn", "spawn p in A\np: mmap r anon 4K\np: pin r as q\n",
		"/s/pin.scn:3: the kernel cannot run this: pin:");
	refused("move.scn", "spawn p in A\nmove p to B window\nmove p attach\n",
		"/s/move.scn:2: the kernel cannot run this: a migration "
		"stopped half-way");
	refused("uffd.scn", "spawn p in A\np: mmap r anon 4K\n"
		"p: uffd open\n",
		"/s/uffd.scn:3: the kernel cannot run this: uffd: the "
		"kernel backend cannot run it yet");
	refused("zram.scn", "machine memory=1G swap=1G swapdev=zram\n",
		"/s/zram.scn:1: the kernel cannot run this: machine "
		"swapdev=zram:");
	refused("record.scn", "record every 1s A/memory.current to /x.csv\n",
		"/s/record.scn:1: the kernel cannot run this: record to /x.csv");
	refused("nomigrate.scn", "mount cgroup2 nomigrate\n",
		"/s/nomigrate.scn:1: the kernel cannot run this: mount option "
		"nomigrate is the model's");
	refused("uid.scn", "mkdir C\nspawn p in C uid=1000\n",
		"/s/uid.scn:2: the kernel cannot run this: spawn uid=: the "
		"kernel backend cannot run it yet");
	refused("count.scn", "spawn p in A\np: mmap r anon 4K\n"
		"read kpageflags p r dirty\n",
		"/s/count.scn:3: the kernel cannot run this: a range of a "
		"region's pages, kpageflags");
	refused("resident.scn", "spawn p in A\np: mmap r anon 4K\n"
		"expect pagemap p r swap_resident == 0\n",
		"/s/resident.scn:3: the kernel cannot run this:");
}

/*
 * An action or statement kind that refuse.c does not list (one a later
 * change adds to the language) is refused by default, by its name.
 */
static void test_unknown_kinds(void)
{
	static const char text[] = "mkdir A\nspawn p in A\np: exit\n";
	struct strbuf err = STRBUF_INIT, why = STRBUF_INIT;
	struct scn_script *sc = NULL;

	if (scn_parse_string("k.scn", text, strlen(text), &sc, &err)) {
		ok(0, "k.scn parses: %s", err.buf ?: "");
		sb_release(&err);
		return;
	}
	ok(!gexec_refusal(sc, &why), "mkdir, spawn and exit run: %s",
	   why.buf ?: "");
	sc->stmts[2].action.kind = SCN_ACT_NR_KINDS;
	ok(gexec_refusal(sc, &why) == &sc->stmts[2],
	   "an action kind not in the list is refused at its statement");
	ok(why.buf && strstr(why.buf, "the kernel backend cannot run it yet"),
	   "as not run yet: %s", why.buf ?: "");
	sb_reset(&why);
	sc->stmts[2].kind = SCN_STMT_NR_KINDS;
	ok(gexec_refusal(sc, &why) == &sc->stmts[2] && why.buf &&
	   strstr(why.buf, "the kernel backend cannot run it yet"),
	   "and so is a statement kind: %s", why.buf ?: "");
	sc->stmts[2].kind = SCN_STMT_ACTION;
	sc->stmts[2].action.kind = SCN_ACT_EXIT;
	scn_script_free(sc);
	sb_release(&err);
	sb_release(&why);
}

/* A record file, written under --record-dir and printed as wire lines. */
static void test_record(void)
{
	struct strbuf out = STRBUF_INIT;
	char dir[300];
	int fd, status;
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s/records", root);
	put(sdir, "rec.scn", "record every 10ms A/memory.current to r.csv\n"
	    "sleep 30ms\n");
	pid = start_with("rec.scn", &fd, "--record-dir", dir);
	status = finish(pid, fd, &out);
	is_long(status, 0, "record: runs");
	has(&out, "#@ file r.csv\n#@ data time_ns,A/memory.current\\r\\n\n"
	    "#@ data ", "the file comes out as wire lines, \\r escaped");
	has(&out, ",1234\\r\\n\n#@ data ", "a sample a line, read as any file");
	has(&out, "#@ endfile\n", "and ends");
	sb_release(&out);
}

int main(void)
{
	char cmd[600];

	make_root();
	test_files();
	test_procs();
	test_mm();
	test_sync();
	test_refusals();
	test_unknown_kinds();
	test_record();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	if (system(cmd))
		printf("# could not remove %s\n", root);
	return done_testing();
}
