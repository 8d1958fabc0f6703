package e2e_test

import (
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

// benchRows is the Web API Log size of the benchmarks: LENSBOOK_BENCH_ROWS,
// default 100,000 (set 1000000 for the figure in the foundation issue).
func benchRows(b *testing.B) int {
	if s := os.Getenv("LENSBOOK_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("LENSBOOK_BENCH_ROWS=%q: want a positive number", s)
		}
		return n
	}
	return 100_000
}

// BenchmarkFetchIntoDataFrame fetches every row of the emulator's Web API
// Log over HTTP with the window iterator (pages of 1000, newest first) and
// builds the Gota DataFrame. It reports rows per second, bytes allocated per
// row and the peak resident memory of the process.
func BenchmarkFetchIntoDataFrame(b *testing.B) {
	ds := emulator.Generate(emulator.Config{Rows: benchRows(b), Days: 90})
	srv := emulator.NewServer(ds)
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	c, err := cryptolens.NewClient(srv.NewToken(emulator.PermGetWebAPILog), cryptolens.WithBaseURL(ts.URL+"/api"))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		var logs []cryptolens.WebAPILog
		for r, err := range c.WebAPILogWindow(b.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
			if err != nil {
				b.Fatal(err)
			}
			logs = append(logs, r)
		}
		df := frames.WebAPILog(logs)
		if df.Nrow() != len(ds.WebAPILog) {
			b.Fatalf("%d rows in the frame, %d in the log", df.Nrow(), len(ds.WebAPILog))
		}
		rows += df.Nrow()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(rows), "B/row")
	b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
}

// peakRSSMiB is the process's peak resident memory (getrusage ru_maxrss,
// which Linux gives in KiB), emulator and all.
func peakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
