#!/bin/sh
# The HTML report in a real browser (Debian's chromium, headless):
#
#   tests/browser/report.sh OUTDIR PAGE.html MIN_PLOTS [PAGE.html MIN_PLOTS]...
#
# For each page: it loads with no console message (an error, a warning or
# an uncaught exception would all be one), the DOM chromium built holds at
# least MIN_PLOTS <svg> plots with lines in them, and a screenshot is
# taken, OUTDIR/NAME.png, to look at.  A page with a console error is
# loaded first, to show that such messages are caught at all.  Without
# chromium every test is skipped.  Prints TAP and "N passed, N failed".
out=$1; shift
. "$(dirname "$0")/../cli/tap.sh"

if ! command -v chromium >/dev/null 2>&1; then
	echo "1..0 # SKIP chromium is not installed (scripts/install-deps.sh browser)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# the flags that work on this kind of machine (no D-Bus, no GPU, no network)
browse() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

# the console messages chromium logged while loading file $1
console() {
	browse --dump-dom "file://$(realpath "$1")" 2>"$out/console.log" >"$out/dom.html"
	grep ':CONSOLE' "$out/console.log"
}

# the width and height in a PNG's IHDR chunk
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" $5*16777216 + $6*65536 + $7*256 + $8 }'
}

printf '<!DOCTYPE html><title>x</title><script>console.error("caught")</script>\n' \
	>"$out/control.html"
console "$out/control.html" | grep -q '"caught"'
ok $? "a console error on a control page is caught"

while [ $# -ge 2 ]; do
	page=$1 min=$2; shift 2
	name=$(basename "$page" .html)
	msgs=$(console "$page")
	[ -z "$msgs" ]
	ok $? "$name loads with no console message"
	[ -n "$msgs" ] && echo "$msgs" | sed 's/^/#   /'
	plots=$(grep -o '<svg ' "$out/dom.html" | wc -l)
	[ "$plots" -ge "$min" ]
	ok $? "$name: the browser's DOM has $plots plots (at least $min)"
	grep -q '<polyline' "$out/dom.html"
	ok $? "$name: the plots have lines"
	rm -f "$out/$name.png"
	browse --hide-scrollbars --window-size=1100,2400 \
		--screenshot="$out/$name.png" "file://$(realpath "$page")" \
		>/dev/null 2>&1
	[ "$(png_size "$out/$name.png" 2>/dev/null)" = 1100x2400 ]
	ok $? "$name: a 1100x2400 screenshot, $out/$name.png"
done

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
