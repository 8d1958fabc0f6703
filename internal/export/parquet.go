package export

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
)

// Parquet schemas. A log's Parquet schema is its [cryptolens.Schema]: one
// column per field, named by the API's field name, in the API's order; an
// [cryptolens.IntField] is INT32, an [cryptolens.Int64Field] INT64, a
// [cryptolens.TextField] STRING, a [cryptolens.TimeField]
// TIMESTAMP(MILLIS, UTC), null when the field is Optional and the row has
// none. Columns are required unless optional, and snappy-compressed:
//
//	Web API Log: id INT64, productId INT32, key STRING, ip STRING,
//	  time TIMESTAMP(MILLIS, UTC), state INT32, machineCode STRING,
//	  friendlyName STRING, floatingExpires optional TIMESTAMP(MILLIS, UTC)
//	  (null when the row has none), doIntValue INT32, doId INT64
//	Events Log: id INT64, productId INT32, key STRING, machineCode STRING,
//	  featureName STRING, eventName STRING, value INT64, currency STRING,
//	  time TIMESTAMP(MILLIS, UTC), metadata STRING (JSON text as sent)
//	Object Log: id INT64, created TIMESTAMP(MILLIS, UTC), resourceType INT32,
//	  resourceAction INT32, affectedObjectId INT64, objectOwnerUserId INT64,
//	  performedByUserId STRING, data STRING (JSON text as sent)
//
// STRING is BYTE_ARRAY with the STRING (UTF8) logical type; text is written
// byte for byte as stored.

// parquetRootNames are the names of the files' root schema elements, as
// files have always had them (the names of the Go types that first
// described them).
var parquetRootNames = map[string]string{
	cryptolens.WebAPILogSchema.Log: "webAPILogParquet",
	cryptolens.EventSchema.Log:     "eventParquet",
	cryptolens.ObjectLogSchema.Log: "objectLogParquet",
}

// parquetSchemaOf builds the Parquet schema of a log from its fields,
// through the struct type that parquet-go reads column types from, so that
// the schema is exactly what struct tags describe.
func parquetSchemaOf[R any](log *cryptolens.Schema[R]) *parquet.Schema {
	fields := make([]reflect.StructField, len(log.Fields))
	for i, f := range log.Fields {
		tag := f.Name
		var t reflect.Type
		switch f.Kind {
		case cryptolens.IntField:
			t = reflect.TypeFor[int32]()
		case cryptolens.Int64Field:
			t = reflect.TypeFor[int64]()
		case cryptolens.TextField:
			t = reflect.TypeFor[string]()
		case cryptolens.TimeField:
			t, tag = reflect.TypeFor[int64](), tag+",timestamp(millisecond:utc)"
			if f.Optional {
				t = reflect.TypeFor[*int64]()
			}
		}
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: t,
			Tag: reflect.StructTag(`parquet:"` + tag + `"`)}
	}
	row := reflect.New(reflect.StructOf(fields)).Elem().Interface()
	return parquet.NewSchema(parquetRootNames[log.Log], parquet.SchemaOf(row))
}

// parquetRowGroup is the most rows a row group holds, which bounds the
// writer's memory (a variable so that a test can make it small).
var parquetRowGroup int64 = 100_000

// parquetBatch is how many rows the writer hands to parquet-go at a time.
const parquetBatch = 1024

// NewParquetWriter returns a writer of the records to w as a Parquet file in
// the schema documented above. It streams: rows go out in row groups of at
// most 100,000, so memory stays bounded however many rows are written. Close
// writes the footer; it does not close w. The same rows give the same bytes.
func NewParquetWriter[R Record](w io.Writer) (Writer[R], error) {
	log := cryptolens.SchemaOf[R]()
	return &parquetWriter[R]{
		w: parquet.NewGenericWriter[any](w, parquetSchemaOf(log), parquet.Compression(&snappy.Codec{}),
			parquet.MaxRowsPerRowGroup(parquetRowGroup), parquet.CreatedBy("lensbook", "1", "")),
		log:   log,
		batch: make([]parquet.Row, 0, parquetBatch),
	}, nil
}

