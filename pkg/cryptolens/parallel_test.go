package cryptolens_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// sequential is the reference: the sequential walk, newest first, on a
// clean server, turned ascending.
func sequential(t *testing.T, c *cryptolens.Client, f cryptolens.WebAPILogFilter, w cryptolens.Window) []cryptolens.WebAPILog {
	t.Helper()
	rows := collect(t, c.WebAPILogWindow(t.Context(), f, w))
	slices.Reverse(rows)
	return rows
}

// ignoreTime serves h as a server that does not know the Time filter.
func ignoreTime(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			h.ServeHTTP(w, r)
			return
		}
		form := r.PostForm
		form.Del("Time")
		body := form.Encode()
		r2 := r.Clone(r.Context())
		r2.Body = io.NopCloser(strings.NewReader(body))
		r2.ContentLength = int64(len(body))
		r2.Form, r2.PostForm = nil, nil
		h.ServeHTTP(w, r2)
	})
}

// client returns a client of url with fast retries and the given
// parallelism.
func fastClient(t testing.TB, url, token string, parallel int) *cryptolens.Client {
	t.Helper()
	c, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(url), cryptolens.WithParallel(parallel),
		cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 12, MinDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The parallel walk gives exactly the rows of the sequential walk, each
// once, ascending, under every fault the emulator makes, whether the server
// honours the Time filter or not, for several parallelisms, windows and
// filters. This is the differential test of the parallel paging.
func TestWebAPILogAscendingMatchesSequential(t *testing.T) {
	ref := newWorld(t, testConfig) // clean: the sequential reference
	d := ref.data
	some := d.WebAPILog[len(d.WebAPILog)/3]
	filters := map[string]cryptolens.WebAPILogFilter{
		"no filter": {},
		"product":   {ProductID: some.ProductID},
		"key":       {ProductID: some.ProductID, Key: some.Key},
		"states":    {States: []cryptolens.State{2014, 2015, 6011, 2024}},
	}
	faults := emulator.Faults{ServerErrorRate: 0.08, DropRate: 0.05, TruncateRate: 0.08, TooManyRequestsRate: 0.03,
		RetryAfter: time.Millisecond, Seed: 5}
	for _, timeFilter := range []bool{true, false} {
		srv := emulator.NewServer(d)
		tok := srv.NewToken(emulator.AllPermissions...)
		srv.SetFaults(faults)
		var h http.Handler = srv
		if !timeFilter {
			h = ignoreTime(srv)
		}
		ts := httptest.NewServer(h)
		t.Cleanup(ts.Close)
		for _, parallel := range []int{1, 3, 16, 0} { // 0: the walk chooses
			if parallel == 0 && !timeFilter {
				continue // keep the matrix quick: its choice once
			}
			c := fastClient(t, ts.URL+"/api", tok, parallel)
			for fname, f := range filters {
				for wname, win := range windowCases(d) {
					if fname != "no filter" && (parallel == 3 || parallel == 0 || !timeFilter) {
						continue // keep the matrix quick: filters once per parallelism
					}
					name := fmt.Sprintf("time=%v/parallel=%d/%s/%s", timeFilter, parallel, fname, wname)
					t.Run(name, func(t *testing.T) {
						want := sequential(t, ref.client, f, win)
						got := collect(t, c.WebAPILogAscending(t.Context(), f, win))
						if diff := rowsDiff(want, got); diff != "" {
							t.Errorf("parallel vs sequential (-sequential +parallel), %d vs %d rows:\n%.2000s", len(want), len(got), diff)
						}
					})
				}
			}
		}
	}
}

// gappyDataset has ids with long gaps (runs of 1 to 5000 missing ids) and
// many rows sharing a second, so that segments and probes land in gaps.
func gappyDataset() *emulator.Dataset {
	d := &emulator.Dataset{Products: []emulator.Product{{ID: 1, Name: "P"}}}
	base := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	id := int64(10)
	sec := int64(0)
	x := uint64(12345)
	for i := range 30_000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		switch {
		case x%100 == 0:
			id += int64(x % 5000)
		case x%7 == 0:
			id += int64(x % 40)
		}
		id++
		if x%3 == 0 {
			sec += int64(x % 200)
		}
		d.WebAPILog = append(d.WebAPILog, cryptolens.WebAPILog{ID: id, ProductID: 1 + i%3, Key: "KEY" + strconv.Itoa(i%11),
			Time: base.Add(time.Duration(sec) * time.Second), State: cryptolens.State(2010 + int(x%6))})
	}
	return d
}

