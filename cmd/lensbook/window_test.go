package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// startLive serves data that ends at the real now and keeps growing, and
// points the environment at it with no pinned as-of.
func startLive(t *testing.T, cfg emulator.Config) *emulator.Server {
	t.Helper()
	srv := emulator.NewLiveServer(emulator.LiveConfig{Config: cfg})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Setenv("CRYPTOLENS_BASE_URL", ts.URL+"/api")
	t.Setenv("CRYPTOLENS_TOKEN", srv.NewToken(emulator.AllPermissions...))
	t.Setenv("LENSBOOK_STORE", filepath.Join(t.TempDir(), "store.db"))
	t.Setenv(envAsOf, "")
	return srv
}

// jsonlIDs reads the ids of JSONL rows.
func jsonlIDs(t *testing.T, out string) []int64 {
	t.Helper()
	var ids []int64
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r struct{ ID int64 }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// TestSyncThenExportAndOfflineFetchOnALiveClock is the user's path on an
// account whose data ends now: sync with the default window, then export
// and fetch --offline with theirs. Both succeed and hold exactly the rows
// up to the sync.
func TestSyncThenExportAndOfflineFetchOnALiveClock(t *testing.T) {
	srv := startLive(t, emulator.Config{Seed: 7, Days: 40})
	before := time.Now()
	if code, out, errs := runCLI(t, "sync", "all"); code != 0 {
		t.Fatalf("sync: exit %d: %s %s", code, out, errs)
	}
	after := time.Now()
	ds := srv.Dataset()

	out := filepath.Join(t.TempDir(), "events.parquet")
	if code, _, errs := runCLI(t, "export", "events", "--out", out); code != 0 {
		t.Fatalf("export after sync: exit %d: %s", code, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	got, err := export.ReadParquet[cryptolens.Event](f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	// The export holds the 30 days the sync asked for, up to the sync.
	inSync := func(tm time.Time) bool {
		return !tm.Before(before.AddDate(0, 0, -30)) && tm.Before(before.Truncate(time.Second))
	}
	want := ds.EventsWhere(func(e cryptolens.Event) bool { return inSync(e.Time) })
	if len(want) == 0 || len(got) < len(want) {
		t.Fatalf("export holds %d events, want at least the %d of the synced 30 days", len(got), len(want))
	}
	for _, e := range got {
		if e.Time.After(after) || e.Time.Before(after.AddDate(0, 0, -31)) {
			t.Errorf("exported event %d at %s lies outside the sync", e.ID, e.Time)
		}
	}

	code, rows, errs := runCLI(t, "fetch", "weblog", "--offline", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("fetch --offline after sync: exit %d: %s", code, errs)
	}
	ids := jsonlIDs(t, rows)
	// The window is the 30 days before the sync's moment, which lies
	// between before and after.
	sure := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return !r.Time.Before(after.AddDate(0, 0, -30)) && r.Time.Before(before.Truncate(time.Second))
	})
	maybe := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return !r.Time.Before(before.AddDate(0, 0, -30).Truncate(time.Second)) && !r.Time.After(after)
	})
	if len(sure) == 0 || len(ids) < len(sure) || len(ids) > len(maybe) {
		t.Errorf("fetch --offline gave %d rows, want between %d and %d", len(ids), len(sure), len(maybe))
	}
	// Exactly the store's rows for the window: the same as asking the
	// API for that window, pinned with --as-of at the sync's moment.
	if code, _, errs := runCLI(t, "fetch", "weblog", "--offline", "--since", "45d"); code != 1 || !strings.Contains(errs, "lensbook sync weblog --since ") {
		t.Errorf("a window before the sync: exit %d, %s", code, errs)
	}
}

// fixCommand returns the command line an error names in backquotes.
var fixCommand = regexp.MustCompile("`(lensbook [^`]+)`")

