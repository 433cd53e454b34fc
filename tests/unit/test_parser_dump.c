// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the scenario parser's canonical dump (src/scenario/dump.c):
 * every statement printed back as it parses, the per-page forms, and the
 * name tables both share.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "scenario/parser.h"
#include "parse_util.h"

static const char all_src[] =
	"machine memory=1G cpus=2 nodes=1 swap=2G seed=1 disk=4G content=real\n"
	"mount cgroup2 memory_recursiveprot\n"
	"sysctl vm.swappiness=60\nparam zswap.enabled=Y\npolicy zswap.lru=global\n"
	"mkdir A A/B\nrmdir A/B => EBUSY\nwrite A/memory.max 200M\n"
	"read A/memory.stat:anon\nopen A/memory.peak as fd nonblock\n"
	"write fd reset\nclose fd\necho \"hello world\"\n"
	"spawn p in A threads=2 oom_score_adj=-5 cpu=1 uid=7\nfork p as c\n"
	"move c to / => EBUSY\nmove c to A window\nmove c attach\n"
	"p: mmap a anon 1M\np: mmap f file /d/f 1M private\n"
	"p: mmap s shmem /dev/shm/s 1M\np: mmap m memfd 1M\n"
	"p: touch a 4K 4K\np: touch a fill=sparse &\np: write /d/f 8K 4K\n"
	"p: read /d/f 0 4K\np: truncate /d/f 0\np: mlock a\np: munlock a 0 4K\n"
	"p: madvise a cold 0 4K\np: pin a as pn\np: unpin pn\n"
	"p: setrlimit memlock 64K\np: pin a 0 4K as pq via vfio\np: close pq\n"
	"p: dentries 10 positive\n"
	"p: access a pattern=uniform ops=5 rate=10/s write=50%\n"
	"p: replay t.trace &\np: munmap a\np: exit\nkill c\nsleep 1ms\nwait p\n"
	"wait until p exited timeout=2s\n"
	"expect A/x + A/y - 1 ~ 1K 5%\nexpect A/x == max\nexpect A/x != \"a b\"\n"
	"expect A/x * 4096 - A/y < A/x * 1K\n"
	"expect A/x empty\nexpect A/x contains a\nexpect A/x !contains \"b\"\n"
	"expect c killed xfail \"racy\"\n"
	"expect pagemap p s soft_dirty ~ 1M 10%\n"
	"record every 1s A/x A/y:k /proc/z to o.csv\n"
	"reclaim_until A 10M\n";

static const char all_dump[] =
	"machine memory=1073741824 cpus=2 nodes=1 swap=2147483648 seed=1 disk=4294967296 content=real\n"
	"mount cgroup2 memory_recursiveprot\n"
	"sysctl vm.swappiness=60\nparam zswap.enabled=Y\npolicy zswap.lru=global\n"
	"mkdir A A/B\nrmdir A/B => EBUSY\nwrite A/memory.max 200M\n"
	"read A/memory.stat:anon\nopen A/memory.peak as fd nonblock\n"
	"write fd reset\nclose fd\necho \"hello world\"\n"
	"spawn p in A threads=2 oom_score_adj=-5 cpu=1 uid=7\nfork p as c\n"
	"move c to / => EBUSY\nmove c to A window\nmove c attach\n"
	"p: mmap a anon 1048576\np: mmap f file /d/f 1048576 private\n"
	"p: mmap s shmem /dev/shm/s 1048576\np: mmap m memfd 1048576\n"
	"p: touch a 4096 4096\np: touch a fill=sparse &\np: write /d/f 8192 4096\n"
	"p: read /d/f 0 4096\np: truncate /d/f 0\np: mlock a\np: munlock a 0 4096\n"
	"p: madvise a cold 0 4096\np: pin a as pn via rdma\np: unpin pn\n"
	"p: setrlimit memlock 65536\np: pin a 0 4096 as pq via vfio\np: close pq\n"
	"p: dentries 10 positive\n"
	"p: access a pattern=uniform ops=5 rate=10/s write=0.5\n"
	"p: replay t.trace &\np: munmap a\np: exit\nkill c\nsleep 1000000ns\nwait p\n"
	"wait until p exited timeout=2000000000ns\n"
	"expect A/x + A/y - 1 ~ 1024 5%\nexpect A/x == max\nexpect A/x != \"a b\"\n"
	"expect A/x * 4096 - A/y < A/x * 1024\n"
	"expect A/x empty\nexpect A/x contains \"a\"\nexpect A/x !contains \"b\"\n"
	"expect c killed xfail \"racy\"\n"
	"expect pagemap p s soft_dirty ~ 256 10%\n"
	"record every 1000000000ns A/x A/y:k /proc/z to o.csv\n"
	"reclaim_until A 10485760\n";

