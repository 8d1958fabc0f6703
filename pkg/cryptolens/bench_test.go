package cryptolens_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/emulator"
)

// benchRows is the size of the benchmark's Web API Log: LENSBOOK_BENCH_ROWS,
// or 100,000. Run the million-row measurement with
//
//	LENSBOOK_BENCH_ROWS=1000000 go test -run '^$' -bench WebAPILogWindow -benchtime 1x ./pkg/cryptolens
func benchRows(b *testing.B) int {
	if s := os.Getenv("LENSBOOK_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("LENSBOOK_BENCH_ROWS=%q is not a positive number", s)
		}
		return n
	}
	return 100_000
}

// BenchmarkWebAPILogWindow fetches the whole Web API Log of a generated
// dataset from the emulator through real HTTP, 1000 rows a page, and reports
// rows per second; B/op is the client's and the server's allocation per walk.
func BenchmarkWebAPILogWindow(b *testing.B) {
	w := newWorld(b, emulator.Config{Seed: 1, Days: 90, Rows: benchRows(b)})
	want := len(w.data.WebLog)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, err := range w.client.WebAPILogWindow(b.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != want {
			b.Fatalf("%d rows, want %d", n, want)
		}
	}
	b.ReportMetric(float64(want*b.N)/b.Elapsed().Seconds(), "rows/s")
}
