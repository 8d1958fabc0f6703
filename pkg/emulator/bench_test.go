package emulator

import "testing"

// BenchmarkGenerate measures generation at the demo size and at a million
// Web API Log rows.
func BenchmarkGenerate(b *testing.B) {
	for _, bc := range []struct {
		name string
		rows int
	}{{"80k", 80_000}, {"1M", 1_000_000}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				d := Generate(Config{Rows: bc.rows})
				b.ReportMetric(float64(len(d.WebLog)), "rows")
			}
		})
	}
}
