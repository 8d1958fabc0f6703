package cryptolens

// The reflective reference decoder that the scanner's fast decoding is
// compared with.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// flexInt decodes a JSON integer leniently: a number (integral float
// included), a numeric string, null or "" (both 0).
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*f = 0
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*f = 0
			return nil
		}
		b = []byte(s)
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		*f = flexInt(v)
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return fmt.Errorf("not an integer: %.40s", b)
	}
	*f = flexInt(v)
	return nil
}

// flexString decodes a JSON string leniently: null becomes "", and a number
// or boolean becomes its literal text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		*f = flexString(b)
	}
	return nil
}

// refDecoder is the schema-driven reference decoder of one log: encoding/json
// decodes a row into a struct built from the schema at run time (one
// flexInt or flexString per field, tagged with the field's name), so that
// it matches names, cases, duplicates and nesting exactly as encoding/json
// does; the schema's setters then fill the record. It lists no field.
type refDecoder[R any] struct {
	schema *Schema[R]
	wire   reflect.Type
}

func newRefDecoder[R any](schema *Schema[R]) *refDecoder[R] {
	fields := make([]reflect.StructField, len(schema.Fields))
	for i, f := range schema.Fields {
		t := reflect.TypeFor[flexInt]()
		if f.Kind == TextField {
			t = reflect.TypeFor[flexString]()
		}
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: t,
			Tag: reflect.StructTag(`json:"` + f.Name + `"`)}
	}
	return &refDecoder[R]{schema: schema, wire: reflect.StructOf(fields)}
}

// decode decodes a row as the API sends it (Unix seconds, lower camel
// case, names matched without regard to case, null strings as "", unknown
// fields ignored); null leaves *r as is.
func (d *refDecoder[R]) decode(b []byte, r *R) error {
	w := reflect.New(d.wire)
	if err := json.Unmarshal(b, w.Interface()); err != nil {
		return err
	}
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return nil
	}
	var rec R
	for i, f := range d.schema.Fields {
		v := w.Elem().Field(i)
		switch f.Kind {
		case TextField:
			*f.Text(&rec) = v.String()
		case TimeField:
			*f.Time(&rec) = unixTime(v.Int())
		default:
			f.SetIntValue(&rec, v.Int())
		}
	}
	*r = rec
	return nil
}

var (
	refWebAPILog = newRefDecoder(WebAPILogSchema)
	refEvent     = newRefDecoder(EventSchema)
	refObjectLog = newRefDecoder(ObjectLogSchema)
)
