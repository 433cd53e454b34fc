#!/bin/sh
# Seed 004's designs (docs/scenario.md, "PM_SWAP for shmem"):
# scripts/pagemap-designs.sh's table for examples/pagemap-shmem-swap.scn
# shows what each design reports and pays, case by case:
#  - none (6.12) reports nothing;
#  - marker misses the sharer zapped before reclaim (b2) and the child
#    forked after pageout (c2), and reports PM_SWAP for pages read back
#    into the page cache by read(2) (e: a marker stays until a fault);
#  - lookup finds every swapped page and no false one, and pays one page
#    cache lookup per none PTE it reads (two reads of 256 pages per
#    process: 512, or 1024 in the cases with two processes).
. "$(dirname "$0")/../cli/tap.sh"	# ok(), $M
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

MEMCGLAB=$M scripts/pagemap-designs.sh > "$T/table"
ok $? "scripts/pagemap-designs.sh prints its table"
# row CASE PROC DESIGN: in_swap PM_SWAP false missed lookups markers consumed
row() { awk -v c="$1" -v p="$2" -v d="$3" \
	'$1 == c && $2 == p && $3 == d { print $4, $5, $6, $7, $8, $9, $10 }' \
	"$T/table"; }

[ "$(awk '$3 == "none" && $5 != 0' "$T/table")" = "" ]
ok $? "none reports no PM_SWAP anywhere"
[ "$(row pageout a none)" = "256 0 0 256 0 0 0" ]
ok $? "none: a region paged out is 256 pages in swap, all missed"
[ "$(row pageout a marker)" = "256 256 0 0 0 256 0" ]
ok $? "marker: the region paged out is reported, 256 markers installed"
[ "$(row zapped b2 marker)" = "256 0 0 256 0 256 0" ]
ok $? "marker: the sharer zapped before reclaim misses all 256"
[ "$(row forked c2 marker)" = "256 0 0 256 0 256 0" ]
ok $? "marker: the child forked after pageout misses all 256"
[ "$(row forked c marker)" = "256 256 0 0 0 256 0" ]
ok $? "marker: the parent keeps its markers"
[ "$(row swapin d marker)" = "0 0 0 0 0 256 256" ]
ok $? "marker: the fault that swaps in consumes every marker"
[ "$(row readin e marker)" = "0 256 256 0 0 256 0" ]
ok $? "marker: read(2) swaps in behind the markers: 256 false reports"
[ "$(awk '$3 == "lookup" && ($6 != 0 || $7 != 0)' "$T/table")" = "" ]
ok $? "lookup: no false report, nothing missed, in every case"
[ "$(row zapped b2 lookup)" = "256 256 0 0 1024 0 0" ]
ok $? "lookup: the zapped sharer sees its swap, at 1024 lookups for the case"
[ "$(row readin e lookup)" = "0 0 0 0 512 0 0" ]
ok $? "lookup: pages read back by read(2) are no swap, at 512 lookups"
[ "$(row swapin d lookup)" = "0 0 0 0 0 0 0" ]
ok $? "lookup: present PTEs need no lookup"
echo "1..$n"
