#!/bin/sh
# content=model against content=real (issue 17): run each scenario in both
# modes and compare everything it showed, as TAP, one line a scenario:
# every value it read, both sides of every expect (`run --observe`), every
# TAP line, its exit status and errors, every charge, uncharge and event
# (`--trace`), and every file it recorded.  The tolerance is zero: a
# descriptor names exactly the bytes content=real writes, and each
# compressed size comes from the real compressor on those bytes
# (docs/scenario.md, "content=model"), so both runs take the same path
# and must agree byte for byte.
#
#   scripts/content-compare.sh [-m MEMCGLAB] [FILE.scn...]
#
# Without files: every scenario under tests/scenarios, examples and docs
# (the selftest ports among them).  Exit status 1 if any differs.
set -u
bin=./memcglab
if [ "${1:-}" = -m ]; then
	bin=$2
	shift 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/content-compare.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
if [ $# = 0 ]; then
	set -- $(find tests/scenarios examples docs -name '*.scn' | sort)
fi

# run MODE FILE: its output, trace and records under $tmp/MODE
run() {
	rm -rf "$tmp/$1"
	mkdir -p "$tmp/$1/rec"
	"$bin" run --verify --observe --content "$1" --trace "$tmp/$1/trace" \
		--record-dir "$tmp/$1/rec" "$2" >"$tmp/$1/out" 2>&1
	echo "exit $?" >>"$tmp/$1/out"
}

echo "1..$#"
n=0 bad=0
for f in "$@"; do
	n=$((n + 1))
	run real "$f"
	run model "$f"
	if diff -r "$tmp/real" "$tmp/model" >"$tmp/diff" 2>&1; then
		values=$(grep -c '^#@ ' "$tmp/real/out")
		events=$(wc -l <"$tmp/real/trace")
		echo "ok $n - $f: the same in both ($values observations," \
		     "$events trace lines)"
	else
		bad=$((bad + 1))
		echo "not ok $n - $f: content=model differs"
		head -20 "$tmp/diff" | sed 's/^/#   /'
	fi
done
[ "$bad" = 0 ]
