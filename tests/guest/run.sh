#!/bin/sh
# make check-guest: boot Debian's Linux 6.12 under qemu with build/guest-run
# and check that the runner tells every way a guest run can end apart.
# Each case is one boot (about 10 s under TCG).  Skips, with the command
# that installs what is missing, when qemu or the kernel is not there.
# Ends with "N passed, N failed".
BUILD=${1:-build}
run="$BUILD/guest-run -q --memory 512M --disk 1G"
probe="$BUILD/guest/probe"
log="$BUILD/check-guest.log"
pass=0
fail=0

scripts/kernel-present.sh check-guest || exit 0
: > "$log"

# check NAME WANT-STATUS WANT-TEXT ARGS...: run, compare status and output
check() {
	name=$1 want=$2 text=$3
	shift 3
	out=$($run "$@" 2>&1)
	status=$?
	printf '== %s (status %s)\n%s\n' "$name" "$status" "$out" >> "$log"
	if [ "$status" = "$want" ] &&
	   printf '%s\n' "$out" | tr '\n' ' ' | grep -q -- "$text"; then
		pass=$((pass + 1))
		echo "ok - $name"
	else
		fail=$((fail + 1))
		echo "not ok - $name: status $status (want $want), no '$text'"
		printf '%s\n' "$out" | tail -15 | sed 's/^/#   /'
	fi
}

check "exit status and both streams" 7 "to stderr" $probe exit 7
check "stdout relayed" 7 "to stdout" $probe exit 7
check "classic LRU, THP never, zswap and sysctl set, stdout a tty" 0 \
	"lru_gen 0x0000.*thp always madvise \[never\].*zswap Y.*swappiness 33.*root_ext4 1.*data_ext4 1.*tty 1" \
	--swap 64M --param zswap.enabled=Y --sysctl vm.swappiness=33 \
	--root /data $probe env
check "setup failure is a boot failure" 126 "verdict boot-failed" \
	--sysctl vm.no_such_knob=1 $probe env
check "OOM kill of the payload" 137 "verdict oom-killed" $probe oom
check "guest timeout" 124 "verdict timeout" --timeout 3 $probe sleep 60
check "kernel panic" 125 "verdict kernel-panic" $probe panic
check "dynamic program refused" 127 "link it with -static" /bin/true

echo "$pass passed, $fail failed (log: $log)"
[ "$fail" = 0 ]
