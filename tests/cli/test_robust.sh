#!/bin/sh
# Hostile input to a run (issue 15): every case ends with a clear message
# and exit status 2 (an error) or 1 (a failed statement), never a crash, a
# hang or a silently wrong result.  Each case failed before its fix.
. "$(dirname "$0")/tap.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# run_scn NAME TEXT [ARGS...]: write $T/NAME.scn, run it; $out, $err,
# $status.  A watchdog ends a run that hangs (status 124): a hang detector,
# generous enough never to measure speed.
run_scn() {
	name=$1 text=$2
	shift 2
	printf '%s\n' "$text" >"$T/$name.scn"
	out=$(timeout 300 "$M" run "$@" "$T/$name.scn" 2>"$T/err")
	status=$?
	err=$(cat "$T/err")
}

# has TEXT: stderr has TEXT
has() {
	printf '%s' "$err" | grep -qF -- "$1"
}

# ---- machines the model cannot boot: refused at once, with the limit ----
for m in memory=16383T memory=65T; do
	run_scn big "machine $m
mkdir A"
	[ "$status" = 2 ] && has "big.scn:1: machine $m: the model boots at most 64T of RAM"
	ok $? "machine $m is refused with the limit (exit $status)"
done
# ---- and the largest it can boot does: the memory map is made on demand
for m in memory=1T memory=4T memory=64T; do
	run_scn big "machine $m
write cgroup.subtree_control +memory
mkdir A
spawn p in A
p: mmap r anon 200M
p: touch r
expect A/memory.current ~ 200M 3%" --verify
	[ "$status" = 0 ]
	ok $? "machine $m boots and runs (exit $status)"
done
run_scn swap "machine swap=16383T
mkdir A"
[ "$status" = 2 ] && has "swap.scn:1: machine swap=16383T: the model has at most 1T of swap"
ok $? "machine swap=16383T is refused with the limit (exit $status)"
run_scn tiny "machine memory=132K
mkdir A"
[ "$status" = 2 ] && has "machine memory=132K: the model needs at least 1M of RAM per node"
ok $? "a machine too small to boot is refused, not a crash (exit $status)"
# within the model's range, but the boot reservations (memmap, four CPUs'
# per-CPU areas, the kernel's) leave too little: named, not "out of host memory"
run_scn small "machine memory=8M cpus=4
mkdir A"
[ "$status" = 2 ] && has "small.scn:1: machine memory=8M cpus=4 nodes=1: too small to boot"
ok $? "a machine too small for its boot reservations is named so (exit $status)"
run_scn nodes "machine memory=1G nodes=9
mkdir A"
[ "$status" = 2 ] && has "machine nodes=9: the model has 1 to 8 NUMA nodes"
ok $? "more nodes than the model has are named as such (exit $status)"
# a boot that fails half way (no temporary file for the disk) tears down
printf 'machine memory=64M swap=64M\nmkdir A\n' >"$T/tmpdir.scn"
err=$(TMPDIR=/nonexistent "$M" run "$T/tmpdir.scn" 2>&1 >/dev/null)
status=$?
[ "$status" = 2 ] && has "cannot boot the machine"
ok $? "a boot that fails half way is an error, not a crash (exit $status)"

# ---- waits: from event to event, never polling an idle machine ----
run_scn longwait "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
wait until A/memory.current > 1G timeout=3153600000s
expect A/memory.current == 0"
[ "$status" = 0 ]
ok $? "a 100-year wait until on an idle machine ends (exit $status)"

# ---- workloads: a count that would run for days is refused at once ----
run_scn ops "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
spawn p in A
p: mmap r anon 1M
p: access r pattern=uniform ops=18446744073709551615"
[ "$status" = 2 ] && has "ops.scn:6: 18446744073709551615 accesses in one action, over the limit of 100000000 (memcglab run --limit ops=N)"
ok $? "access ops=2^64-1 is over the ops limit (exit $status)"
run_scn touchlimit "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
spawn p in A
p: mmap r anon 1M
p: touch r" --limit ops=255
[ "$status" = 2 ] && has "256 pages in one action, over the limit of 255"
ok $? "--limit ops=N bounds touch too (exit $status)"

