package export_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// A partitioned export holds every record once, each in the folder of its
// UTC day (or month), readable back; a day met again gets a second file.
func TestWritePartitioned(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 8, Days: 12, Rows: 6000, Hostile: true})
	rows := slices.Clone(ds.WebAPILog)
	// One row of the first day again at the end: a second file there.
	rows = append(rows, rows[0])
	rows[len(rows)-1].ID = rows[len(rows)-2].ID + 1
	for _, by := range []export.Partition{export.ByDay, export.ByMonth} {
		dir := filepath.Join(t.TempDir(), "weblog")
		files, n, err := export.WritePartitioned(dir, by, export.Rows(rows))
		if err != nil {
			t.Fatal(err)
		}
		if n != len(rows) {
			t.Fatalf("%s: %d rows written, want %d", by, n, len(rows))
		}
		paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.parquet"))
		if len(paths) != files {
			t.Fatalf("%s: %d files, said %d", by, len(paths), files)
		}
		var back []cryptolens.WebAPILog
		for _, p := range paths {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			fi, _ := f.Stat()
			got, err := export.ReadParquet[cryptolens.WebAPILog](f, fi.Size())
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			folder := filepath.Base(filepath.Dir(p))
			for _, r := range got {
				want := "day=" + r.Time.Format(time.DateOnly)
				if by == export.ByMonth {
					want = "month=" + r.Time.Format("2006-01")
				}
				if folder != want {
					t.Fatalf("row %d of %s in %s", r.ID, r.Time, folder)
				}
			}
			back = append(back, got...)
		}
		slices.SortFunc(back, func(a, b cryptolens.WebAPILog) int { return int(a.ID - b.ID) })
		if !slices.Equal(back, rows) {
			t.Fatalf("%s: the files hold %d rows, not the %d written", by, len(back), len(rows))
		}
		first := filepath.Join(dir, "day="+rows[0].Time.Format(time.DateOnly), "part-1.parquet")
		if _, err := os.Stat(first); by == export.ByDay && err != nil {
			t.Fatalf("the day met again has no second file: %v", err)
		}
		if _, _, err := export.WritePartitioned(dir, by, export.Rows(rows)); err == nil || !strings.Contains(err.Error(), "exists") {
			t.Fatalf("writing over an existing folder: %v", err)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".weblog.*")); len(left) != 0 {
			t.Fatalf("temporary folders left: %v", left)
		}
	}
	if _, err := export.ParsePartition("week"); err == nil {
		t.Fatal("week accepted")
	}
}
