package cryptolens

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FieldKind is the kind of a log field's value, which says how every
// consumer of a [Schema] carries it.
type FieldKind uint8

// The field kinds. On the API's wire, in CSV, JSONL and the store, ints
// and times are integers (times in Unix seconds, 0 for the zero time) and
// text is a string; in a frame ints are Gota ints and times RFC 3339 UTC
// text; in Parquet an [IntField] is INT32, an [Int64Field] INT64, a
// [TimeField] TIMESTAMP(MILLIS, UTC) and a [TextField] STRING.
const (
	IntField   FieldKind = iota + 1 // a Go int, or a type based on one (State)
	Int64Field                      // a Go int64
	TextField                       // a Go string; null on the wire becomes ""
	TimeField                       // a time.Time in UTC
)

// Field is one field of a log's rows: its name in the API's JSON and how
// to read and set it in a record of type R. Exactly the accessors of its
// Kind are set: Int and SetInt for ints, Text and SetText for text, Time
// and SetTime for times.
type Field[R any] struct {
	// Name is the API's JSON name, such as "productId". It is also the
	// field's column name in CSV, JSONL, Parquet and frames.
	Name string
	Kind FieldKind
	// Optional marks a time whose zero value means that the row has none:
	// such a time is null in Parquet (every other consumer writes it as 0
	// or "" like any zero time).
	Optional bool

	Int     func(*R) int64
	SetInt  func(*R, int64)
	Text    func(*R) string
	SetText func(*R, string)
	Time    func(*R) time.Time
	SetTime func(*R, time.Time)
}

