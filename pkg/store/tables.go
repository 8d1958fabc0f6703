package store

import (
	"strings"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// table describes how one log's records map to its SQL table.
type table[R any] struct {
	log     Log
	name    string
	timeCol string
	columns []string // every column after account: the log schema's Columns, id first
	id      func(*R) int64
	time    func(*R) time.Time
	// values appends the columns' values in order, id first, each as one of
	// the types database/sql passes to the driver unconverted (int64,
	// string): an int would go through reflection, once per value.
	values func(*R, []any) []any
	// fromColumns fills one record per row of the columns (readfast.go).
	fromColumns func([]R, *Columns)
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

// seconds converts a time to the stored unix seconds; the zero time is 0.
func seconds(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

var webLogTable = &table[cryptolens.WebAPILog]{
	log: WebAPILog, name: "weblog", timeCol: "time", fromColumns: webLogFromColumns, columns: cryptolens.WebAPILogSchema.Columns(),
	id:   func(r *cryptolens.WebAPILog) int64 { return r.ID },
	time: func(r *cryptolens.WebAPILog) time.Time { return r.Time },
	values: func(r *cryptolens.WebAPILog, v []any) []any {
		return append(v, r.ID, int64(r.ProductID), r.Key, r.IP, seconds(r.Time), int64(r.State),
			r.MachineCode, r.FriendlyName, seconds(r.FloatingExpires), int64(r.DOIntValue), r.DOID)
	},
}

var eventsTable = &table[cryptolens.Event]{
	log: Events, name: "events", timeCol: "time", fromColumns: eventsFromColumns, columns: cryptolens.EventSchema.Columns(),
	id:   func(r *cryptolens.Event) int64 { return r.ID },
	time: func(r *cryptolens.Event) time.Time { return r.Time },
	values: func(r *cryptolens.Event, v []any) []any {
		return append(v, r.ID, int64(r.ProductID), r.Key, r.MachineCode, r.FeatureName, r.EventName,
			r.Value, r.Currency, seconds(r.Time), r.Metadata)
	},
}

var objectLogTable = &table[cryptolens.ObjectLogEntry]{
	log: ObjectLog, name: "objectlog", timeCol: "created", fromColumns: objectLogFromColumns, columns: cryptolens.ObjectLogSchema.Columns(),
	id:   func(r *cryptolens.ObjectLogEntry) int64 { return r.ID },
	time: func(r *cryptolens.ObjectLogEntry) time.Time { return r.Created },
	values: func(r *cryptolens.ObjectLogEntry, v []any) []any {
		return append(v, r.ID, seconds(r.Created), int64(r.ResourceType), int64(r.ResourceAction),
			r.AffectedObjectID, r.ObjectOwnerUserID, r.PerformedByUserID, r.Data)
	},
}
