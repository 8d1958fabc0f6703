package cryptolens

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"net/url"
	"time"
)

// Pages reads one log a page at a time through its cursors: the one place
// where the client pages a log. It checks every page before returning it:
// ids strictly below the cursor and descending for [Pages.Before], strictly
// above it and ascending for [Pages.After]; a server that broke either rule
// would make a walk skip rows or loop, so the page fails instead. The row
// iterators ([Client.WebAPILogWindow], [Client.EventsAfter]...), the
// parallel walk and a store's sync all page through it.
//
// Get one from [Client.WebAPILogPages], [Client.EventsPages] or
// [Client.ObjectLogPages]. It is safe for concurrent use.
type Pages[R identified] struct {
	method string
	max    int // the largest page the method returns
	// newest is the EndingBefore that asks for the newest rows, newest
	// first: 0 (left out) where OrderBy says the order, above every id
	// where the cursor itself turns descending order on (GetEvents).
	newest int64
	// after fetches the page above a StartingAfter cursor (0: left out),
	// ascending; before the page below an EndingBefore cursor (0: left
	// out), descending, nil when the log has no backward cursor. limit is
	// at most max. Neither checks the page: below and above do.
	after  func(ctx context.Context, in *interner, after int64, limit int, buf []R) ([]R, error)
	before func(ctx context.Context, in *interner, before int64, limit int, buf []R) ([]R, error)
}

// WebAPILogPages pages the Web API Log rows that match f: pages of up to
// [MaxWebAPILogLimit]; Before asks with OrderBy "Id descending".
func (c *Client) WebAPILogPages(f WebAPILogFilter) *Pages[WebAPILog] {
	return c.webAPILogPages(f.query())
}

func (c *Client) webAPILogPages(base WebAPILogQuery) *Pages[WebAPILog] {
	return &Pages[WebAPILog]{
		method: "GetWebAPILog",
		max:    MaxWebAPILogLimit,
		after: func(ctx context.Context, in *interner, after int64, limit int, buf []WebAPILog) ([]WebAPILog, error) {
			q := base
			q.Limit, q.StartingAfter = limit, after
			return c.getWebAPILog(ctx, q, in, buf)
		},
		before: func(ctx context.Context, in *interner, before int64, limit int, buf []WebAPILog) ([]WebAPILog, error) {
			q := base
			q.Limit, q.OrderBy, q.EndingBefore = limit, "Id descending", before
			return c.getWebAPILog(ctx, q, in, buf)
		},
	}
}

// EventsPages pages the events that match f: pages of up to
// [MaxEventsLimit]. GetEvents has no OrderBy: an EndingBefore cursor turns
// descending order on, so Before(0) asks with EndingBefore above every id.
func (c *Client) EventsPages(f EventsFilter) *Pages[Event] {
	return c.eventsPages(f.query())
}

func (c *Client) eventsPages(base EventsQuery) *Pages[Event] {
	return &Pages[Event]{
		method: "GetEvents",
		max:    MaxEventsLimit,
		newest: math.MaxInt64,
		after: func(ctx context.Context, in *interner, after int64, limit int, buf []Event) ([]Event, error) {
			q := base
			q.Limit, q.StartingAfter = limit, after
			return c.getEvents(ctx, q, in, buf)
		},
		before: func(ctx context.Context, in *interner, before int64, limit int, buf []Event) ([]Event, error) {
			q := base
			q.Limit, q.EndingBefore = limit, before
			return c.getEvents(ctx, q, in, buf)
		},
	}
}

// ObjectLogPages pages the Object Log: pages of up to [MaxObjectLogLimit],
// forward only (GetObjectLog has no backward cursor).
func (c *Client) ObjectLogPages() *Pages[ObjectLogEntry] {
	return &Pages[ObjectLogEntry]{
		method: "GetObjectLog",
		max:    MaxObjectLogLimit,
		after: func(ctx context.Context, in *interner, after int64, limit int, buf []ObjectLogEntry) ([]ObjectLogEntry, error) {
			return c.getObjectLog(ctx, ObjectLogQuery{Limit: limit, StartingAfter: after}, in, buf)
		},
	}
}

// getRows calls a list method and decodes the rows under listKey into
// buf's storage, with in's strings.
func getRows[R any](ctx context.Context, c *Client, method, listKey string, params url.Values,
	schema *rowSchema, build func(*[maxFields]int64, *[maxFields]string) R, in *interner, buf []R) ([]R, error) {
	rows := buf[:0]
	p := page{
		listKey: listKey,
		onList:  rowsDecoder(schema, build, &rows),
		rows:    func() int { return len(rows) },
		reset:   func() { rows = rows[:0] },
		intern:  in,
	}
	if err := c.call(ctx, method, params, p); err != nil {
		return nil, err
	}
	return rows, nil
}

// ErrNoBackwardCursor is the error of [Pages.Before] on a log that pages
// only forward (the Object Log).
var ErrNoBackwardCursor = errors.New("the method has no backward cursor (EndingBefore)")

// Method returns the API method the pages come from, such as "GetEvents".
func (p *Pages[R]) Method() string { return p.method }

