#!/bin/sh
# scripts/gonb-kernel.sh: how Jupyter starts the GoNB kernel for lensbook
# notebooks. scripts/setup.sh registers it in the kernelspec (.build/jupyter):
#
#     "argv": ["/bin/sh", "<checkout>/scripts/gonb-kernel.sh", "<checkout>/.build/bin/gonb", "--kernel", "{connection_file}", ...]
#
# It runs the gonb command it is given with -go_work=<checkout>: GoNB then
# starts every notebook's scratch module with a go.work that uses this
# checkout, so cells import github.com/lensbook/lensbook/... with no setup
# cell, and the checkout's go.sum verifies the pinned modules (a notebook runs
# with no network when the module cache holds them). The checkout is
# LENSBOOK_ROOT when set (scripts/env.sh and pkg/notebook.Execute set it, so a
# copy of a notebook in another folder, or another worktree, uses the right
# one), else the checkout this script lives in. docs/notebook-setup.md
# explains it.
root=${LENSBOOK_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
if [ ! -f "$root/go.mod" ]; then
	echo "gonb-kernel.sh: $root holds no go.mod: set LENSBOOK_ROOT to a lensbook checkout" >&2
	exit 1
fi
# Workspace mode refuses -mod=mod (go: -mod may only be set to readonly or
# vendor when in workspace mode): drop it from GOFLAGS for the kernel.
if [ -n "${GOFLAGS:-}" ]; then
	GOFLAGS=$(printf ' %s ' "$GOFLAGS" | sed 's/ -mod=mod / /g; s/^ *//; s/ *$//')
	export GOFLAGS
fi
exec "$@" "-go_work=$root"
