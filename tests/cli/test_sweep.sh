#!/bin/sh
# memcglab sweep: the local run, the jobs written for GNU parallel (run
# here one by one with sh) and the Slurm array script (checked with bash -n,
# its body run by hand for two tasks) all give the same results files and
# the same table; --collect names the points that have no results.
. "$(dirname "$0")/tap.sh"
scn=tests/data/cli/sweep.scn
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
grid="--set A/memory.max=8M,16M,32M --policy zswap.lru=memcg,global --seeds 1..2"

# shellcheck disable=SC2086
"$M" sweep $grid --out "$T/local" "$scn" >"$T/local.txt"
status=$?
[ $status -eq 1 ]
ok $? "the local sweep exits 1: some points fail their expectation"
[ "$(ls "$T/local"/point-*.json | wc -l)" -eq 12 ]
ok $? "12 points, 12 results files"
head -1 "$T/local.txt" | grep -q '^point  A/memory.max  zswap.lru  seed  result  *failed lines  A/memory.current  A/memory.swap.current$'
ok $? "the table's columns: point, the three axes, outcome, failures, the reads"
sed -n 2p "$T/local.txt" | grep -q '^0      8M            memcg      1     FAIL 1/2  13 '
ok $? "point 0 is the first value of every axis, the last axis fastest"
sed -n 3p "$T/local.txt" | grep -q '^1      8M            memcg      2 '
ok $? "point 1 changes the seed"
grep -q '^by A/memory.max:$' "$T/local.txt" && grep -q '^  32M: 4 runs, 4 ok, 0 failed$' "$T/local.txt"
ok $? "a summary per axis value"

"$M" sweep --collect "$T/local" >"$T/collect.txt"
cmp -s "$T/local.txt" "$T/collect.txt"
ok $? "sweep --collect of the local results prints the same table"

# shellcheck disable=SC2086
"$M" sweep $grid --emit parallel --out "$T/par" "$scn" >"$T/emit.txt"
ok $? "--emit parallel writes the jobs"
grep -q "^parallel < $T/par/jobs.txt\$" "$T/emit.txt"
ok $? "and says how to run them"
[ "$(wc -l <"$T/par/jobs.txt")" -eq 12 ] && [ ! -e "$T/par/point-000000.json" ]
ok $? "12 jobs, none run yet"
while IFS= read -r job; do sh -c "$job"; done <"$T/par/jobs.txt"
same_results "$T/local" "$T/par"
ok $? "each job's results file is byte for byte the local run's"
"$M" sweep --collect "$T/par" >"$T/par.txt"
cmp -s "$T/local.txt" "$T/par.txt"
ok $? "and --collect gives the same table"

# shellcheck disable=SC2086
"$M" sweep $grid --emit slurm --out "$T/slurm" "$scn" >/dev/null
bash -n "$T/slurm/sweep.sbatch"
ok $? "sweep.sbatch is valid bash"
grep -q '^#SBATCH --array=0-11$' "$T/slurm/sweep.sbatch"
ok $? "an array of 12 tasks"
# a task's status is its run's: 1 where an expectation fails
SLURM_ARRAY_TASK_ID=0 bash "$T/slurm/sweep.sbatch"
s0=$?
SLURM_ARRAY_TASK_ID=7 bash "$T/slurm/sweep.sbatch"
s7=$?
[ $s0 -le 1 ] && [ $s7 -le 1 ]
ok $? "its body runs as array tasks 0 and 7 (exit $s0 and $s7)"
cmp -s "$T/local/point-000000.json" "$T/slurm/point-000000.json" &&
	cmp -s "$T/local/point-000007.json" "$T/slurm/point-000007.json"
ok $? "their results are the local run's"
SLURM_ARRAY_TASK_ID=12 bash "$T/slurm/sweep.sbatch" 2>/dev/null
[ $? -eq 2 ]
ok $? "a task past the grid fails"
"$M" sweep --collect "$T/slurm" >"$T/slurm.txt" 2>"$T/slurm.err"
[ $? -eq 2 ] && [ "$(grep -c 'no results for point' "$T/slurm.err")" -eq 10 ]
ok $? "--collect names the 10 points not run yet, and exits 2"
# the same rows, but for column widths (the slurm table has fewer rows)
tail -n +2 "$T/slurm.txt" | grep '^[0-9]' | awk '{ $1 = $1; print }' >"$T/got0"
grep '^0 \|^7 ' "$T/local.txt" | awk '{ $1 = $1; print }' >"$T/want0"
[ -s "$T/want0" ] && cmp -s "$T/want0" "$T/got0"
ok $? "its rows for tasks 0 and 7 are the local table's"

"$M" sweep --collect "$T/local" --csv | head -1 | grep -q "^point,A/memory.max,zswap.lru,seed,result,failed lines,A/memory.current,A/memory.swap.current$(printf '\r')\$"
ok $? "--csv: the same table as RFC 4180 CSV"
"$M" sweep --collect "$T/local" --json | grep -q '^{"format":"memcglab-sweep","format_version":1,'
ok $? "--json: format memcglab-sweep"
"$M" sweep --collect "$T/local" --show A/memory.current | head -1 | grep -q ' failed lines  A/memory.current$'
ok $? "--show picks the reads shown"
"$M" sweep --collect "$T/local" --report "$T/rep" 2>/dev/null >/dev/null
[ -s "$T/rep/index.html" ]
ok $? "--report writes the sweep's page"

out=$("$M" compare-policies "$scn" zswap.lru=memcg,global)
status=$?
[ $status -eq 1 ]
ok $? "compare-policies exits 1 when a run fails (exit $status)"
printf '%s\n' "$out" | grep -q '^point 1 (zswap.lru=global): line 13: expect A/memory.swap.current == 0 # got '
ok $? "and lists each failure with its point"
"$M" compare-policies "$scn" objcg.task_cache=lazy,off --seeds 3 >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "seeds may be given to compare-policies"
printf 'machine memory=64M\necho ok\n' >"$T/pass.scn"
"$M" compare-policies "$T/pass.scn" zswap.lru=memcg,global >"$T/cmp.txt"
ok $? "exits 0 when every run passes"
[ "$(wc -l <"$T/cmp.txt")" -eq 3 ]
ok $? "one table: a header and a row per value"

done_testing
