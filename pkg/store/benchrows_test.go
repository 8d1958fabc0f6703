package store

import (
	"os"
	"strconv"
	"testing"
)

// BenchRows is the Web API Log size of the benchmarks:
// $LENSBOOK_BENCH_ROWS (1000000 for the figures of the report), 50,000 by
// default so that go test -bench stays short.
func BenchRows(b *testing.B) int {
	if v := os.Getenv("LENSBOOK_BENCH_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("LENSBOOK_BENCH_ROWS=%q is not a positive number", v)
		}
		return n
	}
	return 50_000
}