func TestWebAPILogAscendingWithIDGaps(t *testing.T) {
	d := gappyDataset()
	srv := emulator.NewServer(d)
	tok := srv.NewToken(emulator.AllPermissions...)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	ref := fastClient(t, ts.URL+"/api", tok, 1)
	first, last := d.WebAPILog[0].Time, d.WebAPILog[len(d.WebAPILog)-1].Time
	span := last.Sub(first)
	windows := map[string]cryptolens.Window{
		"all":      {},
		"tail":     {Since: first.Add(span / 2)},
		"middle":   {Since: first.Add(span / 3), Until: first.Add(span / 2)},
		"a second": {Since: d.WebAPILog[5000].Time, Until: d.WebAPILog[5000].Time.Add(time.Second)},
		"before":   {Until: first},
	}
	for _, ignore := range []bool{false, true} {
		faulty := emulator.NewServer(d)
		faulty.AddToken(emulator.Token{Value: tok, Permissions: emulator.AllPermissions})
		faulty.SetFaults(emulator.Faults{ServerErrorRate: 0.1, DropRate: 0.05, TruncateRate: 0.1, Seed: 9})
		var h http.Handler = faulty
		if ignore {
			h = ignoreTime(faulty)
		}
		fs := httptest.NewServer(h)
		t.Cleanup(fs.Close)
		for _, parallel := range []int{1, 7} {
			c := fastClient(t, fs.URL+"/api", tok, parallel)
			for wname, win := range windows {
				for _, f := range []cryptolens.WebAPILogFilter{{}, {ProductID: 2}} {
					t.Run(fmt.Sprintf("ignoreTime=%v/parallel=%d/%s/product=%d", ignore, parallel, wname, f.ProductID), func(t *testing.T) {
						want := d.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return win.Contains(r.Time) && matches(f, r) })
						if got := sequential(t, ref, f, win); rowsDiff(want, got) != "" {
							t.Fatalf("the sequential walk gives %d rows, the dataset %d", len(got), len(want))
						}
						got := collect(t, c.WebAPILogAscending(t.Context(), f, win))
						if diff := rowsDiff(want, got); diff != "" {
							t.Errorf("parallel vs dataset, %d vs %d rows:\n%.2000s", len(want), len(got), diff)
						}
					})
				}
			}
		}
	}
}

// The batches cover the paged range without a hole, and the bounds say
// where it starts and ends.
func TestWebAPILogBatchesTouch(t *testing.T) {
	w := newWorld(t, testConfig, cryptolens.WithParallel(4))
	win := cryptolens.Window{Since: w.data.Config.Start().AddDate(0, 0, 5)}
	var bounds cryptolens.WindowBounds
	calls := 0
	next := int64(-1)
	n := 0
	for b, err := range w.client.WebAPILogBatches(t.Context(), cryptolens.WebAPILogFilter{}, win, func(wb cryptolens.WindowBounds) {
		bounds = wb
		calls++
	}) {
		if err != nil {
			t.Fatal(err)
		}
		if next == -1 && b.From != bounds.From || next != -1 && b.From != next {
			t.Fatalf("batch [%d, %d) after %d (bounds %+v)", b.From, b.To, next, bounds)
		}
		for _, r := range b.Rows {
			if r.ID < b.From || r.ID >= b.To {
				t.Fatalf("row %d outside its batch [%d, %d)", r.ID, b.From, b.To)
			}
		}
		next = b.To
		n += len(b.Rows)
	}
	if calls != 1 || next != bounds.To || bounds.FromStart {
		t.Fatalf("bounds %+v called %d times; last batch ends at %d", bounds, calls, next)
	}
	want := w.data.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return r.ID >= bounds.From })
	if n != len(want) {
		t.Fatalf("%d rows in the batches, %d in [From, end)", n, len(want))
	}
	if below := w.data.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return r.ID < bounds.From }); len(below) == 0 ||
		!below[len(below)-1].Time.Before(win.Since) || want[0].Time.Before(win.Since) {
		t.Fatalf("From %d is not where the window starts", bounds.From)
	}
}

// countingServer counts the requests that reach h and the answers in
// flight.
type countingServer struct {
	h        http.Handler
	requests atomic.Int64
	mu       sync.Mutex
	arrivals []time.Time
}

func (s *countingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.mu.Lock()
	s.arrivals = append(s.arrivals, time.Now())
	s.mu.Unlock()
	s.h.ServeHTTP(w, r)
}

