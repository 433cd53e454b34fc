#!/bin/sh
# Write the sample replay traces in examples/traces/ (the format is in
# docs/scenario.md, "Replay traces").  Both are synthetic and made by the
# awk programs below, so they are the same on every run:
#
#   web.trace    a web server for 2 s of virtual time: at start it writes
#                16M of its 64M region `heap`; then one request a
#                millisecond reads 4 pages of a hot set (heap pages 0-1026)
#                and writes a 2-page session entry into the next free pages
#                of its 32M region `cache`.  Footprint: heap 4096 pages,
#                cache 4000 pages (8096 pages, 33161216 bytes).
#   batch.trace  a batch job: loads 48M into its region `data` in 1024-page
#                chunks 10ms apart, then scans it three times from 200ms,
#                a chunk each 10ms.  Footprint: 12288 pages (48M).
#
#   scripts/make-traces.sh [DIR]      (default examples/traces)
set -e
dir=${1:-examples/traces}
mkdir -p "$dir"

awk 'BEGIN {
	print "# A web server, 2s: written by scripts/make-traces.sh (see there)."
	print "# The replaying process maps: heap anon 64M, cache anon 32M."
	print "0ms w heap 0+4096"
	for (i = 0; i < 2000; i++) {
		printf "%dms r heap %d+4\n", i, (i * 37) % 1024
		printf "%dms w cache %d+2\n", i, (i * 2) % 4096
	}
}' >"$dir/web.trace"

awk 'BEGIN {
	print "# A batch job: written by scripts/make-traces.sh (see there)."
	print "# The replaying process maps: data anon 48M."
	for (k = 0; k < 12; k++)
		printf "%dms w data %d+1024\n", k * 10, k * 1024
	for (p = 0; p < 3; p++)
		for (k = 0; k < 12; k++)
			printf "%dms r data %d+1024\n", 200 + (p * 12 + k) * 10, k * 1024
}' >"$dir/batch.trace"
