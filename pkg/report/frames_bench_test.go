package report_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
)

// BenchmarkNewWebAPILogFrame builds the frame of the last 30 days of a
// 1,000,000-row, 90-day emulator dataset (about 335,000 rows), as
// Session.WebAPILogFrame does after its store read, and then counts it per
// day and outcome, as the requests-over-time report does.
func BenchmarkNewWebAPILogFrame(b *testing.B) {
	ds := emulator.Generate(emulator.Config{Rows: 1_000_000, Days: 90})
	w := cryptolens.Window{Since: ds.Config.End.AddDate(0, 0, -30), Until: ds.Config.End}
	rows := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return w.Contains(r.Time) })
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			if df := report.NewWebAPILogFrame(rows); df.Nrow() != len(rows) {
				b.Fatalf("%d rows, want %d", df.Nrow(), len(rows))
			}
		}
		b.ReportMetric(float64(len(rows)), "rows")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rows)), "ns/row")
		// CPU time (user and system, GC included) does not grow with the
		// machine's load as wall time does.
		b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N)/float64(len(rows)), "cpu-ns/row")
	})
	b.Run("frames.WebAPILog", func(b *testing.B) { // the API's columns alone, for comparison
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			if df := frames.WebAPILog(rows); df.Nrow() != len(rows) {
				b.Fatalf("%d rows, want %d", df.Nrow(), len(rows))
			}
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N)/float64(len(rows)), "cpu-ns/row")
	})
	df := report.NewWebAPILogFrame(rows)
	b.Run("PerDay", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if d := frames.PerDay(df, w, frames.ColOutcome); d.Err != nil || d.Nrow() != 30 {
				b.Fatalf("%d days, %v", d.Nrow(), d.Err)
			}
		}
	})
	b.Run("CountBy", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if d := frames.CountBy(frames.Where(df, frames.HasKey()), frames.ColKey); d.Err != nil {
				b.Fatal(d.Err)
			}
		}
	})
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
