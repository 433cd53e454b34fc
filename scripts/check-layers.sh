#!/bin/sh
# Check the layering of src/: every #include "..." must follow an edge
# listed in scripts/layers.conf.  Prints FILE:LINE for each include that
# does not, and exits 1 if there is any (0 when the tree is clean).
#
#   scripts/check-layers.sh [TREE]     (TREE: the checkout, default: this one)
#
# An include is resolved as the compiler resolves it (-Isrc): first next to
# the including file, then under src/.  The edge is from the deepest FROM
# directory of layers.conf that holds the including file (fs/proc/base.c is
# in fs/; scenario/model/ has rules of its own, apart from scenario/) to
# the path of the included header under src/.  tests/ and bench/ may
# include anything.
set -u
tree=${1:-$(dirname "$0")/..}
cd "$tree" || exit 2
conf=scripts/layers.conf
[ -r "$conf" ] || { echo "check-layers: no $conf" >&2; exit 2; }

# file:line:target for every quoted include under src/, resolved
find src -name '*.[ch]' | sort | while read -r f; do
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
	while IFS= read -r hit; do
		line=${hit%%:*}
		inc=${hit#*\"}
		inc=${inc%%\"*}
		if [ -e "${f%/*}/$inc" ]; then
			target=${f%/*}/$inc
		elif [ -e "src/$inc" ]; then
			target=src/$inc
		else
			echo "$f:$line: ?$inc"
			continue
		fi
		echo "$f:$line: $target"
	done
done | awk -v conf="$conf" '
	BEGIN {
		while ((getline l < conf) > 0) {
			sub(/#.*/, "", l)
			n = split(l, w)
			if (n == 0)
				continue
			if (n != 2) {
				print conf ": not FROM TO: " l
				bad++
				continue
			}
			nrules++
			from[nrules] = w[1]
			to[nrules] = w[2]
		}
	}
	{
		loc = $1
		target = $2
		file = loc
		sub(/:[0-9]+:$/, "", file)
		sub(/^src\//, "", file)
		dir = ""
		for (r = 1; r <= nrules; r++)
			if (substr(file, 1, length(from[r])) == from[r] &&
			    length(from[r]) > length(dir))
				dir = from[r]
		if (dir == "") {
			dir = file
			sub(/\/.*/, "/", dir)
		}
		if (target ~ /^\?/) {
			print loc " include \"" substr(target, 2) "\" not found"
			bad++
			next
		}
		gsub(/\/\.\//, "/", target)
		sub(/^src\//, "", target)
		ok = 0
		for (r = 1; r <= nrules && !ok; r++) {
			if (from[r] != dir)
				continue
			t = to[r]
			if (t == target ||
			    (t ~ /\/$/ && substr(target, 1, length(t)) == t)) {
				ok = 1
				used[r] = 1
			}
		}
		if (!ok) {
			print loc " " dir " -> " target " is not an allowed edge (" conf ")"
			bad++
		}
	}
	END {
		for (r = 1; r <= nrules; r++)
			if (!used[r] && to[r] !~ /\/$/)
				printf "check-layers: unused edge %s -> %s\n", from[r], to[r] > "/dev/stderr"
		if (bad) {
			printf "check-layers: %d include(s) break the layering\n", bad
			exit 1
		}
	}'
