package report_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// startEmulator serves a small dataset and points the environment at it.
func startEmulator(t testing.TB) (*emulator.Server, *emulator.Dataset) {
	t.Helper()
	ds := emulator.Generate(emulator.Config{Seed: 3, Days: 20})
	srv := emulator.NewServer(ds)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Setenv("CRYPTOLENS_BASE_URL", ts.URL+"/api")
	t.Setenv("CRYPTOLENS_TOKEN", srv.NewToken(emulator.AllPermissions...))
	t.Setenv(report.EnvStore, filepath.Join(t.TempDir(), "store.db"))
	t.Setenv(report.EnvAsOf, "")
	t.Setenv(report.EnvOffline, "")
	return srv, ds
}

func TestSessionReadsTheWindowThroughTheStore(t *testing.T) {
	srv, ds := startEmulator(t)
	s, err := report.Open(report.Params{Days: 7, ProductID: ds.Products[0].ID, AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WebAPILog(); err == nil || !strings.Contains(err.Error(), "fetch cell") {
		t.Fatalf("WebAPILog before Sync = %v, want an error naming the fetch cell", err)
	}
	synced, err := s.Sync(store.WebAPILog)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.WebAPILog()
	if err != nil {
		t.Fatal(err)
	}
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return r.ProductID == ds.Products[0].ID && s.Window.Contains(r.Time)
	})
	if len(want) == 0 {
		t.Fatal("ground truth is empty: the test proves nothing")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WebAPILog (-want +got):\n%s", diff)
	}
	// Sync's line counts the window's rows of the session's product.
	line := fmt.Sprintf("Web API Log, %s, product %d: %s requests", s.Period(), ds.Products[0].ID, thousands(len(want)))
	if synced.String() != line || synced[0].Rows != len(want) || synced[0].Stats.RowsNew == 0 {
		t.Errorf("Sync = %q, %+v; want %q", synced, synced[0], line)
	}

	// A re-run: a new session, as a new cell or a new render would open.
	srv.ResetCounts()
	s2, err := report.Open(report.Params{Days: 7, ProductID: ds.Products[0].ID, AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s2.Sync(store.WebAPILog)
	if err != nil {
		t.Fatal(err)
	}
	if again.String() != line || again[0].Stats.RowsNew != 0 {
		t.Errorf("Sync on a re-run = %q, %+v; want %q, nothing new", again, again[0], line)
	}
	if n := srv.RequestCount(emulator.MethodGetWebAPILog); n != 1 {
		t.Errorf("second sync sent %d requests, want 1", n)
	}

	// Offline: no request at all.
	t.Setenv(report.EnvOffline, "1")
	srv.ResetCounts()
	s3, err := report.Open(report.Params{Days: 7, ProductID: ds.Products[0].ID, AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if offline, err := s3.Sync(store.WebAPILog); err != nil || offline.String() != line {
		t.Fatalf("offline Sync = %q, %v; want %q", offline, err, line)
	}
	if n := srv.RequestCount(emulator.MethodGetWebAPILog); n != 0 {
		t.Errorf("offline sync sent %d requests", n)
	}
	wider, _ := report.Open(report.Params{Days: 15, AsOf: "2026-11-01"})
	if _, err := wider.Sync(store.WebAPILog); err == nil {
		t.Error("offline sync of a window the store does not hold succeeded")
	}
}

func TestOpenErrors(t *testing.T) {
	startEmulator(t)
	if _, err := report.Open(report.Params{AsOf: "last week"}); err == nil || !strings.Contains(err.Error(), "asOf") {
		t.Errorf("bad asOf: %v", err)
	}
	if _, err := report.Open(report.Params{Days: -1}); err == nil {
		t.Error("negative days accepted")
	}
	t.Setenv("CRYPTOLENS_TOKEN", "")
	t.Setenv("LENSBOOK_CREDENTIALS", filepath.Join(t.TempDir(), "none"))
	if _, err := report.Open(report.Params{}); err == nil || !strings.Contains(err.Error(), "CRYPTOLENS_TOKEN") {
		t.Errorf("no token: %v", err)
	}
}

func TestAsOfFromEnvironment(t *testing.T) {
	startEmulator(t)
	t.Setenv(report.EnvAsOf, "2026-11-01T00:00:00Z")
	s, err := report.Open(report.Params{Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.String(); got != "2 Oct – 31 Oct 2026 (30 days, UTC), all products" {
		t.Errorf("String() = %q", got)
	}
}

func TestLookBackDaysSyncsAndReadsBeforeTheWindow(t *testing.T) {
	_, ds := startEmulator(t)
	p := report.Params{Days: 7, ProductID: ds.Products[0].ID, AsOf: "2026-11-01", LookBackDays: 7}
	s, err := report.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sync(store.WebAPILog); err != nil {
		t.Fatal(err)
	}
	got, err := s.WebAPILogWithLookBack()
	if err != nil {
		t.Fatal(err)
	}
	since := s.Window.Since.AddDate(0, 0, -7)
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return r.ProductID == p.ProductID && !r.Time.Before(since) && r.Time.Before(s.Window.Until)
	})
	inWindow, _ := s.WebAPILog()
	if len(want) <= len(inWindow) {
		t.Fatalf("%d rows with the look-back, %d in the window: the test proves nothing", len(want), len(inWindow))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WebAPILogWithLookBack (-want +got):\n%s", diff)
	}
	// A session without the look-back did not fetch it: reading it fails.
	t.Setenv(report.EnvStore, filepath.Join(t.TempDir(), "other.db"))
	p.LookBackDays = 0
	short, _ := report.Open(p)
	if _, err := short.Sync(store.WebAPILog); err != nil {
		t.Fatal(err)
	}
	p.LookBackDays = 7
	long, _ := report.Open(p)
	if _, err := long.WebAPILogWithLookBack(); err == nil {
		t.Error("WebAPILogWithLookBack read a look-back the store does not hold")
	}
}

func TestWebAPILogHistoryReadsWhatEarlierSyncsFetched(t *testing.T) {
	_, ds := startEmulator(t)
	long, _ := report.Open(report.Params{Days: 15, AsOf: "2026-11-01"})
	if _, err := long.Sync(store.WebAPILog); err != nil {
		t.Fatal(err)
	}
	s, _ := report.Open(report.Params{Days: 3, AsOf: "2026-11-01"})
	got, err := s.WebAPILogHistory()
	if err != nil {
		t.Fatal(err)
	}
	// The history holds at least the longer session's window (a sync may
	// fetch a little more, by whole pages), and only rows before the end.
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return !r.Time.Before(long.Window.Since) && r.Time.Before(s.Window.Until)
	})
	inWindow, _ := s.WebAPILog()
	if len(want) <= len(inWindow) {
		t.Fatalf("%d rows in the history, %d in the window: the test proves nothing", len(want), len(inWindow))
	}
	byID := map[int64]cryptolens.WebAPILog{}
	for _, r := range ds.WebAPILog {
		byID[r.ID] = r
	}
	held := map[int64]bool{}
	for _, r := range got {
		held[r.ID] = true
		if diff := cmp.Diff(byID[r.ID], r); diff != "" || !r.Time.Before(s.Window.Until) {
			t.Errorf("history row %d is not the emulator's or lies after the end (-want +got):\n%s", r.ID, diff)
		}
	}
	for _, r := range want {
		if !held[r.ID] {
			t.Errorf("history lacks row %d of %s", r.ID, r.Time)
		}
	}
}

// TestSessionKeepsOneStoreHandle: a session opens its store once and reads
// through that handle: after its first read, the file at the store's path
// can be moved away and the session still reads the same rows, where
// opening the path again would find an empty store.
func TestSessionKeepsOneStoreHandle(t *testing.T) {
	startEmulator(t)
	s, err := report.Open(report.Params{Days: 3, AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	synced, err := s.Sync(store.ObjectLog, store.Events)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.ObjectLog()
	if err != nil || len(first) == 0 {
		t.Fatalf("first read: %d rows, %v", len(first), err)
	}
	events, err := s.Events()
	if err != nil {
		t.Fatal(err)
	}
	// One line per log, in the order synced; the Object Log has no product.
	if got, want := synced.String(), fmt.Sprintf("Object Log, %s: %d changes\nEvents Log, %s: %d events", s.Period(), len(first), s, len(events)); got != want {
		t.Errorf("Sync = %q, want %q", got, want)
	}
	path := os.Getenv(report.EnvStore)
	if err := os.Rename(path, path+".moved"); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := s.ObjectLog()
		if err != nil || len(again) != len(first) {
			t.Fatalf("read after the file moved: %d rows, %v; want %d", len(again), err, len(first))
		}
		if _, err := s.Events(); err != nil {
			t.Fatalf("events after the file moved: %v", err)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a read opened the store's path again")
	}
	// After Close, the next read opens the path: the moved file is not there.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ObjectLog(); err == nil {
		t.Error("a read after Close found the moved store")
	}
}

// thousands writes n with a comma between groups of three digits, as the
// fetch cell's line does.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
