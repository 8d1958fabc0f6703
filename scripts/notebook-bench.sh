#!/bin/bash
# Measures the notebook figures of issues 11 and 14 in one go, and says where
# a render's time goes:
#
#   1. one notebook (success-vs-failure) rendered twice, cold then warm,
#      against the demo's data and against a 1,000,000-row emulator month
#      (about 335,000 rows in the 30-day window); target: warm big <= 2x
#      warm demo;
#   2. where the warm renders' time went (lensbook render --timings): the
#      kernel's start, then per cell GoNB's goimports, go get, the build of
#      the cell's program (its link apart) and the program's run; the run's
#      big-minus-demo time is the data;
#   3. the demo gallery (every notebook, render --demo, 2 jobs) rendered
#      cold, then warm twice: once plain (the figure; target: warm <= 60 s),
#      once with --timings (where its time went).
#
# Every figure is printed with the CPU seconds it took and the 1-minute load
# average beside it: on a shared machine a wall time means little without
# them. The CPU seconds are those --timings counts (lensbook, the Jupyter
# client, the kernel, the builds and the cell programs, read from /proc;
# the kernel is killed at the end of a run, not waited for, so rusage would
# miss it); watching /proc costs lensbook about 5% of a core. The plain
# gallery render has no CPU figure for that reason. Takes 5-15 minutes.
#
#   scripts/notebook-bench.sh                      # everything
#   scripts/notebook-bench.sh -notebook revenue    # another notebook
#   scripts/notebook-bench.sh -rows 300000 -no-gallery
#   scripts/notebook-bench.sh -only-gallery
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

notebook=success-vs-failure
rows=1000000
gallery=1
single=1
while [ $# -gt 0 ]; do
	case "$1" in
	-notebook) notebook=$2; shift 2 ;;
	-rows) rows=$2; shift 2 ;;
	-no-gallery) gallery=0; shift ;;
	-only-gallery) single=0; shift ;;
	*) echo "usage: $0 [-notebook NAME] [-rows N] [-no-gallery | -only-gallery]" >&2; exit 2 ;;
	esac
done

dir=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
# cpu FILE: the CPU seconds of the render whose --timings output is FILE.
cpu() { sed -n 's/^render: .* s wall, \([0-9.]*\) s CPU.*/\1/p' "$1"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

go build -o "$dir/lensbook" ./cmd/lensbook
lensbook=$dir/lensbook

# emulator NAME [ARGS]: starts `lensbook emulate` and writes its exports to
# $dir/NAME.env once it serves.
emulator() {
	local name=$1
	shift
	"$lensbook" emulate --addr 127.0.0.1:0 "$@" >"$dir/$name.env" 2>"$dir/$name.log" &
	pids+=($!)
	for _ in $(seq 600); do
		grep -q serving "$dir/$name.log" 2>/dev/null && return 0
		sleep 0.5
	done
	echo "notebook-bench: the $name emulator did not start:" >&2
	cat "$dir/$name.log" >&2
	exit 1
}

# render NAME LABEL PASS: renders the notebook against emulator NAME with
# its own store and --timings (kept in $dir/NAME-PASS.timings); prints the
# wall time, the CPU time and the load.
render() {
	local name=$1 label=$2 t0 t1 l
	l=$(load)
	t0=$(now)
	(
		# shellcheck disable=SC1090
		. "$dir/$name.env"
		LENSBOOK_STORE=$dir/$name-store/store.db \
			"$lensbook" render --force --timings --out "$dir/$name-out" "$notebook" >"$dir/$name-$3.timings" 2>&1
	) || {
		cat "$dir/$name-$3.timings" >&2
		exit 1
	}
	t1=$(now)
	printf '  %-34s %7s s, %6s CPU s   (load %s)\n' "$label" "$(secs "$t0" "$t1")" "$(cpu "$dir/$name-$3.timings")" "$l"
	eval "render_${name}_$3=$(secs "$t0" "$t1")"
}

# table FILE: the timings tables of a render --timings output.
table() { sed -n '/seconds, wall/,$p' "$1" | sed 's/^/    /'; }

if [ "$single" = 1 ]; then
echo "notebook-bench: $notebook; demo data, and an emulator month of $rows rows"
emulator demo
emulator big --rows "$rows"
grep -h "Web API Log rows" "$dir/demo.log" "$dir/big.log" | sed 's/^/  /'

echo "render $notebook (lensbook render --force, its own store per dataset):"
render demo "demo, cold (first sync)" cold
render demo "demo, warm" warm
render big "$rows rows, cold (first sync)" cold
render big "$rows rows, warm" warm
# shellcheck disable=SC2154
awk -v d="$render_demo_warm" -v b="$render_big_warm" 'BEGIN {
	printf "  warm %s rows / warm demo: %.2fx (target <= 2x): %s\n", "'"$rows"'", b / d, (b <= 2 * d ? "met" : "NOT met") }'

echo "where the warm renders' time went (lensbook render --timings):"
echo "  demo:"
table "$dir/demo-warm.timings"
echo "  $rows rows:"
table "$dir/big-warm.timings"
# run: the cell programs' time, the data and display work.
runs() { awk '$1 == "run" && $2 == "(data," { print $5 }' "$1"; }
awk -v d="$(runs "$dir/demo-warm.timings")" -v b="$(runs "$dir/big-warm.timings")" 'BEGIN {
	printf "  data on the big month (the cell programs'"'"' run, big - demo): %.1f s wall\n", b - d }'

fi

if [ "$gallery" = 1 ]; then
	echo "demo gallery (lensbook render --demo --force, every notebook, 2 jobs):"
	for pass in cold warm timed; do
		flags=()
		[ "$pass" = timed ] && flags=(--timings)
		l=$(load)
		t0=$(now)
		"$lensbook" render --demo --force "${flags[@]}" --out "$dir/gallery" >"$dir/gallery-$pass.log" 2>&1 || {
			tail -30 "$dir/gallery-$pass.log" >&2
			exit 1
		}
		t1=$(now)
		c=""
		[ "$pass" = timed ] && c=", $(cpu "$dir/gallery-$pass.log") CPU s"
		printf '  %-34s %7s s%s   (load %s)\n' "$pass" "$(secs "$t0" "$t1")" "$c" "$l"
		[ "$pass" = warm ] && warm=$(secs "$t0" "$t1")
	done
	awk -v t="$warm" 'BEGIN { printf "  warm gallery: %.1f s (target <= 60 s): %s\n", t, (t <= 60 ? "met" : "NOT met") }'
	echo "  where the time went (the timed warm render):"
	table "$dir/gallery-timed.log"
fi
