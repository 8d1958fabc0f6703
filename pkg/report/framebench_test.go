package report_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// BenchmarkWindowFrame is what a notebook cell pays for its window:
// report.Open, then Session.WebAPILogFrame of the last 30 days of a
// 1,000,000-row, 90-day emulator month (about 335,000 rows), from a synced
// store, in a process that holds nothing else (the emulator is gone before
// the timer starts):
//
//   - first: the window's first read, through SQL, writing its snapshot
//     (the snapshots are removed before every read);
//   - again: every later cell, the same window decoded from its snapshot.
//
// It reports ms/frame and CPU ns per row (user and system, GC included:
// load-proof where wall time is not).
func BenchmarkWindowFrame(b *testing.B) {
	path := filepath.Join(b.TempDir(), "store.db")
	func() { // the emulator and its dataset are garbage after this
		ds := emulator.Generate(emulator.Config{Seed: 3, Rows: 1_000_000, Days: 90})
		srv := emulator.NewServer(ds)
		ts := httptest.NewServer(srv)
		defer ts.Close()
		b.Setenv("CRYPTOLENS_BASE_URL", ts.URL+"/api")
		b.Setenv("CRYPTOLENS_TOKEN", srv.NewToken(emulator.AllPermissions...))
		b.Setenv(report.EnvStore, path)
		b.Setenv(report.EnvAsOf, "")
		b.Setenv(report.EnvOffline, "")
		s, err := report.Open(report.Params{AsOf: "2026-11-01"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Sync(store.WebAPILog); err != nil {
			b.Fatal(err)
		}
	}()
	b.Setenv(report.EnvOffline, "1")
	runtime.GC()
	for _, fresh := range []bool{true, false} {
		name := map[bool]string{true: "first", false: "again"}[fresh]
		b.Run(name, func(b *testing.B) {
			rows := 0
			var cpu time.Duration
			for b.Loop() {
				if fresh {
					b.StopTimer()
					if err := os.RemoveAll(path + ".windows"); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				cpu0 := cpuTime()
				s, err := report.Open(report.Params{AsOf: "2026-11-01"})
				if err != nil {
					b.Fatal(err)
				}
				df, err := s.WebAPILogFrame()
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - cpu0
				rows = df.Nrow()
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/frame")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(rows), "cpu-ns/row")
		})
	}
}
