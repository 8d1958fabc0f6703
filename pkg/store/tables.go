package store

import (
	"database/sql"
	"database/sql/driver"
	"strings"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// table describes how one log's records map to its SQL table.
type table[R any] struct {
	log      Log
	name     string
	timeCol  string
	columns  []string // every column after account: the log schema's Columns, id first
	id       func(*R) int64
	time     func(*R) time.Time
	values   func(*R, []any) []any // the columns' values in order, id first
	scanInto func(*R) []any        // destinations for Scan in column order
	// fromValues builds a record from the driver's values in column order
	// (readfast.go).
	fromValues func(*R, []driver.Value)
}

// insertSizes are the row counts of the multi-row INSERTs a sync uses,
// largest first, ending with 1: a page of any size takes a few
// statements, not one per row beyond a multiple of the largest.
var insertSizes = []int{128, 32, 8, 2, 1}

// insertSQL is an INSERT OR IGNORE of n rows.
func (t *table[R]) insertSQL(n int) string {
	row := "(?" + strings.Repeat(", ?", len(t.columns)) + ")"
	return "INSERT OR IGNORE INTO " + t.name + " (account, " + strings.Join(t.columns, ", ") +
		") VALUES " + row + strings.Repeat(", "+row, n-1)
}

func (t *table[R]) selectColumns() string { return strings.Join(t.columns, ", ") }

// scan reads one row; times arrive as unix seconds.
func (t *table[R]) scan(rows *sql.Rows) (R, error) {
	var r R
	err := rows.Scan(t.scanInto(&r)...)
	return r, err
}

// seconds converts a time to the stored unix seconds; the zero time is 0.
func seconds(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// unixTime is the scan destination of a time column stored as unix seconds.
type unixTime struct{ t *time.Time }

func (u unixTime) Scan(src any) error {
	sec, _ := src.(int64)
	if sec == 0 {
		*u.t = time.Time{}
		return nil
	}
	*u.t = time.Unix(sec, 0).UTC()
	return nil
}

// intScan scans an integer column into an int-based type.
type intScan[T ~int | ~int64] struct{ v *T }

func (i intScan[T]) Scan(src any) error {
	n, _ := src.(int64)
	*i.v = T(n)
	return nil
}

// textScan scans a text column into a string, keeping its bytes exactly.
type textScan struct{ s *string }

func (t textScan) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*t.s = v
	case []byte:
		*t.s = string(v)
	default:
		*t.s = ""
	}
	return nil
}

var webLogTable = &table[cryptolens.WebAPILog]{
	log: WebLog, name: "weblog", timeCol: "time", fromValues: webLogFromValues, columns: cryptolens.WebAPILogSchema.Columns(),
	id:   func(r *cryptolens.WebAPILog) int64 { return r.ID },
	time: func(r *cryptolens.WebAPILog) time.Time { return r.Time },
	values: func(r *cryptolens.WebAPILog, v []any) []any {
		return append(v, r.ID, r.ProductID, r.Key, r.IP, seconds(r.Time), int(r.State),
			r.MachineCode, r.FriendlyName, seconds(r.FloatingExpires), r.DOIntValue, r.DOID)
	},
	scanInto: func(r *cryptolens.WebAPILog) []any {
		return []any{intScan[int64]{&r.ID}, intScan[int]{&r.ProductID}, textScan{&r.Key},
			textScan{&r.IP}, unixTime{&r.Time}, intScan[cryptolens.State]{&r.State},
			textScan{&r.MachineCode}, textScan{&r.FriendlyName}, unixTime{&r.FloatingExpires},
			intScan[int]{&r.DOIntValue}, intScan[int64]{&r.DOID}}
	},
}

var eventsTable = &table[cryptolens.Event]{
	log: Events, name: "events", timeCol: "time", fromValues: eventFromValues, columns: cryptolens.EventSchema.Columns(),
	id:   func(r *cryptolens.Event) int64 { return r.ID },
	time: func(r *cryptolens.Event) time.Time { return r.Time },
	values: func(r *cryptolens.Event, v []any) []any {
		return append(v, r.ID, r.ProductID, r.Key, r.MachineCode, r.FeatureName, r.EventName,
			r.Value, r.Currency, seconds(r.Time), r.Metadata)
	},
	scanInto: func(r *cryptolens.Event) []any {
		return []any{intScan[int64]{&r.ID}, intScan[int]{&r.ProductID}, textScan{&r.Key},
			textScan{&r.MachineCode}, textScan{&r.FeatureName}, textScan{&r.EventName},
			intScan[int64]{&r.Value}, textScan{&r.Currency}, unixTime{&r.Time},
			textScan{&r.Metadata}}
	},
}

var objectLogTable = &table[cryptolens.ObjectLogEntry]{
	log: ObjectLog, name: "objectlog", timeCol: "created", fromValues: objectLogFromValues, columns: cryptolens.ObjectLogSchema.Columns(),
	id:   func(r *cryptolens.ObjectLogEntry) int64 { return r.ID },
	time: func(r *cryptolens.ObjectLogEntry) time.Time { return r.Created },
	values: func(r *cryptolens.ObjectLogEntry, v []any) []any {
		return append(v, r.ID, seconds(r.Created), int(r.ResourceType), int(r.ResourceAction),
			r.AffectedObjectID, r.ObjectOwnerUserID, r.PerformedByUserID, r.Data)
	},
	scanInto: func(r *cryptolens.ObjectLogEntry) []any {
		return []any{intScan[int64]{&r.ID}, unixTime{&r.Created},
			intScan[cryptolens.ResourceType]{&r.ResourceType},
			intScan[cryptolens.ResourceAction]{&r.ResourceAction},
			intScan[int64]{&r.AffectedObjectID}, intScan[int64]{&r.ObjectOwnerUserID},
			textScan{&r.PerformedByUserID}, textScan{&r.Data}}
	},
}