// TestUncoveredWindowNamesACommandThatFixesIt runs the command that each
// "not in the store" error names, then the command that failed: it
// succeeds.
func TestUncoveredWindowNamesACommandThatFixesIt(t *testing.T) {
	startLive(t, emulator.Config{Seed: 7, Days: 40})
	failing := [][]string{
		{"export", "events", "--out", filepath.Join(t.TempDir(), "e.jsonl")}, // never synced
		{"fetch", "objectlog", "--offline", "--since", "10d"},                // never synced
		{"export", "weblog", "--since", "35d", "--out", filepath.Join(t.TempDir(), "w.csv")},
		{"fetch", "weblog", "--offline", "--as-of", "2h", "--since", "38d"},
		{"fetch", "weblog", "--offline", "--since", "start"},
	}
	if code, _, errs := runCLI(t, "sync", "weblog", "--since", "20d"); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	for _, args := range failing {
		code, _, errs := runCLI(t, args...)
		if code == 0 {
			t.Errorf("lensbook %s succeeded before its fix", strings.Join(args, " "))
			continue
		}
		m := fixCommand.FindStringSubmatch(errs)
		if m == nil {
			t.Errorf("lensbook %s: exit %d, %q names no command", strings.Join(args, " "), code, errs)
			continue
		}
		fix := strings.Fields(m[1])[1:]
		if code, _, ferrs := runCLI(t, fix...); code != 0 {
			t.Errorf("the fix %q of lensbook %s: exit %d, %s", m[1], strings.Join(args, " "), code, ferrs)
			continue
		}
		if code, _, errs := runCLI(t, args...); code != 0 {
			t.Errorf("lensbook %s after %q: exit %d, %s", strings.Join(args, " "), m[1], code, errs)
		}
	}
	if code, _, errs := runCLI(t, "fetch", "weblog", "--offline", "--as-of", "2099-01-01"); code != 1 || !strings.Contains(errs, "still to come") {
		t.Errorf("a window in the future: exit %d, %s", code, errs)
	}
}

// TestAsOfMeansTheSameInEveryCommand pins the as-of instant with
// LENSBOOK_AS_OF (as emulate prints it) and with --as-of: --since 7d is the
// seven days before it, online and offline, and sync reaches back from it.
func TestAsOfMeansTheSameInEveryCommand(t *testing.T) {
	_, ds, _ := startEmulator(t, emulator.Config{Seed: 5, Days: 20})
	asOf := emulator.DemoEnd.Add(-48 * time.Hour)
	t.Setenv(envAsOf, asOf.Format(time.RFC3339))
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return !r.Time.Before(asOf.AddDate(0, 0, -7)) && r.Time.Before(asOf)
	})
	code, online, errs := runCLI(t, "fetch", "weblog", "--since", "7d", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("fetch: exit %d, %s", code, errs)
	}
	if got := jsonlIDs(t, online); len(got) != len(want) || len(want) == 0 {
		t.Fatalf("fetch --since 7d with LENSBOOK_AS_OF: %d rows, want %d", len(got), len(want))
	}
	if code, _, errs := runCLI(t, "sync", "weblog", "--since", "7d"); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	code, offline, errs := runCLI(t, "fetch", "weblog", "--offline", "--format", "jsonl", "--since", "7d")
	if code != 0 || offline != online {
		t.Errorf("offline fetch with LENSBOOK_AS_OF: exit %d, %s; same as online: %t", code, errs, offline == online)
	}
	// --as-of wins over the environment; the store does not reach 7 days
	// before it, and the error says how to fix that.
	code, _, errs = runCLI(t, "fetch", "weblog", "--offline", "--as-of", asOf.Add(-24*time.Hour).Format(time.RFC3339), "--since", "12d")
	if code != 1 || !strings.Contains(errs, "lensbook sync weblog --since "+asOf.AddDate(0, 0, -13).Format(time.RFC3339)) {
		t.Errorf("--as-of a day earlier: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI(t, "sync", "--as-of", "never"); code != 2 || !strings.Contains(errs, "--as-of") {
		t.Errorf("bad --as-of: exit %d, %s", code, errs)
	}
	t.Setenv(envAsOf, "soon")
	if code, _, errs := runCLI(t, "export", "weblog", "--out", "x.csv"); code != 2 || !strings.Contains(errs, envAsOf) {
		t.Errorf("bad LENSBOOK_AS_OF: exit %d, %s", code, errs)
	}
}
