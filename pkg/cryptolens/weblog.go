package cryptolens

import (
	"context"
	"iter"
	"net/url"
	"slices"
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
	rows := buf[:0]
	p := page{
		listKey: "logs",
		onList:  rowsDecoder(&webAPILogSchema, webAPILogFrom, &rows),
		rows:    func() int { return len(rows) },
		reset:   func() { rows = rows[:0] },
		intern:  in,
	}
	if err := c.call(ctx, "GetWebAPILog", q.params(), p); err != nil {
		return nil, err
	}
	return rows, nil
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
// short. A window of n rows preceded by m newer rows costs about
// (m+n)/1000 + 1 requests.
//
// Each page is decoded whole or retried; on an error the iterator yields it
// once and stops, so a caller sees every row of the window or an error.
func (c *Client) WebAPILogWindow(ctx context.Context, f WebAPILogFilter, w Window) iter.Seq2[WebAPILog, error] {
	base := f.query()
	return func(yield func(WebAPILog, error) bool) {
		in := newInterner()
		var cursor int64
		var rows []WebAPILog
		for {
			q := base
			q.Limit, q.OrderBy, q.EndingBefore = MaxWebAPILogLimit, "Id descending", cursor
			var err error
			rows, err = c.getWebAPILog(ctx, q, in, rows)
			if err != nil {
				yield(WebAPILog{}, err)
				return
			}
			if len(rows) == 0 {
				return
			}
			for _, r := range rows {
				if w.Contains(r.Time) && !yield(r, nil) {
					return
				}
			}
			oldest := rows[minByID(rows)]
			if !w.Since.IsZero() && oldest.Time.Before(w.Since) {
				return
			}
			if cursor != 0 && oldest.ID >= cursor {
				yield(WebAPILog{}, cursorIgnored("GetWebAPILog", "EndingBefore", cursor, oldest.ID))
				return
			}
			cursor = oldest.ID
		}
	}
}

// WebAPILogAfter yields the rows that match f with ID > afterID, ascending by
// id: pages of 1000 with the StartingAfter cursor, until an empty page. It
// is the incremental sync: pass the largest id already stored.
func (c *Client) WebAPILogAfter(ctx context.Context, f WebAPILogFilter, afterID int64) iter.Seq2[WebAPILog, error] {
	base := f.query()
	return func(yield func(WebAPILog, error) bool) {
		in := newInterner()
		cursor := afterID
		var rows []WebAPILog
		for {
			q := base
			q.Limit, q.StartingAfter = MaxWebAPILogLimit, cursor
			var err error
			rows, err = c.getWebAPILog(ctx, q, in, rows)
			if err != nil {
				yield(WebAPILog{}, err)
				return
			}
			if len(rows) == 0 {
				return
			}
			for _, r := range rows {
				if !yield(r, nil) {
					return
				}
			}
			newest := rows[maxByID(rows)].ID
			if newest <= cursor {
				yield(WebAPILog{}, cursorIgnored("GetWebAPILog", "StartingAfter", cursor, newest))
				return
			}
			cursor = newest
		}
	}
}
