// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the scenario parser's error reporting: the exact text of
 * every error message ("file:line: ..."), several errors in one script and
 * the limit on them, and parsing from a file (the path in the messages).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "scenario/parser.h"
#include "parse_util.h"

/* Each source fails with exactly this text ("t.scn:LINE: ..."). */
static const struct {
	const char *src;
	const char *msg;
} errors[] = {
	/* statements */
	{ "mkdri A\n", "t.scn:1: unknown statement 'mkdri' (did you mean 'mkdir'?)" },
	{ "frobnicate A\n", "t.scn:1: unknown statement 'frobnicate'" },
	{ "\"mkdir\" A\n", "t.scn:1: unknown statement 'mkdir'" },
	{ "touch buf\n", "t.scn:1: 'touch' is a process action: write 'NAME: touch ...'" },
	{ PRELUDE "p touch buf\n", "t.scn:5: missing ':' after process name 'p'" },
	{ PRELUDE "p:touch buf\n", "t.scn:5: missing space after ':' in 'p:touch'" },
	{ "sleep 1s => EINTR\n", "t.scn:1: '=> ERRNO' is not allowed on 'sleep'" },
	{ "expect A/x == 1 => EINVAL\n", "t.scn:1: '=> ERRNO' is not allowed on 'expect'" },
	{ "write A/x 1 =>\n", "t.scn:1: missing errno name after '=>'" },
	{ "write A/x 1 => EINVAL x\n", "t.scn:1: unexpected 'x' after the errno" },
	{ "write A/x 1 => EINVL\n", "t.scn:1: unknown errno 'EINVL' (did you mean 'EINVAL'?)" },
	{ "write A/x 1 => \"EINVAL\"\n", "t.scn:1: unknown errno 'EINVAL'" },
	{ "write A/x 1 => 22\n", "t.scn:1: unknown errno '22'" },
	/* setup */
	{ "mkdir A\nmachine memory=1G\n",
	  "t.scn:2: 'machine' must come before the first cgroup or process statement (line 1)" },
	{ "echo x\nspawn p in A\npolicy a=b\n",
	  "t.scn:3: 'policy' must come before the first cgroup or process statement (line 2)" },
	{ "machine\nmachine\n", "t.scn:2: duplicate 'machine' statement (first at line 1)" },
	{ "machine memroy=1G\n", "t.scn:1: unknown machine key 'memroy' (did you mean 'memory'?)" },
	{ "machine ram=1G\n",
	  "t.scn:1: unknown machine key 'ram' (expected memory, cpus, nodes, swap, seed, disk, swapdev or content)" },
	{ "machine memory\n", "t.scn:1: expected KEY=VALUE, got 'memory'" },
	{ "machine content=fast\n",
	  "t.scn:1: unknown machine content 'fast' (expected real or model)" },
	{ "machine content=modle\n",
	  "t.scn:1: unknown machine content 'modle' (did you mean 'model'?)" },
	{ "machine =1\n", "t.scn:1: expected KEY=VALUE, got '=1'" },
	{ "machine cpus=1 cpus=2\n", "t.scn:1: duplicate machine key 'cpus'" },
	{ "machine memory=1000\n",
	  "t.scn:1: machine memory must be a positive multiple of the 4K page size, got '1000'" },
	{ "machine memory=0\n",
	  "t.scn:1: machine memory must be a positive multiple of the 4K page size, got '0'" },
	{ "machine swap=1X\n",
	  "t.scn:1: machine swap must be a multiple of the 4K page size, got '1X'" },
	{ "machine disk=max\n",
	  "t.scn:1: machine disk must be a positive multiple of the 4K page size, got 'max'" },
	{ "machine cpus=0\n", "t.scn:1: machine cpus must be an integer from 1 to 1024, got '0'" },
	{ "machine cpus=1025\n", "t.scn:1: machine cpus must be an integer from 1 to 1024, got '1025'" },
	{ "machine nodes=65\n", "t.scn:1: machine nodes must be an integer from 1 to 64, got '65'" },
	{ "machine swapdev=nvme\n",
	  "t.scn:1: unknown machine swapdev 'nvme' (expected disk, ssd or zram)" },
	{ "machine swapdev=zarm\n",
	  "t.scn:1: unknown machine swapdev 'zarm' (did you mean 'zram'?)" },
	{ "machine seed=-1\n",
	  "t.scn:1: machine seed must be an integer from 0 to 18446744073709551615, got '-1'" },
	{ "mount\n", "t.scn:1: usage: mount cgroup2 [OPTION...]" },
	{ "mount cgroup\n", "t.scn:1: only cgroup2 can be mounted (cgroup v1 is not modelled)" },
	{ "mount cgruop2\n", "t.scn:1: unknown filesystem 'cgruop2' (did you mean 'cgroup2'?)" },
	{ "mount xfs\n", "t.scn:1: unknown filesystem 'xfs' (expected cgroup2 or tmpfs)" },
	{ "mount tmpfs\n", "t.scn:1: usage: mount tmpfs PATH [OPTION...] [=> ERRNO]" },
	{ "mount cgroup2\nmount cgroup2\n", "t.scn:2: duplicate 'mount' statement (first at line 1)" },
	{ "mount cgroup2 memory_recursive_prot\n",
	  "t.scn:1: unknown cgroup2 mount option 'memory_recursive_prot' (did you mean 'memory_recursiveprot'?)" },
	{ "mount cgroup2 nsdelegate,\n", "t.scn:1: empty mount option" },
	{ "mount cgroup2 nomigrate,nomigrate\n", "t.scn:1: duplicate mount option 'nomigrate'" },
	{ "mount cgroup2 nsdelegate nsdelegate\n", "t.scn:1: duplicate mount option 'nsdelegate'" },
	{ "sysctl\n", "t.scn:1: usage: sysctl KEY=VALUE..." },
	{ "sysctl vm.swappiness\n", "t.scn:1: expected KEY=VALUE, got 'vm.swappiness'" },
	{ "param enabled=Y\n", "t.scn:1: param 'enabled=Y' must be MODULE.NAME=VALUE" },
	{ "param zswap.=Y\n", "t.scn:1: param 'zswap.=Y' must be MODULE.NAME=VALUE" },
	{ "policy =x\n", "t.scn:1: expected KEY=VALUE, got '=x'" },
	/* cgroup files */
	{ "mkdir\n", "t.scn:1: usage: mkdir PATH... [=> ERRNO]" },
	{ "mkdir A B => EEXIST\n", "t.scn:1: '=> EEXIST' needs exactly one path" },
	{ "mkdir /\n", "t.scn:1: the root cgroup always exists" },
	{ "rmdir /sys/fs/cgroup\n", "t.scn:1: the root cgroup cannot be removed" },
	{ "mkdir \"\"\n", "t.scn:1: empty cgroup path" },
	{ "mkdir /A/B\n", "t.scn:1: cgroup path '/A/B' must be relative to the cgroup root (write 'A/B')" },
	{ "mkdir A//B\n", "t.scn:1: invalid cgroup path 'A//B'" },
	{ "mkdir A/../B\n", "t.scn:1: invalid cgroup path 'A/../B'" },
	{ "write\n", "t.scn:1: usage: write TARGET VALUE... [=> ERRNO]" },
	{ "write A/memory.max\n",
	  "t.scn:1: missing value to write (use \"\" to write an empty line)" },
	{ "write A/memory.stat:anon 1\n",
	  "t.scn:1: a :KEY selector is not allowed here ('A/memory.stat:anon')" },
	{ "write A/ 1\n", "t.scn:1: 'A/' is a directory, not a file" },
	{ "write /sys/fs/cgroup/ 1\n", "t.scn:1: '/sys/fs/cgroup/' is a directory, not a file" },
	{ "write / 1\n", "t.scn:1: '/' is a directory, not a file" },
	{ "write /proc/ 1\n", "t.scn:1: '/proc/' is a directory, not a file" },
	{ "write A/./memory.max 1\n", "t.scn:1: invalid path 'A/./memory.max'" },
	{ "write /proc//meminfo 1\n", "t.scn:1: invalid path '/proc//meminfo'" },
	{ "write fd 1\n", "t.scn:1: 'fd' is neither a file path nor an open file name" },
	{ "read\n", "t.scn:1: usage: read TARGET[:KEY] | read /proc/NAME/pagemap REGION [OFFSET LENGTH | bytes POS COUNT] | read /proc/kpageflags|kpagecount|kpagecgroup NAME REGION [OFFSET LENGTH] | read pagemap|kpageflags|kpagecount|kpagecgroup|mincore NAME REGION [OFFSET LENGTH] [WHAT] [=> ERRNO]" },
	{ "read A/memory.stat:\n", "t.scn:1: missing key after ':' in 'A/memory.stat:'" },
	{ "read A/memory.stat:.x\n",
	  "t.scn:1: invalid key '.x' in 'A/memory.stat:.x' (expected KEY or KEY.FIELD)" },
	{ "read A/memory.stat:x.\n",
	  "t.scn:1: invalid key 'x.' in 'A/memory.stat:x.' (expected KEY or KEY.FIELD)" },
	{ "read :anon\n", "t.scn:1: missing file name in ':anon'" },
	{ PRELUDE "read p\n", "t.scn:5: 'p' is a process, not an open file" },
	{ "open A/memory.peak as fd1\nread fdl\n",
	  "t.scn:2: 'fdl' is neither a file path nor an open file name (did you mean 'fd1'?)" },
	{ "open A/memory.peak fd1\n", "t.scn:1: usage: open PATH as NAME [nonblock] [=> ERRNO]" },
	{ "open A/memory.peak as 1fd\n",
	  "t.scn:1: invalid file name '1fd' (use letters, digits, '_' and '-')" },
	{ "open A/memory.peak as until\n",
	  "t.scn:1: 'until' is a reserved word and cannot name a file" },
	{ "open A/memory.peak as fd1\nopen A/memory.peak as fd1\n",
	  "t.scn:2: 'fd1' is already open (line 1)" },
	{ "open A/memory.peak as fd1 nonblok\n",
	  "t.scn:1: unknown open flag 'nonblok' (did you mean 'nonblock'?)" },
	{ "open fd0 as fd1\n", "t.scn:1: 'fd0' is not a file path" },
	{ "open A/memory.peak:x as fd1\n",
	  "t.scn:1: a :KEY selector is not allowed here ('A/memory.peak:x')" },
	{ "close\n", "t.scn:1: usage: close NAME [=> ERRNO]" },
	{ "close fd1\n", "t.scn:1: 'fd1' is not an open file" },
	{ "open A/memory.peak as fd1\nclose fd1\nclose fd1\n",
	  "t.scn:3: 'fd1' is not an open file" },
	{ "open A/memory.peak as fd1\nclose fd2\n",
	  "t.scn:2: 'fd2' is not an open file (did you mean 'fd1'?)" },
	/* processes */
	{ "spawn p\n",
	  "t.scn:1: usage: spawn NAME in CGROUP [threads=N] [oom_score_adj=N] [cpu=N] [uid=N] [=> ERRNO]" },
	{ "spawn p at A\n",
	  "t.scn:1: usage: spawn NAME in CGROUP [threads=N] [oom_score_adj=N] [cpu=N] [uid=N] [=> ERRNO]" },
	{ "spawn 1p in A\n", "t.scn:1: invalid process name '1p' (use letters, digits, '_' and '-')" },
	{ "spawn a.b in A\n", "t.scn:1: invalid process name 'a.b' (use letters, digits, '_' and '-')" },
	{ "spawn pagemap in A\n", "t.scn:1: 'pagemap' is a reserved word and cannot name a process" },
	{ PRELUDE "spawn p in A\n", "t.scn:5: process 'p' already exists" },
	{ "spawn p in A thread=2\n",
	  "t.scn:1: unknown spawn option 'thread=2' (did you mean 'threads'?)" },
	{ "spawn p in A nice=2\n",
	  "t.scn:1: unknown spawn option 'nice=2' (expected threads, oom_score_adj, cpu or uid)" },
	{ "spawn p in A cpu\n", "t.scn:1: unknown spawn option 'cpu' (expected threads, oom_score_adj, cpu or uid)" },
	{ "spawn p in A cpu=0 cpu=1\n", "t.scn:1: duplicate spawn option 'cpu'" },
	{ "spawn p in A threads=0\n",
	  "t.scn:1: threads must be an integer from 1 to 4194304, got '0'" },
	{ "spawn p in A oom_score_adj=-1001\n",
	  "t.scn:1: oom_score_adj must be an integer from -1000 to 1000, got '-1001'" },
	{ "spawn p in A oom_score_adj=1e3\n",
	  "t.scn:1: oom_score_adj must be an integer from -1000 to 1000, got '1e3'" },
	{ "spawn p in A cpu=2\n",
	  "t.scn:1: cpu must be an integer from 0 to 1 (machine cpus=2), got '2'" },
	{ "spawn p in /A\n",
	  "t.scn:1: cgroup path '/A' must be relative to the cgroup root (write 'A')" },
	{ "spawn p in /A\np: exit\n",
	  "t.scn:1: cgroup path '/A' must be relative to the cgroup root (write 'A')" },
	{ PRELUDE "fork p c\n", "t.scn:5: usage: fork NAME as NAME2 [=> ERRNO]" },
	{ PRELUDE "fork x as c\n", "t.scn:5: unknown process 'x'" },
	{ PRELUDE "fork p as q\n", "t.scn:5: process 'q' already exists" },
	{ PRELUDE "move p A\n",
	  "t.scn:5: usage: move NAME to CGROUP [window] [=> ERRNO] | move NAME attach" },
	{ PRELUDE "move pp to A\n", "t.scn:5: unknown process 'pp'" },
	/* a migration in two steps */
	{ PRELUDE "move p to A windo\nmove p attach\n",
	  "t.scn:5: unknown word 'windo' after the cgroup (expected 'window' or nothing) (did you mean 'window'?)" },
	{ PRELUDE "move p to A now\n",
	  "t.scn:5: unknown word 'now' after the cgroup (expected 'window' or nothing)" },
	{ PRELUDE "move p to A window extra\n",
	  "t.scn:5: usage: move NAME to CGROUP [window] [=> ERRNO] | move NAME attach" },
	{ PRELUDE "move p attach\n",
	  "t.scn:5: process 'p' has no migration window open (open one with 'move p to CGROUP window')" },
	{ PRELUDE "move p to A window\n",
	  "t.scn:5: the migration window of 'p' is never closed (add 'move p attach')" },
	{ PRELUDE "move p to A window\nmove p to B\nmove p attach\n",
	  "t.scn:6: process 'p' is in the migration window opened at line 5: close it first with 'move p attach'" },
	{ PRELUDE "move p to A window\nmove p to B window\nmove p attach\n",
	  "t.scn:6: process 'p' is in the migration window opened at line 5: close it first with 'move p attach'" },
	{ PRELUDE "move p to A window => EOPNOTSUPP\nmove p attach\n",
	  "t.scn:6: process 'p' has no migration window open (open one with 'move p to CGROUP window')" },
	{ PRELUDE "move p to A window\nmove p attach\nmove p attach\n",
	  "t.scn:7: process 'p' has no migration window open (open one with 'move p to CGROUP window')" },
	{ PRELUDE "move p attach now\n",
	  "t.scn:5: usage: move NAME to CGROUP [window] [=> ERRNO] | move NAME attach" },
	{ PRELUDE "kill\n", "t.scn:5: usage: kill NAME [=> ERRNO]" },
	{ "spawn worker in A\nkill wrker\n",
	  "t.scn:2: unknown process 'wrker' (did you mean 'worker'?)" },
	/* actions */
	{ ": exit\n", "t.scn:1: missing process name before ':'" },
	{ "x: exit\n", "t.scn:1: unknown process 'x'" },
	{ PRELUDE "p:\n", "t.scn:5: missing action after 'p:'" },
	{ PRELUDE "p: tuch buf\n", "t.scn:5: unknown action 'tuch' (did you mean 'touch'?)" },
	{ PRELUDE "p: frob\n",
	  "t.scn:5: unknown action 'frob' (expected exit, mmap, touch, write, read, truncate, mlock, munlock, madvise, munmap, pin, unpin, dentries, access, replay, shmctl, clear_refs, mprotect, uffd, pagemap_scan, close or setrlimit)" },
	{ PRELUDE "p: exit &\n", "t.scn:5: '&' (background) only applies to touch, mlock, access and replay" },
	{ PRELUDE "p: exit now\n", "t.scn:5: usage: NAME: exit" },
	{ PRELUDE "p: mmap r\n",
	  "t.scn:5: usage: NAME: mmap REGION anon SIZE [shared|private] | mmap REGION memfd|sysv SIZE | mmap REGION shmem PATH SIZE | mmap REGION file PATH SIZE [shared|private]" },
	{ PRELUDE "p: mmap r anon\n",
	  "t.scn:5: usage: NAME: mmap REGION anon SIZE [shared|private] | mmap REGION memfd|sysv SIZE | mmap REGION shmem PATH SIZE | mmap REGION file PATH SIZE [shared|private]" },
	{ PRELUDE "p: mmap buf anon 1M\n", "t.scn:5: process 'p' already has a region 'buf'" },
	{ PRELUDE "p: mmap 9 anon 1M\n", "t.scn:5: invalid region name '9' (use letters, digits, '_' and '-')" },
	{ PRELUDE "p: mmap r anno 1M\n", "t.scn:5: unknown mapping kind 'anno' (did you mean 'anon'?)" },
	{ PRELUDE "p: mmap r heap 1M\n",
	  "t.scn:5: unknown mapping kind 'heap' (expected anon, file, shmem, memfd or sysv)" },
	{ PRELUDE "p: mmap r anon 0\n", "t.scn:5: mmap size must be positive, got '0'" },
	{ PRELUDE "p: mmap r anon 5X\n",
	  "t.scn:5: invalid size '5X' (expected a number with an optional K, M, G, T or p suffix)" },
	{ PRELUDE "p: mmap r anon 99999999T\n", "t.scn:5: size '99999999T' is too large" },
	{ PRELUDE "p: mmap r anon \"5M\"\n",
	  "t.scn:5: invalid size '5M' (expected a number with an optional K, M, G, T or p suffix)" },
	{ PRELUDE "p: mmap r file data 1M\n", "t.scn:5: file path 'data' must be absolute" },
	{ PRELUDE "p: mmap r file /data/ 1M\n", "t.scn:5: '/data/' is a directory, not a file" },
	{ PRELUDE "p: mmap r file /a/../b 1M\n", "t.scn:5: invalid file path '/a/../b'" },
	{ PRELUDE "p: mmap r file /a 1M shard\n",
	  "t.scn:5: unknown mapping type 'shard' (did you mean 'shared'?)" },
	{ PRELUDE "p: mmap r memfd /a 1M\n",
	  "t.scn:5: usage: NAME: mmap REGION anon SIZE [shared|private] | mmap REGION memfd|sysv SIZE | mmap REGION shmem PATH SIZE | mmap REGION file PATH SIZE [shared|private]" },
	{ PRELUDE "p: touch\n",
	  "t.scn:5: usage: NAME: touch REGION [OFFSET LENGTH] [read|write] [fill=zero|sparse|text|random|half_ascending|ratio=R|stride=STEP:BYTE|bytes=EXPR] [&]" },
	{ PRELUDE "p: touch bfu\n", "t.scn:5: process 'p' has no region 'bfu' (did you mean 'buf'?)" },
	{ PRELUDE "q: touch buf\n", "t.scn:5: process 'q' has no region 'buf'" },
	{ PRELUDE "p: munmap buf\np: touch buf\n", "t.scn:6: process 'p' has no region 'buf'" },
	{ PRELUDE "p: touch buf 1M\n", "t.scn:5: touch needs both OFFSET and LENGTH" },
	{ PRELUDE "p: touch buf 1M 2M 3M\n", "t.scn:5: too many numbers: touch takes OFFSET LENGTH" },
	{ PRELUDE "p: touch buf read write\n", "t.scn:5: touch takes one of read or write" },
	{ PRELUDE "p: touch buf wrte\n", "t.scn:5: unknown touch argument 'wrte' (did you mean 'write'?)" },
	{ PRELUDE "p: touch buf fast\n",
	  "t.scn:5: unknown touch argument 'fast' (expected read, write or fill)" },
	{ PRELUDE "p: touch buf fill=zero fill=text\n", "t.scn:5: duplicate fill=" },
	{ PRELUDE "p: touch buf fill=zero read\n", "t.scn:5: fill= only applies to write touches" },
	{ PRELUDE "p: touch buf fill=rand\n",
	  "t.scn:5: unknown fill pattern 'rand' (did you mean 'random'?)" },
	{ PRELUDE "p: touch buf fill=ones\n",
	  "t.scn:5: unknown fill pattern 'ones' (expected zero, sparse, text, random, ratio, half_ascending, stride or bytes)" },
	{ PRELUDE "p: touch buf fill=zero=1\n", "t.scn:5: fill pattern 'zero' takes no value" },
	{ PRELUDE "p: touch buf fill=ratio\n", "t.scn:5: fill=ratio needs a value, e.g. fill=ratio=0.3" },
	{ PRELUDE "p: touch buf fill=ratio=1.5\n",
	  "t.scn:5: invalid ratio '1.5' (expected a fraction from 0 to 1, or a percentage)" },
	{ PRELUDE "p: touch buf 40M 20M\n",
	  "t.scn:5: range 40M+20M is beyond the end of region 'buf' (50M)" },
	{ PRELUDE "p: touch buf 0 0\n", "t.scn:5: length must be positive, got '0'" },
	{ PRELUDE "fork p as c\nc: mlock buf 50M 1\n",
	  "t.scn:6: range 50M+1 is beyond the end of region 'buf' (50M)" },
	{ PRELUDE "p: write /f\n", "t.scn:5: usage: NAME: write PATH SIZE [OFFSET]" },
	{ PRELUDE "p: write f 1M\n", "t.scn:5: file path 'f' must be absolute" },
	{ PRELUDE "p: write /f 0\n", "t.scn:5: write size must be positive, got '0'" },
	{ PRELUDE "p: read /f 1M\n", "t.scn:5: usage: NAME: read PATH [OFFSET LENGTH]" },
	{ PRELUDE "p: read /\n", "t.scn:5: '/' is a directory, not a file" },
	{ PRELUDE "p: truncate /f\n", "t.scn:5: usage: NAME: truncate PATH SIZE" },
	{ PRELUDE "p: mlock\n", "t.scn:5: usage: NAME: mlock REGION [OFFSET LENGTH] [&]" },
	{ PRELUDE "p: munlock buf 1\n", "t.scn:5: usage: NAME: munlock REGION [OFFSET LENGTH]" },
	{ PRELUDE "p: madvise buf\n",
	  "t.scn:5: usage: NAME: madvise REGION pageout|cold|dontneed|willneed|remove [OFFSET LENGTH]" },
	{ PRELUDE "p: madvise buf pagout\n",
	  "t.scn:5: unknown madvise advice 'pagout' (did you mean 'pageout'?)" },
	{ PRELUDE "p: madvise buf free\n",
	  "t.scn:5: unknown madvise advice 'free' (expected pageout, cold, dontneed, willneed or remove)" },
	{ PRELUDE "p: munmap\n", "t.scn:5: usage: NAME: munmap REGION" },
	{ PRELUDE "p: pin buf\n", "t.scn:5: usage: NAME: pin REGION [OFFSET LENGTH] as PIN [via rdma|vfio|io_uring]" },
	{ PRELUDE "p: pin buf as x\np: pin buf as x\n", "t.scn:6: process 'p' already has a pin 'x'" },
	{ PRELUDE "p: unpin\n", "t.scn:5: usage: NAME: unpin PIN" },
	{ PRELUDE "p: pin buf as pin1\np: unpin pin2\n",
	  "t.scn:6: process 'p' has no pin 'pin2' (did you mean 'pin1'?)" },
	{ PRELUDE "p: pin buf as pin1\nq: unpin pin1\n", "t.scn:6: process 'q' has no pin 'pin1'" },
	{ PRELUDE "p: dentries\n", "t.scn:5: usage: NAME: dentries N [negative|positive]" },
	{ PRELUDE "p: dentries 5X\n",
	  "t.scn:5: invalid dentry count '5X' (expected a number with an optional K, M, G or T suffix)" },
	{ PRELUDE "p: dentries 0\n", "t.scn:5: dentry count must be positive, got '0'" },
	{ PRELUDE "p: dentries 99999999T\n", "t.scn:5: dentry count '99999999T' is too large" },
	{ PRELUDE "p: dentries 1 negativ\n",
	  "t.scn:5: unknown dentry kind 'negativ' (did you mean 'negative'?)" },
	{ PRELUDE "p: access\n",
	  "t.scn:5: usage: NAME: access REGION pattern=uniform|seq|zipf:THETA ops=N [rate=N/s] [write=FRACTION] [&]" },
	{ PRELUDE "p: access buf ops=1\n", "t.scn:5: access needs pattern=uniform|seq|zipf:THETA" },
	{ PRELUDE "p: access buf pattern=seq\n", "t.scn:5: access needs ops=N" },
	{ PRELUDE "p: access buf pattern=zip ops=1\n",
	  "t.scn:5: unknown access pattern 'zip' (did you mean 'zipf'?)" },
	{ PRELUDE "p: access buf pattern=zipf ops=1\n",
	  "t.scn:5: zipf needs a parameter, e.g. pattern=zipf:0.99" },
	{ PRELUDE "p: access buf pattern=zipf:0 ops=1\n",
	  "t.scn:5: invalid zipf parameter '0' (expected a number above 0, at most 100)" },
	{ PRELUDE "p: access buf pattern=zipf:100.5 ops=1\n",
	  "t.scn:5: invalid zipf parameter '100.5' (expected a number above 0, at most 100)" },
	{ PRELUDE "p: access buf pattern=seq:1 ops=1\n",
	  "t.scn:5: access pattern 'seq' takes no parameter" },
	{ PRELUDE "p: access buf pattern=seq ops=1 rate=5\n",
	  "t.scn:5: invalid rate '5' (expected N/s, e.g. 1M/s)" },
	{ PRELUDE "p: access buf pattern=seq ops=1 rate=0/s\n", "t.scn:5: rate must be positive, got '0'" },
	{ PRELUDE "p: access buf pattern=seq ops=0\n", "t.scn:5: ops count must be positive, got '0'" },
	{ PRELUDE "p: access buf pattern=seq ops=1 write=1.5\n",
	  "t.scn:5: invalid write fraction '1.5' (expected a fraction from 0 to 1, or a percentage)" },
	{ PRELUDE "p: access buf pattern=seq op=1\n",
	  "t.scn:5: unknown access option 'op=1' (did you mean 'ops'?)" },
	{ PRELUDE "p: access buf pattern=seq ops=1 ops=2\n",
	  "t.scn:5: duplicate access option 'ops'" },
	{ PRELUDE "p: replay\n", "t.scn:5: usage: NAME: replay TRACEFILE [&]" },
	{ PRELUDE "p: replay \"\"\n", "t.scn:5: empty trace file name" },
	/* time */
	{ "sleep\n", "t.scn:1: usage: sleep DURATION" },
	{ "sleep 10\n",
	  "t.scn:1: invalid duration '10' (expected a number with a unit: ns, us, ms or s)" },
	{ "sleep 99999999999s\n", "t.scn:1: duration '99999999999s' is too large" },
	{ "wait\n", "t.scn:1: usage: wait NAME | wait until CONDITION [timeout=DURATION]" },
	{ "wait p\n", "t.scn:1: unknown process 'p'" },
	{ "wait until\n", "t.scn:1: usage: wait until CONDITION [timeout=DURATION]" },
	{ "wait until A/x == 1 timeout=0s\n", "t.scn:1: duration must be positive, got '0s'" },
	{ "wait until A/x == 1 timeout=1\n",
	  "t.scn:1: invalid duration '1' (expected a number with a unit: ns, us, ms or s)" },
	/* expectations */
	{ "expect\n", "t.scn:1: usage: expect CONDITION [xfail \"REASON\"]" },
	{ "expect A/x\n", "t.scn:1: missing comparison after 'A/x'" },
	{ "expect A/x =< 5\n", "t.scn:1: unknown comparison '=<' (did you mean '<='?)" },
	{ "expect A/x = 5\n", "t.scn:1: unknown comparison '=' (did you mean '=='?)" },
	{ "expect A/x is 5\n",
	  "t.scn:1: unknown comparison 'is' (expected ==, !=, <, <=, >, >=, ~, empty, contains, !contains, killed, alive or exited)" },
	{ "expect A/x emtpy\n", "t.scn:1: unknown comparison 'emtpy' (did you mean 'empty'?)" },
	{ PRELUDE "expect p kiled\n", "t.scn:5: unknown comparison 'kiled' (did you mean 'killed'?)" },
	{ "expect x killed\n", "t.scn:1: unknown process 'x'" },
	{ "expect A/x + A/y\n",
	  "t.scn:1: missing comparison (==, !=, <, <=, >, >=, ~, empty, contains, killed, alive, exited)" },
	{ "expect == 5\n", "t.scn:1: missing value in comparison" },
	{ "expect A/x ==\n", "t.scn:1: missing value in comparison" },
	{ "expect A/x + == 5\n", "t.scn:1: missing value after '+'" },
	{ "expect A/x A/y == 5\n", "t.scn:1: unknown comparison 'A/y' (expected ==, !=, <, <=, >, >=, ~, empty, contains, !contains, killed, alive or exited)" },
	{ "let a = (1 + 2\n", "t.scn:1: missing ')'" },
	{ "expect A/x == 5X\n",
	  "t.scn:1: invalid number '5X' (expected an integer or a size like 50M)" },
	{ "expect A/x == 9999999999999999999\n",
	  "t.scn:1: number '9999999999999999999' is too large" },
	{ "expect A/x == 8192P\n",
	  "t.scn:1: invalid number '8192P' (expected an integer or a size like 50M)" },
	{ "expect A/x == max + 1\n", "t.scn:1: 'max' cannot be part of a sum" },
	{ "expect A/x == \"a\" + 1\n", "t.scn:1: a quoted string cannot be part of a sum" },
	{ "expect \"a\" == A/x\n", "t.scn:1: a quoted string can only be on the right of a comparison" },
	{ "expect 5 == \"a\"\n", "t.scn:1: a quoted string can only be compared with one file" },
	{ "expect A/x < \"a\"\n", "t.scn:1: a quoted string can only be compared with == or !=" },
	{ "expect A/x ~ 5\n", "t.scn:1: '~' needs a tolerance, e.g. '~ 29M 15%'" },
	{ "expect A/x == 5 5%\n", "t.scn:1: a tolerance only applies to '~'" },
	{ "expect A/x ~ 5 101%\n",
	  "t.scn:1: invalid tolerance '101%' (expected a whole percentage from 0% to 100%)" },
	{ "expect A/x ~ 5 1.5%\n",
	  "t.scn:1: invalid tolerance '1.5%' (expected a whole percentage from 0% to 100%)" },
	{ "expect A/x contains \"\"\n", "t.scn:1: 'contains' needs a non-empty word" },
	{ "expect A/x:k empty\n", "t.scn:1: a :KEY selector is not allowed here ('A/x:k')" },
	{ "expect A/x == 1 xfail \"a\" \"b\"\n", "t.scn:1: unexpected 'b' after the xfail reason" },
	{ "expect xfail\n", "t.scn:1: usage: expect CONDITION [xfail \"REASON\"]" },
	{ PRELUDE "expect pagemap p buf swap ==\n",
	  "t.scn:5: usage: pagemap NAME REGION [OFFSET LENGTH] present|swap|file|exclusive|soft_dirty|uffd_wp|swap_resident OP N [TOL%]" },
	{ PRELUDE "expect pagemap x buf swap == 1\n", "t.scn:5: unknown process 'x'" },
	/* issue 11: pages, lseek, tmpfs, shmctl, clear_refs, mprotect, uffd, pagemap_scan, scan() */
	{ PRELUDE "read pagemap p buf\n",
	  "t.scn:5: usage: pagemap NAME REGION [OFFSET LENGTH] present|swap|file|exclusive|soft_dirty|uffd_wp|swap_resident" },
	{ PRELUDE "read mincore p buf == 3\n",
	  "t.scn:5: usage: mincore NAME REGION [OFFSET LENGTH]" },
	{ "mount tmpfs relative\n",
	  "t.scn:1: file path 'relative' must be absolute" },
	{ PRELUDE "read /proc/x/pagemap buf\n",
	  "t.scn:5: unknown process 'x'" },
	{ PRELUDE "read /proc/p/pagemap nope\n",
	  "t.scn:5: process 'p' has no region 'nope'" },
	{ PRELUDE "read /proc/p/status buf\n",
	  "t.scn:5: only /proc/NAME/pagemap and /proc/kpageflags, kpagecount and kpagecgroup are read by region" },
	{ PRELUDE "read /proc/kpageflags p buf bytes 0 8\n",
	  "t.scn:5: bytes POS COUNT reads the pagemap only" },
	{ PRELUDE "expect kpageflags p buf anno == 1\n",
	  "t.scn:5: unknown kpageflags flag 'anno' (did you mean 'anon'?)" },
	{ PRELUDE "expect mincore p buf\n",
	  "t.scn:5: usage: mincore NAME REGION [OFFSET LENGTH] OP N [TOL%]" },
	{ PRELUDE "expect kpagecgroup p buf == 1\n",
	  "t.scn:5: usage: kpagecgroup NAME REGION [OFFSET LENGTH] CGROUP OP N [TOL%]" },
	{ "expect lseek /dev/shm/s middle 0 == 0\n",
	  "t.scn:1: unknown lseek whence 'middle' (expected data or hole)" },
	{ "expect lseek /dev/shm/s data 0 < ENXIO\n",
	  "t.scn:1: an errno compares only with == or !=" },
	{ "expect lseek /dev/shm/s data 0 ~ 4K\n",
	  "t.scn:1: '~' does not apply to lseek" },
	{ PRELUDE "p: shmctl buf\n",
	  "t.scn:5: usage: NAME: shmctl REGION lock|unlock" },
	{ PRELUDE "p: shmctl buf lcok\n",
	  "t.scn:5: unknown shmctl command 'lcok' (did you mean 'lock'?)" },
	{ PRELUDE "p: clear_refs x\n",
	  "t.scn:5: clear_refs takes an integer, got 'x'" },
	{ PRELUDE "p: mprotect buf exec\n",
	  "t.scn:5: unknown protection 'exec' (expected none, read or write)" },
	{ PRELUDE "p: uffd opne\n",
	  "t.scn:5: unknown uffd operation 'opne' (did you mean 'open'?)" },
	{ PRELUDE "p: uffd open wp_asnyc\n",
	  "t.scn:5: unknown uffd feature 'wp_asnyc' (did you mean 'wp_async'?)" },
	{ PRELUDE "p: uffd register buf\n",
	  "t.scn:5: uffd register needs a mode: missing, wp or minor" },
	{ PRELUDE "p: uffd register buf wpp\n",
	  "t.scn:5: unknown uffd mode 'wpp' (did you mean 'wp'?)" },
	{ PRELUDE "p: pagemap_scan buf vec=1 nullvec=1\n",
	  "t.scn:5: vec= and nullvec= exclude each other" },
	{ PRELUDE "p: pagemap_scan buf mask=writen\n",
	  "t.scn:5: unknown page category 'writen' (did you mean 'written'?)" },
	{ PRELUDE "p: pagemap_scan buf vec=x\n",
	  "t.scn:5: vec= takes a number, got 'x'" },
	{ PRELUDE "p: pagemap_scan buf vec=1 vec=2\n",
	  "t.scn:5: duplicate pagemap_scan option 'vec'" },
	{ PRELUDE "expect scan(p.foo) == 1\n",
	  "t.scn:5: scan(p.foo): unknown field (expected ret, walk_end, pages, start[K], len[K] or cats[K])" },
	{ PRELUDE "expect scan(x.ret) == 1\n",
	  "t.scn:5: scan(x.ret): 'x' is not a process" },
	{ PRELUDE "expect scan(p.len) == 1\n",
	  "t.scn:5: scan(p.len): start, len and cats need a region [K]" },
	{ PRELUDE "expect scan(p.ret[1]) == 1\n",
	  "t.scn:5: scan(p.ret[1]): only start, len and cats take a region [K]" },
	{ PRELUDE "expect scan(p.len[x]) == 1\n",
	  "t.scn:5: scan(p.len[x]): invalid region index" },
	{ PRELUDE "expect scan(pret) == 1\n",
	  "t.scn:5: scan(pret): expected scan(NAME.FIELD)" },
	{ PRELUDE "expect pagemap q buf swap == 1\n", "t.scn:5: process 'q' has no region 'buf'" },
	{ PRELUDE "expect pagemap p buf swp == 1\n",
	  "t.scn:5: unknown pagemap bit 'swp' (did you mean 'swap'?)" },
	{ PRELUDE "expect pagemap p buf dirty == 1\n",
	  "t.scn:5: unknown pagemap bit 'dirty' (expected present, swap, file, exclusive, soft_dirty, uffd_wp or swap_resident)" },
	{ PRELUDE "expect pagemap p buf swap = 1\n",
	  "t.scn:5: unknown comparison '=' (did you mean '=='?)" },
	{ PRELUDE "expect pagemap p buf swap == 1 x\n",
	  "t.scn:5: unexpected 'x' after the page count" },
	{ PRELUDE "expect pagemap p buf swap == 1 5%\n",
	  "t.scn:5: a tolerance only applies to '~'" },
	{ PRELUDE "expect pagemap p buf swap == 6K\n",
	  "t.scn:5: '6K' is not a whole number of pages" },
	/* record */
	{ "record every 1s to x.csv\n",
	  "t.scn:1: usage: record every DURATION TARGET[:KEY]... to FILE" },
	{ "record each 1s A/x to x.csv\n",
	  "t.scn:1: usage: record every DURATION TARGET[:KEY]... to FILE" },
	{ "record every 0s A/x to x.csv\n", "t.scn:1: duration must be positive, got '0s'" },
	{ "record every 1s A/x to \"\"\n", "t.scn:1: empty output file name" },
	{ PRELUDE "fork p as c => EAGAIN\nc: exit\n", "t.scn:6: unknown process 'c'" },
	{ PRELUDE "p: truncate f 0\n", "t.scn:5: file path 'f' must be absolute" },
	{ PRELUDE "p: munlock x\n", "t.scn:5: process 'p' has no region 'x'" },
	{ PRELUDE "p: madvise x cold\n", "t.scn:5: process 'p' has no region 'x'" },
	{ PRELUDE "p: munmap x\n", "t.scn:5: process 'p' has no region 'x'" },
	{ PRELUDE "p: pin x as y\n", "t.scn:5: process 'p' has no region 'x'" },
	{ PRELUDE "p: access x pattern=seq ops=1\n", "t.scn:5: process 'p' has no region 'x'" },
	{ PRELUDE "p: pin buf as 1\n", "t.scn:5: invalid pin name '1' (use letters, digits, '_' and '-')" },
	{ PRELUDE "p: pin buf as x => EFAULT\np: unpin x\n", "t.scn:6: process 'p' has no pin 'x'" },
	{ PRELUDE "p: munmap buf => EINVAL\np: munmap buf\np: touch buf\n",
	  "t.scn:7: process 'p' has no region 'buf'" },
	{ PRELUDE "p: exit => BAD\n", "t.scn:5: unknown errno 'BAD' (did you mean 'EBADF'?)" },
	{ PRELUDE "expect pagemap p buf swap == 5Q\n",
	  "t.scn:5: invalid size '5Q' (expected a number with an optional K, M, G, T or p suffix)" },
	{ "expect A/x ~ 5 12345678%\n",
	  "t.scn:1: invalid tolerance '12345678%' (expected a whole percentage from 0% to 100%)" },
	{ "record every 1s fd to x.csv\n",
	  "t.scn:1: 'fd' is neither a file path nor an open file name" },
};