type parquetWriter[R Record] struct {
	w      *parquet.GenericWriter[any]
	log    *cryptolens.Schema[R]
	batch  []parquet.Row
	text   []byte // the batch's text values, which its rows point into
	closed bool
}

// Write adds one record.
func (p *parquetWriter[R]) Write(r R) error {
	if p.closed {
		return errors.New("export: parquet: write after close")
	}
	n := len(p.batch)
	p.batch = p.batch[:n+1]
	p.batch[n] = p.appendRow(p.batch[n][:0], &r)
	if len(p.batch) == cap(p.batch) {
		return p.flush()
	}
	return nil
}

// appendRow appends the record's values, one per column. Text is copied
// into p.text, which holds it until the batch is flushed.
func (p *parquetWriter[R]) appendRow(row parquet.Row, r *R) parquet.Row {
	for i := range p.log.Fields {
		f := &p.log.Fields[i]
		var v parquet.Value
		def := 0
		switch f.Kind {
		case cryptolens.IntField:
			v = parquet.Int32Value(int32(*f.Int(r)))
		case cryptolens.Int64Field:
			v = parquet.Int64Value(*f.Int64(r))
		case cryptolens.TextField:
			start := len(p.text)
			p.text = append(p.text, *f.Text(r)...)
			v = parquet.ByteArrayValue(p.text[start:len(p.text):len(p.text)])
		case cryptolens.TimeField:
			t := *f.Time(r)
			switch {
			case !f.Optional:
				v = parquet.Int64Value(millis(t))
			case t.IsZero():
				v = parquet.NullValue()
			default:
				v, def = parquet.Int64Value(t.UnixMilli()), 1
			}
		}
		row = append(row, v.Level(0, def, i))
	}
	return row
}

func (p *parquetWriter[R]) flush() error {
	if len(p.batch) == 0 {
		return nil
	}
	if _, err := p.w.WriteRows(p.batch); err != nil {
		return fmt.Errorf("export: parquet: write rows: %w", err)
	}
	p.batch = p.batch[:0]
	p.text = p.text[:0]
	return nil
}

// Close writes the buffered rows and the file footer.
func (p *parquetWriter[R]) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if err := p.flush(); err != nil {
		return err
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("export: parquet: close: %w", err)
	}
	return nil
}

// ReadParquet reads a whole Parquet file written by [NewParquetWriter] back
// into records; size is the file's length.
func ReadParquet[R Record](r io.ReaderAt, size int64) ([]R, error) {
	log := cryptolens.SchemaOf[R]()
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, fmt.Errorf("export: read parquet: %w", err)
	}
	if got, want := len(f.Schema().Fields()), len(log.Fields); got != want {
		return nil, fmt.Errorf("export: read parquet: %d columns, want the %d of the %s", got, want, log.Log)
	}
	reader := parquet.NewReader(f)
	defer reader.Close()
	out := make([]R, 0, f.NumRows())
	rows := make([]parquet.Row, 256)
	for {
		n, err := reader.ReadRows(rows)
		for _, row := range rows[:n] {
			var rec R
			for _, v := range row {
				setFromParquet(&log.Fields[v.Column()], &rec, v)
			}
			out = append(out, rec)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("export: read parquet: %w", err)
		}
	}
}

// setFromParquet sets a record's field from its Parquet value.
func setFromParquet[R any](f *cryptolens.Field[R], r *R, v parquet.Value) {
	switch f.Kind {
	case cryptolens.IntField:
		*f.Int(r) = int(v.Int32())
	case cryptolens.Int64Field:
		*f.Int64(r) = v.Int64()
	case cryptolens.TextField:
		*f.Text(r) = string(v.ByteArray())
	case cryptolens.TimeField:
		switch {
		case v.IsNull():
		case f.Optional:
			*f.Time(r) = time.UnixMilli(v.Int64()).UTC()
		default:
			*f.Time(r) = fromMillis(v.Int64())
		}
	}
}

// millis converts a time to Unix milliseconds; the zero time gives 0.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis converts Unix milliseconds to a UTC time; 0 gives the zero time.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
