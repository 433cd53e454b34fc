# TAP helpers for the command-line tests (sourced).  $MEMCGLAB is the
# binary under test (scripts/run-tests.sh sets it).
M=${MEMCGLAB:-./memcglab}
n=0
failed=0

ok() {	# ok STATUS DESCRIPTION: STATUS 0 passes
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# expect_fail WANT-STATUS WANT-TEXT DESCRIPTION -- ARGS...: run memcglab,
# check its exit status and that stderr has WANT-TEXT
expect_fail() {
	want=$1 text=$2 what=$3
	shift 4
	err=$("$M" "$@" 2>&1 >/dev/null)
	status=$?
	[ "$status" -eq "$want" ] && printf '%s' "$err" | grep -qF -- "$text"
	ok $? "$what (exit $status)"
	[ "$status" -eq "$want" ] && printf '%s' "$err" | grep -qF -- "$text" ||
		printf '%s\n' "$err" | sed 's/^/#   /'
}

# same_results DIR1 DIR2: every results file of DIR1 is byte for byte in DIR2
same_results() {
	for f in "$1"/point-*.json; do
		cmp -s "$f" "$2/$(basename "$f")" || return 1
	done
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
