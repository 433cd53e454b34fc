#!/bin/sh
# The selftest ports: every scenario under tests/scenarios/{memcontrol,zswap,
# kmem} whose header names the 6.12 selftest it ports
# (tools/testing/selftests/...), one path a line.  The model's own
# scenarios beside them pin the model's exact numbers and are not ports.
cd "$(dirname "$0")/.." || exit 2
for f in $(find tests/scenarios/memcontrol tests/scenarios/zswap \
		tests/scenarios/kmem -name '*.scn' | sort); do
	head -3 "$f" | grep -q 'tools/testing/selftests/' && echo "$f"
done
exit 0
