#!/bin/sh
# The command line's errors and help: every bad option or value is named in
# its error and exits 2, -h/--help and --version exit 0, `-` reads standard
# input.
. "$(dirname "$0")/tap.sh"

for cmd in run check sweep compare-policies report trace parse policies; do
	out=$("$M" $cmd --help 2>&1)
	ok $? "$cmd --help exits 0"
	printf '%s' "$out" | grep -q "^usage: memcglab $cmd"
	ok $? "$cmd --help prints its usage"
	out=$("$M" $cmd -h 2>&1)
	ok $? "$cmd -h exits 0"
done
"$M" --help | grep -q 'zswap.lru  *memcg|global'
ok $? "--help lists the policies and their values from the table"
"$M" run --help | grep -q 'smemcg  *off|charge|borrow'
ok $? "run --help lists them too"
"$M" --version | grep -q '^memcglab [0-9]'
ok $? "--version"

expect_fail 2 "unknown option '--frob'" "an unknown long option is named" -- run --frob x.scn
expect_fail 2 "unknown option '-q'" "an unknown short option is named" -- run -q x.scn
expect_fail 2 "option '--seed' needs a value" "a missing value is named" -- run examples/demo.scn --seed
expect_fail 2 "--seed '12x'" "a seed that is not a number" -- run --seed 12x examples/demo.scn
expect_fail 2 "--seed '-1'" "a negative seed" -- run --seed -1 examples/demo.scn
expect_fail 2 "--seed '18446744073709551616'" "a seed above 2^64-1" -- run --seed 18446744073709551616 examples/demo.scn
expect_fail 2 "unknown policy 'zswap.lr'" "an unknown policy, with the list" -- run --policy zswap.lr=memcg examples/demo.scn
expect_fail 2 "its values: memcg, global" "a policy value, with its values" -- run -p zswap.lru=lifo examples/demo.scn
expect_fail 2 "--limit foo: unknown limit (the limits: ops, samples)" "an unknown --limit" -- run --limit foo=1 examples/demo.scn
expect_fail 2 "--limit ops=0: expected ops=N or samples=N" "a --limit of zero" -- run --limit ops=0 examples/demo.scn
expect_fail 2 "--set nope: expected TARGET=VALUE" "a --set without =" -- run --set nope examples/demo.scn
expect_fail 2 "no scenario file" "run without a file" -- run
expect_fail 2 "one scenario file, not 2" "run with two files" -- run a.scn b.scn
expect_fail 2 "--output is for --json" "--output without --json" -- run -o x.json examples/demo.scn
expect_fail 2 "would overwrite a scenario" "--trace onto a scenario" -- run --trace examples/demo.scn examples/demo.scn
expect_fail 2 "unknown command 'frob'" "an unknown command" -- frob
expect_fail 2 "unknown option '--frob'" "an unknown option before the command" -- --frob
expect_fail 2 "nothing.scn" "a missing scenario file is named" -- run nothing.scn
expect_fail 2 "--emit 'mpi'" "sweep --emit of an unknown kind" -- sweep examples/demo.scn --emit mpi --out /tmp/x
expect_fail 2 "--emit needs --out" "sweep --emit without --out" -- sweep examples/demo.scn --emit slurm
expect_fail 2 "--seeds 5..1" "a backwards seed range" -- sweep examples/demo.scn --seeds 5..1
expect_fail 2 "--jobs '0'" "zero jobs" -- sweep examples/demo.scn -j 0
expect_fail 2 "takes no scenario" "--collect with a scenario" -- sweep --collect /tmp examples/demo.scn
expect_fail 2 "unknown policy 'nope'" "compare-policies checks the switches" -- compare-policies examples/demo.scn nope=a,b
expect_fail 2 "unknown format 'perf'" "trace of an unknown format" -- trace perf x
expect_fail 2 "--prefix '9x'" "trace with a prefix that is no region name" -- trace damon --prefix 9x x
expect_fail 2 "x.json" "report of a missing file names it" -- report x.json

# `-` is standard input
out=$(printf 'machine memory=64M\necho from stdin\n' | "$M" run -)
printf '%s' "$out" | grep -q '^from stdin$'
ok $? "run - reads the scenario from standard input"
out=$(printf 'machine memory=64M\nsleep 1ms\n' | "$M" parse -)
[ "$out" = "$(printf 'machine memory=67108864\nsleep 1000000ns')" ]
ok $? "parse - too"
err=$(printf 'machine memory=64M\ntuch x\n' | "$M" run - 2>&1 >/dev/null)
printf '%s' "$err" | grep -q '^<stdin>:2: '
ok $? "errors in standard input's scenario say <stdin>:LINE"

done_testing
