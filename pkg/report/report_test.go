package report_test

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/emulator"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// startEmulator serves a small dataset and points the environment at it.
func startEmulator(t *testing.T) (*emulator.Server, *emulator.Dataset) {
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
	if _, err := s.WebLog(); err == nil || !strings.Contains(err.Error(), "fetch cell") {
		t.Fatalf("WebLog before Sync = %v, want an error naming the fetch cell", err)
	}
	if _, err := s.Sync(store.WebLog); err != nil {
		t.Fatal(err)
	}
	got, err := s.WebLog()
	if err != nil {
		t.Fatal(err)
	}
	want := ds.WebLogWhere(func(r cryptolens.WebAPILog) bool {
		return r.ProductID == ds.Products[0].ID && s.Window.Contains(r.Time)
	})
	if len(want) == 0 {
		t.Fatal("ground truth is empty: the test proves nothing")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WebLog (-want +got):\n%s", diff)
	}

	// A re-run: a new session, as a new cell or a new render would open.
	srv.ResetCounts()
	s2, err := report.Open(report.Params{Days: 7, ProductID: ds.Products[0].ID, AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Sync(store.WebLog); err != nil {
		t.Fatal(err)
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
	if _, err := s3.Sync(store.WebLog); err != nil {
		t.Fatal(err)
	}
	if n := srv.RequestCount(emulator.MethodGetWebAPILog); n != 0 {
		t.Errorf("offline sync sent %d requests", n)
	}
	wider, _ := report.Open(report.Params{Days: 15, AsOf: "2026-11-01"})
	if _, err := wider.Sync(store.WebLog); err == nil {
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
	if got := s.String(); got != "2 Oct 2026 00:00 to 1 Nov 2026 00:00 (UTC, 30 days), every product" {
		t.Errorf("String() = %q", got)
	}
}
