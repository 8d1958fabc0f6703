package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// parallelReadRows is the window size from which a read is split over
// several connections.
const parallelReadRows = 50_000

// readIDRange reads the rows of t of one account with a time in [since,
// until) and an id in [lo, hi], ascending by id, size of them in all. A
// big range is cut into id parts read at once over several connections
// (SQLite in WAL mode serves readers in parallel); each part is read
// through the driver's rows, without database/sql's conversions, straight
// into records.
func readIDRange[R any](ctx context.Context, db *sql.DB, t *table[R], account, since, until, lo, hi int64, size int, keep func(*R) bool) ([]R, error) {
	parts := 1
	if size >= parallelReadRows {
		parts = min(runtime.GOMAXPROCS(0), 4, size/(parallelReadRows/2))
	}
	query := "SELECT " + t.selectColumns() + " FROM " + t.name + " NOT INDEXED WHERE account = ? AND " +
		t.timeCol + " >= ? AND " + t.timeCol + " < ? AND id >= ? AND id <= ? ORDER BY id"
	out := make([][]R, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	span := (hi - lo + 1) / int64(parts)
	for i := range parts {
		from, to := lo+int64(i)*span, lo+int64(i+1)*span-1
		if i == parts-1 {
			to = hi
		}
		wg.Go(func() {
			out[i], errs[i] = readPart(ctx, db, t, query, []driver.NamedValue{
				{Ordinal: 1, Value: account}, {Ordinal: 2, Value: since}, {Ordinal: 3, Value: until},
				{Ordinal: 4, Value: from}, {Ordinal: 5, Value: to}}, size/parts+size/10, keep)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.log, err)
	}
	if parts == 1 {
		return out[0], nil
	}
	all := make([]R, 0, size)
	for _, p := range out {
		all = append(all, p...)
	}
	return all, nil
}

// readPart runs query on a connection of its own and decodes its rows.
func readPart[R any](ctx context.Context, db *sql.DB, t *table[R], query string, args []driver.NamedValue, capacity int, keep func(*R) bool) ([]R, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows := make([]R, 0, capacity)
	err = conn.Raw(func(dc any) error {
		prep, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return errors.New("the SQLite driver cannot prepare with a context")
		}
		stmt, err := prep.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer stmt.Close()
		sq, ok := stmt.(driver.StmtQueryContext)
		if !ok {
			return errors.New("the SQLite driver cannot query with a context")
		}
		dr, err := sq.QueryContext(ctx, args)
		if err != nil {
			return err
		}
		defer dr.Close()
		dest := make([]driver.Value, len(t.columns))
		for n := 0; ; n++ {
			if n&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := dr.Next(dest); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			var r R
			t.fromValues(&r, dest)
			if keep == nil || keep(&r) {
				rows = append(rows, r)
			}
		}
	})
	return rows, err
}

// valueInt is an INTEGER column's value; 0 for anything else.
func valueInt(v driver.Value) int64 {
	n, _ := v.(int64)
	return n
}

// valueText is a TEXT column's value, its bytes kept exactly.
func valueText(v driver.Value) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}

// valueTime is a time stored as Unix seconds; 0 is the zero time.
func valueTime(v driver.Value) time.Time {
	if sec := valueInt(v); sec != 0 {
		return time.Unix(sec, 0).UTC()
	}
	return time.Time{}
}

func webLogFromValues(r *cryptolens.WebAPILog, v []driver.Value) {
	*r = cryptolens.WebAPILog{ID: valueInt(v[0]), ProductID: int(valueInt(v[1])), Key: valueText(v[2]),
		IP: valueText(v[3]), Time: valueTime(v[4]), State: cryptolens.State(valueInt(v[5])),
		MachineCode: valueText(v[6]), FriendlyName: valueText(v[7]), FloatingExpires: valueTime(v[8]),
		DOIntValue: int(valueInt(v[9])), DOID: valueInt(v[10])}
}

func eventFromValues(r *cryptolens.Event, v []driver.Value) {
	*r = cryptolens.Event{ID: valueInt(v[0]), ProductID: int(valueInt(v[1])), Key: valueText(v[2]),
		MachineCode: valueText(v[3]), FeatureName: valueText(v[4]), EventName: valueText(v[5]),
		Value: valueInt(v[6]), Currency: valueText(v[7]), Time: valueTime(v[8]), Metadata: valueText(v[9])}
}

func objectLogFromValues(r *cryptolens.ObjectLogEntry, v []driver.Value) {
	*r = cryptolens.ObjectLogEntry{ID: valueInt(v[0]), Created: valueTime(v[1]),
		ResourceType: cryptolens.ResourceType(valueInt(v[2])), ResourceAction: cryptolens.ResourceAction(valueInt(v[3])),
		AffectedObjectID: valueInt(v[4]), ObjectOwnerUserID: valueInt(v[5]),
		PerformedByUserID: valueText(v[6]), Data: valueText(v[7])}
}
