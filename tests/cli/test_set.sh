#!/bin/sh
# run --set TARGET=VALUE: VALUE is written after every statement that
# writes TARGET, else after the mkdir of its cgroup, else it is an error
# (docs/scenario.md, "Sweeps").
. "$(dirname "$0")/tap.sh"
scn=tests/data/cli/set.scn

reads() {	# the read lines of a run
	"$M" run "$@" "$scn" | grep -E '^[^ #]+: ' | tr '\n' ' '
}

[ "$(reads)" = "A/memory.max: 31457280 B/memory.high: max /proc/sys/vm/swappiness: 60 A/memory.max: 41943040 " ]
ok $? "without --set, the scenario's own values"
[ "$(reads --set A/memory.max=64M)" = "A/memory.max: 67108864 B/memory.high: max /proc/sys/vm/swappiness: 60 A/memory.max: 67108864 " ]
ok $? "a file the scenario writes: the value follows each of its writes"
[ "$(reads --set B/memory.high=10M)" = "A/memory.max: 31457280 B/memory.high: 10485760 /proc/sys/vm/swappiness: 60 A/memory.max: 41943040 " ]
ok $? "a file it does not write: written after the mkdir of its cgroup"
[ "$(reads -S /proc/sys/vm/swappiness=10)" = "A/memory.max: 31457280 B/memory.high: max /proc/sys/vm/swappiness: 10 A/memory.max: 41943040 " ]
ok $? "a sysctl the scenario sets: after its sysctl statement"
expect_fail 2 "--set C/memory.max=1M: the scenario neither writes C/memory.max nor creates its cgroup C" \
	"a file of a cgroup the scenario never makes is an error" -- run --set C/memory.max=1M "$scn"
out=$("$M" run --set A/memory.max=bogus "$scn")
status=$?
[ $status -eq 1 ] && printf '%s' "$out" | grep -q '^not ok 1 - line 7: write A/memory.max 30M # --set A/memory.max=bogus: failed with EINVAL$'
ok $? "a value the kernel refuses fails the statement's TAP line (exit $status)"
"$M" run --json --set A/memory.max=64M "$scn" | grep -q '"set":{"A/memory.max":"64M"}'
ok $? "the JSON header has the --set values"

done_testing
