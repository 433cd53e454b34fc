#!/bin/sh
# Run the Linux 6.12 cgroup selftests test_memcontrol, test_zswap and
# test_kmem on the real kernel in the guest, RUNS times each, and print one
# table of every subtest's result per run.  The guest is the same for all:
# 1G of RAM, 2 CPUs, 1 node, 1G of swap on a virtio disk, the classic LRU
# (MGLRU off), THP never, cgroup2 mounted with OPTS (none by default), and
# the tests chrooted into the ext4 /data disk (test_kmem_basic needs a root
# that keeps negative dentries; tmpfs does not).  test_zswap gets
# zswap.enabled=Y: the test expects zswap on and does not turn it on.
#
#   scripts/kernel-selftests.sh [-n RUNS] [-s FIRST] [-o OUTDIR] [-c OPTS] [TEST...]
#   scripts/kernel-selftests.sh -t [-o OUTDIR]     only print the table
#
# Defaults: 3 runs numbered from 1 (-s 4 -n 2 adds runs 4 and 5),
# build/kernel-selftests, all three tests.  Logs:
# OUTDIR/TEST.RUN.log (the test's output, then guest-run's verdict lines).
set -e
runs=3
first=1
out=build/kernel-selftests
opts=""
table_only=""
while getopts n:s:o:c:t f; do
	case $f in
	n) runs=$OPTARG ;;
	s) first=$OPTARG ;;
	o) out=$OPTARG ;;
	c) opts=$OPTARG ;;
	t) table_only=1 ;;
	*) echo "usage: $0 [-n RUNS] [-s FIRST] [-o OUTDIR] [-c OPTS] [-t] [TEST...]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
tests=${*:-test_memcontrol test_zswap test_kmem}
bin=build/selftests

table() {
	for log in "$out"/test_*.*.log; do
		base=$(basename "$log" .log)
		awk -v test="${base%.*}" -v run="${base##*.}" '
			/^ok [0-9]+ .*# SKIP/ { print test, $2, $3, run, "skip"; next }
			/^ok [0-9]+ / { print test, $2, $3, run, "pass"; next }
			/^not ok [0-9]+ / { print test, $3, $4, run, "FAIL"; next }
		' "$log"
	done | sort -k1,1 -k2,2n -k4,4n | awk '
		{ key = $1 " " $3; if (!(key in seen)) { order[n++] = key; seen[key] = 1 }
		  res[key, $4] = $5; if ($4 > runs) runs = $4
		  if ($5 == "pass") pass[key]++ }
		END {
			printf "| test | subtest |"
			for (r = 1; r <= runs; r++) printf " run %d |", r
			printf " passed |\n|---|---|"
			for (r = 1; r <= runs; r++) printf "---|"
			printf "---|\n"
			for (i = 0; i < n; i++) {
				split(order[i], k, " ")
				printf "| %s | %s |", k[1], k[2]
				for (r = 1; r <= runs; r++)
					printf " %s |", ((order[i], r) in res) ? res[order[i], r] : "-"
				printf " %d/%d |\n", pass[order[i]], runs
			}
		}'
}

if [ -n "$table_only" ]; then
	table
	exit 0
fi

[ -x build/guest-run ] || make -j2 all
[ -x $bin/test_kmem ] || scripts/build-selftests.sh $bin
mkdir -p "$out"

extra() {
	case $1 in
	test_zswap) echo "--param zswap.enabled=Y" ;;
	esac
}

run=$first
while [ "$run" -lt $((first + runs)) ]; do
	for t in $tests; do
		log="$out/$t.$run.log"
		start=$(date +%s)
		load0=$(cut -d' ' -f1-3 /proc/loadavg)
		# shellcheck disable=SC2046
		build/guest-run -q --memory 1G --cpus 2 --nodes 1 --swap 1G \
			--disk 16G --root /data --timeout 1800 \
			${opts:+--cgroup2 "$opts"} $(extra "$t") \
			"$bin/$t" > "$log" 2>&1 || true
		# the host's load: TCG timing depends on it
		echo "host-load: $load0 -> $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"
		echo "$t run $run: $(grep -c '^ok ' "$log") ok," \
		     "$(grep -c '^not ok ' "$log") not ok," \
		     "$(( $(date +%s) - start )) s," \
		     "$(grep 'verdict' "$log" | sed 's/guest-run: //')," \
		     "$(grep '^host-load' "$log")"
	done
	run=$((run + 1))
done
table
