package export_test

import (
	"io"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkParquetWebAPILog writes 100,000 Web API Log rows as Parquet: rows/s
// and the file's bytes per row.
func BenchmarkParquetWebAPILog(b *testing.B) {
	rows := emulator.Generate(emulator.Config{Seed: 3, Rows: 100_000}).WebAPILog
	b.ReportAllocs()
	var out countingWriter
	for b.Loop() {
		out.n = 0
		w, err := export.NewParquetWriter[cryptolens.WebAPILog](io.Writer(&out))
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(out.n)/float64(len(rows)), "file-B/row")
}
