#!/bin/sh
# docs/scenario.md's policy table is the one `memcglab policies --markdown`
# prints from src/scenario/policy_table.h; and the check that says so
# fails on a copy of the doc whose table was edited by hand.
echo 1..2
scratch=$(mktemp)
trap 'rm -f "$scratch"' EXIT
if scripts/policy-doc.sh >/dev/null 2>&1; then
	echo "ok 1 - docs/scenario.md's policy table matches the table in the code"
else
	echo "not ok 1 - docs/scenario.md's policy table matches the table in the code"
	scripts/policy-doc.sh 2>&1 | sed 's/^/# /'
fi
sed 's/`drain` |/`drain`, `shrink` |/' docs/scenario.md >"$scratch"
if ! cmp -s docs/scenario.md "$scratch" &&
   ! scripts/policy-doc.sh "$scratch" >/dev/null 2>&1; then
	echo "ok 2 - a hand-edited table is caught"
else
	echo "not ok 2 - a hand-edited table is caught"
fi
