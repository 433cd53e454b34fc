#!/bin/sh
# Every global symbol that src/scenario/ puts into the library carries the
# scenario layer's prefix, scn_ (scn_rt_ for the runtime, scn_model_ for
# the model backend): the library is linked into the command, the tests,
# the benchmarks and a guest executor, where an unprefixed get_size() or
# perr() would collide.  Kernel-named symbols of mm/, kernel/, fs/ are the
# kernel's names and stay as they are.  Prints each offender as
# OBJECT: SYMBOL and exits 1 if there is any.
#
#   scripts/check-symbols.sh [LIB]     (default: $BUILD/libmemcglab.a)
#
# ar keeps objects by base name, so a scenario/ file must not share its
# base name with a file elsewhere in src/ (the check says so if one does).
set -u
lib=${1:-${BUILD:-build}/libmemcglab.a}
src=${SRC:-src}
[ -r "$lib" ] || { echo "check-symbols: no $lib (build first)" >&2; exit 2; }

objs=$(find "$src/scenario" -name '*.c' | sed 's|.*/||; s|\.c$|.o|' | sort)
clash=$(find "$src" -name '*.c' | sed 's|.*/||; s|\.c$|.o|' | sort | uniq -d |
	grep -xF "$objs")
if [ -n "$clash" ]; then
	echo "check-symbols: scenario/ shares object names with other directories:" $clash
	exit 1
fi
nm -g --defined-only "$lib" | awk -v objs="$objs" '
	BEGIN { n = split(objs, o, "\n"); for (i = 1; i <= n; i++) scn[o[i]] = 1 }
	/:$/ { member = substr($0, 1, length($0) - 1); next }
	# ASan (make SAN=1) adds an __odr_asan.NAME beside each global NAME
	NF == 3 && (member in scn) && $3 !~ /^__odr_asan[._]/ {
		checked++
		if ($3 !~ /^scn_/) {
			print member ": " $3
			bad++
		}
	}
	END {
		if (!checked) {
			print "check-symbols: no symbol of scenario/ found"
			exit 1
		}
		if (bad) {
			printf "check-symbols: %d of %d global symbols of scenario/ lack the scn_ prefix\n", bad, checked
			exit 1
		}
	}'
