#!/bin/sh
# Measures fetching a 870,000-row month of the Web API Log in one go: the
# sequential byte-only floor, the seed's sequential loop, lensbook --parallel 1
# and lensbook, on loopback and at 50 ms per round trip, with each one's peak
# RSS, and says which targets of issue 14 are met. Takes about 3 minutes.
#
#   scripts/bench.sh                 # everything
#   scripts/bench.sh -only floor,lensbook -latency 100ms
set -eu
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/lensbook" ./cmd/lensbook
go build -o "$dir/lensbench" ./cmd/lensbench
"$dir/lensbench" -lensbook "$dir/lensbook" -out "$dir/out.csv" "$@"
