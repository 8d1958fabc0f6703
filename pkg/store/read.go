package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Filter narrows a read. Zero fields do not filter; each field says which
// logs it applies to, and is ignored by the others.
type Filter struct {
	ProductID    int                // Web API Log, Events Log
	Key          string             // Web API Log, Events Log: exact
	MachineCode  string             // Web API Log, Events Log: exact, case-sensitive
	FriendlyName string             // Web API Log: case-insensitive substring, as the API matches it
	States       []cryptolens.State // Web API Log: any of these codes
	FeatureName  string             // Events Log: exact
	EventName    string             // Events Log: exact
}

// WebAPILog returns the stored Web API Log rows with a time in w that match f,
// ascending by id. It reads only the store: ask [Account.Covered] whether
// the store holds all of w.
func (a *Account) WebAPILog(ctx context.Context, w cryptolens.Window, f Filter) ([]cryptolens.WebAPILog, error) {
	return readRecords(ctx, a, webLogTable, w, f)
}

// Events returns the stored events with a time in w that match f, ascending
// by id.
func (a *Account) Events(ctx context.Context, w cryptolens.Window, f Filter) ([]cryptolens.Event, error) {
	return readRecords(ctx, a, eventsTable, w, f)
}

// ObjectLog returns the stored Object Log entries created in w, ascending by
// id.
func (a *Account) ObjectLog(ctx context.Context, w cryptolens.Window) ([]cryptolens.ObjectLogEntry, error) {
	return readRecords(ctx, a, objectLogTable, w, Filter{})
}

// Columns returns the stored rows of log l with a time in w that match f
// (the fields of f that apply to l, as in [Account.WebAPILog] and
// [Account.Events]), ascending by id, column by column: what a DataFrame is
// built from. A window of 20,000 rows or more is kept as a snapshot beside
// the store file after its first read, so that reading it again, from this
// process or the next, decodes the snapshot instead of converting every row
// through SQL. It reads only the store: ask [Account.Covered] whether the
// store holds all of w.
func (a *Account) Columns(ctx context.Context, l Log, w cryptolens.Window, f Filter) (*Columns, error) {
	var (
		c   *Columns
		err error
	)
	switch l {
	case WebAPILog:
		c, err = windowColumns(ctx, a, webLogTable, w)
	case Events:
		c, err = windowColumns(ctx, a, eventsTable, w)
	case ObjectLog:
		c, err = windowColumns(ctx, a, objectLogTable, w)
	default:
		_, err = ParseLog(string(l))
	}
	if err != nil {
		return nil, err
	}
	return c.where(f), nil
}

func readRecords[R any](ctx context.Context, a *Account, t *table[R], w cryptolens.Window, f Filter) ([]R, error) {
	c, err := windowColumns(ctx, a, t, w)
	if err != nil {
		return nil, err
	}
	return records(t, c.where(f)), nil
}

// windowColumns returns every row of t of the account with a time in w, as
// columns: from the window's snapshot when there is one, else through SQL
// (then writing the snapshot of a big window).
//
// The window's content, as the time index tells it (its number of rows
// and their lowest and highest ids), names its snapshot, and bounds the
// range of the table to read; counting it takes a pass over the window's
// index entries. That pass runs at once with the rest: with the decoding of
// the window's newest snapshot, checked against the count after; or, when
// the window has no snapshot, with the read of the ids between the first
// and the last row in time (two index lookups), which holds the whole
// window when ids grow with time, as the API's do, and is completed from
// the count when they do not.
func windowColumns[R any](ctx context.Context, a *Account, t *table[R], w cryptolens.Window) (*Columns, error) {
	c, err := readWindow(ctx, a, t, w)
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
	}
	return c, nil
}

// windowCensus is the window's content as the time index tells it.
type windowCensus struct {
	lo, hi int64
	size   int
	err    error
}

