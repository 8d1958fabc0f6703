#!/usr/bin/env bash
# scripts/setup.sh: make this checkout ready to execute GoNB notebooks.
#
#   1. Debian packages (Jupyter's nbconvert, client and notebook server,
#      chromium and its driver, fonts), installing only what is missing.
#   2. The tools of tools/go.mod (gonb, goimports, staticcheck) into .build/bin.
#   3. The GoNB kernelspec into .build/jupyter (JUPYTER_DATA_DIR).
#   4. A warm Go build cache (go build ./...).
#
# Idempotent; a second run does nothing but checks (well under 2 s).
# Environment: LENSBOOK_BUILD_DIR overrides .build; LENSBOOK_SKIP_APT=1 skips
# step 1 (for machines whose packages are managed another way).
#
# scripts/setup.sh --check-kernelspec only checks that jupyter lists the gonb
# kernel (exit 0) or not (exit 1); scripts/setup_test.go runs it in a loop.
#
# No command's output is piped into `grep -q` here: under pipefail, grep
# exiting at its first match makes a writer that is still writing (jupyter,
# dpkg-query) die of SIGPIPE, and the pipeline fails at random. Outputs are
# read whole into a variable first, then matched.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$LENSBOOK_ROOT"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# kernel_listed: does `jupyter kernelspec list` show the gonb kernel?
kernel_listed() {
	local list re=$'(^|\n) *gonb +'
	list=$("$JUPYTER" kernelspec list 2>/dev/null) || return 1
	[[ $list =~ $re ]]
}

if [ "${1:-}" = --check-kernelspec ]; then
	kernel_listed || { printf 'setup: jupyter kernelspec list does not show gonb (JUPYTER_DATA_DIR=%s)\n' "$JUPYTER_DATA_DIR" >&2; exit 1; }
	exit 0
