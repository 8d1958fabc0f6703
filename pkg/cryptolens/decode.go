package cryptolens

import "fmt"

// The schemas of the three row types: the API's names in the API's order.
var (
	webAPILogSchema = rowSchema{names: WebAPILogFields, kinds: []fieldKind{
		intField, intField, stringField, stringField, intField, intField,
		stringField, stringField, intField, intField, intField}}
	eventSchema = rowSchema{names: EventFields, kinds: []fieldKind{
		intField, intField, stringField, stringField, stringField,
		stringField, intField, stringField, intField, stringField}}
	objectLogSchema = rowSchema{names: ObjectLogFields, kinds: []fieldKind{
		intField, intField, intField, intField, intField, intField, stringField, stringField}}
)

// maxFields is at least the field count of every schema.
const maxFields = 12

func webAPILogFrom(v *[maxFields]int64, s *[maxFields]string) WebAPILog {
	return WebAPILog{
		ID: v[0], ProductID: int(v[1]), Key: s[2], IP: s[3], Time: unixTime(v[4]),
		State: State(v[5]), MachineCode: s[6], FriendlyName: s[7],
		FloatingExpires: unixTime(v[8]), DOIntValue: int(v[9]), DOID: v[10],
	}
}

func eventFrom(v *[maxFields]int64, s *[maxFields]string) Event {
	return Event{
		ID: v[0], ProductID: int(v[1]), Key: s[2], MachineCode: s[3], FeatureName: s[4],
		EventName: s[5], Value: v[6], Currency: s[7], Time: unixTime(v[8]), Metadata: s[9],
	}
}

func objectLogFrom(v *[maxFields]int64, s *[maxFields]string) ObjectLogEntry {
	return ObjectLogEntry{
		ID: v[0], Created: unixTime(v[1]), ResourceType: ResourceType(v[2]),
		ResourceAction: ResourceAction(v[3]), AffectedObjectID: v[4], ObjectOwnerUserID: v[5],
		PerformedByUserID: s[6], Data: s[7],
	}
}

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
