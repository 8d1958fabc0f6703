#!/bin/bash
# Measures the notebook figures of issues 11 and 14 in one go, and says where
# a render's time goes:
#
#   1. one notebook (success-vs-failure) rendered twice, cold then warm,
#      against the demo's data and against a 1,000,000-row emulator month
#      (about 335,000 rows in the 30-day window); target: warm big <= 2x
#      warm demo;
#   2. the same notebook executed once more on each dataset with nbconvert's
#      cell timings: kernel start, then each cell (GoNB's compile and link of
#      the cell, then its run); a cell's big-minus-demo time is its data;
#   3. the demo gallery (every notebook, render --demo, 2 jobs) rendered
#      twice, cold then warm; target: warm <= 60 s.
#
# Every figure is printed with the CPU seconds it took (user + system, of
# lensbook and everything it ran: nbconvert, the kernel, go build, the cell
# programs) and the 1-minute load average beside it: on a shared machine a
# wall time means little without them. Cell timings come from the kernel's
# message times, to the second. Takes 5-15 minutes.
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
# cpu FILE: the user + system seconds /usr/bin/time wrote to FILE.
cpu() { awk '{ printf "%.1f", $1 + $2 }' "$1"; }
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

# render NAME LABEL: renders the notebook against emulator NAME with its own
# store; prints the wall time and the load.
render() {
	local name=$1 label=$2 t0 t1 l
	l=$(load)
	t0=$(now)
	(
		# shellcheck disable=SC1090
		. "$dir/$name.env"
		LENSBOOK_STORE=$dir/$name-store/store.db /usr/bin/time -f '%U %S' -o "$dir/time.out" \
			"$lensbook" render --force --out "$dir/$name-out" "$notebook" >"$dir/render.log" 2>&1
	) || {
		cat "$dir/render.log" >&2
		exit 1
	}
	t1=$(now)
	printf '  %-34s %7s s, %6s CPU s   (load %s)\n' "$label" "$(secs "$t0" "$t1")" "$(cpu "$dir/time.out")" "$l"
	eval "render_${name}_$3=$(secs "$t0" "$t1")"
}

# timed NAME: executes the notebook once through nbconvert with cell
# timings, against emulator NAME and its (warm) store.
timed() {
	local name=$1
	(
		# shellcheck disable=SC1090
		. "$dir/$name.env"
		export LENSBOOK_STORE=$dir/$name-store/store.db
		now >"$dir/$name.start"
		"$JUPYTER" nbconvert --to notebook --execute --allow-errors \
			--ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout=1200 \
			--ExecutePreprocessor.record_timing=True \
			--output-dir "$dir" --output "$name-timed.ipynb" "notebooks/$notebook.ipynb" >"$dir/nbconvert.log" 2>&1
		now >"$dir/$name.end"
	) || {
		cat "$dir/nbconvert.log" >&2
		exit 1
	}
}

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

echo "where the time goes (nbconvert with cell timings, warm stores; load $(load)):"
timed demo
timed big
# shellcheck disable=SC2154
python3 - "$dir" "$render_demo_warm" "$render_big_warm" <<'EOF'
import datetime, json, sys
d = sys.argv[1]
render_demo, render_big = float(sys.argv[2]), float(sys.argv[3])

def ts(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()

def cells(name):
    nb = json.load(open(f"{d}/{name}-timed.ipynb"))
    start, end = float(open(f"{d}/{name}.start").read()), float(open(f"{d}/{name}.end").read())
    out, first = [], None
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        ex = c.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" not in ex or "shell.execute_reply" not in ex:
            continue
        t0, t1 = ts(ex["iopub.execute_input"]), ts(ex["shell.execute_reply"])
        first = t0 if first is None else first
        src = "".join(c["source"]).strip().splitlines()
        label = next((l for l in src if l.strip() and not l.startswith(("//", "import", "!", "%%", ")", "\t\"", "("))), src[0] if src else "")
        out.append((label.strip()[:46], t1 - t0))
    return start, first, end, out

ds, df, de, dc = cells("demo")
bs, bf, be, bc = cells("big")
print(f"  {'':48} {'demo':>7} {'big':>7} {'big-demo':>9}")
print(f"  {'kernel start (nbconvert to the first cell)':48} {df-ds:7.1f} {bf-bs:7.1f} {(bf-bs)-(df-ds):9.1f}")
for (label, a), (_, b) in zip(dc, bc):
    print(f"  cell: {label:42} {a:7.1f} {b:7.1f} {b-a:9.1f}")
sa, sb = sum(a for _, a in dc), sum(b for _, b in bc)
print(f"  {'all cells':48} {sa:7.1f} {sb:7.1f} {sb-sa:9.1f}")
print(f"  {'kernel shutdown, nbconvert writing':48} {de-ds-(df-ds)-sa:7.1f} {be-bs-(bf-bs)-sb:7.1f}")
print(f"  {'nbconvert in all':48} {de-ds:7.1f} {be-bs:7.1f}")
n = len(dc)
print(f"  per cell on the demo (compile, link and start of the cell program; its data is small): {sa/max(n,1):.1f} s over {n} cells")
print(f"  data on the big month (big-demo over the cells): {sb-sa:.1f} s")
print(f"  {'render beyond nbconvert (warm render - nbconvert)':48} {render_demo-(de-ds):7.1f} {render_big-(be-bs):7.1f}")
EOF

fi

if [ "$gallery" = 1 ]; then
	echo "demo gallery (lensbook render --demo --force, every notebook, 2 jobs):"
	for pass in cold warm; do
		l=$(load)
		t0=$(now)
		/usr/bin/time -f '%U %S' -o "$dir/time.out" \
			"$lensbook" render --demo --force --out "$dir/gallery" >"$dir/gallery.log" 2>&1 || {
			tail -30 "$dir/gallery.log" >&2
			exit 1
		}
		t1=$(now)
		printf '  %-34s %7s s, %6s CPU s   (load %s)\n' "$pass" "$(secs "$t0" "$t1")" "$(cpu "$dir/time.out")" "$l"
	done
	awk -v t="$(secs "$t0" "$t1")" 'BEGIN { printf "  warm gallery: %.1f s (target <= 60 s): %s\n", t, (t <= 60 ? "met" : "NOT met") }'
	grep -E '^notebooks/' "$dir/gallery.log" | sed 's/^/    /'
fi
