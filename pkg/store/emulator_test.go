package store_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// testToken is the emulator token of these tests; every server of a test
// accepts it, so swapping servers keeps the account.
const testToken = "store-test-token-0123456789abcdef"

// apiServer serves the current emulator server at one URL, so a test can
// swap in a dataset with more rows between syncs.
type apiServer struct {
	current atomic.Pointer[emulator.Server]
	baseURL string
}

func startAPI(t testing.TB, ds *emulator.Dataset) *apiServer {
	t.Helper()
	a := &apiServer{}
	a.serve(ds)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.current.Load().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	a.baseURL = ts.URL + "/api"
	return a
}

// serve switches to a new emulator server for ds and returns it.
func (a *apiServer) serve(ds *emulator.Dataset) *emulator.Server {
	srv := emulator.NewServer(ds)
	srv.AddToken(emulator.Token{Value: testToken, Permissions: emulator.AllPermissions})
	a.current.Store(srv)
	return srv
}

func (a *apiServer) client(t testing.TB) *cryptolens.Client {
	t.Helper()
	return clientOf(t, a.baseURL, testToken)
}

// clientOf is a client of the account at baseURL with token.
func clientOf(t testing.TB, baseURL, token string) *cryptolens.Client {
	t.Helper()
	c, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustSync(t testing.TB, acct *store.Account, l store.Log, since time.Time) store.SyncStats {
	t.Helper()
	s, err := acct.Sync(t.Context(), l, since)
	if err != nil {
		t.Fatal(err)
	}
	if s.RowsNew != s.RowsFetched {
		t.Fatalf("sync %s fetched %d rows but only %d were new: a covered range came twice", l, s.RowsFetched, s.RowsNew)
	}
	return s
}

func inWindow(w cryptolens.Window) func(time.Time) bool { return w.Contains }

// checkWindows compares the store's rows of every log with the emulator's
// in each window.
func checkWindows(t *testing.T, acct *store.Account, ds *emulator.Dataset, events []cryptolens.Event, windows []cryptolens.Window) {
	t.Helper()
	ctx := t.Context()
	for _, w := range windows {
		in := inWindow(w)
		gotWeb, err := acct.WebAPILog(ctx, w, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return in(r.Time) }), gotWeb); diff != "" {
			t.Fatalf("web log in %v (-emulator +store):\n%s", w, diff)
		}
		var wantEvents []cryptolens.Event
		for _, e := range events {
			if in(e.Time) {
				wantEvents = append(wantEvents, e)
			}
		}
		gotEvents, err := acct.Events(ctx, w, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantEvents, gotEvents); diff != "" {
			t.Fatalf("events in %v (-emulator +store):\n%s", w, diff)
		}
		gotObjects, err := acct.ObjectLog(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ds.ObjectLogWhere(func(r cryptolens.ObjectLogEntry) bool { return in(r.Created) }), gotObjects); diff != "" {
			t.Fatalf("object log in %v (-emulator +store):\n%s", w, diff)
		}
		for _, l := range store.Logs() {
			if ok, err := acct.Covered(ctx, l, w); err != nil || !ok {
				t.Fatalf("Covered(%s, %v) = %v, %v; want true", l, w, ok, err)
			}
		}
	}
}

