#!/bin/sh
# Run every test under prove: the unit-test executables, the tests of the
# scripts (tests/scripts), of the command line (tests/cli) and every scenario in tests/scenarios (run with
# invariant checking after each statement).  Ends
# with one line "N passed, N failed" counting individual TAP assertions.
BUILD=${1:-build}
log="$BUILD/prove.log"
export MEMCGLAB="$BUILD/memcglab" BUILD

scenarios=$(find tests/scenarios -name '*.scn' | sort)
units=$(find "$BUILD/tests" -name "test_*" -type f -perm -u+x ! -name "*.d" 2>/dev/null | sort)
script_tests=$(find tests/scripts tests/cli -name 'test_*.sh' | sort)

prove -j2 --exec scripts/tap-exec $units $script_tests $scenarios 2>&1 | tee "$log"
status=$?

awk -v status="$status" '
	/^Files=[0-9]+, Tests=[0-9]+/ {
		split($2, t, "="); sub(",", "", t[2]); total = t[2] + 0
	}
	/\(Wstat: / {
		f = 0
		if (match($0, /Failed: [0-9]+/))
			f = substr($0, RSTART + 8, RLENGTH - 8) + 0
		if (f == 0)
			f = 1	# crashed, bad plan or non-zero exit
		failed += f
	}
	END {
		if (status != 0 && failed == 0)
			failed = 1
		passed = total - failed
		if (passed < 0)
			passed = 0
		printf "%d passed, %d failed\n", passed, failed
	}' "$log"
exit $status
