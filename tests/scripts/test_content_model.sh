#!/bin/sh
# content=model gives every scenario (the selftest ports, the examples and
# the model's own) the same reads, expect values, TAP lines, trace and
# records as content=real, byte for byte (scripts/content-compare.sh).
exec "$(dirname "$0")/../../scripts/content-compare.sh" \
	-m "${MEMCGLAB:-./memcglab}"
