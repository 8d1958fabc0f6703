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

// Field is one field of a log's rows: its name in the API's JSON and where
// it lives in a record of type R. Exactly the accessor of its Kind is set;
// it returns a pointer to the field, through which consumers read and set
// it.
type Field[R any] struct {
	// Name is the API's JSON name, such as "productId". It is also the
	// field's column name in CSV, JSONL, Parquet and frames.
	Name string
	Kind FieldKind
	// Optional marks a time whose zero value means that the row has none:
	// such a time is null in Parquet (every other consumer writes it as 0
	// or "" like any zero time).
	Optional bool

	Int   func(*R) *int       // an IntField (a type based on int converts: (*int)(&r.State))
	Int64 func(*R) *int64     // an Int64Field
	Text  func(*R) *string    // a TextField
	Time  func(*R) *time.Time // a TimeField
}

// IntValue returns an IntField's or Int64Field's value in r.
func (f *Field[R]) IntValue(r *R) int64 {
	if f.Kind == IntField {
		return int64(*f.Int(r))
	}
	return *f.Int64(r)
}

// SetIntValue sets an IntField's or Int64Field's value in r.
func (f *Field[R]) SetIntValue(r *R, v int64) {
	if f.Kind == IntField {
		*f.Int(r) = int(v)
		return
	}
	*f.Int64(r) = v
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

//go:generate go test . -run ^TestFastFillIsCurrent$ -update

// Schema is the one list of a log's fields, in the API's order. Every part
// of lensbook that handles a log's rows reads it: the client's page decoder
// and the records' UnmarshalJSON (the scanner's rows through Schema.fill),
// the records' MarshalJSON and [Schema.AppendJSON] (which the emulator
// serves), the local store's table columns (pkg/store), the frames'
// columns (pkg/frames) and the exports' CSV, JSONL and Parquet columns
// (internal/export).
//
// To add a field to a log: add it to the record type ([WebAPILog],
// [Event] or [ObjectLogEntry]) and one [Field] to the log's schema below,
// at the place the API lists it; run go generate ./pkg/cryptolens, which
// rewrites the decoder's fast fill from the schemas (schema_fill_gen.go;
// delete that file first when a field was renamed or removed); then give
// the field values in the emulator's generator (internal/emulator
// generate_*.go). Nothing else lists fields by name or position, except the
// store's stored form: its table gains the column through a migration
// (pkg/store schema.go), and its row conversions (pkg/store tables.go,
// readfast.go) carry the value. TestSchemaConsumers lists the fields once
// and checks every consumer against that list, so it names whatever was
// missed.
type Schema[R any] struct {
	// Log is the log's name, such as "Web API Log".
	Log string
	// Fields are the fields in the API's order; they must not be changed.
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
		case IntField:
			ok = f.Int != nil
		case Int64Field:
			ok = f.Int64 != nil
		case TextField:
			ok = f.Text != nil
		case TimeField:
			ok = f.Time != nil
		}
		if !ok || f.Name == "" || (f.Optional && f.Kind != TimeField) {
			panic(fmt.Sprintf("cryptolens: the %s schema's field %d (%q) lacks the accessor of its kind", log, i, f.Name))
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
		s.row.members = append(s.row.members, strconv.Quote(f.Name)+":")
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
// and strs, indexed like the fields, through the fields' accessors. The
// decoder's hot path runs the same rules written out as one struct literal
// per log (schema_fill_gen.go, generated from the schemas by
// TestFastFillIsCurrent); build serves while that file is absent. Measured
// with BenchmarkDecodeWebAPILogPage (a 1000-row Web API Log page) under
// valgrind's instruction count, which a loaded machine does not blur: the
// generated builder decodes a page in 10.58M instructions, build through
// the accessors in 11.87M (+12%, and indirect calls besides), the
// hand-written builder it replaced in 10.57M; on 2 shared cores a page
// takes about 0.7 ms (1.4M rows/s). The differential tests
// (TestDecodeAgreesWithReferenceOnEmulatorPages,
// FuzzUnmarshalMatchesReference) hold the generated builders to the
// schema-driven reference decoder.
func (s *Schema[R]) fill(r *R, ints *[maxFields]int64, strs *[maxFields]string) {
	for i := range s.Fields {
		switch f := &s.Fields[i]; f.Kind {
		case IntField:
			*f.Int(r) = int(ints[i])
		case Int64Field:
			*f.Int64(r) = ints[i]
		case TextField:
			*f.Text(r) = strs[i]
		case TimeField:
			*f.Time(r) = unixTime(ints[i])
		}
	}
}

// build is fill into a new record (which escapes to the heap: the
// generated builders return theirs by value without).
func (s *Schema[R]) build(ints *[maxFields]int64, strs *[maxFields]string) R {
	var r R
	s.fill(&r, ints, strs)
	return r
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
		case IntField:
			b = strconv.AppendInt(b, int64(*f.Int(r)), 10)
		case Int64Field:
			b = strconv.AppendInt(b, *f.Int64(r), 10)
		case TextField:
			b = appendJSONString(b, *f.Text(r))
		case TimeField:
			b = strconv.AppendInt(b, unixSeconds(*f.Time(r)), 10)
		}
	}
	return append(b, '}')
}

