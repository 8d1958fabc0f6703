package cryptolens

import (
	"context"
	"iter"
	"net/url"
)

// MaxObjectLogLimit is the largest page GetObjectLog returns.
const MaxObjectLogLimit = 100

// ObjectLogQuery is one GetObjectLog request: the method has no filters and
// only the forward cursor.
type ObjectLogQuery struct {
	Limit         int   // at most 100
	StartingAfter int64 // entries with ID > StartingAfter, ascending
}

// GetObjectLog returns one page of the Object Log, ascending by id.
func (c *Client) GetObjectLog(ctx context.Context, q ObjectLogQuery) ([]ObjectLogEntry, error) {
	return c.getObjectLog(ctx, q, nil, nil)
}

func (c *Client) getObjectLog(ctx context.Context, q ObjectLogQuery, in *interner, buf []ObjectLogEntry) ([]ObjectLogEntry, error) {
	v := params{}
	v.int("Limit", int64(q.Limit))
	v.int("StartingAfter", q.StartingAfter)
	return getRows(ctx, c, "GetObjectLog", "events", url.Values(v), &objectLogSchema, objectLogFrom, in, buf)
}

// ObjectLogAfter yields the entries with ID > afterID, ascending by id, in
// pages of 100 until an empty page: the incremental sync.
func (c *Client) ObjectLogAfter(ctx context.Context, afterID int64) iter.Seq2[ObjectLogEntry, error] {
	return func(yield func(ObjectLogEntry, error) bool) {
		c.objectLogFrom(ctx, afterID, Window{}, yield)
	}
}

// ObjectLogWindow yields the entries with w.Since <= Created < w.Until,
// ascending by id. GetObjectLog has neither a time filter nor a backward
// cursor, so it relies on ids growing with time: a binary search over
// StartingAfter at Limit 1 finds the last entry before Since, then pages of
// 100 go forward until an entry at or after Until (or an empty page).
//
// Requests: with Since set, 1 probe of the first entry, then about
// 2*log2(d) probes at Limit 1, where d is the id distance from the first
// entry to the window's start (about 40 for d = 1,000,000); then
// floor(n/100)+1 pages for a window of n entries. A zero Since skips the
// search.
func (c *Client) ObjectLogWindow(ctx context.Context, w Window) iter.Seq2[ObjectLogEntry, error] {
	return func(yield func(ObjectLogEntry, error) bool) {
		start := int64(0)
		if !w.Since.IsZero() {
			var err error
			if start, err = c.objectLogStart(ctx, w); err != nil {
				yield(ObjectLogEntry{}, err)
				return
			}
		}
		c.objectLogFrom(ctx, start, w, yield)
	}
}

// objectLogStart finds the cursor after which the window's entries begin:
// the id of the last entry created before w.Since, or 0.
//
// Invariant: every entry with ID <= lo is before Since; every entry with
// ID > hi (when hi is known) is at or after Since.
func (c *Client) objectLogStart(ctx context.Context, w Window) (int64, error) {
	pages := c.ObjectLogPages()
	// probe returns the first entry after id, and whether there is one.
	probe := func(after int64) (ObjectLogEntry, bool, error) {
		rows, err := pages.After(ctx, after, 1)
		if err != nil || len(rows) == 0 {
			return ObjectLogEntry{}, false, err
		}
		return rows[0], true, nil
	}
	before := func(e ObjectLogEntry) bool { return e.Created.Before(w.Since) }

	first, ok, err := probe(0)
	if err != nil || !ok || !before(first) {
		return 0, err
	}
	lo := first.ID
	// Gallop forward for an upper bound.
	var hi int64
	for step := int64(1); ; step *= 2 {
		mid := lo + step
		if mid < lo { // overflow: no bound below MaxInt64
			return lo, nil
		}
		e, ok, err := probe(mid)
		if err != nil {
			return 0, err
		}
		if !ok || !before(e) {
			hi = mid
			break
		}
		lo = e.ID
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		e, ok, err := probe(mid)
		if err != nil {
			return 0, err
		}
		if !ok || !before(e) {
			hi = mid
		} else {
			lo = e.ID
		}
	}
	return lo, nil
}

// objectLogFrom pages forward from the cursor, yielding entries in w until
// an entry at or after w.Until or an empty page.
func (c *Client) objectLogFrom(ctx context.Context, cursor int64, w Window, yield func(ObjectLogEntry, error) bool) {
	keep := func(e ObjectLogEntry) bool { return w.Contains(e.Created) }
	past := func(e ObjectLogEntry) bool { return !w.Until.IsZero() && !e.Created.Before(w.Until) }
	c.ObjectLogPages().forward(ctx, cursor, keep, past, yield)
}
