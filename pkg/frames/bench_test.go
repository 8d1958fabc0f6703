package frames

import (
	"fmt"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// webRows makes n plausible Web API Log rows, a few seconds apart.
func webRows(n int) []cryptolens.WebAPILog {
	states := []cryptolens.State{1010, 1010, 1010, 2010, 2014, 2024, 6011}
	start := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]cryptolens.WebAPILog, n)
	for i := range rows {
		rows[i] = cryptolens.WebAPILog{
			ID: int64(i + 1), ProductID: 3, Key: fmt.Sprintf("KEY-%04d", i%5000),
			IP: fmt.Sprintf("10.0.%d.%d", i/256%256, i%256), Time: start.Add(time.Duration(i) * 7 * time.Second),
			State: states[i%len(states)], MachineCode: fmt.Sprintf("m%06d", i%20000),
		}
	}
	return rows
}

// BenchmarkWebLog builds a frame of 1,000,000 rows; it reports rows/s, and
// B/op is per frame.
func BenchmarkWebLog(b *testing.B) {
	rows := webRows(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		df := WebLog(rows)
		if df.Nrow() != len(rows) {
			b.Fatalf("got %d rows", df.Nrow())
		}
	}
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
