package store

import (
	"strconv"
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
	// bind binds the columns' values in order, id first, to the next
	// parameters of a multi-row INSERT.
	bind func(*R, *rowBinder)
	// fromColumns fills one record per row of the columns (readfast.go).
	fromColumns func([]R, *Columns)
}

// insertSizes are the row counts of the multi-row INSERTs a sync uses,
// largest first, ending with 1: a page of any size takes a few
// statements, not one per row beyond a multiple of the largest.
var insertSizes = []int{128, 32, 8, 2, 1}

// insertSQL is an INSERT OR IGNORE of n rows of the account: the account
// is written in the statement (a sync prepares its statements for one
// account), the columns are parameters, row after row.
func (t *table[R]) insertSQL(n int, account int64) string {
	row := "(" + strconv.FormatInt(account, 10) + strings.Repeat(", ?", len(t.columns)) + ")"
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
	bind: func(r *cryptolens.WebAPILog, b *rowBinder) {
		b.int64(r.ID)
		b.int64(int64(r.ProductID))
		b.text(r.Key)
		b.text(r.IP)
		b.int64(seconds(r.Time))
		b.int64(int64(r.State))
		b.text(r.MachineCode)
		b.text(r.FriendlyName)
		b.int64(seconds(r.FloatingExpires))
		b.int64(int64(r.DOIntValue))
		b.int64(r.DOID)
	},
}

var eventsTable = &table[cryptolens.Event]{
	log: Events, name: "events", timeCol: "time", fromColumns: eventsFromColumns, columns: cryptolens.EventSchema.Columns(),
	id:   func(r *cryptolens.Event) int64 { return r.ID },
	time: func(r *cryptolens.Event) time.Time { return r.Time },
	bind: func(r *cryptolens.Event, b *rowBinder) {
		b.int64(r.ID)
		b.int64(int64(r.ProductID))
		b.text(r.Key)
		b.text(r.MachineCode)
		b.text(r.FeatureName)
		b.text(r.EventName)
		b.int64(r.Value)
		b.text(r.Currency)
		b.int64(seconds(r.Time))
		b.text(r.Metadata)
	},
}

var objectLogTable = &table[cryptolens.ObjectLogEntry]{
	log: ObjectLog, name: "objectlog", timeCol: "created", fromColumns: objectLogFromColumns, columns: cryptolens.ObjectLogSchema.Columns(),
	id:   func(r *cryptolens.ObjectLogEntry) int64 { return r.ID },
	time: func(r *cryptolens.ObjectLogEntry) time.Time { return r.Created },
	bind: func(r *cryptolens.ObjectLogEntry, b *rowBinder) {
		b.int64(r.ID)
		b.int64(seconds(r.Created))
		b.int64(int64(r.ResourceType))
		b.int64(int64(r.ResourceAction))
		b.int64(r.AffectedObjectID)
		b.int64(r.ObjectOwnerUserID)
		b.text(r.PerformedByUserID)
		b.text(r.Data)
	},
}