func TestSyncMatchesTheEmulator(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 11, Days: 60, Rows: 12_000, Hostile: true})
	api := startAPI(t, ds)
	srv := api.current.Load()
	c := api.client(t)
	st := openStore(t, filepath.Join(t.TempDir(), "store.db"))
	acct := st.Account(c)
	end := emulator.DemoEnd
	since := end.AddDate(0, 0, -20)

	for _, l := range store.Logs() {
		s := mustSync(t, acct, l, since)
		if got := srv.RequestCount(string(methodOf(l))); got != s.Requests {
			t.Fatalf("sync %s counted %d requests, the emulator saw %d", l, s.Requests, got)
		}
	}
	checkWindows(t, acct, ds, ds.Events, []cryptolens.Window{
		{Since: since, Until: end},
		{Since: since.Add(36 * time.Hour), Until: since.Add(9*24*time.Hour + 17*time.Minute)},
		{Since: end.Add(-time.Hour), Until: end},
	})
	// The last page (1000 rows, about 5 days here) reaches before since;
	// coverage claims that much and no more.
	if ok, _ := acct.Covered(t.Context(), store.WebAPILog, cryptolens.Window{Since: since.AddDate(0, 0, -15), Until: end}); ok {
		t.Fatal("Covered claims 15 days before the synced window")
	}

	t.Run("unchanged sync makes one request per log", func(t *testing.T) {
		srv.ResetCounts()
		for _, l := range store.Logs() {
			s := mustSync(t, acct, l, since)
			if s.Requests != 1 || s.RowsFetched != 0 || srv.RequestCount(string(methodOf(l))) != 1 {
				t.Fatalf("%s: %+v and %d requests at the emulator; want 1 request, no rows", l, s, srv.RequestCount(string(methodOf(l))))
			}
		}
	})

	t.Run("widening fetches only the older part", func(t *testing.T) {
		held, _ := acct.WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
		srv.ResetCounts()
		s := mustSync(t, acct, store.WebAPILog, time.Time{})
		older := len(ds.WebAPILog) - len(held)
		// One "anything newer?" page, then pages of 1000 back to an empty page.
		if s.RowsFetched != older || s.Requests != 1+(older+999)/1000+1 || srv.RequestCount("GetWebAPILog") != s.Requests {
			t.Fatalf("widening: %+v, want %d rows in %d requests", s, older, 1+(older+999)/1000+1)
		}
		mustSync(t, acct, store.Events, time.Time{})
		checkWindows(t, acct, ds, ds.Events, []cryptolens.Window{{Until: end}, {Until: since}})
	})

	t.Run("registered events arrive incrementally", func(t *testing.T) {
		for i := range 5 {
			if err := c.RegisterEvent(t.Context(), cryptolens.EventInput{FeatureName: "Export", EventName: "click",
				Value: int64(i), Metadata: `{"OS":"<b>Linux</b>"}`}); err != nil {
				t.Fatal(err)
			}
		}
		srv.ResetCounts()
		s := mustSync(t, acct, store.Events, since)
		if s.RowsNew != 5 || s.Requests != 2 {
			t.Fatalf("events after 5 registered: %+v, want 5 new rows in 2 requests", s)
		}
		got, err := acct.Events(t.Context(), cryptolens.Window{}, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(srv.Events(), got); diff != "" {
			t.Fatalf("events (-emulator +store):\n%s", diff)
		}
	})
}

// methodOf is the API method that serves a log.
func methodOf(l store.Log) string {
	return map[store.Log]string{store.WebAPILog: "GetWebAPILog", store.Events: "GetEvents", store.ObjectLog: "GetObjectLog"}[l]
}

// TestIncrementalWebAPILog serves the first 70% of a dataset's Web API Log,
// syncs, then serves all of it at the same URL and token: the second sync
// must fetch exactly the rows appended.
func TestIncrementalWebAPILog(t *testing.T) {
	full := emulator.Generate(emulator.Config{Seed: 5, Days: 30, Rows: 8_000})
	first := *full
	first.WebAPILog = full.WebAPILog[:len(full.WebAPILog)*7/10]
	api := startAPI(t, &first)
	c := api.client(t)
	st := openStore(t, filepath.Join(t.TempDir(), "store.db"))
	acct := st.Account(c)

	mustSync(t, acct, store.WebAPILog, time.Time{})
	srv := api.serve(full)
	s := mustSync(t, acct, store.WebAPILog, time.Time{})
	added := len(full.WebAPILog) - len(first.WebAPILog)
	if s.RowsNew != added || s.Requests != (added+999)/1000+1 || srv.RequestCount("GetWebAPILog") != s.Requests {
		t.Fatalf("second sync %+v, want %d new rows in %d requests", s, added, (added+999)/1000+1)
	}
	got, err := acct.WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(full.WebAPILog, got); diff != "" {
		t.Fatalf("web log (-emulator +store):\n%s", diff)
	}
	cov, _ := acct.Coverage(t.Context(), store.WebAPILog)
	if len(cov) != 1 || cov[0].FromID != 0 || cov[0].ToID != full.WebAPILog[len(full.WebAPILog)-1].ID {
		t.Fatalf("coverage %+v, want one range from the start to the last id", cov)
	}
}

