#!/bin/sh
# Install the Debian packages that one make target needs, and only those the
# machine lacks:
#
#   scripts/install-deps.sh [--try] [GROUP...]
#
#   build     (the default) gcc, libc6-dev, make, prove, pkg-config, the three
#             compressor libraries, xxHash and jansson: all `make run`
#             and `make check` need
#   fuzz      clang and libFuzzer's runtime (libclang-rt-14-dev, which
#             clang only recommends), for `make fuzz`
#   browser   chromium, for `make check-browser` (the HTML report test)
#   parallel  GNU parallel, for `make check-parallel` (the sweep test)
#   kernel    the kernel backend (make kernel-deps; also --kernel): qemu,
#             Debian's generic 6.12 image (named: a glob would also install
#             -cloud and -rt), its source for the selftests, mke2fs, xz and
#             readelf
#
# Installing needs root, or sudo that does not ask for a password.  Without
# either the script prints the exact apt-get line to run and fails; with
# --try it prints the line and succeeds, so the target's tests skip.
set -e

try=""
missing=""
need() {	# need PACKAGE TEST-COMMAND...
	pkg=$1; shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}

# a generic-flavour 6.12 image: vmlinuz-6.12.*-amd64 but not -cloud or -rt
generic_612() {
	for k in /boot/vmlinuz-6.12.*-amd64; do
		case $k in
		*-cloud-amd64|*-rt-amd64) ;;
		*) [ -e "$k" ] && return 0 ;;
		esac
	done
	return 1
}

# libFuzzer's runtime for Debian 12's clang (14): libclang-rt-14-dev
fuzzer_runtime() {
	for f in /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a; do
		[ -e "$f" ] && return 0
	done
	return 1
}

group() {
	case "$1" in
	build)
		need gcc		command -v gcc
		# gcc only recommends the C library's headers and libc.a
		# (the guest executor links static): a fresh Debian 12
		# without recommends has neither
		need libc6-dev		test -e /usr/include/getopt.h
		need make		command -v make
		need perl		command -v prove
		need pkg-config		command -v pkg-config
		need liblzo2-dev	test -e /usr/include/lzo/lzo1x.h
		need liblz4-dev		test -e /usr/include/lz4.h
		need libzstd-dev	test -e /usr/include/zstd.h
		need libjansson-dev	test -e /usr/include/jansson.h
		need libxxhash-dev	test -e /usr/include/xxhash.h ;;
	fuzz)	need clang		command -v clang
		# libFuzzer's runtime is only a Recommends of clang's
		need libclang-rt-14-dev	fuzzer_runtime ;;
	browser) need chromium		command -v chromium ;;
	parallel) need parallel		command -v parallel ;;
	kernel)	need qemu-system-x86	command -v qemu-system-x86_64
		need linux-image-6.12-amd64	generic_612
		need linux-source-6.12	test -e /usr/src/linux-source-6.12.tar.xz
		need e2fsprogs		test -x /sbin/mke2fs -o -x /usr/sbin/mke2fs
		need xz-utils		command -v xz
		need binutils		command -v readelf ;;
	*)	echo "install-deps: unknown group '$1'" \
		     "(build, fuzz, browser, parallel, kernel)" >&2
		exit 2 ;;
	esac
}

[ "$1" = --try ] && { try=1; shift; }
[ "$1" = --kernel ] && { shift; set -- kernel "$@"; }
[ $# -eq 0 ] && set -- build
for g in "$@"; do
	group "$g"
done
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "install-deps: missing$missing; as root, run:" >&2
	echo "    $line" >&2
	[ -n "$try" ] && exit 0
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! { $SUDO apt-get update -qq &&
       $SUDO apt-get install -y -qq --no-install-recommends $missing; }; then
	echo "install-deps: could not install$missing; the command was:" >&2
	echo "    ${SUDO:+$SUDO }$line" >&2
	[ -n "$try" ] && exit 0
	exit 1
fi
