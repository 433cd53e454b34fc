#!/bin/sh
# scripts/kernel-present.sh NAME: whether qemu and a Debian 6.12 kernel are
# here for the kernel backend's tests; if not, "NAME: SKIP: ..." with the
# command that installs them, and exit status 1.
if command -v qemu-system-x86_64 >/dev/null 2>&1 &&
   ls /boot/vmlinuz-6.12.*-amd64 >/dev/null 2>&1; then
	exit 0
fi
echo "$1: SKIP: qemu-system-x86_64 or /boot/vmlinuz-6.12.*-amd64" \
     "missing; install them with: make kernel-deps"
exit 1
