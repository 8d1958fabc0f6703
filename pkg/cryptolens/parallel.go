package cryptolens

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultParallel is the most requests a client built without
// [WithParallel] (or with 0) keeps in flight when it walks a window of the
// Web API Log. Such a walk chooses how many from the round trip it
// measures while it finds the window (see workersFor): 2 on a near server,
// up to DefaultParallel on a distant one.
//
// Paging is latency-bound: one 1000-row page costs a round trip plus about
// 1.4 ms of CPU on each side, the server writing it and the client
// decoding it (the 870,000-row month written to CSV: about 1 s of the
// client's CPU in all). At 50 ms per round trip, 16 requests in flight
// bring the transfer of a page down to about 3 ms, the same order as that
// CPU cost, so more would not go much faster on the two cores such
// machines have, would hold more rows in memory and would only load the
// server: 16 makes a distant API (50-100 ms away) nearly as fast as a near
// one, and it stays well below the connection limits of HTTP servers and
// proxies. On a near server (loopback) 2 are as fast as any more: one page
// is answered while the other is decoded.
const DefaultParallel = 16

// MaxParallel is the largest value [WithParallel] accepts.
const MaxParallel = 64

// WithParallel sets how many requests a window walk keeps in flight
// ([Client.WebAPILogAscending], [Client.WebAPILogBatches]): 1 makes every
// walk strictly sequential, one request at a time; N > 1 keeps N in
// flight; 0, the default, lets each walk choose from the round trip it
// measures, up to [DefaultParallel]. It fails outside 0..[MaxParallel].
func WithParallel(n int) Option {
	return func(c *Client) error {
		if n < 0 || n > MaxParallel {
			return fmt.Errorf("parallel requests = %d: want 1 to %d", n, MaxParallel)
		}
		c.parallel = n
		return nil
	}
}

// Parallel returns the most requests the client's window walks keep in
// flight: the [WithParallel] setting, or [DefaultParallel] when the walks
// choose.
func (c *Client) Parallel() int {
	if c.parallel <= 0 {
		return DefaultParallel
	}
	return c.parallel
}

// IDBatch is a run of rows that a walk holds completely: every row matching
// the walk's filter with From <= ID < To, ascending by id. Successive
// batches of a walk touch: the To of one is the From of the next.
type IDBatch[R any] struct {
	From, To int64
	Rows     []R
	Requests int // the requests that paged the batch, retries not counted
}

// WindowBounds is what a walk proved about the ids outside the range it
// pages, [From, To), relying on ids growing with time.
type WindowBounds struct {
	// From: every matching row with an id below From is before the
	// window's Since. FromStart: no matching row has an id below From.
	From      int64
	FromStart bool
	// To: every matching row with an id at or above To is at or after the
	// window's Until, or did not exist when the request that found To was
	// sent (a window without Until).
	To int64
	// Requests is how many requests found the range, retries not counted.
	Requests int
}

