package emulator_test

import (
	"cmp"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// manualClock is a clock a test moves by hand.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *manualClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *manualClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func collectAll[R any](t *testing.T, seq func(func(R, error) bool)) []R {
	t.Helper()
	var out []R
	for r, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestLiveServerGrowsWithTime serves data that ends at the server's now and
// moves the clock: rows appear in time order with growing ids, the newest
// page never holds a row from the future, and a registered event takes an
// id between the events served and those still to come.
func TestLiveServerGrowsWithTime(t *testing.T) {
	start := time.Now().UTC()
	clock := &manualClock{t: start}
	srv := emulator.NewLiveServer(emulator.LiveConfig{Config: emulator.Config{Seed: 5, Days: 10}, Ahead: 48 * time.Hour, Now: clock.now})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := cryptolens.NewClient(srv.NewToken(emulator.AllPermissions...), cryptolens.WithBaseURL(ts.URL+"/api"))
	if err != nil {
		t.Fatal(err)
	}
	ds := srv.Dataset()
	if end := ds.Config.End; end.Before(start.Add(47*time.Hour)) || ds.Config.Start().After(start.Add(-10*24*time.Hour)) {
		t.Fatalf("generated %s to %s for a start at %s", ds.Config.Start(), end, start)
	}

	newest, err := c.GetWebAPILog(t.Context(), cryptolens.WebAPILogQuery{Limit: 5, OrderBy: "Id descending"})
	if err != nil || len(newest) == 0 {
		t.Fatalf("newest page: %v, %d rows", err, len(newest))
	}
	if newest[0].Time.After(start) {
		t.Errorf("the newest row served is from %s, after the server's now %s", newest[0].Time, start)
	}
	web0, ev0, ol0 := srv.Visible(start)
	if web0 == 0 || web0 == len(ds.WebAPILog) || ev0 == 0 || ol0 == 0 {
		t.Fatalf("visible at start: %d of %d Web API Log rows, %d events, %d Object Log entries", web0, len(ds.WebAPILog), ev0, ol0)
	}
	if newest[0].ID != ds.WebAPILog[web0-1].ID {
		t.Errorf("newest row id %d, want %d", newest[0].ID, ds.WebAPILog[web0-1].ID)
	}
	all := collectAll(t, c.WebAPILogWindow(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}))
	if len(all) != web0 {
		t.Errorf("a full read gives %d rows, want the %d visible", len(all), web0)
	}
	events := collectAll(t, c.EventsWindow(t.Context(), cryptolens.EventsFilter{}, cryptolens.Window{}))
	if len(events) != ev0 {
		t.Errorf("%d events served, want %d", len(events), ev0)
	}
	top := slices.MaxFunc(events, func(a, b cryptolens.Event) int { return cmp.Compare(a.ID, b.ID) }).ID
	last := slices.MaxFunc(all, func(a, b cryptolens.WebAPILog) int { return cmp.Compare(a.ID, b.ID) })

	// A registered event goes after the events served so far, before
	// those still to come.
	if err := c.RegisterEvent(t.Context(), cryptolens.EventInput{FeatureName: "live", EventName: "ping"}); err != nil {
		t.Fatal(err)
	}

	clock.add(6 * time.Hour)
	web1, ev1, ol1 := srv.Visible(clock.now())
	if web1 <= web0 || ev1 <= ev0+1 || ol1 < ol0 {
		t.Fatalf("six hours later: %d Web API Log rows (was %d), %d events (was %d), %d Object Log entries (was %d)",
			web1, web0, ev1, ev0, ol1, ol0)
	}
	srv.ResetCounts()
	fresh, err := c.GetWebAPILog(t.Context(), cryptolens.WebAPILogQuery{Limit: 1000, StartingAfter: last.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh) != min(web1-web0, 1000) {
		t.Errorf("%d new rows after the old top, want %d", len(fresh), web1-web0)
	}
	for _, r := range fresh {
		if r.Time.Before(last.Time) || r.Time.After(clock.now()) {
			t.Errorf("new row %d at %s: outside (%s, %s]", r.ID, r.Time, last.Time, clock.now())
		}
	}
	if got := srv.RowCount(emulator.MethodGetWebAPILog); got != len(fresh) {
		t.Errorf("RowCount = %d, want %d", got, len(fresh))
	}
	later, err := c.GetEvents(t.Context(), cryptolens.EventsQuery{Limit: 100, StartingAfter: top})
	if err != nil {
		t.Fatal(err)
	}
	if len(later) < 2 || later[0].FeatureName != "live" || later[0].ID != top+1 {
		t.Fatalf("events after %d: %d, first %+v; want the registered one first, numbered %d", top, len(later), later[0], top+1)
	}
	for i := 1; i < len(later); i++ {
		if later[i].ID <= later[i-1].ID || later[i].Time.Before(later[0].Time) {
			t.Errorf("event %d (%s) after %d (%s): ids or times go back", later[i].ID, later[i].Time, later[i-1].ID, later[i-1].Time)
		}
	}
}

// TestDemoServerIsNotLive checks that a server of generated data serves
// every row, whatever the clock says.
func TestDemoServerIsNotLive(t *testing.T) {
	ds := testData()
	srv := emulator.NewServer(ds)
	w, e, o := srv.Visible(time.Unix(0, 0))
	if w != len(ds.WebAPILog) || e != len(ds.Events) || o != len(ds.ObjectLog) {
		t.Errorf("Visible = %d, %d, %d; want every row", w, e, o)
	}
}
