package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// BenchmarkSyncWebAPILog syncs the whole Web API Log from the emulator over
// HTTP into a new store file: rows/s, and the file's bytes per row.
func BenchmarkSyncWebAPILog(b *testing.B) {
	ds := emulator.Generate(emulator.Config{Seed: 3, Rows: store.BenchRows(b)})
	api := startAPI(b, ds)
	c := api.client(b)
	dir := b.TempDir()
	b.ReportAllocs()
	var rows, files int
	var bytes int64
	cpu0 := store.CPUTime()
	for b.Loop() {
		path := filepath.Join(dir, fmt.Sprintf("store%d.db", files))
		files++
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s, err := st.Account(c).Sync(b.Context(), store.WebAPILog, time.Time{})
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
	b.ReportMetric(float64(rows)/(store.CPUTime()-cpu0).Seconds(), "rows/cpu-s")
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

// BenchmarkReadWebAPILog reads a window holding every row of the store:
//
//   - first: into []cryptolens.WebAPILog through SQL, as the first read of a
//     window does, writing its snapshot beside the store (removed before
//     every read): the figure of "reading a window" (issue 14's target,
//     1,000,000 rows/s on the 1M-row benchmark);
//   - first-columns: [store.Account.Columns] the same way, what the first
//     notebook cell that reads a window does;
//   - again: into []cryptolens.WebAPILog when the snapshot is there (every
//     later read);
//   - columns: [store.Account.Columns] from the snapshot, what a notebook's
//     later cells build their DataFrames from.
//
// It reports rows/s (wall) and rows per CPU second (user and system time
// of the whole process, GC included, which a busy machine does not
// inflate). The reads run in a process that holds nothing else, as a
// notebook cell's does: the emulator and its dataset are gone before the
// timer starts.
func BenchmarkReadWebAPILog(b *testing.B) {
	cfg := emulator.Config{Seed: 3, Rows: store.BenchRows(b)}
	path := filepath.Join(b.TempDir(), "store.db")
	st := openStore(b, path)
	var acct *store.Account
	var want int
	func() {
		ds := emulator.Generate(cfg)
		api := startAPI(b, ds)
		defer api.current.Store(nil) // reads make no request
		acct = st.Account(api.client(b))
		if _, err := acct.Sync(b.Context(), store.WebAPILog, time.Time{}); err != nil {
			b.Fatal(err)
		}
		want = len(ds.WebAPILog)
	}()
	runtime.GC()
	w := cryptolens.Window{Since: cfg.Start(), Until: emulator.DemoEnd}
	fresh := func(b *testing.B) {
		b.StopTimer()
		if err := os.RemoveAll(path + ".windows"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	records := func(b *testing.B) int {
		got, err := acct.WebAPILog(b.Context(), w, store.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		return len(got)
	}
	columns := func(b *testing.B) int {
		c, err := acct.Columns(b.Context(), store.WebAPILog, w, store.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		return c.Len()
	}
	for _, bc := range []struct {
		name string
		read func(*testing.B) int
	}{
		{"first", func(b *testing.B) int { fresh(b); return records(b) }},
		{"first-columns", func(b *testing.B) int { fresh(b); return columns(b) }},
		{"again", records},
		{"columns", columns},
	} {
		b.Run(bc.name, func(b *testing.B) {
			records(b) // the snapshot exists before the timer starts
			b.ReportAllocs()
			var rows int
			cpu0 := store.CPUTime()
			for b.Loop() {
				n := bc.read(b)
				if n != want {
					b.Fatalf("read %d rows, want %d", n, want)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(rows)/(store.CPUTime()-cpu0).Seconds(), "rows/cpu-s")
			files, _ := filepath.Glob(path + ".windows/*.win")
			var size int64
			for _, f := range files {
				size += fileSize(b, f)
			}
			b.ReportMetric(float64(size)/float64(want), "snapshot-B/row")
		})
	}
}