static void test_errors(void)
{
	struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errors); i++) {
		struct scn_script *sc = parse(errors[i].src, &err);

		sb_reset(&want);
		sb_printf(&want, "%s\n", errors[i].msg);
		ok(!sc, "fails: %s", errors[i].msg);
		is_str(err.buf, want.buf, "message: %s", errors[i].msg);
		scn_script_free(sc);
	}
	sb_release(&err);
	sb_release(&want);
}

/* All errors are reported, in order, and nothing more than the limit. */
static void test_many_errors(void)
{
	struct strbuf err = STRBUF_INIT, src = STRBUF_INIT;
	struct scn_script *sc;
	size_t lines = 0;
	const char *p;
	int i;

	sc = parse("mkdri A\nmkdir B\nsleep 1\nexpect A/x ~ 1\n", &err);
	ok(!sc, "several errors");
	is_str(err.buf, "t.scn:1: unknown statement 'mkdri' (did you mean 'mkdir'?)\n"
	       "t.scn:3: invalid duration '1' (expected a number with a unit: ns, us, ms or s)\n"
	       "t.scn:4: '~' needs a tolerance, e.g. '~ 29M 15%'\n",
	       "every error, one per line");

	for (i = 0; i < 2 * SCN_MAX_ERRORS; i++)
		sb_puts(&src, "bogus\n");
	sc = parse(src.buf, &err);
	ok(!sc, "a hundred errors");
	for (p = err.buf; p && *p; p++)
		lines += *p == '\n';
	is_long(lines, SCN_MAX_ERRORS + 1, "stops after SCN_MAX_ERRORS");
	ok(strstr(err.buf, "t.scn:50: too many errors, giving up\n") != NULL,
	   "says it gave up");

	sc = parse(PRELUDE "spawn p2 in A bogus=1\np2: mmap r anon 5X\n"
		   "p2: touch r\n", &err);
	is_str(err.buf, "t.scn:5: unknown spawn option 'bogus=1' (expected threads, oom_score_adj, cpu or uid)\n"
	       "t.scn:6: invalid size '5X' (expected a number with an optional K, M, G, T or p suffix)\n",
	       "names stay declared after an error: no cascade");
	scn_script_free(sc);
	sb_release(&src);
	sb_release(&err);
}

