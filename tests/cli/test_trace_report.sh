#!/bin/sh
# memcglab trace damon and memcglab report from the command line: the
# converted trace replays (its footprint is what the record shows), and a
# report made from a run's JSON is the page run --report wrote.
. "$(dirname "$0")/tap.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rec=tests/data/damon/damo-raw.txt

"$M" trace damon "$rec" >"$T/a.trace"
ok $? "trace damon converts damo's raw form"
grep -q '^#   mmap damon0 anon 128K' "$T/a.trace" && grep -q '^150250us w damon1 0+2$' "$T/a.trace"
ok $? "the regions to map and the accesses"
"$M" trace damon -o "$T/b.trace" --prefix r "$rec" && [ "$(grep -c '^[0-9].* r[01] ' "$T/b.trace")" -eq 4 ]
ok $? "-o and --prefix"
"$M" trace damon - <"$rec" | grep -v '^#' >"$T/stdin.trace"
grep -v '^#' "$T/a.trace" | cmp -s - "$T/stdin.trace"
ok $? "- reads the record from standard input"
expect_fail 2 "in.txt" "a malformed record is an error naming it" -- trace damon "$T/in.txt"

# damon0 is 32 pages, all touched; damon1 2 pages: 34 pages of anon
cat >"$T/replay.scn" <<'SCN'
machine memory=256M
write cgroup.subtree_control +memory
mkdir A
spawn p in A
p: mmap damon0 anon 128K
p: mmap damon1 anon 8K
p: replay a.trace
expect A/memory.stat:anon == 139264
SCN
"$M" run "$T/replay.scn" >"$T/replay.out"
ok $? "the trace replays: 34 pages of anon, as DAMON's regions cover"

"$M" run --record-dir "$T" --report "$T/rep" tests/data/json/run.scn >/dev/null 2>&1
[ -s "$T/rep/report.html" ] && [ -s "$T/rep/results.json" ]
ok $? "run --report writes report.html and results.json"
"$M" report -o "$T/again.html" "$T/rep/results.json" 2>/dev/null
cmp -s "$T/rep/report.html" "$T/again.html"
ok $? "report of the results writes the same page, byte for byte"
"$M" report -o - - <"$T/rep/results.json" | cmp -s - "$T/rep/report.html"
ok $? "report - reads standard input, -o - writes standard output"
cp "$T/rep/results.json" "$T/x.json"
"$M" report "$T/x.json" 2>/dev/null && [ -s "$T/x.html" ]
ok $? "the default output is X.html beside X.json"
echo '{"format":"memcglab-results","format_version":9}' >"$T/new.json"
expect_fail 2 "version 9" "a newer format is refused" -- report "$T/new.json"

done_testing
