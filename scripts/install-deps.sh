#!/bin/sh
# Install the Debian packages memcglab needs, but only those the machine lacks.
# Called by `make run` and `make check`; needs root (or sudo) only when
# something is missing.
set -e

missing=""
need() {	# need PACKAGE TEST-COMMAND...
	pkg=$1; shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}

need gcc		command -v gcc
need make		command -v make
need perl		command -v prove
need pkg-config		command -v pkg-config
need clang		command -v clang
need liblzo2-dev	test -e /usr/include/lzo/lzo1x.h
need liblz4-dev	test -e /usr/include/lz4.h
need libzstd-dev	test -e /usr/include/zstd.h

[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
