#!/usr/bin/env bash
# scripts/notebook.sh [--demo] [--ip ADDR] [--port N]: start Debian's Jupyter
# notebook server (on 127.0.0.1:8888 unless told otherwise) serving
# notebooks/, with the GoNB kernel of scripts/setup.sh registered. With
# --demo (or LENSBOOK_DEMO=1), first start the emulator (lensbook emulate) and
# export CRYPTOLENS_BASE_URL, CRYPTOLENS_TOKEN and LENSBOOK_AS_OF to the
# server, so notebook cells see the demo data. The login token is
# JUPYTER_TOKEN when set, else one Jupyter generates; Jupyter prints the URL
# with it once it is listening.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$LENSBOOK_ROOT"

demo=${LENSBOOK_DEMO:-0} ip=127.0.0.1 port=8888
while [ $# -gt 0 ]; do
	case $1 in
	--demo) demo=1 ;;
	--port) port=$2; shift ;;
	--ip) ip=$2; shift ;;
	*) echo "usage: scripts/notebook.sh [--demo] [--ip ADDR] [--port N]" >&2; exit 2 ;;
	esac
	shift
done

if [ "$demo" = 1 ]; then
	mkdir -p "$LENSBOOK_BUILD_DIR"
	go build -o "$LENSBOOK_BUILD_DIR/bin/lensbook" ./cmd/lensbook
	emu_out="$LENSBOOK_BUILD_DIR/emulator.out"
	: >"$emu_out"
	# On a free port (LENSBOOK_EMULATOR_ADDR to choose one): two demos, or a
	# demo and a running emulator, never collide.
	"$LENSBOOK_BUILD_DIR/bin/lensbook" emulate --addr "${LENSBOOK_EMULATOR_ADDR:-127.0.0.1:0}" >"$emu_out" 2>&1 &
	emu_pid=$!
	trap 'kill "$emu_pid" 2>/dev/null || true' EXIT
	# The emulator prints its base URL and token; accept KEY=VALUE lines
	# (optionally prefixed by "export ") or "base URL: ..." / "token: ...".
	for _ in $(seq 100); do
		base=$(sed -nE 's/^(export )?CRYPTOLENS_BASE_URL=//p; s/^.*[Bb]ase URL:? +(http[^ ]+).*$/\1/p' "$emu_out" | head -1)
		token=$(sed -nE 's/^(export )?CRYPTOLENS_TOKEN=//p; s/^.*[Tt]oken:? +([^ ]+).*$/\1/p' "$emu_out" | head -1)
		[ -n "$base" ] && [ -n "$token" ] && break
		kill -0 "$emu_pid" 2>/dev/null || { cat "$emu_out" >&2; echo "notebook: the emulator exited" >&2; exit 1; }
		sleep 0.1
	done
	if [ -z "${base:-}" ] || [ -z "${token:-}" ]; then
		echo "notebook: the emulator did not print its base URL and token within 10 s (see $emu_out)" >&2
		exit 1
	fi
	export CRYPTOLENS_BASE_URL="${base//\'/}" CRYPTOLENS_TOKEN="${token//\'/}"
	as_of=$(sed -nE 's/^(export )?LENSBOOK_AS_OF=//p' "$emu_out" | head -1)
	export LENSBOOK_AS_OF="${LENSBOOK_AS_OF:-${as_of:-2026-11-01T00:00:00Z}}"
	echo "notebook: emulator at $CRYPTOLENS_BASE_URL (as of $LENSBOOK_AS_OF); cells see CRYPTOLENS_BASE_URL, CRYPTOLENS_TOKEN, LENSBOOK_AS_OF"
fi

root_flag=()
[ "$(id -u)" -ne 0 ] || root_flag=(--allow-root)
mkdir -p "$LENSBOOK_ROOT/notebooks"
echo "notebook: serving $LENSBOOK_ROOT/notebooks on http://$ip:$port/ (Ctrl-C stops it; the URL with its token follows)"
"$JUPYTER" notebook --no-browser --ip="$ip" --port="$port" --port-retries=0 \
	--notebook-dir="$LENSBOOK_ROOT/notebooks" "${root_flag[@]}" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; kill "${emu_pid:-}" 2>/dev/null || true' EXIT INT TERM
wait "$server_pid"