# ---- recording ----
run_scn rec "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
record every 1us A/memory.current to $T/out.csv
sleep 1000000s" --limit samples=1000
[ "$status" = 2 ] && has "rec.scn:4: record to $T/out.csv: stopped after 1000 samples, the limit of one recording" &&
	[ "$(wc -l <"$T/out.csv")" = 1001 ]
ok $? "record every 1us stops at the samples limit: the header and 1000 rows (exit $status)"
cp "$T/rec.scn" "$T/keep.scn"
run_scn self "machine memory=64M
record every 1ms memory.stat:anon to $T/keep.scn
sleep 1ms"
[ "$status" = 2 ] && has "record to $T/keep.scn would overwrite a scenario" &&
	cmp -s "$T/rec.scn" "$T/keep.scn"
ok $? "record ... to a .scn file is refused, the file intact (exit $status)"
ln -s "$T/self.scn" "$T/link.csv"
run_scn self "machine memory=64M
record every 1ms memory.stat:anon to $T/link.csv
sleep 1ms"
[ "$status" = 2 ] && has "would overwrite a scenario" && grep -q '^machine' "$T/self.scn"
ok $? "... and to any name of the running scenario (exit $status)"
run_scn full "machine memory=64M
record every 100ms memory.stat:anon to /dev/full
sleep 1s"
[ "$status" = 2 ] && has "full.scn:2: record to /dev/full: No space left on device"
ok $? "a record that cannot be written is an error (exit $status)"
run_scn comma "machine memory=64M
write cgroup.subtree_control +memory
mkdir \"a,b\"
record every 100ms \"a,b/memory.current\" to $T/comma.csv
sleep 1s"
[ "$status" = 0 ] &&
	[ "$(head -1 "$T/comma.csv" | tr -d '\r')" = 'time_ns,"a,b/memory.current"' ]
ok $? "a header with a comma is quoted (RFC 4180) (exit $status)"

# ---- replay ----
printf '0ms w r 18446744073709551360+256\n' >"$T/wrap.trace"
run_scn wrap "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
spawn p in A
p: mmap r anon 1M
p: replay wrap.trace => EFAULT
p: exit
expect A/memory.stat:anon == 0" --verify
[ "$status" = 0 ] && [ -z "$err" ]
ok $? "a trace line whose page+count wraps is outside the region: EFAULT, nothing left (exit $status)"
mkdir "$T/dir.trace"
run_scn dir "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
spawn p in A
p: mmap r anon 1M
p: replay dir.trace"
[ "$status" = 2 ] && has "dir.scn:6: cannot read trace $T/dir.trace: Is a directory"
ok $? "replay of a directory is an error (exit $status)"

# ---- reads that fail leave nothing uninitialised (UBSan under SAN=1) ----
run_scn noread "machine memory=64M
read /proc/meminfo:NoKey
record every 1ms nonexistent/memory.current to $T/none.csv
sleep 5ms"
[ "$status" = 1 ] && [ -z "$err" ] &&
	[ "$(sed -n 2p "$T/none.csv" | tr -d '\r')" = "0," ]
ok $? "a missing key and an unreadable recorded file (exit $status)"

# ---- a statement expected to fail that succeeds declares nothing: its
# process, region or file must not outlive it unreachable ----
run_scn undo "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
spawn p in A
fork p as q => ESRCH
spawn r in A => EBUSY
p: mmap m anon 1M => ENOMEM
p: mmap m anon 2M
p: touch m
p: munmap m
open A/memory.max as f => ENOENT
open A/memory.max as f
close f
expect A/cgroup.procs contains \"100\"
expect A/cgroup.procs !contains \"101\"
expect A/cgroup.procs !contains \"102\"
p: exit
expect A/memory.stat:anon == 0" --verify
[ "$status" = 1 ] &&
	[ "$(printf '%s\n' "$out" | grep -c '^not ok.* # succeeded$')" = 4 ] &&
	[ "$(printf '%s\n' "$out" | grep -c '^ok')" = 4 ]
ok $? "fork, spawn, mmap and open that should have failed: reported, then undone (exit $status)"

