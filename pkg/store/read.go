package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"

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
func windowColumns[R any](ctx context.Context, a *Account, t *table[R], w cryptolens.Window) (*Columns, error) {
	empty := newColumns(t.log, t.columns, nil)
	empty.text = make([]bool, len(t.columns))
	account, err := a.rowID(ctx, false)
	if err != nil || account == 0 {
		return empty, err
	}
	since, until := windowSeconds(w)
	// The time index alone (no table lookups) gives the window's id bounds
	// and size: the snapshot's name, and one ordered range of the table to
	// read, with no lookup per row.
	var lo, hi sql.NullInt64
	var size int
	if err := a.st.db.QueryRowContext(ctx, "SELECT MIN(id), MAX(id), COUNT(*) FROM "+t.name+
		" WHERE account = ? AND "+t.timeCol+" >= ? AND "+t.timeCol+" < ?", account, since, until).
		Scan(&lo, &hi, &size); err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
	}
	if size == 0 {
		return empty, nil
	}
	var key windowKey
	if size >= snapshotMinRows {
		id, err := a.st.storeID(ctx)
		if err != nil {
			return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
		}
		key = windowKey{log: t.log, since: since, until: until, lo: lo.Int64, hi: hi.Int64, count: size,
			fingerprint: a.fingerprint, storeIdentity: id}
		if c := a.st.loadSnapshot(key, t.columns); c != nil {
			return c, nil
		}
	}
	c, err := readColumnsSQL(ctx, a.st.db, t.log, t.name, t.timeCol, t.columns, account, since, until, lo.Int64, hi.Int64, size)
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
	}
	if size >= snapshotMinRows {
		a.st.saveSnapshot(key, c)
	}
	return c, nil
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
