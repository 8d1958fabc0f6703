package cryptolens

import "fmt"

// The scanner's view of the three schemas and the builders of their
// records: the page iterators (weblog.go, events.go, objectlog.go) and
// UnmarshalJSON pass them to [rowsDecoder] and [decodeOne]. The builders
// start as the schemas' own; the generated file schema_fill_gen.go
// replaces them with its faster ones at init.
var (
	webAPILogSchema = WebAPILogSchema.row
	eventSchema     = EventSchema.row
	objectLogSchema = ObjectLogSchema.row

	webAPILogFrom = WebAPILogSchema.build
	eventFrom     = EventSchema.build
	objectLogFrom = ObjectLogSchema.build
)

// maxFields is the most fields a schema may have: the size of the arrays
// that a row decodes into before its record is built.
const maxFields = 32

// decodeOne decodes a single row object (or null, which leaves *dst as is).
func decodeOne[T any](b []byte, schema *rowSchema, build func(*[maxFields]int64, *[maxFields]string) T, dst *T) error {
	s := scanner{buf: b}
	if s.peek() == 'n' {
		if err := s.literal("null"); err != nil {
			return err
		}
		return s.end()
	}
	var ints [maxFields]int64
	var strs [maxFields]string
	if err := s.row(schema, 1, ints[:len(schema.names)], strs[:len(schema.names)]); err != nil {
		return err
	}
	if err := s.end(); err != nil {
		return err
	}
	*dst = build(&ints, &strs)
	return nil
}

// envelope is the API's answer around the list: "result" and "message".
type envelope struct {
	result    int64
	hasResult bool // "result" was present and not null
	message   string
}

// ok reports whether the envelope says the call succeeded.
func (e envelope) ok() bool { return e.hasResult && e.result == 0 }

// decodeEnvelope decodes a whole body: an object with "result", "message"
// and, under listKey (without regard to case), an array of rows that
// onList consumes. Other members are checked and ignored.
func decodeEnvelope(body []byte, listKey string, onList func(*scanner) error, in *interner) (envelope, error) {
	var env envelope
	s := newScanner(body, in)
	if err := s.expect('{'); err != nil {
		return env, err
	}
	if s.peek() == '}' {
		s.pos++
		return env, s.end()
	}
	for {
		name, err := s.memberName()
		if err != nil {
			return env, err
		}
		switch {
		case len(name) == 6 && asciiEqualFold(name, "result"):
			env.result, env.hasResult, err = s.flexIntValue()
			if err != nil {
				err = fmt.Errorf("result: %w", err)
			}
		case len(name) == 7 && asciiEqualFold(name, "message"):
			env.message, err = s.flexStringValue(2)
		case listKey != "" && len(name) == len(listKey) && asciiEqualFold(name, listKey):
			err = onList(&s)
		default:
			err = s.skipValue(2)
		}
		if err != nil {
			return env, err
		}
		if done, err := s.next('}'); err != nil {
			return env, err
		} else if done {
			return env, s.end()
		}
	}
}

// rowsDecoder returns an onList function that decodes an array of rows (or
// null) into *dst, replacing what it held.
func rowsDecoder[T any](schema *rowSchema, build func(*[maxFields]int64, *[maxFields]string) T, dst *[]T) func(*scanner) error {
	return func(s *scanner) error {
		*dst = (*dst)[:0]
		switch c := s.peek(); c {
		case 'n':
			return s.literal("null")
		case '[':
			s.pos++
		case 0:
			return errUnexpectedEnd
		default:
			return s.errorf("list is %q, not an array", c)
		}
		if s.peek() == ']' {
			s.pos++
			return nil
		}
		n := len(schema.names)
		var ints [maxFields]int64
		var strs [maxFields]string
		for {
			if err := s.row(schema, 3, ints[:n], strs[:n]); err != nil {
				return fmt.Errorf("row %d: %w", len(*dst), err)
			}
			*dst = append(*dst, build(&ints, &strs))
			if done, err := s.next(']'); done || err != nil {
				return err
			}
		}
	}
}
