#!/bin/sh
# Run one scenario under two values of a design switch and print what it
# reads, side by side:
#
#   scripts/compare-policies.sh SCENARIO SWITCH VALUE_A VALUE_B TARGET...
#
# TARGETs are what the scenario's `read` statements print (for example
# offender/memory.stat:zswpwb).  The values are given to memcglab with
# --policy, which overrides the scenario's own `policy` line.
set -e
[ $# -ge 5 ] || { sed -n '2,9p' "$0"; exit 2; }
scn=$1 switch=$2 a=$3 b=$4
shift 4
bin=${MEMCGLAB:-./memcglab}
out_a=$(mktemp) out_b=$(mktemp)
trap 'rm -f "$out_a" "$out_b"' EXIT
"$bin" run --policy "$switch=$a" "$scn" > "$out_a" || true
"$bin" run --policy "$switch=$b" "$scn" > "$out_b" || true
printf '%-40s %20s %20s\n' "" "$switch=$a" "$switch=$b"
for t in "$@"; do
	va=$(grep -F "$t: " "$out_a" | tail -n 1 | sed 's/.*: //')
	vb=$(grep -F "$t: " "$out_b" | tail -n 1 | sed 's/.*: //')
	printf '%-40s %20s %20s\n' "$t" "${va:--}" "${vb:--}"
done
