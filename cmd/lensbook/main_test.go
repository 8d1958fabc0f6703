package main

import (
	"bytes"
	"encoding/csv"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func startEmulator(t *testing.T, cfg emulator.Config) (*emulator.Server, *emulator.Dataset, string) {
	t.Helper()
	ds := emulator.Generate(cfg)
	srv := emulator.NewServer(ds)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	tok := srv.NewToken(emulator.AllPermissions...)
	t.Setenv("CRYPTOLENS_BASE_URL", ts.URL+"/api")
	t.Setenv("CRYPTOLENS_TOKEN", tok)
	t.Setenv("LENSBOOK_STORE", filepath.Join(t.TempDir(), "store.db"))
	return srv, ds, tok
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestFetchWebAPILogCSVMatchesGroundTruth(t *testing.T) {
	_, ds, tok := startEmulator(t, emulator.Config{Seed: 5, Days: 10, Hostile: true})
	since, until := "2026-10-25", "2026-10-28T12:00:00Z"
	code, out, errs := runCLI(t, "fetch", "weblog", "--since", since, "--until", until, "--states", "2010,2014,2024")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	w := cryptolens.Window{Since: time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 28, 12, 0, 0, 0, time.UTC)}
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return w.Contains(r.Time) && (r.State == 2010 || r.State == 2014 || r.State == 2024)
	})
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(want) || len(want) == 0 {
		t.Fatalf("%d rows, ground truth %d", len(recs)-1, len(want))
	}
	for i, r := range want {
		rec := recs[i+1]
		if rec[0] != strconv.FormatInt(r.ID, 10) || rec[7] != strings.ReplaceAll(r.FriendlyName, "\r\n", "\n") {
			t.Fatalf("row %d = %q, want id %d friendlyName %q", i, rec, r.ID, r.FriendlyName)
		}
	}
	if strings.Contains(out+errs, tok) {
		t.Error("the token appears in fetch's output")
	}
}

func TestFetchToFileAndOffline(t *testing.T) {
	startEmulator(t, emulator.Config{Seed: 5, Days: 10})
	out := filepath.Join(t.TempDir(), "events.jsonl")
	if code, _, errs := runCLI(t, "fetch", "events", "--since", "2026-10-25", "--until", "2026-11-01", "--format", "jsonl", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	online, err := os.ReadFile(out)
	if err != nil || len(online) == 0 {
		t.Fatalf("read %s: %v (%d bytes)", out, err, len(online))
	}
	if code, _, errs := runCLI(t, "fetch", "events", "--since", "2026-10-25", "--until", "2026-11-01", "--offline"); code != 1 || !strings.Contains(errs, "lensbook sync") {
		t.Errorf("offline fetch before a sync: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI(t, "sync", "events", "--since", "2026-10-20"); code != 0 {
		t.Fatalf("sync: exit %d: %s", code, errs)
	}
	code, offline, errs := runCLI(t, "fetch", "events", "--since", "2026-10-25", "--until", "2026-11-01", "--format", "jsonl", "--offline")
	if code != 0 {
		t.Fatalf("offline fetch: exit %d: %s", code, errs)
	}
	if offline != string(online) {
		t.Error("offline fetch differs from the online one")
	}
}

func TestExitCodes(t *testing.T) {
	startEmulator(t, emulator.Config{Seed: 5, Days: 3})
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"fetch"}, 2, "want one log"},
		{[]string{"fetch", "weblogs"}, 2, `unknown log "weblogs"`},
		{[]string{"fetch", "weblog", "--since", "yesterday"}, 2, `bad time "yesterday"`},
		{[]string{"fetch", "weblog", "--states", "20x0"}, 2, `"20x0" is not a four-digit state code`},
		{[]string{"fetch", "weblog", "--format", "xml"}, 2, `--format "xml"`},
		{[]string{"fetch", "objectlog", "--product", "3"}, 2, "no filters"},
		{[]string{"fetch", "weblog", "--since", "2026-10-02", "--until", "2026-10-01"}, 2, "is not before"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"fetch", "weblog", "-h"}, 0, "usage: lensbook fetch"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("lensbook %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, errs, tt.code, tt.want)
		}
	}
	t.Setenv("CRYPTOLENS_TOKEN", "not-a-token")
	code, _, errs := runCLI(t, "fetch", "weblog")
	if code != 1 || !strings.Contains(errs, "Unable to authenticate") || strings.Contains(errs, "not-a-token") {
		t.Errorf("bad token: exit %d, stderr %q", code, errs)
	}
}

func TestNewWritesACleanNotebookAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := runCLI(t, "new", "churn-by-product", "--dir", dir); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	path := filepath.Join(dir, "churn-by-product.ipynb")
	problems, err := notebook.CheckFile(path)
	if err != nil || len(problems) > 0 {
		t.Errorf("the new notebook has problems: %v %v", problems, err)
	}
	if code, _, errs := runCLI(t, "new", "churn-by-product", "--dir", dir); code != 2 || !strings.Contains(errs, "exists") {
		t.Errorf("second new: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI(t, "new", "Bad Name", "--dir", dir); code != 2 || !strings.Contains(errs, "lower-case") {
		t.Errorf("bad name: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI(t, "new", "copy", "--dir", dir, "--from", "../../notebooks/success-vs-failure.ipynb"); code != 0 {
		t.Errorf("--from: exit %d, %s", code, errs)
	}
	if problems, err := notebook.CheckFile(filepath.Join(dir, "copy.ipynb")); err != nil || len(problems) > 0 {
		t.Errorf("the copy has problems: %v %v", problems, err)
	}
}

func TestSyncThenExportParquet(t *testing.T) {
	_, ds, _ := startEmulator(t, emulator.Config{Seed: 5, Days: 10})
	if code, _, errs := runCLI(t, "sync", "all", "--since", "2026-10-22"); code != 0 {
		t.Fatalf("sync: exit %d: %s", code, errs)
	}
	out := filepath.Join(t.TempDir(), "weblog.parquet")
	if code, _, errs := runCLI(t, "export", "weblog", "--since", "2026-10-25", "--until", "2026-10-30", "--out", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	got, err := export.ReadParquet[cryptolens.WebAPILog](f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	w := cryptolens.Window{Since: time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC)}
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return w.Contains(r.Time) })
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("%d rows, ground truth %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if code, _, errs := runCLI(t, "export", "weblog", "--out", filepath.Join(t.TempDir(), "x.xlsx")); code != 2 || !strings.Contains(errs, "xlsx") {
		t.Errorf("export to .xlsx: exit %d, %s", code, errs)
	}
}
