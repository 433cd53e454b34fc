#!/bin/sh
# Seed 004's designs side by side: one table from one command.
#
#   scripts/pagemap-designs.sh [SCENARIO]
#
# Runs SCENARIO (default examples/pagemap-shmem-swap.scn) with `memcglab
# compare-policies` under pagemap.shmem_swap=none,marker,lookup and prints,
# for every case and process of it and every design: the pages really in
# swap (the region's 256 pages less the case cgroup's shmem in memory, as
# memory.swap.current also counts freed slots waiting in the CPUs' slot
# caches), the pages the process's pagemap reports PM_SWAP, the false
# reports among them (PM_SWAP on a page mincore() says is in memory), the
# pages in swap it misses, and the costs the case paid (from
# /sys/kernel/debug/memcglab/pagemap, per cgroup): page-cache lookups by
# pagemap, PAGEOUT markers installed and consumed, and the virtual time
# of the pagemap reads and of the markers.
set -e
scn=${1:-examples/pagemap-shmem-swap.scn}
bin=${MEMCGLAB:-./memcglab}
[ -r "$scn" ] || { echo "usage: $0 [SCENARIO]" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
"$bin" compare-policies "$scn" pagemap.shmem_swap=none,marker,lookup \
	--csv > "$tmp/table.csv" || status=$?
[ -s "$tmp/table.csv" ] || exit "${status:-2}"

awk -F, '
BEGIN {
	# case, its cgroup, and the processes whose pagemap it reads
	ncase = split("pageout:a zapped:b,b2 forked:c,c2 swapin:d readin:e", cs, " ")
	dbg = "/sys/kernel/debug/memcglab/pagemap:"
}
{ sub(/\r$/, "") }	# CSV lines end in CRLF
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
/^[0-9]/ {
	d = $(col["pagemap.shmem_swap"])
	designs[++nd] = d
	for (i = 1; i <= NF; i++) val[d, i] = $i
	res[d] = $(col["result"])
}
function v(d, name) { return (name in col) ? val[d, col[name]] + 0 : "-" }
END {
	printf "%-8s %-4s %-7s %7s %7s %6s %6s %8s %8s %9s %10s %9s\n",
	       "case", "proc", "design", "in_swap", "PM_SWAP", "false",
	       "missed", "lookups", "markers", "consumed", "pagemap_ns",
	       "marker_ns"
	for (c = 1; c <= ncase; c++) {
		split(cs[c], kv, ":")
		cg = kv[1]
		np = split(kv[2], procs, ",")
		for (p = 1; p <= np; p++)
			for (k = 1; k <= nd; k++) {
				d = designs[k]
				swap = 256 - v(d, cg "/memory.stat:shmem") / 4096
				rep = v(d, "pagemap " procs[p] " r swap")
				fals = v(d, "pagemap " procs[p] " r swap_resident")
				miss = swap - (rep - fals)
				printf "%-8s %-4s %-7s %7d %7d %6d %6d %8d %8d %9d %10d %9d\n",
				       cg, procs[p], d, swap, rep, fals, miss,
				       v(d, dbg cg ".pagecache_lookups"),
				       v(d, dbg cg ".markers_installed"),
				       v(d, dbg cg ".markers_consumed"),
				       v(d, dbg cg ".pagemap_ns"),
				       v(d, dbg cg ".marker_ns")
			}
	}
	for (k = 1; k <= nd; k++)
		if (res[designs[k]] !~ /^ok/)
			printf "%s: %s\n", designs[k], res[designs[k]]
}' "$tmp/table.csv"
exit "$status"
