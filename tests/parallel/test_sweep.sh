#!/bin/sh
# The GNU parallel path of memcglab sweep, for real: --emit parallel's job
# list run by Debian's `parallel` on this machine, then --collect: the same
# results files and the same table as the local run.  Skipped without
# parallel (scripts/install-deps.sh parallel).
. "$(dirname "$0")/../cli/tap.sh"
if ! command -v parallel >/dev/null 2>&1; then
	echo "1..0 # SKIP GNU parallel is not installed"
	exit 0
fi
scn=tests/data/cli/sweep.scn
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
grid="--set A/memory.max=8M,16M,32M --policy zswap.lru=memcg,global --seeds 1..2"

# shellcheck disable=SC2086
"$M" sweep $grid --out "$T/local" "$scn" >"$T/local.txt"
# shellcheck disable=SC2086
"$M" sweep $grid --emit parallel --out "$T/par" "$scn" >/dev/null
ok $? "--emit parallel"
# --will-cite: GNU parallel's citation notice would wait for a keypress
parallel --will-cite --jobs 2 --halt never <"$T/par/jobs.txt"
status=$?
# 8M and 16M are below the 24M the scenario touches: it swaps, and its
# `expect ... swap.current == 0` fails in 2 x 2 x 2 = 8 runs, which exit 1;
# parallel's status is the number of failed jobs
[ $status -eq 8 ]
ok $? "parallel ran the 12 jobs, 8 of them failing (parallel: $status)"
same_results "$T/local" "$T/par"
ok $? "every results file is byte for byte the local run's"
"$M" sweep --collect "$T/par" >"$T/par.txt"
[ $? -eq 1 ]
ok $? "--collect exits 1: some runs failed"
cmp -s "$T/local.txt" "$T/par.txt"
ok $? "the same table as the local sweep"
[ -n "$(sed -n 2p "$T/par.txt")" ]
ok $? "and it is not empty"

done_testing