// Column returns the field's column name in the local store: Name in
// snake case, such as "product_id" for "productId".
func (f *Field[R]) Column() string {
	var b strings.Builder
	for _, c := range f.Name {
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Schema is the one list of a log's fields, in the API's order. Every part
// of lensbook that handles a log's rows reads it: the client's page decoder
// and the records' UnmarshalJSON (the scanner's rows through Schema.fill),
// the records' MarshalJSON and [Schema.AppendJSON] (which the emulator
// serves), the local store's table columns (pkg/store), the frames'
// columns (pkg/frames) and the exports' CSV, JSONL and Parquet columns
// (pkg/export).
//
// To add a field to a log: add it to the record type ([WebAPILog],
// [Event] or [ObjectLogEntry]) and one [Field] to the log's schema here,
// at the place the API lists it; then give it values in the emulator's
// generator (pkg/emulator generate_*.go). Nothing else lists fields by
// name or position, except the store's stored form: its table gains the
// column through a migration (pkg/store schema.go), and its row
// conversions (pkg/store tables.go, readfast.go) carry the value.
// TestSchemaConsumers in this package lists the fields once and checks
// every consumer against that list, so it names whatever was missed.
type Schema[R any] struct {
	// Log is the log's name, such as "Web API Log".
	Log string
	// Fields are the fields in the API's order.
	Fields []Field[R]

	names    []string
	columns  []string
	prefixes []string // `{"id":`, `,"productId":`, ...: AppendJSON's member openings
	row      rowSchema
}

// newSchema checks the fields and derives what the consumers need once.
// A malformed schema is a programming error and panics.
func newSchema[R any](log string, fields ...Field[R]) *Schema[R] {
	if len(fields) == 0 || len(fields) > maxFields {
		panic(fmt.Sprintf("cryptolens: the %s schema has %d fields: want 1 to %d", log, len(fields), maxFields))
	}
	s := &Schema[R]{Log: log, Fields: fields}
	for i := range fields {
		f := &fields[i]
		ok := false
		switch f.Kind {
		case IntField, Int64Field:
			ok = f.Int != nil && f.SetInt != nil
		case TextField:
			ok = f.Text != nil && f.SetText != nil
		case TimeField:
			ok = f.Time != nil && f.SetTime != nil
		}
		if !ok || f.Name == "" || (f.Optional && f.Kind != TimeField) {
			panic(fmt.Sprintf("cryptolens: the %s schema's field %d (%q) lacks the accessors of its kind", log, i, f.Name))
		}
		sep := ","
		if i == 0 {
			sep = "{"
		}
		s.names = append(s.names, f.Name)
		s.columns = append(s.columns, f.Column())
		s.prefixes = append(s.prefixes, sep+strconv.Quote(f.Name)+":")
		kind := intField
		if f.Kind == TextField {
			kind = stringField
		}
		s.row.kinds = append(s.row.kinds, kind)
	}
	s.row.names = s.names
	return s
}

// Names returns the API's field names in the API's order. The caller must
// not change the slice.
func (s *Schema[R]) Names() []string { return s.names }

// Columns returns the store's column names ([Field.Column]) in the API's
// order. The caller must not change the slice.
func (s *Schema[R]) Columns() []string { return s.columns }

// fill sets the fields of r from a row that the scanner decoded into ints
// and strs, indexed like the fields.
func (s *Schema[R]) fill(r *R, ints *[maxFields]int64, strs *[maxFields]string) {
	for i := range s.Fields {
		f := &s.Fields[i]
		switch f.Kind {
		case TextField:
			f.SetText(r, strs[i])
		case TimeField:
			f.SetTime(r, unixTime(ints[i]))
		default:
			f.SetInt(r, ints[i])
		}
	}
}

// AppendJSON appends the row as the API sends it: an object with the fields
// in order, ints as numbers, times in Unix seconds (0 for the zero time),
// text as encoding/json writes a string (HTML-safe, invalid UTF-8 replaced).
// The bytes are those of encoding/json, without its reflection.
func (s *Schema[R]) AppendJSON(b []byte, r *R) []byte {
	for i := range s.Fields {
		f := &s.Fields[i]
		b = append(b, s.prefixes[i]...)
		switch f.Kind {
		case TextField:
			b = appendJSONString(b, f.Text(r))
		case TimeField:
			b = strconv.AppendInt(b, unixSeconds(f.Time(r)), 10)
		default:
			b = strconv.AppendInt(b, f.Int(r), 10)
		}
	}
	return append(b, '}')
}

// WebAPILogSchema is the schema of the Web API Log ([WebAPILog]).
var WebAPILogSchema = newSchema("Web API Log",
	Field[WebAPILog]{Name: "id", Kind: Int64Field,
		Int:    func(r *WebAPILog) int64 { return r.ID },
		SetInt: func(r *WebAPILog, v int64) { r.ID = v }},
	Field[WebAPILog]{Name: "productId", Kind: IntField,
		Int:    func(r *WebAPILog) int64 { return int64(r.ProductID) },
		SetInt: func(r *WebAPILog, v int64) { r.ProductID = int(v) }},
	Field[WebAPILog]{Name: "key", Kind: TextField,
		Text:    func(r *WebAPILog) string { return r.Key },
		SetText: func(r *WebAPILog, v string) { r.Key = v }},
	Field[WebAPILog]{Name: "ip", Kind: TextField,
		Text:    func(r *WebAPILog) string { return r.IP },
		SetText: func(r *WebAPILog, v string) { r.IP = v }},
	Field[WebAPILog]{Name: "time", Kind: TimeField,
		Time:    func(r *WebAPILog) time.Time { return r.Time },
		SetTime: func(r *WebAPILog, v time.Time) { r.Time = v }},
	Field[WebAPILog]{Name: "state", Kind: IntField,
		Int:    func(r *WebAPILog) int64 { return int64(r.State) },
		SetInt: func(r *WebAPILog, v int64) { r.State = State(v) }},
	Field[WebAPILog]{Name: "machineCode", Kind: TextField,
		Text:    func(r *WebAPILog) string { return r.MachineCode },
		SetText: func(r *WebAPILog, v string) { r.MachineCode = v }},
	Field[WebAPILog]{Name: "friendlyName", Kind: TextField,
		Text:    func(r *WebAPILog) string { return r.FriendlyName },
		SetText: func(r *WebAPILog, v string) { r.FriendlyName = v }},
	Field[WebAPILog]{Name: "floatingExpires", Kind: TimeField, Optional: true,
		Time:    func(r *WebAPILog) time.Time { return r.FloatingExpires },
		SetTime: func(r *WebAPILog, v time.Time) { r.FloatingExpires = v }},
	Field[WebAPILog]{Name: "doIntValue", Kind: IntField,
		Int:    func(r *WebAPILog) int64 { return int64(r.DOIntValue) },
		SetInt: func(r *WebAPILog, v int64) { r.DOIntValue = int(v) }},
	Field[WebAPILog]{Name: "doId", Kind: Int64Field,
		Int:    func(r *WebAPILog) int64 { return r.DOID },
		SetInt: func(r *WebAPILog, v int64) { r.DOID = v }},
)

// EventSchema is the schema of the Events Log ([Event]).
var EventSchema = newSchema("Events Log",
	Field[Event]{Name: "id", Kind: Int64Field,
		Int:    func(r *Event) int64 { return r.ID },
		SetInt: func(r *Event, v int64) { r.ID = v }},
	Field[Event]{Name: "productId", Kind: IntField,
		Int:    func(r *Event) int64 { return int64(r.ProductID) },
		SetInt: func(r *Event, v int64) { r.ProductID = int(v) }},
	Field[Event]{Name: "key", Kind: TextField,
		Text:    func(r *Event) string { return r.Key },
		SetText: func(r *Event, v string) { r.Key = v }},
	Field[Event]{Name: "machineCode", Kind: TextField,
		Text:    func(r *Event) string { return r.MachineCode },
		SetText: func(r *Event, v string) { r.MachineCode = v }},
	Field[Event]{Name: "featureName", Kind: TextField,
		Text:    func(r *Event) string { return r.FeatureName },
		SetText: func(r *Event, v string) { r.FeatureName = v }},
	Field[Event]{Name: "eventName", Kind: TextField,
		Text:    func(r *Event) string { return r.EventName },
		SetText: func(r *Event, v string) { r.EventName = v }},
	Field[Event]{Name: "value", Kind: Int64Field,
		Int:    func(r *Event) int64 { return r.Value },
		SetInt: func(r *Event, v int64) { r.Value = v }},
	Field[Event]{Name: "currency", Kind: TextField,
		Text:    func(r *Event) string { return r.Currency },
		SetText: func(r *Event, v string) { r.Currency = v }},
	Field[Event]{Name: "time", Kind: TimeField,
		Time:    func(r *Event) time.Time { return r.Time },
		SetTime: func(r *Event, v time.Time) { r.Time = v }},
	Field[Event]{Name: "metadata", Kind: TextField,
		Text:    func(r *Event) string { return r.Metadata },
		SetText: func(r *Event, v string) { r.Metadata = v }},
)

// ObjectLogSchema is the schema of the Object Log ([ObjectLogEntry]).
var ObjectLogSchema = newSchema("Object Log",
	Field[ObjectLogEntry]{Name: "id", Kind: Int64Field,
		Int:    func(r *ObjectLogEntry) int64 { return r.ID },
		SetInt: func(r *ObjectLogEntry, v int64) { r.ID = v }},
	Field[ObjectLogEntry]{Name: "created", Kind: TimeField,
		Time:    func(r *ObjectLogEntry) time.Time { return r.Created },
		SetTime: func(r *ObjectLogEntry, v time.Time) { r.Created = v }},
	Field[ObjectLogEntry]{Name: "resourceType", Kind: IntField,
		Int:    func(r *ObjectLogEntry) int64 { return int64(r.ResourceType) },
		SetInt: func(r *ObjectLogEntry, v int64) { r.ResourceType = ResourceType(v) }},
	Field[ObjectLogEntry]{Name: "resourceAction", Kind: IntField,
		Int:    func(r *ObjectLogEntry) int64 { return int64(r.ResourceAction) },
		SetInt: func(r *ObjectLogEntry, v int64) { r.ResourceAction = ResourceAction(v) }},
	Field[ObjectLogEntry]{Name: "affectedObjectId", Kind: Int64Field,
		Int:    func(r *ObjectLogEntry) int64 { return r.AffectedObjectID },
		SetInt: func(r *ObjectLogEntry, v int64) { r.AffectedObjectID = v }},
	Field[ObjectLogEntry]{Name: "objectOwnerUserId", Kind: Int64Field,
		Int:    func(r *ObjectLogEntry) int64 { return r.ObjectOwnerUserID },
		SetInt: func(r *ObjectLogEntry, v int64) { r.ObjectOwnerUserID = v }},
	Field[ObjectLogEntry]{Name: "performedByUserId", Kind: TextField,
		Text:    func(r *ObjectLogEntry) string { return r.PerformedByUserID },
		SetText: func(r *ObjectLogEntry, v string) { r.PerformedByUserID = v }},
	Field[ObjectLogEntry]{Name: "data", Kind: TextField,
		Text:    func(r *ObjectLogEntry) string { return r.Data },
		SetText: func(r *ObjectLogEntry, v string) { r.Data = v }},
)

// SchemaOf returns the schema of the record type R: [WebAPILogSchema],
// [EventSchema] or [ObjectLogSchema]; nil for any other type.
func SchemaOf[R any]() *Schema[R] {
	var s any
	switch any(*new(R)).(type) {
	case WebAPILog:
		s = WebAPILogSchema
	case Event:
		s = EventSchema
	case ObjectLogEntry:
		s = ObjectLogSchema
	default:
		return nil
	}
	return s.(*Schema[R])
}

// appendJSONString appends v as encoding/json writes a string: plain
// printable ASCII as is, anything else through encoding/json (escapes,
// HTML-safe <>&, invalid UTF-8 replaced).
func appendJSONString(b []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(v) // a Go string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, v...)
	return append(b, '"')
}
