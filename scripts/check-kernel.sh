#!/bin/sh
# make check-kernel: run the selftest ports on the real kernel, each in a
# guest of its own (memcglab run --kernel), and end with "N passed, N
# failed".  A port the kernel backend refuses (a model-only policy or
# file, or what the executor has no operation for yet) is listed as
# refused and counted apart; a guest that fails (no
# boot, a panic, a timeout: exit status 3) is no verdict on the port: the
# port runs once more, and the line says why; a second guest failure fails
# it.  Each port's whole output, every run, is in $BUILD/check-kernel.log.
#
#   scripts/check-kernel.sh [BUILD] [PORT...]
#
# PORT... defaults to every selftest port (scripts/selftest-ports.sh).
# Skips, with the command that installs what is missing, when qemu or the
# kernel is not there.
BUILD=${1:-build}
[ $# -gt 0 ] && shift
memcglab="$BUILD/memcglab"
log="$BUILD/check-kernel.log"

[ $# -eq 0 ] && set -- $(scripts/selftest-ports.sh)
scripts/kernel-present.sh check-kernel || exit 0

: > "$log"
pass=0 fail=0 refused=0

# run PORT: its output in $out, its status in $status, seconds in $secs
run() {
	start=$(date +%s)
	out=$("$memcglab" run --kernel -q "$1" 2>&1)
	status=$?
	secs=$(( $(date +%s) - start ))
	printf '== %s (status %s, %s s)\n%s\n' "$1" "$status" "$secs" \
		"$out" >> "$log"
}

for port in "$@"; do
	run "$port"
	retried=
	if [ "$status" = 3 ]; then
		retried=$(printf '%s\n' "$out" | grep -m1 'kernel run failed' |
			  sed 's/.*kernel run failed: \([^(]*[^ (]\) *(.*/\1/')
		run "$port"
	fi
	if [ "$status" = 0 ]; then
		pass=$((pass + 1))
		printf 'ok       %-56s %4s s%s\n' "$port" "$secs" \
			"${retried:+ (a first guest failed: $retried)}"
	elif [ "$status" = 2 ] &&
	     printf '%s\n' "$out" | grep -q "the kernel cannot run this"; then
		refused=$((refused + 1))
		printf 'refused  %-56s %s\n' "$port" \
			"$(printf '%s\n' "$out" | grep -o 'cannot run this: .*' |
			   cut -c 18-90)"
	else
		fail=$((fail + 1))
		printf 'FAIL     %-56s %4s s (status %s)\n' "$port" "$secs" \
			"$status"
		printf '%s\n' "$out" | grep -E '^not ok|^memcglab:|:[0-9]+: ' |
			grep -v TODO | head -8 | sed 's/^/#   /'
	fi
done
[ "$refused" = 0 ] || echo "$refused refused, not run (model-only, or not in the executor yet)"
echo "$pass passed, $fail failed (log: $log)"
[ "$fail" = 0 ]
