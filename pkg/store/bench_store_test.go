package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// BenchmarkStoreSyncWebAPILog is the store's side of a sync alone: the
// emulator's Web API Log, already decoded, committed page by page (1000
// rows, ascending, each page with its coverage in one transaction) into a
// new store file, with no HTTP and no JSON. Set LENSBOOK_BENCH_ROWS=1000000
// for the report's figures; the figure of the target is
// BenchmarkSyncWebAPILog's, over HTTP. It reports rows/s, rows per CPU
// second and the load average it ran under.
func BenchmarkStoreSyncWebAPILog(b *testing.B) {
	ds := emulator.Generate(emulator.Config{Seed: 3, Rows: BenchRows(b)})
	dir := b.TempDir()
	b.ReportAllocs()
	var rows, files int
	cpu0 := CPUTime()
	for b.Loop() {
		st, err := Open(filepath.Join(dir, fmt.Sprintf("store%d.db", files)))
		if err != nil {
			b.Fatal(err)
		}
		files++
		st.now = func() time.Time { return emulator.DemoEnd }
		m := &memLog[cryptolens.WebAPILog]{rows: ds.WebAPILog, id: webLogTable.id, pageSize: 1000}
		c, err := cryptolens.NewClient("tok", cryptolens.WithBaseURL("http://bench/api"))
		if err != nil {
			b.Fatal(err)
		}
		s, err := runSync(b.Context(), st.Account(c), webLogTable, m.pager(false), time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		rows += s.RowsNew
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/(CPUTime()-cpu0).Seconds(), "rows/cpu-s")
	ReportLoad(b)
}

// ReportLoad reports the machine's load average over the last minute
// (/proc/loadavg, where there is one) beside a benchmark's figures: rows
// per second say little without it.
func ReportLoad(b *testing.B) {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		if v, err := strconv.ParseFloat(f[0], 64); err == nil {
			b.ReportMetric(v, "load1")
		}
	}
}
