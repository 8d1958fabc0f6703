package cryptolens_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// world is an emulator serving a dataset over real HTTP, and a client of it.
type world struct {
	data   *emulator.Dataset
	server *emulator.Server
	url    string // the /api root
	token  string
	client *cryptolens.Client
}

var (
	datasetsMu sync.Mutex
	datasets   = map[emulator.Config]*emulator.Dataset{}
)

// dataset generates each configuration once per test binary.
func dataset(cfg emulator.Config) *emulator.Dataset {
	datasetsMu.Lock()
	defer datasetsMu.Unlock()
	if d, ok := datasets[cfg]; ok {
		return d
	}
	d := emulator.Generate(cfg)
	datasets[cfg] = d
	return d
}

// testConfig is a small hostile dataset: 30 days, about 20,000 rows.
var testConfig = emulator.Config{Seed: 7, Days: 30, Rows: 20000, Hostile: true}

func newWorld(t testing.TB, cfg emulator.Config, opts ...cryptolens.Option) *world {
	t.Helper()
	w := &world{data: dataset(cfg)}
	w.server = emulator.NewServer(w.data)
	ts := httptest.NewServer(w.server)
	t.Cleanup(ts.Close)
	w.url = ts.URL + "/api"
	w.token = w.server.NewToken(emulator.AllPermissions...)
	opts = append([]cryptolens.Option{cryptolens.WithBaseURL(w.url),
		cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 10, MinDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond})}, opts...)
	c, err := cryptolens.NewClient(w.token, opts...)
	if err != nil {
		t.Fatal(err)
	}
	w.client = c
	return w
}

// collect drains an iterator, failing the test on an error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for r, err := range seq {
		if err != nil {
			t.Fatalf("iterator error after %d rows: %v", len(out), err)
		}
		out = append(out, r)
	}
	return out
}

func ids[T any](rows []T, id func(T) int64) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

// windowCases are windows over testConfig's data.
func windowCases(d *emulator.Dataset) map[string]cryptolens.Window {
	start, end := d.Config.Start(), d.Config.End
	return map[string]cryptolens.Window{
		"everything":      {},
		"last week":       {Since: end.AddDate(0, 0, -7)},
		"middle":          {Since: start.AddDate(0, 0, 10), Until: start.AddDate(0, 0, 12)},
		"before the data": {Until: start},
		"up to a point":   {Until: start.AddDate(0, 0, 3)},
		"one hour":        {Since: start.AddDate(0, 0, 20).Add(9 * time.Hour), Until: start.AddDate(0, 0, 20).Add(10 * time.Hour)},
		"empty":           {Since: end.Add(time.Hour), Until: end.Add(2 * time.Hour)},
	}
}

func TestWebAPILogWindowMatchesDataset(t *testing.T) {
	for _, faults := range []struct {
		name string
		f    emulator.Faults
	}{
		{"clean", emulator.Faults{}},
		{"faulty", emulator.Faults{ServerErrorRate: 0.1, DropRate: 0.1, TruncateRate: 0.15, TooManyRequestsRate: 0.05, Seed: 3}},
	} {
		t.Run(faults.name, func(t *testing.T) {
			w := newWorld(t, testConfig)
			w.server.SetFaults(faults.f)
			d := w.data
			some := d.WebAPILog[len(d.WebAPILog)/2]
			filters := map[string]cryptolens.WebAPILogFilter{
				"no filter": {},
				"product":   {ProductID: some.ProductID},
				"key":       {ProductID: some.ProductID, Key: some.Key},
				"states":    {States: []cryptolens.State{2014, 2015, 6011, 2024}},
				"machine":   {MachineCode: some.MachineCode},
				"friendly":  {FriendlyName: "E"},
			}
			for fname, f := range filters {
				for wname, win := range windowCases(d) {
					if faults.name == "faulty" && fname != "no filter" && fname != "key" {
						continue // the clean run covers the rest; keep this quick
					}
					t.Run(fname+"/"+wname, func(t *testing.T) {
						want := d.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
							return win.Contains(r.Time) && matches(f, r)
						})
						got := collect(t, w.client.WebAPILogWindow(t.Context(), f, win))
						slices.Reverse(got) // newest first -> ascending
						if diff := rowsDiff(want, got); diff != "" {
							t.Errorf("window rows (-dataset +client), %d vs %d rows:\n%.2000s", len(want), len(got), diff)
						}
					})
				}
			}
		})
	}
}

