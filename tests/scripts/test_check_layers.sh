#!/bin/sh
# scripts/check-layers.sh passes on a clean copy of the tree and fails,
# naming FILE:LINE, when an include breaks the layering (TAP).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0

ok() {	# ok CONDITION-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

fresh() {
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree"
	cp -R "$root/src" "$root/scripts" "$tmp/tree/"
}

# expect STATUS PATTERN: the checker exits with STATUS and prints PATTERN
expect() {
	"$tmp/tree/scripts/check-layers.sh" "$tmp/tree" >"$tmp/out" 2>&1
	st=$?
	if [ "$st" = "$1" ] && { [ -z "$2" ] || grep -q -- "$2" "$tmp/out"; }; then
		return 0
	fi
	sed 's/^/# /' "$tmp/out"
	return 1
}

echo "1..8"

fresh
"$tmp/tree/scripts/check-layers.sh" "$tmp/tree" >"$tmp/out" 2>&1
ok $? "the clean tree passes"

# sim/ is below mm/: an include of mm/ from sim/ runs upward
fresh
line=$(($(wc -l <"$tmp/tree/src/sim/clock.c") + 1))
echo '#include "mm/memcontrol.h"' >>"$tmp/tree/src/sim/clock.c"
expect 1 "src/sim/clock.c:$line: sim/ -> mm/memcontrol.h"
ok $? "an upward include from sim/ fails with its file:line"

# a peer may use only the public headers listed for it
fresh
echo '#include "mm/vmscan.h"' >>"$tmp/tree/src/kernel/exit.c"
expect 1 "src/kernel/exit.c:[0-9]*: kernel/ -> mm/vmscan.h"
ok $? "a peer's unlisted header fails"

# a subdirectory belongs to its top directory (fs/proc is fs/)
fresh
echo '#include "scenario/ast.h"' >>"$tmp/tree/src/fs/proc/base.c"
expect 1 "src/fs/proc/base.c:[0-9]*: fs/ -> scenario/ast.h"
ok $? "an include from fs/proc/ counts as fs/"

# the scenario runtime runs on any backend: it may not name the model
fresh
echo '#include "mm/mm.h"' >>"$tmp/tree/src/scenario/rt.c"
expect 1 "src/scenario/rt.c:[0-9]*: scenario/ -> mm/mm.h"
ok $? "the scenario runtime may not include the model"

# ... nor a backend's headers; the model backend has rules of its own
fresh
echo '#include "scenario/model/model.h"' >>"$tmp/tree/src/scenario/dispatch.c"
echo '#include "mm/mm.h"' >>"$tmp/tree/src/scenario/model/act_file.c"
expect 1 "src/scenario/dispatch.c:[0-9]*: scenario/ -> scenario/model/model.h" &&
	! grep -q act_file "$tmp/out"
ok $? "the dispatcher may not include the model backend, which may include mm/"

fresh
echo '#include "no/such.h"' >>"$tmp/tree/src/lib/rng.c"
expect 1 'src/lib/rng.c:[0-9]*: include "no/such.h" not found'
ok $? "an include that resolves to no file fails"

# listing the edge makes it allowed
fresh
echo '#include "mm/vmscan.h"' >>"$tmp/tree/src/kernel/exit.c"
echo 'kernel/ mm/vmscan.h' >>"$tmp/tree/scripts/layers.conf"
expect 0 ""
ok $? "an edge added to layers.conf is allowed"