static void test_file(void)
{
	struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;
	char path[] = "/tmp/test_parser_XXXXXX";
	struct scn_script *sc;
	FILE *f;
	int fd, ret;

	ret = scn_parse_file("/nonexistent/x.scn", &sc, &err);
	is_long(ret, -ENOENT, "missing file: -ENOENT");
	ok(!sc, "no script");
	is_str(err.buf, "/nonexistent/x.scn: No such file or directory\n",
	       "missing file message");

	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	ok(f != NULL, "temporary file");
	if (!f)
		return;
	fputs("machine memory=512M\nmkdir A\nexpect A/x ==\n", f);
	fclose(f);
	sb_reset(&err);
	ret = scn_parse_file(path, &sc, &err);
	is_long(ret, -EINVAL, "syntax error: -EINVAL");
	sb_printf(&want, "%s:3: missing value in comparison\n", path);
	is_str(err.buf, want.buf, "the path is the file name in messages");

	f = fopen(path, "w");
	fputs("machine memory=512M\nmkdir A\n", f);
	fclose(f);
	sb_reset(&err);
	ret = scn_parse_file(path, &sc, &err);
	is_long(ret, 0, "parses");
	if (sc) {
		is_str(sc->file, path, "script file");
		is_str(sc->stmts[1].file, path, "statement file");
		is_long(sc->machine.memory, 512ULL << 20, "machine from the file");
	}
	ok(!err.len, "no message on success");
	scn_script_free(sc);
	unlink(path);
	sb_release(&err);
	sb_release(&want);
}

int main(void)
{
	test_errors();
	test_many_errors();
	test_file();
	return done_testing();
}
