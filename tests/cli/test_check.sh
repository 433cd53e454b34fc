#!/bin/sh
# memcglab check: a failed scenario shows its `not ok` lines (not its known
# failures) and its first error under its FAIL line; a passing one shows
# only its line; nothing to run is an error (exit 2), not "0 passed".
. "$(dirname "$0")/tap.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

mkdir "$dir/suite" "$dir/empty"
cat >"$dir/suite/bad.scn" <<'EOF'
mkdir A
expect A/cgroup.procs contains "x"
expect 1 == 2 xfail "known"
let z = 0
let y = 1 / $z
EOF
printf 'mkdir A\nexpect A/cgroup.procs empty\n' >"$dir/suite/good.scn"
printf 'expect A/x\n' >"$dir/suite/unparsed.scn"

out=$("$M" check "$dir/suite")
status=$?
ok $((status != 1)) "a failed scenario fails the check (exit $status)"
printf '%s\n' "$out" | grep -q '^    not ok 1 - line 2: expect A/cgroup.procs contains "x" # got ""$'
ok $? "its not ok line is shown"
printf '%s\n' "$out" | grep -q 'TODO'
ok $((! $?)) "its known failure is not"
printf '%s\n' "$out" | grep -q "^    $dir/suite/bad.scn:5: division by zero: 1 / 0\$"
ok $? "its first error is shown"
printf '%s\n' "$out" | grep -q "^    $dir/suite/unparsed.scn:1: missing comparison after 'A/x'\$"
ok $? "a parse error is shown"
[ "$(printf '%s\n' "$out" | grep -A1 'good.scn' | grep -c '^    ')" -eq 0 ]
ok $? "a passing scenario shows nothing more"
printf '%s\n' "$out" | tail -1 | grep -q '^1 passed, 2 failed$'
ok $? "the summary"

expect_fail 2 "no .scn file to run" "a directory without scenarios" -- check "$dir/empty"
expect_fail 2 "no scenario or directory" "no arguments" -- check

done_testing
