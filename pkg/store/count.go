package store

import (
	"context"
	"fmt"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Count returns how many stored rows of log l have a time in w and match f
// (the fields of f that apply to l, as in [Account.WebAPILog] and
// [Account.Events]). It counts through SQL over the log's time index,
// reading no row into memory, except with a FriendlyName filter, whose
// case-insensitive match it makes as the reads do (on the window's
// columns). It reads only the store: ask [Account.Covered] whether the
// store holds all of w.
func (a *Account) Count(ctx context.Context, l Log, w cryptolens.Window, f Filter) (int, error) {
	var (
		name, timeCol string
		where         []string
		args          []any
	)
	eq := func(col string, on bool, v any) {
		if on {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	switch l {
	case WebAPILog, Events:
		name, timeCol = webLogTable.name, webLogTable.timeCol
		if l == Events {
			name, timeCol = eventsTable.name, eventsTable.timeCol
		}
		eq("product_id", f.ProductID != 0, f.ProductID)
		eq("key", f.Key != "", f.Key)
		eq("machine_code", f.MachineCode != "", f.MachineCode)
	case ObjectLog:
		name, timeCol = objectLogTable.name, objectLogTable.timeCol
	default:
		_, err := ParseLog(string(l))
		return 0, err
	}
	switch l {
	case WebAPILog:
		if f.FriendlyName != "" {
			c, err := a.Columns(ctx, l, w, f)
			if err != nil {
				return 0, err
			}
			return c.Len(), nil
		}
		if len(f.States) > 0 {
			in := "state IN (?"
			args = append(args, int(f.States[0]))
			for _, s := range f.States[1:] {
				in += ", ?"
				args = append(args, int(s))
			}
			where = append(where, in+")")
		}
	case Events:
		eq("feature_name", f.FeatureName != "", f.FeatureName)
		eq("event_name", f.EventName != "", f.EventName)
	}
	account, err := a.rowID(ctx, false)
	if err != nil || account == 0 {
		return 0, err
	}
	since, until := windowSeconds(w)
	query := "SELECT COUNT(*) FROM " + name + " WHERE account = ? AND " + timeCol + " >= ? AND " + timeCol + " < ?"
	for _, c := range where {
		query += " AND " + c
	}
	var n int
	if err := a.st.db.QueryRowContext(ctx, query, append([]any{account, since, until}, args...)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count %s: %w", l, a.st.explain(err))
	}
	return n, nil
}
