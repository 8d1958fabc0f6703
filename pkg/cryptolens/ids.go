package cryptolens

import "fmt"

// identified is a row type with an id.
type identified interface {
	rowID() int64
}

func (r WebAPILog) rowID() int64      { return r.ID }
func (e Event) rowID() int64          { return e.ID }
func (o ObjectLogEntry) rowID() int64 { return o.ID }

// checkPage verifies that a page honours its cursor and comes in the order
// the walk relies on: ids strictly decreasing and below cursor for a
// backward walk, strictly increasing and above cursor for a forward one (a
// zero cursor is unset). A server that broke either rule would make the walk
// skip rows or loop, so the walk stops with this error instead.
func checkPage[T identified](rows []T, method, param string, cursor int64, descending bool) error {
	for i, r := range rows {
		id := r.rowID()
		switch {
		case cursor != 0 && descending && id >= cursor, cursor != 0 && !descending && id <= cursor:
			return cursorIgnored(method, param, cursor, id)
		case i > 0 && descending && id >= rows[i-1].rowID():
			return fmt.Errorf("cryptolens: %s: %s=%d answered with ids not in descending order (%d after %d)", method, param, cursor, id, rows[i-1].rowID())
		case i > 0 && !descending && id <= rows[i-1].rowID():
			return fmt.Errorf("cryptolens: %s: %s=%d answered with ids not in ascending order (%d after %d)", method, param, cursor, id, rows[i-1].rowID())
		}
	}
	return nil
}

// cursorIgnored is the error of a page that did not move past its cursor,
// which would otherwise loop for ever.
func cursorIgnored(method, param string, cursor, got int64) error {
	return fmt.Errorf("cryptolens: %s: %s=%d answered with id %d: the server ignored the cursor", method, param, cursor, got)
}

// pageForward walks a log forward with StartingAfter from cursor until an
// empty page, checking each page with checkPage, and yields its rows. keep,
// when set, leaves out the rows it rejects; past, when set, marks the rows
// beyond the end of the walk: they are not yielded, and the walk ends after
// the page that holds one. The first error is yielded once and ends the walk.
func pageForward[R identified](method string, cursor int64, fetch func(cursor int64, buf []R) ([]R, error),
	keep, past func(R) bool, yield func(R, error) bool) {
	var zero R
	var rows []R
	for {
		var err error
		if rows, err = fetch(cursor, rows); err != nil {
			yield(zero, err)
			return
		}
		if len(rows) == 0 {
			return
		}
		if err := checkPage(rows, method, "StartingAfter", cursor, false); err != nil {
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
		cursor = rows[len(rows)-1].rowID()
	}
}