// The three logs' schemas. Each line is a field: its API name and a pointer
// to it in the record; the kind follows from the pointer's type.

// WebAPILogSchema is the schema of the Web API Log ([WebAPILog]).
var WebAPILogSchema = newSchema("Web API Log",
	int64Of("id", func(r *WebAPILog) *int64 { return &r.ID }),
	intOf("productId", func(r *WebAPILog) *int { return &r.ProductID }),
	textOf("key", func(r *WebAPILog) *string { return &r.Key }),
	textOf("ip", func(r *WebAPILog) *string { return &r.IP }),
	timeOf("time", func(r *WebAPILog) *time.Time { return &r.Time }),
	intOf("state", func(r *WebAPILog) *int { return (*int)(&r.State) }),
	textOf("machineCode", func(r *WebAPILog) *string { return &r.MachineCode }),
	textOf("friendlyName", func(r *WebAPILog) *string { return &r.FriendlyName }),
	optional(timeOf("floatingExpires", func(r *WebAPILog) *time.Time { return &r.FloatingExpires })),
	intOf("doIntValue", func(r *WebAPILog) *int { return &r.DOIntValue }),
	int64Of("doId", func(r *WebAPILog) *int64 { return &r.DOID }),
)

// EventSchema is the schema of the Events Log ([Event]).
var EventSchema = newSchema("Events Log",
	int64Of("id", func(r *Event) *int64 { return &r.ID }),
	intOf("productId", func(r *Event) *int { return &r.ProductID }),
	textOf("key", func(r *Event) *string { return &r.Key }),
	textOf("machineCode", func(r *Event) *string { return &r.MachineCode }),
	textOf("featureName", func(r *Event) *string { return &r.FeatureName }),
	textOf("eventName", func(r *Event) *string { return &r.EventName }),
	int64Of("value", func(r *Event) *int64 { return &r.Value }),
	textOf("currency", func(r *Event) *string { return &r.Currency }),
	timeOf("time", func(r *Event) *time.Time { return &r.Time }),
	textOf("metadata", func(r *Event) *string { return &r.Metadata }),
)

// ObjectLogSchema is the schema of the Object Log ([ObjectLogEntry]).
var ObjectLogSchema = newSchema("Object Log",
	int64Of("id", func(r *ObjectLogEntry) *int64 { return &r.ID }),
	timeOf("created", func(r *ObjectLogEntry) *time.Time { return &r.Created }),
	intOf("resourceType", func(r *ObjectLogEntry) *int { return (*int)(&r.ResourceType) }),
	intOf("resourceAction", func(r *ObjectLogEntry) *int { return (*int)(&r.ResourceAction) }),
	int64Of("affectedObjectId", func(r *ObjectLogEntry) *int64 { return &r.AffectedObjectID }),
	int64Of("objectOwnerUserId", func(r *ObjectLogEntry) *int64 { return &r.ObjectOwnerUserID }),
	textOf("performedByUserId", func(r *ObjectLogEntry) *string { return &r.PerformedByUserID }),
	textOf("data", func(r *ObjectLogEntry) *string { return &r.Data }),
)

func intOf[R any](name string, p func(*R) *int) Field[R] {
	return Field[R]{Name: name, Kind: IntField, Int: p}
}

func int64Of[R any](name string, p func(*R) *int64) Field[R] {
	return Field[R]{Name: name, Kind: Int64Field, Int64: p}
}

func textOf[R any](name string, p func(*R) *string) Field[R] {
	return Field[R]{Name: name, Kind: TextField, Text: p}
}

func timeOf[R any](name string, p func(*R) *time.Time) Field[R] {
	return Field[R]{Name: name, Kind: TimeField, Time: p}
}

// optional marks a time field as [Field.Optional].
func optional[R any](f Field[R]) Field[R] {
	f.Optional = true
	return f
}

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