// TestAccountIsTheClientsAccount checks that an account handle is bound to
// the client it syncs through: its key is the client's base URL and token
// (trailing slash or not), and what one client synced is not another
// account's.
func TestAccountIsTheClientsAccount(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 2, Days: 5, Rows: 500})
	api := startAPI(t, ds)
	st := openStore(t, filepath.Join(t.TempDir(), "store.db"))
	acct := st.Account(api.client(t))
	if got, want := acct.Fingerprint(), store.Fingerprint(api.baseURL, testToken); got != want {
		t.Fatalf("fingerprint %s, want %s", got, want)
	}
	mustSync(t, acct, store.WebAPILog, time.Time{})
	same := st.Account(clientOf(t, api.baseURL+"/", testToken))
	if n := len(readWebAPILog(t, same)); n != len(ds.WebAPILog) {
		t.Fatalf("the same account with a trailing slash reads %d rows, want %d", n, len(ds.WebAPILog))
	}
	for _, other := range []*cryptolens.Client{clientOf(t, "http://elsewhere.example/api", testToken), clientOf(t, api.baseURL, "another-token")} {
		a := st.Account(other)
		if a.Fingerprint() == acct.Fingerprint() || strings.Contains(a.Fingerprint(), testToken) {
			t.Fatalf("another account's fingerprint %s", a.Fingerprint())
		}
		if n := len(readWebAPILog(t, a)); n != 0 {
			t.Fatalf("another account reads %d rows, want none", n)
		}
	}
}

func readWebAPILog(t *testing.T, a *store.Account) []cryptolens.WebAPILog {
	t.Helper()
	rows, err := a.WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestSyncThroughFaults syncs from an emulator that fails a quarter of its
// answers (HTTP 500/503, dropped connections, cut bodies) with a client
// that gives up after two attempts: syncs fail part-way, and running them
// again until they succeed ends with exactly the API's rows, no row fetched
// twice.
func TestSyncThroughFaults(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 13, Days: 20, Rows: 6_000, Hostile: true})
	api := startAPI(t, ds)
	api.current.Load().SetFaults(emulator.Faults{ServerErrorRate: 0.1, DropRate: 0.05, TruncateRate: 0.1, Seed: 5})
	c, err := cryptolens.NewClient(testToken, cryptolens.WithBaseURL(api.baseURL),
		cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 2, MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, filepath.Join(t.TempDir(), "store.db"))
	acct := st.Account(c)
	failures := 0
	for _, l := range store.Logs() {
		fetched, fresh := 0, 0
		for attempt := 0; ; attempt++ {
			if attempt == 100 {
				t.Fatalf("%s: no successful sync in 100 attempts", l)
			}
			s, err := acct.Sync(t.Context(), l, time.Time{})
			fetched, fresh = fetched+s.RowsFetched, fresh+s.RowsNew
			if err == nil {
				break
			}
			if strings.Contains(err.Error(), testToken) {
				t.Fatalf("error holds the token: %v", err)
			}
			failures++
		}
		if fetched != fresh {
			t.Fatalf("%s: fetched %d rows over the attempts but only %d were new", l, fetched, fresh)
		}
	}
	if failures == 0 {
		t.Fatal("no sync failed: the faults did not bite")
	}
	t.Logf("%d syncs failed part-way", failures)
	api.current.Load().SetFaults(emulator.Faults{})
	wantEverything(t, acct, ds)
}

// TestConcurrentStoresSyncOneFile syncs one file through two *Store at once
// from goroutines (the quick companion of the process test).
func TestConcurrentStoresSyncOneFile(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 17, Days: 30, Rows: 8_000})
	api := startAPI(t, ds)
	c := api.client(t)
	path := filepath.Join(t.TempDir(), "store.db")
	errs := make(chan error, 2)
	for range 2 {
		st := openStore(t, path)
		go func() {
			_, err := st.Account(c).SyncAll(t.Context(), time.Time{})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	wantEverything(t, openStore(t, path).Account(api.client(t)), ds)
}

// TestSyncRejectsPagesInTheWrongOrder syncs from a server whose pages come
// in the wrong order: the client's checked pages stop the sync, and the
// store holds nothing of them.
func TestSyncRejectsPagesInTheWrongOrder(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"logs":[{"id":1,"time":1790000000},{"id":2,"time":1790000001}],"result":0}`))
	}))
	t.Cleanup(ts.Close)
	c, err := cryptolens.NewClient(testToken, cryptolens.WithBaseURL(ts.URL+"/api"), cryptolens.WithParallel(1))
	if err != nil {
		t.Fatal(err)
	}
	acct := openStore(t, filepath.Join(t.TempDir(), "store.db")).Account(c)
	_, err = acct.Sync(t.Context(), store.WebAPILog, time.Time{})
	if err == nil || !strings.Contains(err.Error(), "descending order") {
		t.Fatalf("err = %v, want one about the order of the ids", err)
	}
	if n := len(readWebAPILog(t, acct)); n != 0 {
		t.Fatalf("the store holds %d rows of the bad page", n)
	}
}
