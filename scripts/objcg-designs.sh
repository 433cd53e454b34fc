#!/bin/sh
# Seed 003's designs side by side: one table from one command.
#
#   scripts/objcg-designs.sh [SCENARIO]
#
# Runs SCENARIO (default examples/objcg-cache.scn) under every value of
# objcg.task_cache and memcg.task_cache, with cgroup2 mounted as the
# scenario says and again with the nomigrate option added to its
# `mount cgroup2` line, and prints, per design, what the scenario read from
# /sys/kernel/debug/memcglab/task_cache: the allocation-heavy workload
# (cgroup allocs), the fork-heavy one (cgroup forks) and where the
# allocation in a migration's window went (cgroups race and fresh).
#
# The runs are `memcglab run --policy ...`; once `memcglab compare-policies
# FILE objcg.task_cache=lazy,off,fork memcg.task_cache=off,on --show
# TARGET...` is on main it does the loop over the switches (not the
# nomigrate half: a mount option is not a policy) and this script only
# formats its table.
set -e
scn=${1:-examples/objcg-cache.scn}
bin=${MEMCGLAB:-./memcglab}
[ -r "$scn" ] || { echo "usage: $0 [SCENARIO]" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/^mount cgroup2$/mount cgroup2 nomigrate/' "$scn" > "$tmp/nomigrate.scn"
grep -q '^mount cgroup2 nomigrate$' "$tmp/nomigrate.scn" ||
	{ echo "$0: $scn has no line 'mount cgroup2'" >&2; exit 2; }

row() {	# MOUNT OBJCG MEMCG FILE
	"$bin" run --policy "objcg.task_cache=$2" \
		--policy "memcg.task_cache=$3" "$4" > "$tmp/out" 2>&1 || true
	awk -v mount="$1" -v objcg="$2" -v memcg="$3" '
	function v(k) { return (k in val) ? val[k] : 0 }
	function r(n, d) { return d ? sprintf("%.3f", n / d) : "-" }
	function where(cg, refused) {
		if (refused != "")
			return "refused (" refused ")"
		if (v(cg ".foreign"))
			return cg
		return v(cg "/B.charged") ? cg "/B" : "uncharged"
	}
	/task_cache:[^ ]*: / {
		k = $1; sub(/.*task_cache:/, "", k); sub(/:$/, "", k)
		val[k] = $2
	}
	/^not ok .*move [a-z]+ to [a-z]+\/B window # failed with / {
		split($0, w, "to "); cg = w[2]; sub(/\/B.*/, "", cg)
		refused[cg] = $NF
	}
	END {
		d = objcg " " memcg " " (mount == "-" ? "" : mount)
		if (objcg == "lazy" && memcg == "off" && mount == "-")
			d = d "(6.12)"
		printf "%-24s %6s %5d %7s   %6s %6s %5d %7s   %-20s %s\n", d,
		       r(v("allocs.refops_per_1k_allocs"), 1000),
		       v("allocs.lookups"),
		       r(v("allocs.vtime_alloc_ns"), v("allocs.allocs")),
		       r(v("forks.refops_per_1k_forks"), 1000),
		       r(v("forks.refops_per_1k_allocs"), 1000),
		       v("forks.lookups"),
		       r(v("forks.vtime_fork_ns") + v("forks.vtime_alloc_ns"),
			 v("forks.forks")),
		       where("race", refused["race"]),
		       where("fresh", refused["fresh"])
	}' "$tmp/out"
}

printf '%-24s %-23s   %-31s   %s\n' "" "allocation-heavy" "fork-heavy" \
	"window allocation charged to"
printf '%-24s %6s %5s %7s   %6s %6s %5s %7s   %-20s %s\n' \
	"objcg memcg mount" "ref/al" "lkups" "ns/al" "ref/fk" "ref/al" \
	"lkups" "ns/fk" "cached task" "fresh child"
for mount in - nomigrate; do
	file=$scn
	[ "$mount" = - ] || file=$tmp/nomigrate.scn
	for objcg in lazy off fork; do
		for memcg in off on; do
			row "$mount" "$objcg" "$memcg" "$file"
		done
	done
done
cat <<'EOF'

ref/al: reference operations per accounted allocation; ref/fk: per fork,
the exit included; lkups: objcg lookups; ns/al, ns/fk: the design's
virtual time (the cost table's nanoseconds) per allocation, and per fork
with the allocations of the fork-heavy cgroup.  In the window (between
css_set_move_task() and ->attach(), the old cgroup A removed), race or
fresh is A's parent (a stale objcg or a failed lookup), */B the new cgroup.
EOF
