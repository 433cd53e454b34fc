#!/bin/sh
# Build the Linux 6.12 cgroup selftests that memcglab ports (test_memcontrol,
# test_zswap, test_kmem) as static programs for the guest, with the
# selftests' own Makefile and flags.  tools/testing/selftests/cgroup/Makefile
# and ../lib.mk give: gcc -Wall -pthread -D_GNU_SOURCE= and no -O (so -O0);
# USERLDFLAGS=-static is lib.mk's documented way to add -static.  Do not add
# -O2: gcc 12 then deletes alloc_anon()'s malloc/touch/free loop and every
# OOM test fails.
#
#   scripts/build-selftests.sh [OUTDIR]     (default build/selftests)
#
# The source tree: $LINUX_SRC, else /usr/src/linux-source-6.12, else
# tools/testing/selftests extracted once from Debian's
# /usr/src/linux-source-6.12.tar.xz (package linux-source-6.12) into
# build/linux-source-6.12.
set -e
out=${1:-build/selftests}
tarball=/usr/src/linux-source-6.12.tar.xz
tests="test_memcontrol test_zswap test_kmem"

src=${LINUX_SRC:-}
if [ -z "$src" ] && [ -d /usr/src/linux-source-6.12/tools/testing/selftests ]; then
	src=/usr/src/linux-source-6.12
fi
if [ -z "$src" ]; then
	src=build/linux-source-6.12
	if [ ! -d "$src/tools/testing/selftests/cgroup" ]; then
		if [ ! -f "$tarball" ]; then
			echo "build-selftests: no 6.12 source: set LINUX_SRC, or install it with" >&2
			echo "  scripts/install-deps.sh kernel   (package linux-source-6.12)" >&2
			exit 1
		fi
		echo "build-selftests: extracting tools/testing/selftests from $tarball"
		mkdir -p build
		tar -xJf "$tarball" -C build \
			linux-source-6.12/tools/testing/selftests
	fi
fi

mkdir -p "$out"
abs_out=$(cd "$out" && pwd)
targets=""
for t in $tests; do
	targets="$targets $abs_out/$t"
done
# the selftests' flags only: nothing from our environment
# shellcheck disable=SC2086
env -u CFLAGS -u LDFLAGS -u CPPFLAGS -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	make -C "$src/tools/testing/selftests/cgroup" V=1 \
	OUTPUT="$abs_out" USERLDFLAGS=-static $targets \
	> "$abs_out/build.log" 2>&1 || {
	cat "$abs_out/build.log" >&2
	exit 1
}
grep '^gcc' "$abs_out/build.log"
for t in $tests; do
	if readelf -l "$abs_out/$t" | grep -q "program interpreter"; then
		echo "build-selftests: $t is not static" >&2
		exit 1
	fi
done
echo "build-selftests: built $tests in $out from $src"