elif [ $# -gt 0 ]; then
	echo "usage: scripts/setup.sh [--check-kernelspec]" >&2
	exit 2
fi
mkdir -p "$LENSBOOK_BUILD_DIR/bin" "$JUPYTER_DATA_DIR"

# ---- 1. Debian packages ---------------------------------------------------
packages=(jupyter-nbconvert jupyter-client jupyter-notebook python3-nbformat
	python3-nbclient chromium chromium-driver fonts-liberation g++ poppler-utils)

install_packages() {
	local missing=() p
	if ! command -v dpkg-query >/dev/null 2>&1; then
		if [ -x /usr/bin/jupyter ] && command -v chromium >/dev/null 2>&1; then
			say "no dpkg here; using the jupyter and chromium already on this machine"
			return
		fi
		die "no apt/dpkg on this machine: install Jupyter (nbconvert, jupyter_client, notebook) and chromium by hand, or set LENSBOOK_SKIP_APT=1"
	fi
	local status
	for p in "${packages[@]}"; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=
		if [ "$status" != "install ok installed" ]; then
			missing+=("$p")
		fi
	done
	if [ ${#missing[@]} -eq 0 ]; then
		say "debian packages: all ${#packages[@]} present"
		return
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "missing packages ${missing[*]} and no apt-get on this machine"
	local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo=(sudo -n env DEBIAN_FRONTEND=noninteractive)
		else
			printf 'setup: missing Debian packages: %s\n' "${missing[*]}" >&2
			printf 'setup: run this as root, then run scripts/setup.sh again:\n    sudo sh -c "%s"\n' "$cmd" >&2
			exit 1
		fi
	fi
	say "installing debian packages: ${missing[*]}"
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if [ "${LENSBOOK_SKIP_APT:-}" = 1 ]; then
	say "debian packages: skipped (LENSBOOK_SKIP_APT=1)"
else
	install_packages
fi
[ -x "$JUPYTER" ] || command -v "$JUPYTER" >/dev/null 2>&1 || die "jupyter not found (looked for /usr/bin/jupyter and jupyter on PATH)"

# ---- 2. tools --------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "no go command on PATH: install Go $(sed -n 's/^go //p' go.mod) or newer first"
tools_stamp="$LENSBOOK_BUILD_DIR/bin/.tools-stamp"
tools_rebuilt=0
want_stamp="$(cat tools/go.mod tools/go.sum | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
if [ "$(cat "$tools_stamp" 2>/dev/null)" = "$want_stamp" ] &&
	[ -x "$LENSBOOK_BUILD_DIR/bin/gonb" ] && [ -x "$LENSBOOK_BUILD_DIR/bin/goimports" ] &&
	[ -x "$LENSBOOK_BUILD_DIR/bin/staticcheck" ]; then
	say "tools: up to date in $LENSBOOK_BUILD_DIR/bin"
else
	say "tools: building gonb, goimports, staticcheck into $LENSBOOK_BUILD_DIR/bin"
	(cd tools && GOBIN="$LENSBOOK_BUILD_DIR/bin" GOFLAGS=-mod=mod go install tool)
	printf '%s\n' "$want_stamp" >"$tools_stamp"
	tools_rebuilt=1
fi

# ---- 3. the GoNB kernel ----------------------------------------------------
kernel_json="$JUPYTER_DATA_DIR/kernels/gonb/kernel.json"
gonb_bin="$LENSBOOK_BUILD_DIR/bin/gonb"
kernel_path="$LENSBOOK_BUILD_DIR/bin:$(go env GOROOT)/bin:\${PATH}"
# scripts/gonb-kernel.sh starts gonb with -go_work=<checkout>, so notebooks
# need no setup cell (docs/notebook-setup.md).
kernel_wrapper="$LENSBOOK_ROOT/scripts/gonb-kernel.sh"
# gonb --install copies itself next to kernel.json when it lives under /tmp
# (a checkout in /tmp): either binary is ours.
kernel_ok() {
	[ -f "$kernel_json" ] && /usr/bin/python3 - "$kernel_json" "$gonb_bin" "$kernel_path" "$kernel_wrapper" <<'PY'
import json, os, sys
path, gonb, want_path, wrapper = sys.argv[1:]
k = json.load(open(path))
a = k["argv"]
ok = a[:2] == ["/bin/sh", wrapper] and a[2] in (gonb, os.path.join(os.path.dirname(path), "gonb")) and "-raw_error=true" in a and "-stderrthreshold=3" in a and k.get("env", {}).get("PATH") == want_path
sys.exit(0 if ok else 1)
PY
}
if [ "$tools_rebuilt" = 0 ] && kernel_ok; then
	say "kernel: gonb registered in $JUPYTER_DATA_DIR"
else
	say "kernel: registering gonb in $JUPYTER_DATA_DIR"
	"$gonb_bin" --install --force_deps --raw_error --logtostderr=false --stderrthreshold=FATAL \
		--log_file="$LENSBOOK_BUILD_DIR/gonb-kernel.log" 2>>"$LENSBOOK_BUILD_DIR/gonb-install.log" ||
		die "gonb --install failed; see $LENSBOOK_BUILD_DIR/gonb-install.log"
	# The kernel runs goimports and go at every cell: give it a PATH that
	# finds ours whoever starts Jupyter (jupyter_client expands ${PATH}),
	# and start it through scripts/gonb-kernel.sh (the checkout's go.work).
	/usr/bin/python3 - "$kernel_json" "$kernel_path" "$kernel_wrapper" <<'PY'
import json, sys
path, want_path, wrapper = sys.argv[1:]
k = json.load(open(path))
k.setdefault("env", {})["PATH"] = want_path
if k["argv"][:2] != ["/bin/sh", wrapper]:
    k["argv"] = ["/bin/sh", wrapper] + k["argv"]
with open(path, "w") as f:
    json.dump(k, f, indent=1, sort_keys=True)
    f.write("\n")
PY
	kernel_ok || die "kernel.json at $kernel_json does not run $gonb_bin"
	kernel_listed ||
		die "jupyter kernelspec list does not show gonb (JUPYTER_DATA_DIR=$JUPYTER_DATA_DIR)"
fi

# ---- 4. warm the build cache -----------------------------------------------
# go build is itself incremental: on a warm cache this takes a fraction of a second.
# A build error is not a setup error: make test reports it with context.
if go build ./...; then
	say "build cache: warm (go build ./...)"
else
	say "build cache: go build ./... failed (errors above); continuing"
fi
say "ready: . scripts/env.sh, then 'make demo', 'make test' or 'make notebook'"
