package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// fetch writes the same bytes whatever --parallel is, and refuses a value
// out of range as bad usage.
func TestFetchParallelGivesTheSameBytes(t *testing.T) {
	startEmulator(t, emulator.Config{Seed: 6, Days: 20, Rows: 30_000, Hostile: true})
	var first string
	for _, p := range []string{"1", "3", "16", "auto"} {
		code, out, errs := runCLI(t, "fetch", "weblog", "--since", "2026-10-15", "--until", "2026-10-29T07:00:00Z", "--parallel", p)
		if code != 0 {
			t.Fatalf("--parallel %s: exit %d: %s", p, code, errs)
		}
		if first == "" {
			first = out
			if strings.Count(out, "\n") < 5000 {
				t.Fatalf("only %d lines", strings.Count(out, "\n"))
			}
		} else if out != first {
			t.Fatalf("--parallel %s writes other bytes than --parallel 1", p)
		}
	}
	for _, p := range []string{"0", "65"} {
		if code, _, errs := runCLI(t, "fetch", "weblog", "--parallel", p); code != 2 || !strings.Contains(errs, "--parallel") {
			t.Errorf("--parallel %s: exit %d, %s", p, code, errs)
		}
	}
}

// export --partition day writes a folder per UTC day holding the store's
// rows of the window, and refuses what it cannot do as bad usage.
func TestExportPartitioned(t *testing.T) {
	_, ds, _ := startEmulator(t, emulator.Config{Seed: 6, Days: 10})
	if code, _, errs := runCLI(t, "sync", "weblog", "--since", "2026-10-25"); code != 0 {
		t.Fatalf("sync: exit %d: %s", code, errs)
	}
	dir := filepath.Join(t.TempDir(), "weblog")
	code, out, errs := runCLI(t, "export", "weblog", "--since", "2026-10-26", "--until", "2026-10-31", "--partition", "day", "--out", dir)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	days, _ := filepath.Glob(filepath.Join(dir, "day=*"))
	if len(days) != 5 || filepath.Base(days[0]) != "day=2026-10-26" || !strings.Contains(out, "Parquet files") {
		t.Fatalf("folders %v, output %q", days, out)
	}
	n := 0
	for _, d := range days {
		f, err := os.Open(filepath.Join(d, "part-0.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		rows, err := export.ReadParquet[cryptolens.WebAPILog](f, fi.Size())
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		n += len(rows)
	}
	w := cryptolens.Window{Since: time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)}
	if want := len(ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return w.Contains(r.Time) })); n != want {
		t.Fatalf("%d rows in the files, %d in the window", n, want)
	}
	for _, args := range [][]string{
		{"export", "weblog", "--partition", "week", "--out", dir + "2"},
		{"export", "weblog", "--partition", "day", "--format", "csv", "--out", dir + "3"},
	} {
		if code, _, errs := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
	if code, _, errs := runCLI(t, "export", "weblog", "--since", "2026-10-26", "--until", "2026-10-31", "--partition", "day", "--out", dir); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("export over an existing folder: exit %d, %s", code, errs)
	}
}