// matches is the API's filter semantics, as the emulator documents them.
func matches(f cryptolens.WebAPILogFilter, r cryptolens.WebAPILog) bool {
	return (f.ProductID == 0 || r.ProductID == f.ProductID) && (f.Key == "" || r.Key == f.Key) &&
		(f.MachineCode == "" || r.MachineCode == f.MachineCode) &&
		(f.FriendlyName == "" || strings.Contains(strings.ToLower(r.FriendlyName), strings.ToLower(f.FriendlyName))) &&
		(len(f.States) == 0 || slices.Contains(f.States, r.State))
}

func TestWebAPILogWindowRequests(t *testing.T) {
	w := newWorld(t, testConfig)
	n := len(collect(t, w.client.WebAPILogWindow(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{})))
	if n != len(w.data.WebAPILog) {
		t.Fatalf("%d rows, want %d", n, len(w.data.WebAPILog))
	}
	// Pages of 1000 and one empty page: never stops on a short page alone.
	if got, want := w.server.RequestCount(emulator.MethodGetWebAPILog), pages(n, 1000); got != want {
		t.Errorf("%d requests for %d rows, want %d", got, n, want)
	}
}

func TestIteratorsDoNotChangeTheFilter(t *testing.T) {
	w := newWorld(t, testConfig)
	f := cryptolens.WebAPILogFilter{States: []cryptolens.State{2014, 2015}}
	before := slices.Clone(f.States)
	collect(t, w.client.WebAPILogWindow(t.Context(), f, cryptolens.Window{Since: w.data.Config.End.AddDate(0, 0, -2)}))
	collect(t, w.client.WebAPILogAfter(t.Context(), f, w.data.WebAPILog[len(w.data.WebAPILog)-50].ID))
	if !slices.Equal(before, f.States) {
		t.Errorf("filter States changed to %v", f.States)
	}
}

func TestWebAPILogAfter(t *testing.T) {
	w := newWorld(t, testConfig)
	w.server.SetFaults(emulator.Faults{ServerErrorRate: 0.2, TruncateRate: 0.2, Seed: 5})
	d := w.data
	for _, after := range []int64{0, d.WebAPILog[len(d.WebAPILog)/3].ID, d.WebAPILog[len(d.WebAPILog)-1].ID} {
		want := d.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return r.ID > after })
		got := collect(t, w.client.WebAPILogAfter(t.Context(), cryptolens.WebAPILogFilter{}, after))
		if diff := cmp.Diff(ids(want, webID), ids(got, webID)); diff != "" {
			t.Errorf("after %d (-want +got):\n%.2000s", after, diff)
		}
	}
}

func webID(r cryptolens.WebAPILog) int64         { return r.ID }
func objectID(o cryptolens.ObjectLogEntry) int64 { return o.ID }

func TestIteratorStopsWhenTheConsumerBreaks(t *testing.T) {
	w := newWorld(t, testConfig)
	n := 0
	for _, err := range w.client.WebAPILogWindow(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 1500 {
			break
		}
	}
	if got := w.server.RequestCount(emulator.MethodGetWebAPILog); got != 2 {
		t.Errorf("%d requests for 1500 rows, want 2", got)
	}
}