// MaxLimit returns the largest page the method returns.
func (p *Pages[R]) MaxLimit() int { return p.max }

// Backward reports whether the log pages backwards ([Pages.Before] works).
func (p *Pages[R]) Backward() bool { return p.before != nil }

// Before returns the page of at most limit rows (0: [Pages.MaxLimit]) with
// ids below before, newest first; before 0 asks for the newest rows. An
// empty page means there is none.
func (p *Pages[R]) Before(ctx context.Context, before int64, limit int) ([]R, error) {
	return p.below(ctx, nil, before, limit, nil)
}

// After returns the page of at most limit rows (0: [Pages.MaxLimit]) with
// ids above after, oldest first; after 0 asks for the oldest rows. An empty
// page means there is none.
func (p *Pages[R]) After(ctx context.Context, after int64, limit int) ([]R, error) {
	return p.above(ctx, nil, after, limit, nil)
}

// below is Before, decoding into buf's storage with in's strings.
func (p *Pages[R]) below(ctx context.Context, in *interner, before int64, limit int, buf []R) ([]R, error) {
	if p.before == nil {
		return nil, fmt.Errorf("cryptolens: %s: %w", p.method, ErrNoBackwardCursor)
	}
	cursor := before
	if cursor == 0 {
		cursor = p.newest
	}
	rows, err := p.before(ctx, in, cursor, p.limit(limit), buf)
	if err != nil {
		return rows, err
	}
	return rows, checkPage(rows, p.method, "EndingBefore", before, true)
}

// above is After, decoding into buf's storage with in's strings.
func (p *Pages[R]) above(ctx context.Context, in *interner, after int64, limit int, buf []R) ([]R, error) {
	rows, err := p.after(ctx, in, after, p.limit(limit), buf)
	if err != nil {
		return rows, err
	}
	return rows, checkPage(rows, p.method, "StartingAfter", after, false)
}

func (p *Pages[R]) limit(n int) int {
	if n <= 0 || n > p.max {
		return p.max
	}
	return n
}

// Ascending yields the pages above after (0: from the oldest row), oldest
// first, until an empty page, which it does not yield. The first error is
// yielded once and ends the walk. A page's slice is reused: it is valid
// until the next iteration.
func (p *Pages[R]) Ascending(ctx context.Context, after int64) iter.Seq2[[]R, error] {
	return func(yield func([]R, error) bool) {
		p.ascending(ctx, newInterner(), after, yield)
	}
}

// ascending is Ascending with the interner in.
func (p *Pages[R]) ascending(ctx context.Context, in *interner, cursor int64, yield func([]R, error) bool) {
	var rows []R
	for {
		var err error
		if rows, err = p.above(ctx, in, cursor, 0, rows); err != nil {
			yield(nil, err)
			return
		}
		if len(rows) == 0 || !yield(rows, nil) {
			return
		}
		cursor = rows[len(rows)-1].rowID()
	}
}

// forward yields the rows above cursor, ascending by id. keep, when set,
// leaves out the rows it rejects; past, when set, marks the rows beyond the
// end of the walk: they are not yielded, and the walk ends after the page
// that holds one. The first error is yielded once and ends the walk.
func (p *Pages[R]) forward(ctx context.Context, cursor int64, keep, past func(R) bool, yield func(R, error) bool) {
	var zero R
	for rows, err := range p.Ascending(ctx, cursor) {
		if err != nil {
			yield(zero, err)
			return
		}
		reachedEnd := false
		for _, r := range rows {
			if past != nil && past(r) {
				reachedEnd = true
				continue
			}
			if keep != nil && !keep(r) {
				continue
			}
			if !yield(r, nil) {
				return
			}
		}
		if reachedEnd {
			return
		}
	}
}

// backward yields the rows of w, newest first, paging down from the newest
// row until an empty page or a page whose oldest row is before w.Since;
// at is a row's time. jump, when set, is asked after a first page that ends
// at or after w.Until for a cursor to go on from instead (ok false: page
// on). The first error is yielded once and ends the walk.
func (p *Pages[R]) backward(ctx context.Context, w Window, at func(*R) time.Time,
	jump func(first []R) (cursor int64, ok bool, err error), yield func(R, error) bool) {
	var zero R
	in := newInterner()
	var cursor int64
	var rows []R
	for {
		var err error
		if rows, err = p.below(ctx, in, cursor, 0, rows); err != nil {
			yield(zero, err)
			return
		}
		if len(rows) == 0 {
			return
		}
		for _, r := range rows {
			if w.Contains(at(&r)) && !yield(r, nil) {
				return
			}
		}
		oldest := &rows[len(rows)-1]
		if !w.Since.IsZero() && at(oldest).Before(w.Since) {
			return
		}
		if cursor == 0 && jump != nil && !w.Until.IsZero() && !at(oldest).Before(w.Until) {
			// The window ends before the first page.
			if next, ok, err := jump(rows); err != nil {
				yield(zero, err)
				return
			} else if ok {
				cursor = next
				continue
			}
		}
		cursor = (*oldest).rowID()
	}
}
