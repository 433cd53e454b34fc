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
for m in memory=4T memory=16383T memory=1T; do
	run_scn big "machine $m
mkdir A"
	[ "$status" = 2 ] && has "big.scn:1: machine $m: the model boots at most 256G of RAM"
	ok $? "machine $m is refused with the limit (exit $status)"
done
run_scn swap "machine swap=16383T
mkdir A"
[ "$status" = 2 ] && has "swap.scn:1: machine swap=16383T: the model has at most 1T of swap"
ok $? "machine swap=16383T is refused with the limit (exit $status)"
run_scn tiny "machine memory=132K
mkdir A"
[ "$status" = 2 ] && has "machine memory=132K: the model needs at least 1M of RAM per node"
ok $? "a machine too small to boot is refused, not a crash (exit $status)"
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

done_testing
