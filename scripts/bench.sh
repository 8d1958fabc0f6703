#!/bin/sh
# Measures fetching a 870,000-row month of the Web API Log in one go: the
# sequential byte-only floor, the seed's sequential loop, lensbook --parallel 1
# and lensbook, on loopback and at 50 ms per round trip, each 3 times (the
# sequential runs at 50 ms once), with the wall and CPU seconds and peak RSS
# of every round, and says which targets of issue 14 the medians meet. Takes
# about 4 minutes; run it on a quiet machine (it prints the load average).
#
#   scripts/bench.sh                 # everything
#   scripts/bench.sh -only floor,lensbook -latency 0ms -rounds 5
#   scripts/bench.sh -only floor,lensbook -latency 100ms
set -eu
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/lensbook" ./cmd/lensbook
go build -o "$dir/lensbench" ./cmd/lensbench
"$dir/lensbench" -lensbook "$dir/lensbook" -out "$dir/out.csv" "$@"