// WebAPILogAscending yields the rows that match f with w.Since <= Time <
// w.Until in ascending id order, each once, paging up to [Client.Parallel]
// disjoint id ranges at once (see [WithParallel] for how many). It holds
// at most a few pages per request in flight, not the window, and yields
// rows as soon as every row below them has arrived.
//
// It uses only what the API documents: EndingBefore, Limit and OrderBy, and
// ids that grow with time. A search over ids at Limit 1 (several probes a
// round) finds the ids where the window starts and ends; when the server
// honours the Time filter, two requests find each end instead, and the
// answer is checked with EndingBefore, so a server that ignores or
// misreads Time costs a few requests, never a row. The range between is cut
// into spans of a few pages each, sized from the density of the first page;
// each span is paged newest first with EndingBefore and a Limit no larger
// than the ids left in the span plus one, so that a span's last page proves
// where it ends without spilling much into the next.
//
// Failures are the client's: each request is retried under the client's
// policy, and a 429 answer holds every request of the walk back for its
// Retry-After (or the policy's first delay). The first error that survives
// the retries stops every request and is yielded once, ending the walk; a
// cancelled context or a caller that stops iterating stops every request
// too. A caller sees every row of the window or an error. The client's
// observer is called for every request, one call at a time.
func (c *Client) WebAPILogAscending(ctx context.Context, f WebAPILogFilter, w Window) iter.Seq2[WebAPILog, error] {
	return func(yield func(WebAPILog, error) bool) {
		// The batches come newest first within each (as paged) and go
		// back to the walk once yielded: the rows are yielded by value,
		// so their storage pages the next segments.
		c.webAPILogWalk(ctx, f, w, nil, true, func(b IDBatch[WebAPILog], err error) bool {
			if err != nil {
				yield(WebAPILog{}, err)
				return false
			}
			for i := len(b.Rows) - 1; i >= 0; i-- {
				if r := &b.Rows[i]; w.Contains(r.Time) && !yield(*r, nil) {
					return false
				}
			}
			return true
		})
	}
}

// WebAPILogBatches pages the id range that holds the window as
// [Client.WebAPILogAscending] does and yields it in batches, ascending:
// each batch holds every row matching f in its id range, the rows outside
// the window included. bounds, when not nil, is called once, before the
// first batch, with the range the walk pages. A store uses the batches and
// bounds as proofs of what it holds.
func (c *Client) WebAPILogBatches(ctx context.Context, f WebAPILogFilter, w Window, bounds func(WindowBounds)) iter.Seq2[IDBatch[WebAPILog], error] {
	return func(yield func(IDBatch[WebAPILog], error) bool) {
		c.webAPILogWalk(ctx, f, w, bounds, false, func(b IDBatch[WebAPILog], err error) bool {
			slices.Reverse(b.Rows)
			return yield(b, err)
		})
	}
}

// webAPILogWalk runs a walk of the Web API Log and yields its batches with
// their rows newest first; with recycle, a batch's storage goes back to
// the walk once yield returns.
func (c *Client) webAPILogWalk(ctx context.Context, f WebAPILogFilter, w Window, bounds func(WindowBounds), recycle bool, yield func(IDBatch[WebAPILog], error) bool) {
	base := f.query()
	pw := c.newParallelWalk(ctx)
	defer pw.close()
	wc := pw.client
	l := &idLog[WebAPILog]{
		pages: wc.webAPILogPages(base),
		time:  func(r *WebAPILog) time.Time { return r.Time },
		firstAtOrAfter: func(ctx context.Context, t time.Time) ([]WebAPILog, error) {
			q := base
			q.Limit, q.OrderBy, q.Time = 1, "Id", TimeFilter{GTE: t}
			return wc.getWebAPILog(ctx, q, nil, nil)
		},
	}
	runIDWalk(pw, l, w, c.parallel, bounds, recycle, yield)
}

// idLog is how a walk reads one log: pages below a cursor, newest first.
type idLog[R identified] struct {
	calls atomic.Int64 // requests made through fetch and firstAtOrAfter
	// quickest is the shortest one-row request so far, in nanoseconds (0:
	// none yet): see roundTrip.
	quickest atomic.Int64
	pages    *Pages[R]
	time     func(*R) time.Time
	// firstAtOrAfter asks the server for the oldest row at or after t
	// through the Time filter; nil when the log has none. Its answer is
	// only a hint.
	firstAtOrAfter func(ctx context.Context, t time.Time) ([]R, error)
}

// fetch returns the checked page of at most limit rows below cursor
// (0: the newest), newest first, counted.
func (l *idLog[R]) fetch(ctx context.Context, in *interner, cursor int64, limit int, buf []R) ([]R, error) {
	l.calls.Add(1)
	if limit != 1 {
		return l.pages.below(ctx, in, cursor, limit, buf)
	}
	t0 := time.Now()
	rows, err := l.pages.below(ctx, in, cursor, limit, buf)
	if err == nil {
		l.timed(time.Since(t0))
	}
	return rows, err
}

