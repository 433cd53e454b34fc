#!/bin/sh
# The bash completion (scripts/memcglab.bash-completion) completes
# commands, each command's options from its --help, and policies with
# their values from the one table; and the manual page documents every
# option that a --help lists.
. "$(dirname "$0")/tap.sh"
comp=scripts/memcglab.bash-completion
man=docs/memcglab.1
dir=$(cd "$(dirname "$M")" && pwd)

bash -n "$comp"
ok $? "the completion is valid bash"

complete_words() {	# the completions of the words given
	PATH="$dir:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@");
		COMP_CWORD=$(($# - 1)); _memcglab; echo "${COMPREPLY[*]}"' \
		sh "$comp" "$@"
}

[ "$(complete_words memcglab sw)" = "sweep" ]
ok $? "a command"
[ "$(complete_words memcglab run --pol)" = "--policy" ]
ok $? "an option of run, from run --help"
[ "$(complete_words memcglab sweep --em)" = "--emit" ]
ok $? "an option of sweep"
[ "$(complete_words memcglab run --policy zswap.l)" = "zswap.lru=memcg zswap.lru=global" ]
ok $? "a policy and its values, from the table"
[ "$(complete_words memcglab compare-policies x.scn objcg)" = "objcg.task_cache=lazy objcg.task_cache=off objcg.task_cache=fork" ]
ok $? "compare-policies' switches"
[ "$(complete_words memcglab sweep x.scn --emit s)" = "slurm" ]
ok $? "--emit's kinds"

for cmd in run check sweep compare compare-policies report trace parse policies; do
	missing=""
	for opt in $("$M" $cmd --help | grep -o -- '--[a-z-]*' | sort -u); do
		grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$man" ||
			missing="$missing $opt"
	done
	[ -z "$missing" ]
	ok $? "the manual documents every option of $cmd${missing:+ (not:$missing)}"
done
if command -v groff >/dev/null 2>&1; then
	warnings=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	[ -z "$warnings" ]
	ok $? "the manual formats without a warning"
fi

done_testing