static void test_dump_all(void)
{
	struct strbuf err = STRBUF_INIT, d1 = STRBUF_INIT, d2 = STRBUF_INIT;
	struct scn_script *sc = parse(all_src, &err), *again;

	ok(sc != NULL, "every statement kind parses");
	if (!sc) {
		printf("# %s", err.buf);
		goto out;
	}
	scn_script_dump(sc, &d1);
	is_str(d1.buf, all_dump, "canonical dump of every statement kind");
	again = parse(d1.buf, &err);
	ok(again != NULL, "the dump parses");
	if (again)
		scn_script_dump(again, &d2);
	is_str(d2.buf, d1.buf, "and dumps to the same text");
	scn_script_free(again);
	scn_script_free(sc);
out:
	sb_release(&err);
	sb_release(&d1);
	sb_release(&d2);
}

/* The forms of issue 11: each dumps canonically (is_dump re-parses). */
static void test_dump_pages(void)
{
	is_dump("mount tmpfs /mnt/t size=4M noswap\n",
		"mount tmpfs /mnt/t size=4M,noswap");
	is_dump("mount tmpfs /mnt/t size=4M,nr_inodes=2 => EINVAL\n",
		"mount tmpfs /mnt/t size=4M,nr_inodes=2 => EINVAL");
	is_dump(PRELUDE "p: mmap s sysv 1M\n", "p: mmap s sysv 1048576");
	is_dump(PRELUDE "p: mmap s anon 1M shared\n",
		"p: mmap s anon 1048576 shared");
	is_dump(PRELUDE "p: shmctl buf unlock\n", "p: shmctl buf unlock");
	is_dump(PRELUDE "p: clear_refs -1 => EINVAL\n",
		"p: clear_refs -1 => EINVAL");
	is_dump(PRELUDE "p: mprotect buf none\n", "p: mprotect buf none");
	is_dump(PRELUDE "p: madvise buf remove 0 8K\n",
		"p: madvise buf remove 0 8192");
	is_dump(PRELUDE "p: uffd open wp_async event_fork\n",
		"p: uffd open event_fork,wp_async");
	is_dump(PRELUDE "p: uffd open 0x3 => EINVAL\n",
		"p: uffd open pagefault_flag_wp,event_fork => EINVAL");
	is_dump(PRELUDE "p: uffd open 0x10000000000 => EINVAL\n",
		"p: uffd open 1099511627776 => EINVAL");
	is_dump(PRELUDE "p: uffd register buf 0 8K wp missing\n",
		"p: uffd register buf 0 8192 missing,wp");
	is_dump(PRELUDE "p: uffd unwp buf\n", "p: uffd unwp buf");
	is_dump(PRELUDE "p: pagemap_scan buf 0 40K vec=4 flags=wp_matching,check_wpasync max_pages=3 mask=written,file return=written\n",
		"p: pagemap_scan buf 0 40960 vec=4 flags=wp_matching,check_wpasync max_pages=3 mask=written,file return=written");
	is_dump(PRELUDE "p: pagemap_scan buf nullvec=1\n",
		"p: pagemap_scan buf nullvec=1");
	is_dump(PRELUDE "read /proc/p/pagemap buf 0 16p\n",
		"read /proc/p/pagemap buf 0 65536");
	is_dump(PRELUDE "read /proc/p/pagemap buf bytes 4 8 => EINVAL\n",
		"read /proc/p/pagemap buf bytes 4 8 => EINVAL");
	is_dump(PRELUDE "read /proc/kpagecgroup q r2\n",
		"read /proc/kpagecgroup q r2");
	is_dump(PRELUDE "expect kpageflags p buf 4K 4K swapbacked == 1\n",
		"expect kpageflags p buf 4096 4096 swapbacked == 1");
	is_dump(PRELUDE "expect kpagecgroup q r2 A/B >= 2\n",
		"expect kpagecgroup q r2 A/B >= 2");
	is_dump(PRELUDE "read pagemap p buf 0 4K swap_resident\n",
		"read pagemap p buf 0 4096 swap_resident");
	is_dump(PRELUDE "read kpagecgroup q r2 A/B => EINVAL\n",
		"read kpagecgroup q r2 A/B => EINVAL");
	is_dump(PRELUDE "read mincore q r2\n", "read mincore q r2");
	is_dump(PRELUDE "expect kpagecount q r2 == 8\n",
		"expect kpagecount q r2 == 8");
	is_dump(PRELUDE "expect mincore q r2 0 4p == 4\n",
		"expect mincore q r2 0 16384 == 4");
	is_dump("expect lseek /dev/shm/s data 8K == ENXIO\n",
		"expect lseek /dev/shm/s data 8192 == ENXIO");
	is_dump("expect lseek /dev/shm/s hole 0 == 64K\n",
		"expect lseek /dev/shm/s hole 0 == 65536");
	is_dump(PRELUDE "expect scan(p.len[2]) + scan(p.ret) == scan(p.walk_end) / 4K\n",
		"expect scan(p.len[2]) + scan(p.ret) == scan(p.walk_end) / 4096");
}

