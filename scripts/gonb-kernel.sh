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
# LENSBOOK_ROOT when set (scripts/env.sh and internal/notebook.Execute set it, so a
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
# GoNB runs `go get` before every build. In workspace mode it looks up a
# module for every third-party package a cell imports itself (Gota's
# dataframe, say), because the scratch module does not require it, although
# the workspace's build list (the checkout's go.mod) provides it; a proxy that
# refuses the lookup fails the cell. With GOPROXY=off the lookup is skipped
# and the build list serves: cells use the modules the checkout pins, from
# the module cache (scripts/setup.sh fills it), never a download.
export GOPROXY=off
exec "$@" "-go_work=$root"
