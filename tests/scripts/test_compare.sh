#!/bin/sh
# memcglab compare without a guest: its kernel side from the guest
# executor's saved output (--from-kernel), made here by the executor itself
# on a scratch root of plain files (never the host's /sys/fs/cgroup or
# /proc/sys).  The scratch files agree with the model on some values and
# are missing for others, so the table must show both verdicts.
BUILD=${BUILD:-build}
memcglab=${MEMCGLAB:-$BUILD/memcglab}
exec=$BUILD/guest/memcglab-exec
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0

check() {
	n=$((n + 1))
	if eval "$2"; then
		echo "ok $n - $1"
	else
		fail=$((fail + 1))
		echo "not ok $n - $1"
		sed 's/^/#   /' "$tmp/out" | head -30
	fi
}

mkdir -p "$tmp/root/sys/fs/cgroup" "$tmp/root/proc/sys/vm"
echo memory > "$tmp/root/sys/fs/cgroup/cgroup.controllers"
echo 60 > "$tmp/root/proc/sys/vm/swappiness"
: > "$tmp/root/sys/fs/cgroup/cgroup.subtree_control"
cat > "$tmp/c.scn" <<'SCN'
machine memory=1G
write cgroup.subtree_control +memory
mkdir A
read cgroup.controllers
read /proc/sys/vm/swappiness
read A/memory.max
expect A/memory.current == 0
spawn p in A
p: mmap r anon 64K
p: touch r
expect pagemap p r present ~ 16 5%
kill p
expect p killed
SCN
"$exec" --observe --root "$tmp/root" "$tmp/c.scn" > "$tmp/k.txt"
"$memcglab" compare --from-kernel "$tmp/k.txt" "$tmp/c.scn" > "$tmp/out"
status=$?
check "differences: exit status 1" '[ $status = 1 ]'
row() {	# LINE VALUE VERDICT: the row is in the table
	grep -E "^ +$1  $2 .*  $3\$" "$tmp/out" >/dev/null
}
check "equal text agrees" 'row 4 cgroup.controllers agree'
check "equal numbers agree" 'row 5 /proc/sys/vm/swappiness agree'
check "a value against an error differs" 'row 6 A/memory.max DIFFER'
check "an expect that fails on one side differs" \
	'row 7 "expect A/memory.current == 0" DIFFER'
check "a pagemap expect with its own tolerance" \
	'row 11 "expect pagemap p r present ~ 16 5%" agree &&
	 grep -E "^ +11 .* 16 ok +16 ok +\+0.0% +5%" "$tmp/out" >/dev/null'
check "a kill on both sides" 'row 12 "killed p \(kill p\)" agree'
check "the summary counts" \
	'grep -q "^# agreement: 5 of 8 values agree" "$tmp/out"'
check "the kernel's failed TAP line is a row of its own" \
	'row 6 "read A/memory.max" "kernel only"'

"$memcglab" compare --json --from-kernel "$tmp/k.txt" "$tmp/c.scn" > "$tmp/out"
check "--json: one document with every row" \
	'grep -q "^{\"format\":\"memcglab-compare\",\"version\":1," "$tmp/out" &&
	 [ "$(grep -o "\"verdict\":" "$tmp/out" | wc -l)" = 8 ] &&
	 grep -q "\"summary\":{\"values\":8,\"agree\":5,\"disagree_lines\":\[6,6,7\]}" "$tmp/out"'

printf 'machine memory=1G\npolicy zswap.lru=global\nread /proc/sys/vm/swappiness\n' \
	> "$tmp/p.scn"
"$memcglab" compare "$tmp/p.scn" > "$tmp/out" 2>&1
status=$?
check "a model-only policy: the model alone, and it says why" \
	'[ $status = 0 ] && grep -q "^# kernel: not run, the model only: .*p.scn:2: policy zswap.lru=global is model-only" "$tmp/out" &&
	 row 3 /proc/sys/vm/swappiness "-"'
"$memcglab" compare --tolerance 200 "$tmp/p.scn" > "$tmp/out" 2>&1
status=$?
check "a bad tolerance is a usage error" '[ $status = 2 ]'
echo "1..$n"
[ "$fail" = 0 ]
