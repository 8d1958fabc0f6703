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