// A cancelled context stops every request: the walk yields the context's
// error, and once it returns no request reaches the server.
func TestWebAPILogAscendingCancel(t *testing.T) {
	d := dataset(testConfig)
	srv := emulator.NewServer(d)
	tok := srv.NewToken(emulator.AllPermissions...)
	srv.SetFaults(emulator.Faults{Latency: 5 * time.Millisecond})
	cs := &countingServer{h: srv}
	ts := httptest.NewServer(cs)
	t.Cleanup(ts.Close)
	c := fastClient(t, ts.URL+"/api", tok, 8)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.WebAPILogAscending(ctx, cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 100 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Fatalf("after cancel: error %v, want context.Canceled", last)
	}
	assertQuiet(t, cs)
	// A caller that stops iterating stops the workers too.
	for range c.WebAPILogAscending(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
		break
	}
	assertQuiet(t, cs)
}

// assertQuiet checks that no request arrives once a walk has returned
// (after a moment for those already on the wire).
func assertQuiet(t *testing.T, cs *countingServer) {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	before := cs.requests.Load()
	time.Sleep(100 * time.Millisecond)
	if after := cs.requests.Load(); after != before {
		t.Fatalf("%d requests arrived after the walk returned", after-before)
	}
}

// A 429 with a Retry-After holds back every worker, not only the one that
// met it; the walk then completes.
func TestWebAPILogAscendingTooManyRequestsHoldsEveryWorker(t *testing.T) {
	d := dataset(testConfig)
	srv := emulator.NewServer(d)
	tok := srv.NewToken(emulator.AllPermissions...)
	var n atomic.Int64
	var mu sync.Mutex
	var limited time.Time
	var arrivals []time.Time
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		mu.Lock()
		arrivals = append(arrivals, time.Now())
		mu.Unlock()
		if k == 8 { // once the paging runs
			mu.Lock()
			limited = time.Now()
			mu.Unlock()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"result":1,"message":"Too many requests."}`))
			return
		}
		srv.ServeHTTP(w, r)
	})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	c, err := cryptolens.NewClient(tok, cryptolens.WithBaseURL(ts.URL+"/api"), cryptolens.WithParallel(8),
		cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 5, MinDelay: time.Millisecond, MaxDelay: 2 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, c.WebAPILogAscending(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}))
	if len(got) != len(d.WebAPILog) {
		t.Fatalf("%d rows, want %d", len(got), len(d.WebAPILog))
	}
	// Requests already on the wire when the 429 left may still arrive;
	// none sent after the client read it may, until the second is over.
	var during int
	for _, a := range arrivals {
		if d := a.Sub(limited); d > 300*time.Millisecond && d < 950*time.Millisecond {
			during++
		}
	}
	if limited.IsZero() || during != 0 {
		t.Fatalf("%d requests arrived while the Retry-After of the 429 at %v ran", during, limited)
	}
}

// The typed errors of the client come through the parallel walk.
func TestWebAPILogAscendingErrors(t *testing.T) {
	d := dataset(testConfig)
	srv := emulator.NewServer(d)
	tok := srv.NewToken(emulator.PermGetEvents) // no GetWebAPILog
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := fastClient(t, ts.URL+"/api", tok, 4)
	var apiErr *cryptolens.APIError
	var last error
	for _, err := range c.WebAPILogAscending(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
		last = err
	}
	if !errors.As(last, &apiErr) || apiErr.Message != "Access denied." {
		t.Fatalf("error %v, want the API's Access denied", last)
	}
	// A server that keeps failing once the paging runs: the retries give up
	// with the last HTTP error, and no row is yielded after it.
	ok := srv.NewToken(emulator.AllPermissions...)
	var n atomic.Int64
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 6 {
			w.WriteHeader(http.StatusBadGateway)
			w.Write([]byte("<html>bad gateway</html>"))
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(failing.Close)
	c = fastClient(t, failing.URL+"/api", ok, 4)
	var httpErr *cryptolens.HTTPError
	last = nil
	for _, err := range c.WebAPILogAscending(t.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
		if last != nil {
			t.Fatal("a row after the error")
		}
		last = err
	}
	if !errors.As(last, &httpErr) || httpErr.StatusCode != http.StatusBadGateway {
		t.Fatalf("error %v, want HTTP 502", last)
	}
}

func TestWithParallelRange(t *testing.T) {
	for _, n := range []int{-1, cryptolens.MaxParallel + 1} {
		if _, err := cryptolens.NewClient("tok", cryptolens.WithParallel(n)); err == nil {
			t.Errorf("WithParallel(%d) accepted", n)
		}
	}
	c, err := cryptolens.NewClient("tok")
	if err != nil || c.Parallel() != cryptolens.DefaultParallel {
		t.Fatalf("default parallel %d, %v", c.Parallel(), err)
	}
}
