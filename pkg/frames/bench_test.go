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

// BenchmarkWebAPILog builds frames of 10,000 to 1,000,000 rows; it reports
// rows/s and ns/row, which stay flat as the size grows (no quadratic step),
// and B/op per frame.
func BenchmarkWebAPILog(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		rows := webRows(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if df := WebAPILog(rows); df.Nrow() != n {
					b.Fatalf("got %d rows", df.Nrow())
				}
			}
			perSecond := float64(n) * float64(b.N) / b.Elapsed().Seconds()
			b.ReportMetric(perSecond, "rows/s")
			b.ReportMetric(1e9/perSecond, "ns/row")
		})
	}
}