func readWindow[R any](ctx context.Context, a *Account, t *table[R], w cryptolens.Window) (*Columns, error) {
	empty := newColumns(t.log, t.columns, nil)
	empty.text = make([]bool, len(t.columns))
	account, err := a.rowID(ctx, false)
	if err != nil || account == 0 {
		return empty, err
	}
	since, until := windowSeconds(w)
	inWindow := " FROM " + t.name + " WHERE account = ? AND " + t.timeCol + " >= ? AND " + t.timeCol + " < ?"
	var firstID, lastID sql.NullInt64
	if err := a.st.db.QueryRowContext(ctx, "SELECT (SELECT id"+inWindow+" ORDER BY "+t.timeCol+" LIMIT 1), (SELECT id"+inWindow+
		" ORDER BY "+t.timeCol+" DESC LIMIT 1)", account, since, until, account, since, until).Scan(&firstID, &lastID); err != nil {
		return nil, err
	}
	if !firstID.Valid || !lastID.Valid {
		return empty, nil
	}
	// The ids of the first and the last row in time, lowest first: when ids
	// do not grow with time the first row's id may be the higher one.
	first, last := min(firstID.Int64, lastID.Int64), max(firstID.Int64, lastID.Int64)
	storeIdentity, err := a.st.storeID(ctx)
	if err != nil {
		return nil, err
	}
	key := windowKey{log: t.log, since: since, until: until, fingerprint: a.fingerprint, storeIdentity: storeIdentity}

	counted := make(chan windowCensus, 1)
	go func() {
		var n windowCensus
		n.err = a.st.db.QueryRowContext(ctx, "SELECT MIN(id), MAX(id), COUNT(*)"+inWindow, account, since, until).
			Scan(&n.lo, &n.hi, &n.size)
		counted <- n
	}()
	read := func(lo, hi int64, size int) (*Columns, error) {
		return readColumnsSQL(ctx, a.st, t.log, t.name, t.timeCol, t.columns, account, since, until, lo, hi, size)
	}
	finish := func(n windowCensus, c *Columns) *Columns {
		if n.size >= snapshotMinRows && c.n == n.size {
			key.lo, key.hi, key.count = n.lo, n.hi, n.size
			a.st.saveSnapshot(key, c)
		}
		return c
	}

	if newest := a.st.newestSnapshot(key); newest != "" {
		c := decodeSnapshotFile(t.log, newest, t.columns)
		n := <-counted
		if n.err != nil {
			return nil, n.err
		}
		key.lo, key.hi, key.count = n.lo, n.hi, n.size
		if c != nil && filepath.Base(newest) == key.name() && c.n == n.size {
			touch(newest)
			return c, nil
		}
		c, err := read(n.lo, n.hi, n.size)
		if err != nil {
			return nil, err
		}
		return finish(n, c), nil
	}

	c, err := read(first, last, -1)
	n := <-counted
	if err != nil {
		return nil, err
	}
	if n.err != nil {
		return nil, n.err
	}
	// Rows of the window outside [first, last]: ids that do not grow with
	// time.
	if n.lo < first {
		before, err := read(n.lo, first-1, -1)
		if err != nil {
			return nil, err
		}
		c = concat([]*Columns{before, c})
	}
	if n.hi > last {
		after, err := read(last+1, n.hi, -1)
		if err != nil {
			return nil, err
		}
		c = concat([]*Columns{c, after})
	}
	return finish(n, c), nil
}

// windowSeconds returns the unix-second bounds of w: since <= t < until.
func windowSeconds(w cryptolens.Window) (since, until int64) {
	since, until = math.MinInt64, math.MaxInt64
	if !w.Since.IsZero() {
		since = sinceSeconds(w.Since)
	}
	if !w.Until.IsZero() {
		until = w.Until.Unix()
		if w.Until.Nanosecond() != 0 {
			until++ // a row at second s lies before Until when s < Until
		}
	}
	return since, until
}
