#!/bin/sh
# Write what every scenario prints into DIR, one file per scenario: its
# output with --verify, its --trace log, its canonical form (parse) and its
# exit status.  Two snapshots of two builds compare with `diff -r`; a change
# that must not alter behaviour (a refactoring) leaves them byte-identical.
#
#   scripts/snapshot-outputs.sh [MEMCGLAB] DIR
set -u
bin=${2:+$1}
bin=${bin:-./memcglab}
out=${2:-$1}
mkdir -p "$out"
find tests/scenarios examples docs -name '*.scn' | sort | while read -r f; do
	name=$(echo "$f" | tr / _)
	"$bin" run --verify --trace "$out/$name.trace" "$f" >"$out/$name.out" 2>&1
	echo "exit $?" >>"$out/$name.out"
	"$bin" parse "$f" >"$out/$name.parse" 2>&1
done