// timed notes how long a one-row request took.
func (l *idLog[R]) timed(d time.Duration) {
	d = max(d, 1)
	for {
		q := l.quickest.Load()
		if q != 0 && q <= int64(d) || l.quickest.CompareAndSwap(q, int64(d)) {
			return
		}
	}
}

// roundTrip is the quickest one-row request of the walk so far: the
// network's round trip plus the server's cost of a request (retries and
// the first connection's handshakes are in slower ones). 0 when none was
// made.
func (l *idLog[R]) roundTrip() time.Duration { return time.Duration(l.quickest.Load()) }

// probe returns the newest matching row below cursor; ok is false when
// there is none.
func (l *idLog[R]) probe(ctx context.Context, cursor int64) (r R, ok bool, err error) {
	rows, err := l.fetch(ctx, nil, cursor, 1, nil)
	if err != nil || len(rows) == 0 {
		return r, false, err
	}
	return rows[0], true, nil
}

// parallelWalk is the shared state of one walk's requests: a client whose
// transport holds every request back while a 429's Retry-After runs.
type parallelWalk struct {
	ctx    context.Context
	cancel context.CancelFunc
	client *Client
	idle   func()
}

// newParallelWalk copies c with a gated transport. When c uses the default
// transport, the copy gets its own, keeping enough idle connections for
// the walk's requests, and closes them at the end.
func (c *Client) newParallelWalk(ctx context.Context) *parallelWalk {
	ctx, cancel := context.WithCancel(ctx)
	g := &gate{minHold: c.retry.MinDelay, maxHold: c.retry.MaxDelay}
	base := c.http.Transport
	idle := func() {}
	if base == nil || base == http.DefaultTransport {
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			t := dt.Clone()
			t.MaxIdleConnsPerHost = MaxParallel
			base, idle = t, t.CloseIdleConnections
		} else {
			base = http.DefaultTransport
		}
	}
	hc := *c.http
	hc.Transport = &gatedTransport{base: base, gate: g}
	wc := *c
	wc.http = &hc
	if obs := c.observer; obs != nil {
		// The walk's requests run at once: one observer call at a time.
		var mu sync.Mutex
		wc.observer = func(ri RequestInfo) {
			mu.Lock()
			defer mu.Unlock()
			obs(ri)
		}
	}
	return &parallelWalk{ctx: ctx, cancel: cancel, client: &wc, idle: idle}
}

func (p *parallelWalk) close() {
	p.cancel()
	p.idle()
}

// gate holds requests back until a time.
type gate struct {
	mu      sync.Mutex
	until   time.Time
	minHold time.Duration // the hold of a 429 without Retry-After
	maxHold time.Duration // the longest hold, as the retry policy caps its waits
}

