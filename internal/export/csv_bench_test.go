package export_test

import (
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// BenchmarkCSVWebAPILog writes 1000 Web API Log rows of the emulator as
// CSV, the way fetch writes a page: ns/op is per 1000 rows.
func BenchmarkCSVWebAPILog(b *testing.B) {
	rows := emulator.Generate(emulator.Config{Seed: 1, Days: 2, Rows: 1000}).WebAPILog[:1000]
	var out countingWriter
	w, err := export.NewWriter[cryptolens.WebAPILog](&out, export.CSV)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(out.n / int64(b.N))
}
