package report_test

import (
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// records lists a frame's columns as name, type and every value as text.
func records(df dataframe.DataFrame) map[string][]string {
	out := map[string][]string{}
	for i, n := range df.Names() {
		out[n+":"+string(df.Types()[i])] = df.Col(n).Records()
	}
	return out
}

// The Web API Log frame is made by one construction, whether from records
// or from the store's columns; its API columns are those of frames.WebAPILog
// and its derived ones follow their documented rules.
func TestWebAPILogFrameFromRecordsAndFromTheStoreAgree(t *testing.T) {
	for _, hostile := range []bool{false, true} {
		startEmulatorWith(t, emulator.Config{Seed: 5, Days: 30, Rows: 36_000, Hostile: hostile})
		s, err := report.Open(report.Params{Days: 20, AsOf: "2026-11-01", LookBackDays: 3})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Sync(store.WebAPILog); err != nil {
			t.Fatal(err)
		}
		rows, err := s.WebAPILogWithLookBack()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 20_000 {
			t.Fatalf("%d rows: too few for a window snapshot, the path under test", len(rows))
		}
		want := report.NewWebAPILogFrame(rows)
		for pass := range 2 { // through SQL, then from the window's snapshot
			// A new session, as the next cell opens: the frame a session
			// keeps is not what is under test.
			s, err := report.Open(report.Params{Days: 20, AsOf: "2026-11-01", LookBackDays: 3})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.WebAPILogFrameWithLookBack()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(records(want), records(got)); diff != "" {
				t.Fatalf("hostile %t, read %d: frame from the store and from records differ (-records +store):\n%s", hostile, pass, diff)
			}
		}
		api := records(frames.WebAPILog(rows))
		got := records(want)
		for name, values := range api {
			if diff := cmp.Diff(values, got[name]); diff != "" {
				t.Errorf("column %s differs from frames.WebAPILog's (-frames +report):\n%s", name, diff)
			}
		}
		week, licensing, stateName := got["week:string"], got["licensing:bool"], got["stateName:string"]
		for i, r := range rows {
			if week[i] != frames.WeekOf(r.Time) || licensing[i] != map[bool]string{true: "true", false: "false"}[analysis.IsLicensingRequest(r.State)] ||
				stateName[i] != r.State.String() {
				t.Fatalf("row %d (%+v): week %q, licensing %s, stateName %q", i, r, week[i], licensing[i], stateName[i])
			}
		}
	}
	if df := report.NewWebAPILogFrame(nil); df.Err != nil || df.Nrow() != 0 || df.Ncol() != 17 {
		t.Fatalf("frame of no rows: %d rows, %d columns, %v", df.Nrow(), df.Ncol(), df.Err)
	}
	one := report.NewWebAPILogFrame([]cryptolens.WebAPILog{{ID: 1, State: 2024}})
	if r := records(one); r["time:string"][0] != "" || r["day:string"][0] != "" || r["floatingExpires:string"][0] != "" {
		t.Fatalf("a row without times: %v", r)
	}
}

// startEmulatorWith serves the dataset of cfg and points the environment
// at it, as startEmulator does.
func startEmulatorWith(t *testing.T, cfg emulator.Config) (*emulator.Server, *emulator.Dataset) {
	t.Helper()
	ds := emulator.Generate(cfg)
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
