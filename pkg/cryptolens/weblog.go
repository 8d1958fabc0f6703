package cryptolens

import (
	"context"
	"iter"
	"math/bits"
	"net/url"
	"slices"
	"time"
)

// MaxWebAPILogLimit is the largest page GetWebAPILog returns.
const MaxWebAPILogLimit = 1000

// WebAPILogQuery is one GetWebAPILog request. Zero fields are left out: no
// filter, no cursor, the server's default order and Limit (10).
type WebAPILogQuery struct {
	ProductID     int
	Key           string // needs ProductID
	MachineCode   string // exact, case-sensitive match
	FriendlyName  string // case-insensitive substring match
	States        []State
	Limit         int   // at most 1000
	StartingAfter int64 // rows with ID > StartingAfter, ascending
	EndingBefore  int64 // rows with ID < EndingBefore, descending by default
	OrderBy       string
	Time          TimeFilter
}

func (q WebAPILogQuery) params() url.Values {
	p := params{}
	p.int("ProductId", int64(q.ProductID))
	p.str("Key", q.Key)
	p.str("MachineCode", q.MachineCode)
	p.str("FriendlyName", q.FriendlyName)
	p.states("States", q.States)
	p.int("Limit", int64(q.Limit))
	p.int("StartingAfter", q.StartingAfter)
	p.int("EndingBefore", q.EndingBefore)
	p.str("OrderBy", q.OrderBy)
	p.timeFilter("Time", q.Time)
	return url.Values(p)
}

// GetWebAPILog returns one page of the Web API Log, in the server's order.
func (c *Client) GetWebAPILog(ctx context.Context, q WebAPILogQuery) ([]WebAPILog, error) {
	return c.getWebAPILog(ctx, q, nil, nil)
}

// getWebAPILog fetches a page into buf's storage, interning strings in in.
func (c *Client) getWebAPILog(ctx context.Context, q WebAPILogQuery, in *interner, buf []WebAPILog) ([]WebAPILog, error) {
	return getRows(ctx, c, "GetWebAPILog", "logs", q.params(), &webAPILogSchema, webAPILogFrom, in, buf)
}

// WebAPILogFilter selects Web API Log rows for the iterators.
type WebAPILogFilter struct {
	ProductID    int
	Key          string // needs ProductID
	MachineCode  string
	FriendlyName string
	States       []State
}

func (f WebAPILogFilter) query() WebAPILogQuery {
	return WebAPILogQuery{ProductID: f.ProductID, Key: f.Key, MachineCode: f.MachineCode,
		FriendlyName: f.FriendlyName, States: slices.Clone(f.States)}
}

// WebAPILogWindow yields the rows that match f with w.Since <= Time <
// w.Until, newest first. It pages backwards from the newest row: Limit 1000,
// OrderBy "Id descending", EndingBefore set to the smallest id of the page
// before. Rows newer than w.Until are skipped; it stops on an empty page or
// after a page whose oldest row is before w.Since, never because a page was
// short. A window of n rows costs about n/1000 + 2 requests when it reaches
// the newest row. When the first page ends after w.Until and the pages in
// between look more numerous than log2 of the ids, a binary search at Limit
// 1 (relying on ids growing with time) finds where the window ends, at
// about 26 requests for ids near 50,000,000.
//
// Each page is decoded whole or retried; on an error the iterator yields it
// once and stops, so a caller sees every row of the window or an error.
func (c *Client) WebAPILogWindow(ctx context.Context, f WebAPILogFilter, w Window) iter.Seq2[WebAPILog, error] {
	pages := c.WebAPILogPages(f)
	jump := func(first []WebAPILog) (int64, bool, error) {
		// Jump if paging down to Until would cost more.
		return webAPILogCursorBefore(ctx, pages, first, w.Until)
	}
	return func(yield func(WebAPILog, error) bool) {
		pages.backward(ctx, w, func(r *WebAPILog) time.Time { return r.Time }, jump, yield)
	}
}

// webAPILogCursorBefore returns an EndingBefore cursor below which every row
// of pages is before until, and above which none is: one more than the id
// of the newest such row. page is the first page, newest first, all of it
// at or after until. It searches only when paging down to until would likely
// cost more requests than the search (about log2 of the page's oldest id);
// otherwise it returns false.
//
// It relies on ids growing with time. P(c) = "the newest row with id < c is
// before until, or there is none" is true up to the answer and false above;
// lo is the largest c known true, hi the smallest c known false minus one.
func webAPILogCursorBefore(ctx context.Context, pages *Pages[WebAPILog], page []WebAPILog, until time.Time) (int64, bool, error) {
	newest, oldest := page[0], page[len(page)-1]
	pageSpan := max(newest.Time.Sub(oldest.Time), time.Second)
	pagesToGo := int64(oldest.Time.Sub(until) / pageSpan)
	if pagesToGo <= int64(bits.Len64(uint64(oldest.ID))) {
		return 0, false, nil
	}
	lo, hi := int64(1), oldest.ID
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		rows, err := pages.Before(ctx, mid, 1)
		switch {
		case err != nil:
			return 0, false, err
		case len(rows) == 0 || rows[0].Time.Before(until):
			lo = mid
		default:
			hi = rows[0].ID
		}
	}
	return lo, true, nil
}

// WebAPILogAfter yields the rows that match f with ID > afterID, ascending by
// id: pages of 1000 with the StartingAfter cursor, until an empty page. It
// is the incremental sync: pass the largest id already stored.
func (c *Client) WebAPILogAfter(ctx context.Context, f WebAPILogFilter, afterID int64) iter.Seq2[WebAPILog, error] {
	pages := c.WebAPILogPages(f)
	return func(yield func(WebAPILog, error) bool) {
		pages.forward(ctx, afterID, nil, nil, yield)
	}
}