# ---- background actions report how they ended ----
printf '0ms w r 1000\n' >"$T/oob.trace"
run_scn bg "machine memory=64M
write cgroup.subtree_control +memory
mkdir A
write A/memory.max 2M
write A/memory.swap.max 0
spawn p in A
p: mmap r anon 1M
p: replay oob.trace &
sleep 10ms
echo after
p: replay oob.trace & => EFAULT
p: touch r & => EFAULT
spawn big in A
big: mmap h anon 8M
big: touch h &
wait big
expect big killed"
[ "$status" = 1 ] &&
	[ "$(printf '%s\n' "$out" | sed -n 2,6p)" = "not ok 1 - line 8: p: replay oob.trace & # failed with EFAULT
after
ok 2 - line 11: p: replay oob.trace & => EFAULT
not ok 3 - line 12: p: touch r & => EFAULT # succeeded
ok 4 - line 17: expect big killed" ]
ok $? "a failed & is reported under its line, after the statement it ended in; an OOM kill is not a failure (exit $status)"

# ---- --policy with nothing to run ----
printf '' >"$T/empty.scn"
printf '# only a comment\n' >"$T/comment.scn"
for f in empty comment; do
	err=$("$M" run --policy foo=bar "$T/$f.scn" 2>&1 >/dev/null)
	status=$?
	[ "$status" = 2 ] && has "unknown policy 'foo'"
	ok $? "--policy foo=bar on a$( [ $f = empty ] && echo n) $f scenario: an error, not a crash (exit $status)"
	err=$("$M" run --policy smemcg=share "$T/$f.scn" 2>&1 >/dev/null)
	status=$?
	[ "$status" = 2 ] && has "policy smemcg has no value 'share'"
	ok $? "--policy with a value the switch does not have: an error (exit $status)"
	"$M" run --policy zswap.lru=global "$T/$f.scn" >/dev/null 2>&1
	ok $? "--policy zswap.lru=global on it runs"
done

# ---- reports of nothing (UBSan under SAN=1: qsort() given NULL) ----
mkdir "$T/none"
printf 'machine memory=64M\nmkdir A\n' >"$T/norec.scn"
err=$("$M" run --report "$T/rep" "$T/norec.scn" 2>&1 >/dev/null)
[ $? = 0 ] && [ -s "$T/rep/report.html" ] && ! has "runtime error"
ok $? "run --report of a run with no series and no events"
err=$("$M" check "$T/none" 2>&1 >/dev/null)
[ $? = 2 ] && has "no .scn file to run" && ! has "runtime error"
ok $? "check of a directory without scenarios"
err=$("$M" sweep --collect "$T/none" 2>&1 >/dev/null)
[ $? = 2 ] && has "no results" && ! has "runtime error"
ok $? "sweep --collect of a directory without results"

# ---- the freezer: what would wait for a thaw is an error, not a hang ----
frozen_scn="machine memory=64M
write cgroup.subtree_control +memory
mkdir F
spawn p in F
p: mmap buf anon 1M
write F/cgroup.freeze 1"
run_scn frozen_act "$frozen_scn
p: touch buf"
[ "$status" = 2 ] && has "frozen_act.scn:7: p is frozen (cgroup.freeze of F or of an ancestor is 1): it cannot run an action until its cgroup is thawed"
ok $? "an action of a frozen process is refused with FILE:LINE (exit $status)"
run_scn frozen_fork "$frozen_scn
fork p as c"
[ "$status" = 2 ] && has "frozen_fork.scn:7: p is frozen" && has "cannot fork"
ok $? "a fork by a frozen process is refused (exit $status)"
run_scn frozen_wait "machine memory=64M
write cgroup.subtree_control +memory
mkdir F
spawn p in F
p: mmap buf anon 8M
p: touch buf &
write F/cgroup.freeze 1
wait p"
[ "$status" = 2 ] && has "frozen_wait.scn:8: p is frozen" && has "finish its background actions"
ok $? "waiting for a frozen process's background action is refused (exit $status)"
run_scn frozen_threads "$frozen_scn
spawn t in F threads=4"
[ "$status" = 2 ] && has "frozen_threads.scn:7: t is frozen" && has "cannot create its threads"
ok $? "a process born frozen cannot make its threads (exit $status)"
run_scn frozen_kill "$frozen_scn
kill p
expect p killed
write F/cgroup.freeze 0"
[ "$status" = 0 ]
ok $? "a frozen process can be killed (exit $status)"

done_testing
