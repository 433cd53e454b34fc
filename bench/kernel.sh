#!/bin/sh
# bench/kernel.sh (make bench-kernel): the model's wall time against the
# real kernel's for the same port suite (scripts/selftest-ports.sh), from
# one run of each.  A port runs once on the model (memcglab run) and once
# in a guest (memcglab run --kernel), one after the other; the table gives
# each port's host wall time on both and the ratio, and the suite's total
# ratio, with KVM or TCG named: under TCG every guest instruction is
# emulated, so the kernel's side is 10-50 times slower than under KVM.
# Two kernel columns: the whole guest run (qemu start, boot, the scenario,
# power-off) and the scenario alone (the executor's time in the guest).
# Numbers are reported, never asserted.
#
#   bench/kernel.sh [BUILD] [PORT...]
BUILD=${1:-build}
[ $# -gt 0 ] && shift
memcglab="$BUILD/memcglab"
[ $# -eq 0 ] && set -- $(scripts/selftest-ports.sh)

ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

printf '%-46s %9s %11s %11s %8s %8s\n' port model_ms kernel_ms scenario_ms \
	ratio scn_ratio
tm=0 tk=0 ts=0 accel=
for port in "$@"; do
	t0=$(ms)
	"$memcglab" run "$port" > /dev/null 2>&1
	t1=$(ms)
	note=$("$memcglab" run --kernel "$port" 2>&1 >/dev/null |
	       grep '^memcglab: kernel run:')
	t2=$(ms)
	model=$((t1 - t0))
	kernel=$((t2 - t1))
	# "memcglab: kernel run: TCG, boot 9120 ms, scenario 3410 ms, ..."
	accel=$(printf '%s' "$note" | sed -n 's/^memcglab: kernel run: \([A-Z]*\),.*/\1/p')
	scn=$(printf '%s' "$note" | sed -n 's/.*scenario \([0-9]*\) ms.*/\1/p')
	[ -n "$scn" ] || scn=0
	tm=$((tm + model)) tk=$((tk + kernel)) ts=$((ts + scn))
	printf '%-46s %9d %11d %11d %8s %8s\n' "${port#tests/scenarios/}" \
		"$model" "$kernel" "$scn" \
		"$(awk "BEGIN { printf \"%.0f\", $kernel / ($model ? $model : 1) }")" \
		"$(awk "BEGIN { printf \"%.0f\", $scn / ($model ? $model : 1) }")"
done
printf '%-46s %9d %11d %11d %8s %8s\n' "total ($# ports, ${accel:-?})" \
	"$tm" "$tk" "$ts" \
	"$(awk "BEGIN { printf \"%.0f\", $tk / ($tm ? $tm : 1) }")" \
	"$(awk "BEGIN { printf \"%.0f\", $ts / ($tm ? $tm : 1) }")"
