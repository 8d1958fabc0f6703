package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/emulator"
	"github.com/lensbook/lensbook/pkg/store"
)

// benchRows is the Web API Log size of the benchmarks:
// $LENSBOOK_BENCH_ROWS (1000000 for the figures of the report), 50,000 by
// default so that go test -bench stays short.
func benchRows(b *testing.B) int {
	if v := os.Getenv("LENSBOOK_BENCH_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("LENSBOOK_BENCH_ROWS=%q is not a positive number", v)
		}
		return n
	}
	return 50_000
}

// BenchmarkSyncWebLog syncs the whole Web API Log from the emulator over
// HTTP into a new store file: rows/s, and the file's bytes per row.
func BenchmarkSyncWebLog(b *testing.B) {
	ds := emulator.Generate(emulator.Config{Seed: 3, Rows: benchRows(b)})
	api := startAPI(b, ds)
	c := api.client(b)
	dir := b.TempDir()
	b.ReportAllocs()
	var rows, files int
	var bytes int64
	cpu0 := cpuTime()
	for b.Loop() {
		path := filepath.Join(dir, fmt.Sprintf("store%d.db", files))
		files++
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s, err := st.Account(c).Sync(b.Context(), store.WebLog, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		rows += s.RowsNew
		bytes += fileSize(b, path) + fileSize(b, path+"-wal")
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/(cpuTime()-cpu0).Seconds(), "rows/cpu-s")
	b.ReportMetric(float64(bytes)/float64(rows), "file-B/row")
}

func fileSize(b *testing.B, path string) int64 {
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}

// BenchmarkReadWebLog reads a window holding every row of the store into
// []cryptolens.WebAPILog: rows/s.
func BenchmarkReadWebLog(b *testing.B) {
	cfg := emulator.Config{Seed: 3, Rows: benchRows(b)}
	ds := emulator.Generate(cfg)
	api := startAPI(b, ds)
	st := openStore(b, filepath.Join(b.TempDir(), "store.db"))
	acct := st.Account(api.client(b))
	if _, err := acct.Sync(b.Context(), store.WebLog, time.Time{}); err != nil {
		b.Fatal(err)
	}
	w := cryptolens.Window{Since: cfg.Start(), Until: emulator.DemoEnd}
	b.ReportAllocs()
	var rows int
	cpu0 := cpuTime()
	for b.Loop() {
		got, err := acct.WebLog(b.Context(), w, store.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != len(ds.WebLog) {
			b.Fatalf("read %d rows, want %d", len(got), len(ds.WebLog))
		}
		rows += len(got)
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/(cpuTime()-cpu0).Seconds(), "rows/cpu-s")
}