func TestIteratorYieldsTheErrorOnce(t *testing.T) {
	w := newWorld(t, testConfig, cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 2, MinDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	w.server.SetFaults(emulator.Faults{ServerErrorRate: 1})
	var errs int
	for _, err := range w.client.EventsAfter(t.Context(), cryptolens.EventsFilter{}, 0) {
		if err == nil {
			t.Fatal("a row despite a failing server")
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
}

func TestCancelStopsTheIterator(t *testing.T) {
	w := newWorld(t, testConfig)
	w.server.SetFaults(emulator.Faults{Latency: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var rows int
	var last error
	for _, err := range w.client.WebAPILogWindow(ctx, cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
		if err != nil {
			last = err
			continue
		}
		if rows++; rows == 10 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("last error %v, want context.Canceled", last)
	}
	if rows != 1000 {
		t.Errorf("%d rows before the cancelled request, want the first page of 1000", rows)
	}
}

func TestEventsWindowMatchesDataset(t *testing.T) {
	w := newWorld(t, testConfig)
	d := w.data
	some := d.Events[len(d.Events)/2]
	filters := map[string]cryptolens.EventsFilter{
		"no filter": {},
		"product":   {ProductID: some.ProductID},
		"key":       {ProductID: some.ProductID, Key: some.Key},
		"metadata":  {Metadata: `"OS":"Windows"`},
	}
	for fname, f := range filters {
		for wname, win := range windowCases(d) {
			t.Run(fname+"/"+wname, func(t *testing.T) {
				w.server.ResetCounts()
				want := d.EventsWhere(func(e cryptolens.Event) bool {
					return win.Contains(e.Time) && (f.ProductID == 0 || e.ProductID == f.ProductID) &&
						(f.Key == "" || e.Key == f.Key) && strings.Contains(e.Metadata, f.Metadata)
				})
				got := collect(t, w.client.EventsWindow(t.Context(), f, win))
				slices.Reverse(got)
				if diff := rowsDiff(want, got); diff != "" {
					t.Errorf("events (-dataset +client):\n%.2000s", diff)
				}
				if requests := w.server.RequestCount(emulator.MethodGetEvents); requests != pages(len(want), 100) {
					t.Errorf("%d requests for %d events, want %d", requests, len(want), pages(len(want), 100))
				}
			})
		}
	}
}

func TestEventsAfter(t *testing.T) {
	w := newWorld(t, testConfig)
	after := w.data.Events[len(w.data.Events)-777].ID
	want := w.data.EventsWhere(func(e cryptolens.Event) bool { return e.ID > after })
	got := collect(t, w.client.EventsAfter(t.Context(), cryptolens.EventsFilter{}, after))
	if diff := rowsDiff(want, got); diff != "" {
		t.Errorf("events (-dataset +client):\n%.2000s", diff)
	}
}

func TestObjectLogWindowMatchesDataset(t *testing.T) {
	w := newWorld(t, testConfig)
	d := w.data
	for wname, win := range windowCases(d) {
		t.Run(wname, func(t *testing.T) {
			w.server.ResetCounts()
			want := d.ObjectLogWhere(func(o cryptolens.ObjectLogEntry) bool { return win.Contains(o.Created) })
			got := collect(t, w.client.ObjectLogWindow(t.Context(), win))
			if diff := rowsDiff(want, got); diff != "" {
				t.Errorf("entries (-dataset +client):\n%.2000s", diff)
			}
			// The documented bound: 1 + 2*log2(d) + 2 probes, then n/100 + 1 pages.
			distance := int64(1)
			if len(d.ObjectLog) > 0 {
				distance = d.ObjectLog[len(d.ObjectLog)-1].ID - d.ObjectLog[0].ID + 1
			}
			bound := 3 + 2*bitLen(distance) + len(want)/100 + 1
			if got := w.server.RequestCount(emulator.MethodGetObjectLog); got > bound {
				t.Errorf("%d requests for %d entries of %d, bound %d", got, len(want), len(d.ObjectLog), bound)
			} else {
				t.Logf("%d requests for %d of %d entries", got, len(want), len(d.ObjectLog))
			}
		})
	}
}

func bitLen(v int64) int {
	n := 0
	for ; v > 0; v >>= 1 {
		n++
	}
	return n
}

func TestObjectLogAfter(t *testing.T) {
	w := newWorld(t, testConfig)
	w.server.SetFaults(emulator.Faults{DropRate: 0.2, TruncateRate: 0.2, Seed: 9})
	want := w.data.ObjectLog
	got := collect(t, w.client.ObjectLogAfter(t.Context(), 0))
	if diff := cmp.Diff(ids(want, objectID), ids(got, objectID)); diff != "" {
		t.Errorf("entries (-dataset +client):\n%.2000s", diff)
	}
}

func TestRegisterEventsRoundTrip(t *testing.T) {
	w := newWorld(t, testConfig)
	now := time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)
	w.server.SetClock(func() time.Time { return now })
	lic := w.data.Licenses[0]
	last := w.data.Events[len(w.data.Events)-1].ID
	if err := w.client.RegisterEvent(t.Context(), cryptolens.EventInput{ProductID: lic.ProductID, Key: lic.Key,
		MachineCode: "M1", FeatureName: "Export", EventName: "click", Value: 3, Currency: "EUR",
		Metadata: `{"OS":"<Linux>"}`}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 10, 31, 8, 0, 0, 0, time.UTC)
	if err := w.client.RegisterEvents(t.Context(), cryptolens.EventBatch{ProductID: lic.ProductID, Key: lic.Key,
		MachineCode: "M2", Events: []cryptolens.BatchEvent{
			{FeatureName: "F2", EventName: "start"},
			{FeatureName: "F2", EventName: "purchase", Value: 2530, Currency: "USD", Time: at, Metadata: `{"a":"b,c"}`},
		}}); err != nil {
		t.Fatal(err)
	}
	got := collect(t, w.client.EventsAfter(t.Context(), cryptolens.EventsFilter{}, last))
	want := []cryptolens.Event{
		{ProductID: lic.ProductID, Key: lic.Key, MachineCode: "M1", FeatureName: "Export", EventName: "click",
			Value: 3, Currency: "EUR", Time: now, Metadata: `{"OS":"<Linux>"}`},
		{ProductID: lic.ProductID, Key: lic.Key, MachineCode: "M2", FeatureName: "F2", EventName: "start", Time: now},
		{ProductID: lic.ProductID, Key: lic.Key, MachineCode: "M2", FeatureName: "F2", EventName: "purchase",
			Value: 2530, Currency: "USD", Time: at, Metadata: `{"a":"b,c"}`},
	}
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())); diff != "" {
		t.Errorf("registered events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(got, w.server.Events()[len(w.server.Events())-3:]); diff != "" {
		t.Errorf("client and server disagree:\n%s", diff)
	}
}

func TestAPIErrorsFromTheEmulator(t *testing.T) {
	w := newWorld(t, testConfig)
	eventsOnly := w.server.NewToken(emulator.PermGetEvents)
	tests := []struct {
		name, token, message string
		call                 func(*cryptolens.Client) error
	}{
		{"unknown token", "not-a-token", "Unable to authenticate", func(c *cryptolens.Client) error {
			_, err := c.GetWebAPILog(t.Context(), cryptolens.WebAPILogQuery{})
			return err
		}},
		{"no permission", eventsOnly, "Access denied.", func(c *cryptolens.Client) error {
			_, err := c.GetObjectLog(t.Context(), cryptolens.ObjectLogQuery{})
			return err
		}},
		{"key without product", w.token, "The input parameters were incorrect.", func(c *cryptolens.Client) error {
			_, err := c.GetEvents(t.Context(), cryptolens.EventsQuery{Key: "AAAAA-BBBBB-CCCCC-DDDDD"})
			return err
		}},
		{"register without permission", eventsOnly, "Access denied.", func(c *cryptolens.Client) error {
			return c.RegisterEvent(t.Context(), cryptolens.EventInput{FeatureName: "x"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls int
			c, err := cryptolens.NewClient(tt.token, cryptolens.WithBaseURL(w.url),
				cryptolens.WithObserver(func(cryptolens.RequestInfo) { calls++ }))
			if err != nil {
				t.Fatal(err)
			}
			err = tt.call(c)
			var apiErr *cryptolens.APIError
			if !errors.As(err, &apiErr) || apiErr.Message != tt.message {
				t.Fatalf("error %v, want an APIError %q", err, tt.message)
			}
			if calls != 1 {
				t.Errorf("%d attempts for an API error, want 1", calls)
			}
			if strings.Contains(err.Error(), tt.token) {
				t.Errorf("error shows the token: %v", err)
			}
		})
	}
}

func TestFaultsNeverLeakTheToken(t *testing.T) {
	w := newWorld(t, testConfig, cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 2, MinDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	for _, f := range []emulator.Faults{{ServerErrorRate: 1}, {DropRate: 1}, {TruncateRate: 1}, {TooManyRequestsRate: 1}} {
		w.server.SetFaults(f)
		_, err := w.client.GetWebAPILog(t.Context(), cryptolens.WebAPILogQuery{})
		if err == nil {
			t.Fatalf("faults %+v: no error", f)
		}
		if strings.Contains(err.Error(), w.token) {
			t.Errorf("faults %+v: error shows the token: %v", f, err)
		}
	}
}

// pages is the request count of a walk over n rows at limit per page that
// ends on an empty page: every page with rows, then the empty one.
func pages(n, limit int) int { return (n+limit-1)/limit + 1 }

// rowsDiff is cmp.Diff, after a quick check that skips it for equal rows
// (cmp is slow on tens of thousands of structs).
func rowsDiff[T comparable](want, got []T) string {
	if slices.Equal(want, got) {
		return ""
	}
	return cmp.Diff(want, got)
}

func TestWebAPILogWindowFarInThePast(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 150,000 rows")
	}
	w := newWorld(t, emulator.Config{Seed: 11, Days: 30, Rows: 150_000})
	w.server.SetFaults(emulator.Faults{ServerErrorRate: 0.05, TruncateRate: 0.05, Seed: 2})
	start := w.data.Config.Start()
	some := w.data.WebAPILog[100]
	for name, tc := range map[string]struct {
		f   cryptolens.WebAPILogFilter
		win cryptolens.Window
	}{
		"first two days":    {win: cryptolens.Window{Since: start.AddDate(0, 0, 1), Until: start.AddDate(0, 0, 3)}},
		"up to day one":     {win: cryptolens.Window{Until: start.AddDate(0, 0, 1)}},
		"before everything": {win: cryptolens.Window{Until: start}},
		"states":            {f: cryptolens.WebAPILogFilter{States: []cryptolens.State{2014, 2015}}, win: cryptolens.Window{Until: start.AddDate(0, 0, 2)}},
		"key":               {f: cryptolens.WebAPILogFilter{ProductID: some.ProductID, Key: some.Key}, win: cryptolens.Window{Until: start.AddDate(0, 0, 5)}},
	} {
		t.Run(name, func(t *testing.T) {
			w.server.ResetCounts()
			want := w.data.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return tc.win.Contains(r.Time) && matches(tc.f, r) })
			got := collect(t, w.client.WebAPILogWindow(t.Context(), tc.f, tc.win))
			slices.Reverse(got)
			if diff := rowsDiff(want, got); diff != "" {
				t.Errorf("window rows (-dataset +client), %d vs %d rows:\n%.2000s", len(want), len(got), diff)
			}
			t.Logf("%d requests (faults included) for %d rows", w.server.RequestCount(emulator.MethodGetWebAPILog), len(want))
		})
	}
	// Without faults, the search beats paging through the 140,000 newer rows.
	w.server.SetFaults(emulator.Faults{})
	w.server.ResetCounts()
	collect(t, w.client.WebAPILogWindow(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{Until: start.AddDate(0, 0, 1)}))
	if n := w.server.RequestCount(emulator.MethodGetWebAPILog); n > 40 {
		t.Errorf("%d requests for a window at the start of the log, want at most 40", n)
	}
}

// TestPages reads each log through its checked pages on the emulator: the
// pages in both directions hold the dataset's rows, the Events Log's newest
// page comes without a cursor, and the Object Log has no backward page.
func TestPages(t *testing.T) {
	w := newWorld(t, testConfig)
	ctx := t.Context()
	web := w.client.WebAPILogPages(cryptolens.WebAPILogFilter{})
	var up []cryptolens.WebAPILog
	for rows, err := range web.Ascending(ctx, 0) {
		if err != nil {
			t.Fatal(err)
		}
		up = append(up, rows...)
	}
	if d := rowsDiff(ids(w.data.WebAPILog, webID), ids(up, webID)); d != "" {
		t.Fatalf("web log ascending pages: %s", d)
	}
	var down []cryptolens.WebAPILog
	for cursor := int64(0); ; {
		rows, err := web.Before(ctx, cursor, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			break
		}
		down = append(down, rows...)
		cursor = rows[len(rows)-1].ID
	}
	slices.Reverse(down)
	if d := rowsDiff(ids(w.data.WebAPILog, webID), ids(down, webID)); d != "" {
		t.Fatalf("web log pages before: %s", d)
	}

	events := w.client.EventsPages(cryptolens.EventsFilter{})
	newest, err := events.Before(ctx, 0, 1)
	if err != nil || len(newest) != 1 || newest[0].ID != w.data.Events[len(w.data.Events)-1].ID {
		t.Fatalf("events newest page = %v, %v; want the last event", newest, err)
	}
	first, err := events.After(ctx, 0, 2)
	if err != nil || len(first) != 2 || first[0].ID != w.data.Events[0].ID {
		t.Fatalf("events first page = %v, %v; want the first two events", first, err)
	}
	if got := events.MaxLimit(); got != cryptolens.MaxEventsLimit {
		t.Fatalf("events MaxLimit %d", got)
	}

	objects := w.client.ObjectLogPages()
	if objects.Backward() {
		t.Fatal("the Object Log pages backwards")
	}
	if _, err := objects.Before(ctx, 0, 0); !errors.Is(err, cryptolens.ErrNoBackwardCursor) {
		t.Fatalf("object log Before: %v, want ErrNoBackwardCursor", err)
	}
	rows, err := objects.After(ctx, w.data.ObjectLog[0].ID, 0)
	if err != nil || len(rows) == 0 || rows[0].ID != w.data.ObjectLog[1].ID {
		t.Fatalf("object log After the first entry: %d rows, %v", len(rows), err)
	}
}
