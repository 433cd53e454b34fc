#!/bin/sh
# Measure Linux 6.12 for the model's tests: build tests/kernel/NAME.c
# static and run it N times (default 3) under build/guest-run, each run's
# output in build/kernel/NAME.N.out, then print each measurement with
# its value in every run, marking those that differ (the kernel's
# run-to-run spread).  Options after RUNS go to guest-run.
#
#	tests/kernel/run.sh mlock 3 --swap 1G
#	tests/kernel/run.sh fault_around 3 --swap 1G
#	tests/kernel/run.sh madvise_locked 3 --swap 1G
#	tests/kernel/run.sh mlock_limit 3
#	tests/kernel/run.sh mlock_touch 3
#	tests/kernel/run.sh shmem_swap 3 --swap 1G
#	tests/kernel/run.sh shmem_pagemap 3 --swap 1G
#	tests/kernel/run.sh shmem_rmap 3 --swap 1G
#	tests/kernel/run.sh uffd_markers 3 --swap 1G
#	tests/kernel/run.sh pins 2 --swap 1G
#
# The values the scenario tests under tests/scenarios/mlock/,
# fault_around/, madvise/, shmem/, pagemap/, rmap/, uffd/ and smemcg/ (pins) expect come
# from these runs.
set -e
name=${1:?usage: tests/kernel/run.sh NAME [RUNS] [guest-run options]}
runs=${2:-3}
shift 2 2>/dev/null || shift $#
dir=$(dirname "$0")
out=build/kernel
mkdir -p "$out"
gcc -static -O2 -Wall -o "$out/$name" "$dir/$name.c"
i=1
while [ "$i" -le "$runs" ]; do
	build/guest-run -q --memory 1G --cpus 2 --disk 1G "$@" \
		"$out/$name" > "$out/$name.$i.out"
	i=$((i + 1))
done
echo "$name: $runs runs in $out/$name.*.out"
# label key value: one column per run, marked when the runs disagree
awk '{ k = $1 " " $2; v[k] = v[k] " " $3; if (!(k in seen)) { seen[k] = 1; order[n++] = k } }
     END { for (i = 0; i < n; i++) { k = order[i]; split(v[k], a, " ");
	   same = 1; for (j in a) if (a[j] != a[1]) same = 0;
	   printf "%-48s%s%s\n", k, v[k], same ? "" : "   <- spread" } }' \
	"$out/$name".[0-9]*.out