// wait returns when the gate is open or ctx ends.
func (g *gate) wait(ctx context.Context) error {
	for {
		g.mu.Lock()
		d := time.Until(g.until)
		g.mu.Unlock()
		if d <= 0 {
			return nil
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
}

// hold closes the gate for d from now, unless it is closed for longer.
func (g *gate) hold(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.maxHold > 0 {
		d = min(d, g.maxHold)
	}
	if t := time.Now().Add(d); t.After(g.until) {
		g.until = t
	}
}

// gatedTransport sends requests through a gate, and closes the gate on a
// 429 (or another retryable answer with a Retry-After).
type gatedTransport struct {
	base http.RoundTripper
	gate *gate
}

func (t *gatedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.gate.wait(req.Context()); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	resp, err := t.base.RoundTrip(req)
	if err == nil && retryableStatus(resp.StatusCode) {
		d := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		if d == 0 && resp.StatusCode == http.StatusTooManyRequests {
			d = t.gate.minHold
		}
		if d > 0 {
			t.gate.hold(d)
		}
	}
	return resp, err
}

// segment is an id range [lo, hi) of a walk, paged newest first.
type segment[R any] struct {
	lo, hi   int64
	state    segmentState
	rows     []R // descending by id
	requests int
}

type segmentState int

const (
	segPending segmentState = iota
	segRunning
	segDone
)

// idWalk schedules the segments of one walk over workers and hands them to
// the caller in ascending order.
type idWalk[R identified] struct {
	l       *idLog[R]
	ctx     context.Context
	mu      sync.Mutex
	cond    *sync.Cond
	segs    []*segment[R] // ascending by lo; segs[0] is the next to hand over
	held    int           // rows in segs
	maxHeld int           // rows the workers may hold before they wait
	target  int           // rows a segment aims at; one two pages past it splits
	err     error
	// free holds the storage of batches the caller has used (a walk with
	// recycle), which the next segments page into.
	free [][]R
}

// runIDWalk finds the window's id range, pages it and yields it in
// batches whose rows are newest first. parallel is the client's setting:
// 1 pages strictly one request at a time, N > 1 keeps N requests in
// flight, 0 as many as hide the round trip (see [workersFor]). With
// recycle, a batch's rows are the walk's again once yield returns.
func runIDWalk[R identified](pw *parallelWalk, l *idLog[R], w Window, parallel int, bounds func(WindowBounds), recycle bool, yield func(IDBatch[R], error) bool) {
	ctx := pw.ctx
	most := parallel
	if most <= 0 {
		most = DefaultParallel
	}
	b, ok, err := findRange(ctx, l, w, most)
	if err != nil {
		yield(IDBatch[R]{}, err)
		return
	}
	b.Requests = int(l.calls.Load())
	if bounds != nil {
		bounds(b)
	}
	if !ok || b.From >= b.To {
		return
	}
	// The first page, newest first: the density of the range, and the
	// time a page takes.
	pageMax := l.pages.max
	t0 := time.Now()
	first, err := l.fetch(ctx, newArena(), b.To, spanLimit(pageMax, b.From, b.To), nil)
	if err != nil {
		yield(IDBatch[R]{}, err)
		return
	}
	workers := parallel
	if workers <= 0 {
		workers = workersFor(most, l.roundTrip(), time.Since(t0))
	}
	// Pages per segment: enough that the last short page of each costs
	// little, few enough that the workers hold a bounded number of rows.
	pages := max(2, 20/workers)
	iw := &idWalk[R]{l: l, ctx: ctx, target: pages * pageMax}
	iw.maxHeld = (workers + 4) * iw.target
	iw.cond = sync.NewCond(&iw.mu)
	topSeg := &segment[R]{lo: b.From, hi: b.To, state: segDone, requests: 1}
	var lowest int64 = b.To
	for i, r := range first {
		if r.rowID() < b.From {
			break
		}
		topSeg.rows = first[:i+1]
		lowest = r.rowID()
	}
	if len(first) > 0 && first[len(first)-1].rowID() >= b.From && lowest > b.From {
		// More rows below: cut [From, lowest) into segments.
		topSeg.lo = lowest
		density := float64(len(first)) / float64(b.To-lowest)
		span := max(int64(float64(iw.target-pageMax/4)/density), 1)
		for lo := b.From; lo < lowest; lo += span {
			iw.segs = append(iw.segs, &segment[R]{lo: lo, hi: min(lo+span, lowest)})
		}
	}
	iw.segs = append(iw.segs, topSeg)
	iw.held = len(topSeg.rows)

	stop := context.AfterFunc(ctx, func() {
		iw.mu.Lock()
		iw.cond.Broadcast()
		iw.mu.Unlock()
	})
	defer stop()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(iw.work)
	}
	defer func() {
		pw.cancel()
		wg.Wait()
	}()
	iw.handOver(recycle, yield)
}

// workersFor is how many requests a walk keeps in flight when the client
// leaves it to the walk: enough to hide the round trip behind the pages
// being answered and decoded, 1 + roundTrip/pageTime, between 2 and most.
//
// roundTrip is the quickest of the walk's one-row requests (the probes
// that found the range): the network's round trip plus the server's cost
// of a request. pageTime is what a full page takes beyond that (the
// server writing it, the transfer, the client decoding it), measured on
// the first page and taken as at most 2 ms, so that a first page slowed
// by a busy machine does not starve a distant walk. On the 870,000-row
// month, where a page costs about 1.4 ms of CPU on each side: on loopback
// (round trip 0.2-0.5 ms) 2 requests, one answered while the other is
// decoded, which is all two cores can use; 16 would only make the server
// switch between them and hold 16 pages of memory. At 50 ms per round trip
// the most (16 by default), about what hides it (50 / 2 + 1 = 26).
func workersFor(most int, roundTrip, firstPage time.Duration) int {
	if most <= 2 {
		return most
	}
	pageTime := min(max(firstPage-roundTrip, 50*time.Microsecond), 2*time.Millisecond)
	n := 1 + int((roundTrip+pageTime-1)/pageTime)
	return min(max(n, 2), most)
}

// spanLimit is the Limit of a page below cursor in a segment starting at
// lo: the ids left plus one, whose row, below lo, proves the segment ends.
func spanLimit(pageMax int, lo, cursor int64) int {
	if lo <= 0 || cursor-lo >= int64(pageMax) {
		return pageMax
	}
	return int(cursor-lo) + 1
}

// handOver yields the segments in order as they complete; with recycle,
// their storage goes back to the walk after yield.
func (iw *idWalk[R]) handOver(recycle bool, yield func(IDBatch[R], error) bool) {
	for {
		iw.mu.Lock()
		for iw.err == nil && iw.ctx.Err() == nil && len(iw.segs) > 0 && iw.segs[0].state != segDone {
			iw.cond.Wait()
		}
		switch {
		case iw.err != nil:
			err := iw.err
			iw.mu.Unlock()
			yield(IDBatch[R]{}, err)
			return
		case iw.ctx.Err() != nil:
			err := iw.ctx.Err()
			iw.mu.Unlock()
			yield(IDBatch[R]{}, fmt.Errorf("cryptolens: %s: %w", iw.l.pages.method, err))
			return
		case len(iw.segs) == 0:
			iw.mu.Unlock()
			return
		}
		s := iw.segs[0]
		iw.segs[0] = nil // the backing array must not keep the rows alive
		iw.segs = iw.segs[1:]
		iw.held -= len(s.rows)
		iw.cond.Broadcast()
		iw.mu.Unlock()
		if !yield(IDBatch[R]{From: s.lo, To: s.hi, Rows: s.rows, Requests: s.requests}, nil) {
			return
		}
		if recycle && cap(s.rows) >= iw.target {
			iw.mu.Lock()
			if len(iw.free) < 4 {
				// The rows left in it keep their pages' bodies alive until
				// they are written over: at most a segment's worth each.
				iw.free = append(iw.free, s.rows[:0])
			}
			iw.mu.Unlock()
		}
	}
}

// next waits for a segment to page and marks it running; nil when there is
// no more work or the walk failed.
func (iw *idWalk[R]) next() *segment[R] {
	iw.mu.Lock()
	defer iw.mu.Unlock()
	for {
		if iw.err != nil || iw.ctx.Err() != nil {
			return nil
		}
		running := false
		for i, s := range iw.segs {
			switch s.state {
			case segRunning:
				running = true
			case segPending:
				// The lowest unfinished segment always starts, so that the
				// caller is never stuck behind a full buffer.
				if i == 0 || iw.held < iw.maxHeld {
					s.state = segRunning
					return s
				}
			}
			if s.state == segPending {
				break
			}
		}
		if !running && !iw.anyPending() {
			return nil
		}
		iw.cond.Wait()
	}
}

func (iw *idWalk[R]) anyPending() bool {
	for _, s := range iw.segs {
		if s.state == segPending {
			return true
		}
	}
	return false
}

// work pages segments until there are none left.
func (iw *idWalk[R]) work() {
	for {
		s := iw.next()
		if s == nil {
			return
		}
		// The rows are handed over and dropped: their strings are slices
		// of their page's body (see interner.arena).
		if err := iw.page(s, newArena()); err != nil {
			iw.mu.Lock()
			if iw.err == nil && iw.ctx.Err() == nil {
				iw.err = err
			}
			iw.cond.Broadcast()
			iw.mu.Unlock()
			return
		}
	}
}

// page fetches one segment newest first, splitting off its lower part when
// it holds far more rows than planned. Each page is decoded straight into
// the segment's storage, past the rows it holds: only the worker paging a
// segment touches that part until the segment is done.
func (iw *idWalk[R]) page(s *segment[R], in *interner) error {
	pageMax := iw.l.pages.max
	cursor := s.hi
	iw.mu.Lock()
	if n := len(iw.free); n > 0 {
		s.rows, iw.free = iw.free[n-1], iw.free[:n-1]
	}
	iw.mu.Unlock()
	for cursor > s.lo {
		limit := spanLimit(pageMax, s.lo, cursor)
		if cap(s.rows)-len(s.rows) < limit {
			s.rows = slices.Grow(s.rows, max(limit, iw.target+pageMax-len(s.rows)))
		}
		tail := s.rows[len(s.rows):]
		rows, err := iw.l.fetch(iw.ctx, in, cursor, limit, tail)
		s.requests++
		if err != nil {
			return err
		}
		done := len(rows) == 0
		n := 0
		for _, r := range rows {
			if r.rowID() < s.lo {
				done = true
				break
			}
			n++
		}
		iw.mu.Lock()
		if n > 0 && &rows[0] == &tail[:1][0] {
			s.rows = s.rows[:len(s.rows)+n] // decoded in place
		} else {
			s.rows = append(s.rows, rows[:n]...) // a page longer than its Limit
		}
		iw.held += n
		if n < len(rows) {
			iw.skipEmpty(rows[n].rowID(), s.lo)
		}
		if n > 0 {
			cursor = rows[n-1].rowID()
		}
		if !done && cursor > s.lo && len(s.rows) > iw.target+2*pageMax {
			// Denser than planned: leave the rest to another worker.
			rest := &segment[R]{lo: s.lo, hi: cursor}
			s.lo = cursor
			for i, x := range iw.segs {
				if x == s {
					iw.segs = append(iw.segs[:i], append([]*segment[R]{rest}, iw.segs[i:]...)...)
					break
				}
			}
			done = true
		}
		if done || cursor <= s.lo {
			s.state = segDone
			iw.cond.Broadcast()
			iw.mu.Unlock()
			return nil
		}
		iw.mu.Unlock()
	}
	iw.mu.Lock()
	s.state = segDone
	iw.cond.Broadcast()
	iw.mu.Unlock()
	return nil
}

// skipEmpty marks the pending segments between ids below and lo as done:
// a page below lo returned below as its next row, so there is no row
// between. iw.mu must be held.
func (iw *idWalk[R]) skipEmpty(below, lo int64) {
	for _, x := range iw.segs {
		if x.state == segPending && x.lo > below && x.hi <= lo {
			x.state = segDone
		}
	}
	iw.cond.Broadcast()
}

// findRange finds the ids [From, To) that hold every row of w: To from the
// newest row and, when w.Until is before it, a search; From by a search
// for w.Since. ok is false when the log (as filtered) has no row.
func findRange[R identified](ctx context.Context, l *idLog[R], w Window, workers int) (WindowBounds, bool, error) {
	newest, ok, err := l.probe(ctx, 0)
	if err != nil || !ok {
		return WindowBounds{FromStart: true}, false, err
	}
	top, below, belowOK := newest.rowID()+1, newest, true
	if !w.Until.IsZero() && !l.time(&newest).Before(w.Until) {
		if top, below, belowOK, err = boundary(ctx, l, w.Until, 0, top, workers); err != nil {
			return WindowBounds{}, false, err
		}
	}
	b := WindowBounds{To: top, FromStart: w.Since.IsZero()}
	if !belowOK || l.time(&below).Before(w.Since) {
		// The newest row below To is before the window: nothing in it.
		b.From = top
		return b, true, nil
	}
	// P(below+1) is false for Since: search below it. Without Since, the
	// same search finds the oldest row (P(c): nothing below c).
	if b.From, _, _, err = boundary(ctx, l, w.Since, 0, below.rowID()+1, workers); err != nil {
		return WindowBounds{}, false, err
	}
	return b, true, nil
}

// boundary returns the cursor B such that every matching row with an id
// below B is before t and the row with id B is not, and the newest row
// below B (ok false: none found). lo is a cursor known to have nothing at
// or after t below it (0 will do); hi is a cursor whose newest row below is
// at or after t. It relies on ids growing with time.
//
// P(c) = "the newest row below c is before t, or there is none" is true up
// to B and false above; lo is the largest cursor known true, hi the
// smallest known false. Each round probes up to workers cursors between
// them at once. First, when the log can filter by time, the server's oldest
// row at or after t is checked with one EndingBefore probe; a correct
// answer ends the search at once, a wrong one only narrows it.
func boundary[R identified](ctx context.Context, l *idLog[R], t time.Time, lo, hi int64, workers int) (int64, R, bool, error) {
	var below R
	belowOK := false
	if l.firstAtOrAfter != nil {
		whole := t.Truncate(time.Second)
		if whole.Before(t) {
			whole = whole.Add(time.Second)
		}
		l.calls.Add(1)
		t0 := time.Now()
		rows, err := l.firstAtOrAfter(ctx, whole)
		if err != nil {
			return 0, below, false, err
		}
		l.timed(time.Since(t0))
		if len(rows) == 1 && !l.time(&rows[0]).Before(t) && rows[0].rowID() > lo && rows[0].rowID() < hi {
			s := rows[0].rowID() // at or after t: P(s+1) is false
			r, ok, err := l.probe(ctx, s)
			if err != nil {
				return 0, below, false, err
			}
			if !ok || l.time(&r).Before(t) {
				return s, r, ok, nil // P(s) is true: B = s
			}
			hi = r.rowID() + 1 // the hint was wrong: P(r+1) is false; search below
		}
	}
	for hi-lo > 1 {
		gap := hi - lo - 1 // candidates lo+1 .. hi-1
		k := min(int64(workers), gap)
		cursors := make([]int64, 0, k)
		for i := int64(1); i <= k; i++ {
			c := lo + (gap+1)*i/(k+1)
			if c <= lo || c >= hi || (len(cursors) > 0 && cursors[len(cursors)-1] == c) {
				continue
			}
			cursors = append(cursors, c)
		}
		type answer struct {
			r   R
			ok  bool
			err error
		}
		answers := make([]answer, len(cursors))
		var wg sync.WaitGroup
		for i, c := range cursors {
			wg.Go(func() {
				r, ok, err := l.probe(ctx, c)
				answers[i] = answer{r, ok, err}
			})
		}
		wg.Wait()
		for i, a := range answers {
			switch {
			case a.err != nil:
				return 0, below, false, a.err
			case !a.ok || l.time(&a.r).Before(t):
				if cursors[i] > lo {
					lo, below, belowOK = cursors[i], a.r, a.ok
				}
			default:
				hi = min(hi, a.r.rowID()+1)
			}
		}
		if lo >= hi {
			return 0, below, false, errors.New("cryptolens: " + l.pages.method + ": row times do not grow with ids; cannot find where the window starts")
		}
	}
	return lo, below, belowOK, nil
}
