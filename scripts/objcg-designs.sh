#!/bin/sh
# Seed 003's designs side by side: one table from one command.
#
#   scripts/objcg-designs.sh [SCENARIO]
#
# Runs SCENARIO (default examples/objcg-cache.scn) with `memcglab
# compare-policies` under every value of objcg.task_cache and
# memcg.task_cache, once with cgroup2 mounted as the scenario says and once
# with the nomigrate option added to its `mount cgroup2` line (a mount
# option is not a policy, so that half is a second compare-policies run on
# a copy), and prints what the scenario read from
# /sys/kernel/debug/memcglab/task_cache, per design: the allocation-heavy
# workload (cgroup allocs), the fork-heavy one (cgroup forks) and where the
# allocation in a migration's window went (cgroups race and fresh).
set -e
scn=${1:-examples/objcg-cache.scn}
bin=${MEMCGLAB:-./memcglab}
tc=/sys/kernel/debug/memcglab/task_cache
[ -r "$scn" ] || { echo "usage: $0 [SCENARIO]" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/^mount cgroup2$/mount cgroup2 nomigrate/' "$scn" > "$tmp/nomigrate.scn"
grep -q '^mount cgroup2 nomigrate$' "$tmp/nomigrate.scn" ||
	{ echo "$0: $scn has no line 'mount cgroup2'" >&2; exit 2; }

shows=
for k in allocs.allocs allocs.refops_per_1k_allocs allocs.lookups \
	 allocs.vtime_alloc_ns forks.forks forks.refops_per_1k_forks \
	 forks.refops_per_1k_allocs forks.lookups forks.vtime_fork_ns \
	 forks.vtime_alloc_ns race.foreign race/B.charged fresh.foreign \
	 fresh/B.charged; do
	shows="$shows --show $tc:$k"
done

# One compare-policies table (CSV, then its failures) to rows of ours.
cat > "$tmp/rows.awk" <<'EOF'
function v(p, k) { return ((p, k) in val) ? val[p, k] : 0 }
function r(n, d) { return d ? sprintf("%.3f", n / d) : "-" }
function where(p, cg) {
	if ((p, cg) in refused)
		return "refused (" refused[p, cg] ")"
	if (v(p, cg ".foreign"))
		return cg
	return v(p, cg "/B.charged") ? cg "/B" : "uncharged"
}
{ sub(/\r$/, "") }	# RFC 4180 lines end in CRLF
/^$/ { table = 0 }
table && NR == 1 {
	n = split($0, head, ",")
	for (i = 1; i <= n; i++)
		sub(/.*task_cache:/, "", head[i])
	next
}
table {
	gsub(/"[^"]*"/, "")	# the quoted list of failed lines
	split($0, f, ",")
	p = f[1]
	np = p + 1
	for (i = 1; i <= n; i++)
		val[p, head[i]] = f[i]
	next
}
/ # failed with / && / to [a-z]+\/B window / {
	p = $2
	cg = $0; sub(/.* to /, "", cg); sub(/\/B window.*/, "", cg)
	refused[p, cg] = $NF
}
END {
	for (p = 0; p < np; p++) {
		d = val[p, "objcg.task_cache"] " " val[p, "memcg.task_cache"]
		d = d " " (mount == "-" ? "" : mount)
		if (d == "lazy off ")
			d = d "(6.12)"
		printf "%-24s %6s %5d %7s   %6s %6s %5d %7s   %-20s %s\n", d,
		       r(v(p, "allocs.refops_per_1k_allocs"), 1000),
		       v(p, "allocs.lookups"),
		       r(v(p, "allocs.vtime_alloc_ns"), v(p, "allocs.allocs")),
		       r(v(p, "forks.refops_per_1k_forks"), 1000),
		       r(v(p, "forks.refops_per_1k_allocs"), 1000),
		       v(p, "forks.lookups"),
		       r(v(p, "forks.vtime_fork_ns") + v(p, "forks.vtime_alloc_ns"),
			 v(p, "forks.forks")),
		       where(p, "race"), where(p, "fresh")
	}
}
EOF

printf '%-24s %-23s   %-31s   %s\n' "" "allocation-heavy" "fork-heavy" \
	"window allocation charged to"
printf '%-24s %6s %5s %7s   %6s %6s %5s %7s   %-20s %s\n' \
	"objcg memcg mount" "ref/al" "lkups" "ns/al" "ref/fk" "ref/al" \
	"lkups" "ns/fk" "cached task" "fresh child"
for mount in - nomigrate; do
	file=$scn
	[ "$mount" = - ] || file=$tmp/nomigrate.scn
	# shellcheck disable=SC2086 # $shows is a list of options
	"$bin" compare-policies "$file" objcg.task_cache=lazy,off,fork \
		memcg.task_cache=off,on $shows --csv > "$tmp/out" || true
	awk -v mount="$mount" -v table=1 -f "$tmp/rows.awk" "$tmp/out"
done
cat <<'EOF'

ref/al: reference operations per accounted allocation; ref/fk: per fork,
the exit included; lkups: objcg lookups; ns/al, ns/fk: the design's
virtual time (the cost table's nanoseconds) per allocation, and per fork
with the allocations of the fork-heavy cgroup.  In the window (between
css_set_move_task() and ->attach(), the old cgroup A removed), race or
fresh is A's parent (a stale objcg or a failed lookup), */B the new cgroup.
EOF
