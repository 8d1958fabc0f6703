package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"

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

// WebLog returns the stored Web API Log rows with a time in w that match f,
// ascending by id. It reads only the store: ask [Account.Covered] whether
// the store holds all of w.
func (a *Account) WebLog(ctx context.Context, w cryptolens.Window, f Filter) ([]cryptolens.WebAPILog, error) {
	var q query
	q.eq("product_id", f.ProductID != 0, f.ProductID)
	q.eq("key", f.Key != "", f.Key)
	q.eq("machine_code", f.MachineCode != "", f.MachineCode)
	if len(f.States) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.States)), ", ")
		q.conds = append(q.conds, "state IN ("+marks+")")
		for _, s := range f.States {
			q.args = append(q.args, int(s))
		}
	}
	var keep func(*cryptolens.WebAPILog) bool
	if f.FriendlyName != "" {
		needle := strings.ToLower(f.FriendlyName)
		keep = func(r *cryptolens.WebAPILog) bool {
			return strings.Contains(strings.ToLower(r.FriendlyName), needle)
		}
	}
	return readRows(ctx, a, webLogTable, w, q, keep)
}

// Events returns the stored events with a time in w that match f, ascending
// by id.
func (a *Account) Events(ctx context.Context, w cryptolens.Window, f Filter) ([]cryptolens.Event, error) {
	var q query
	q.eq("product_id", f.ProductID != 0, f.ProductID)
	q.eq("key", f.Key != "", f.Key)
	q.eq("machine_code", f.MachineCode != "", f.MachineCode)
	q.eq("feature_name", f.FeatureName != "", f.FeatureName)
	q.eq("event_name", f.EventName != "", f.EventName)
	return readRows(ctx, a, eventsTable, w, q, nil)
}

// ObjectLog returns the stored Object Log entries created in w, ascending by
// id.
func (a *Account) ObjectLog(ctx context.Context, w cryptolens.Window) ([]cryptolens.ObjectLogEntry, error) {
	return readRows(ctx, a, objectLogTable, w, query{}, nil)
}

// query collects extra WHERE conditions and their arguments.
type query struct {
	conds []string
	args  []any
}

func (q *query) eq(col string, on bool, v any) {
	if on {
		q.conds = append(q.conds, col+" = ?")
		q.args = append(q.args, v)
	}
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

func readRows[R any](ctx context.Context, a *Account, t *table[R], w cryptolens.Window, q query, keep func(*R) bool) ([]R, error) {
	account, err := a.rowID(ctx, false)
	if err != nil || account == 0 {
		return nil, err
	}
	since, until := windowSeconds(w)
	where := " WHERE account = ? AND " + t.timeCol + " >= ? AND " + t.timeCol + " < ?"
	for _, c := range q.conds {
		where += " AND " + c
	}
	args := append([]any{account, since, until}, q.args...)
	sqlText := "SELECT " + t.selectColumns() + " FROM " + t.name + where
	size := 0
	if len(q.conds) == 0 {
		// The time index alone (no table lookups) gives the window's id
		// bounds and size; the rows then come from one ordered range of
		// the table, with no lookup per row.
		var lo, hi sql.NullInt64
		if err := a.st.db.QueryRowContext(ctx, "SELECT MIN(id), MAX(id), COUNT(*) FROM "+t.name+where, args...).
			Scan(&lo, &hi, &size); err != nil {
			return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
		}
		if size == 0 {
			return nil, nil
		}
		return readIDRange(ctx, a.st.db, t, account, since, until, lo.Int64, hi.Int64, size, keep)
	}
	sqlText += " ORDER BY id"
	rows, err := a.st.db.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
	}
	defer rows.Close()
	out := make([]R, 0, size)
	for rows.Next() {
		r, err := t.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
		}
		if keep == nil || keep(&r) {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.log, a.st.explain(err))
	}
	return out, nil
}