static void test_dump(void)
{
	is_dump(PRELUDE "p: touch buf 0 1M read\n", "p: touch buf 0 1048576 read");
	is_dump(PRELUDE "p: touch buf fill=ratio=0.3 &\n",
		"p: touch buf fill=ratio=0.3 &");
	is_dump(PRELUDE "p: access buf pattern=zipf:1.2 ops=1K write=1%\n",
		"p: access buf pattern=zipf:1.2 ops=1000 write=0.01");
	is_dump(PRELUDE "p: access buf pattern=zipf:12.50 ops=1\n",
		"p: access buf pattern=zipf:12.5 ops=1 write=0");
	is_dump(PRELUDE "p: access buf pattern=seq ops=1 write=0.000000001%\n",
		"p: access buf pattern=seq ops=1 write=0");
	is_dump("write A/memory.max \"\" => EINVAL\n",
		"write A/memory.max \"\" => EINVAL");
	is_dump("write A/f a \"b\\\"c\"\n", "write A/f \"a b\\\"c\"");
	is_dump("expect A/x - -5 ~ 1K 3% xfail\n",
		"expect A/x - -5 ~ 1024 3% xfail \"\"");
	is_dump("machine swap=none memory=4G\n",
		"machine memory=4294967296 swap=none");
	is_dump("sysctl a=\"x y\"\n", "sysctl \"a=x y\"");
	is_dump("wait until A/x:k.f > 0\n",
		"wait until A/x:k.f > 0 timeout=10000000000ns");
}

static void test_names(void)
{
	is_str(scn_stmt_kind_name(SCN_STMT_WAIT_UNTIL), "wait until", "stmt name");
	is_str(scn_action_name(SCN_ACT_DENTRIES), "dentries", "action name");
	is_str(scn_cmp_name(SCN_CMP_CLOSE), "~", "cmp name");
	is_str(scn_pagemap_flag_name(SCN_PM_UFFD_WP), "uffd_wp", "pagemap name");
	is_str(scn_proc_state_name(SCN_PROC_EXITED), "exited", "state name");
	is_str(scn_advice_name(SCN_MADV_WILLNEED), "willneed", "advice name");
	is_str(scn_stmt_kind_name(99), "?", "out of range");
}

int main(void)
{
	test_dump();
	test_dump_pages();
	test_dump_all();
	test_names();
	return done_testing();
}
