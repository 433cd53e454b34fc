#!/bin/sh
# scripts/check-symbols.sh passes on the library as built, and fails,
# naming the symbol, when an object of scenario/ exports an unprefixed one.
set -u
lib=${BUILD:-build}/libmemcglab.a
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-symbols.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0

ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "1..3"

scripts/check-symbols.sh "$lib" >"$tmp/out" 2>&1
st=$?
[ "$st" = 0 ] || sed 's/^/# /' "$tmp/out"
ok "$st" "every global symbol of scenario/ in $lib has the scn_ prefix"

# the library with parse_util.o replaced by one that exports get_size()
cp "$lib" "$tmp/lib.a"
printf 'int get_size(void);\nint get_size(void) { return 0; }\nstatic int helper(void) { return 1; }\nint scn_fine(void) { return helper(); }\n' >"$tmp/parse_util.c"
cc -c "$tmp/parse_util.c" -o "$tmp/parse_util.o" && ar r "$tmp/lib.a" "$tmp/parse_util.o" 2>/dev/null
scripts/check-symbols.sh "$tmp/lib.a" >"$tmp/out" 2>&1
st=$?
[ "$st" = 1 ] && grep -qx 'parse_util.o: get_size' "$tmp/out" &&
	! grep -q 'scn_fine\|helper' "$tmp/out"
ok $? "an unprefixed global is named, a prefixed or static one is not"

# mm/'s kernel names are not the check's business
nm -g --defined-only "$lib" | grep -q ' T handle_mm_fault$'
ok $? "kernel-named symbols of mm/ are in the library and pass"
