package cryptolens

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// scanner reads the API's JSON without reflection: an envelope object whose
// list holds flat row objects. It accepts what encoding/json accepts for the
// record types' tolerant UnmarshalJSON (numbers given as strings, nulls,
// unknown fields of any shape, names matched without regard to case) and
// checks that every value it skips is well-formed.
type scanner struct {
	buf    []byte
	pos    int
	intern *interner // nil: no interning
	// arena, when set, is buf as one string: the plain strings of the rows
	// are slices of it (see [interner.arena]).
	arena string
}

// newScanner reads buf, keeping its strings as in says. With an arena
// interner buf must be the scanner's to keep: memory that nothing writes
// to again, which the strings of the rows then share (see
// [interner.arena]).
func newScanner(buf []byte, in *interner) scanner {
	s := scanner{buf: buf, intern: in}
	if in != nil && in.arena && len(buf) > 0 {
		s.arena = unsafe.String(&buf[0], len(buf))
	}
	return s
}

// text returns the string of buf[i:j], a slice of the arena or an
// interned copy.
func (s *scanner) text(i, j int) string {
	if s.arena != "" {
		return s.arena[i:j]
	}
	return s.intern.bytes(s.buf[i:j])
}

// maxDepth bounds the nesting of skipped values.
const maxDepth = 10000

var errUnexpectedEnd = errors.New("unexpected end of JSON input")

func (s *scanner) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", s.pos, fmt.Sprintf(format, args...))
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.buf) {
		switch s.buf[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end (a NUL byte, never
// valid outside a string, is an error wherever peek's callers see it).
func (s *scanner) peek() byte {
	s.skipSpace()
	if s.pos >= len(s.buf) {
		return 0
	}
	return s.buf[s.pos]
}

func (s *scanner) expect(c byte) error {
	got := s.peek()
	if got == 0 {
		return errUnexpectedEnd
	}
	if got != c {
		return s.errorf("found %q, want %q", got, c)
	}
	s.pos++
	return nil
}

// literal consumes the literal word (true, false, null) at the position.
func (s *scanner) literal(word string) error {
	if len(s.buf)-s.pos < len(word) {
		if string(s.buf[s.pos:]) == word[:len(s.buf)-s.pos] {
			return errUnexpectedEnd
		}
		return s.errorf("invalid literal")
	}
	if string(s.buf[s.pos:s.pos+len(word)]) != word {
		return s.errorf("invalid literal")
	}
	s.pos += len(word)
	return nil
}

// stringSpan consumes a JSON string and returns its contents without the
// quotes, and whether it is plain (no escapes, valid UTF-8), in which case
// the contents are the string's value.
func (s *scanner) stringSpan() (raw []byte, plain bool, err error) {
	if err := s.expect('"'); err != nil {
		return nil, false, err
	}
	start := s.pos
	plain = true
	ascii := true
	for i := s.pos; i < len(s.buf); i++ {
		i = plainRun(s.buf, i)
		if i >= len(s.buf) {
			break
		}
		c := s.buf[i]
		switch {
		case c == '"':
			s.pos = i + 1
			raw = s.buf[start:i]
			if !ascii && !utf8.Valid(raw) {
				plain = false
			}
			return raw, plain, nil
		case c == '\\':
			plain = false
			i++ // the escaped byte; \u digits are checked by the slow path
		case c < 0x20:
			s.pos = i
			return nil, false, s.errorf("control character in string")
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	s.pos = len(s.buf)
	return nil, false, errUnexpectedEnd
}

// plainRun returns the index of the first byte at or after i that a string
// scan must look at ('"', '\\', a control byte or a non-ASCII byte), or
// the index where fewer than eight bytes are left when none comes before
// it. It reads eight bytes
// at a time: a string of plain ASCII (keys, IPs, machine codes) is scanned
// in about a third of the time of a byte loop.
func plainRun(b []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		q := x ^ (ones * '"')
		e := x ^ (ones * '\\')
		// A high bit marks a zero byte of q or e, a byte below 0x20, or a
		// byte at or above 0x80; the lowest mark is exact (borrows only
		// spill into higher bytes).
		m := ((q - ones) &^ q) | ((e - ones) &^ e) | ((x - ones*0x20) &^ x) | x
		if m &= highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	return i
}

// stringValue consumes a JSON string and returns its value.
func (s *scanner) stringValue() (string, error) {
	start := s.pos
	raw, plain, err := s.stringSpan()
	if err != nil {
		return "", err
	}
	if plain {
		return s.text(s.pos-1-len(raw), s.pos-1), nil
	}
	var v string
	if err := json.Unmarshal(s.buf[start:s.pos], &v); err != nil {
		return "", fmt.Errorf("offset %d: %w", start, err)
	}
	return s.intern.str(v), nil
}

// numberSpan consumes a JSON number and returns its text.
func (s *scanner) numberSpan() ([]byte, error) {
	start := s.pos
	i := s.pos
	if i < len(s.buf) && s.buf[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s.buf) && s.buf[i] >= '0' && s.buf[i] <= '9' {
			i++
			n++
		}
		return n
	}
	intStart := i
	n := digits()
	if n == 0 || (n > 1 && s.buf[intStart] == '0') {
		return nil, s.numberError(i)
	}
	if i < len(s.buf) && s.buf[i] == '.' {
		i++
		if digits() == 0 {
			return nil, s.numberError(i)
		}
	}
	if i < len(s.buf) && (s.buf[i] == 'e' || s.buf[i] == 'E') {
		i++
		if i < len(s.buf) && (s.buf[i] == '+' || s.buf[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, s.numberError(i)
		}
	}
	s.pos = i
	return s.buf[start:i], nil
}

func (s *scanner) numberError(i int) error {
	if i >= len(s.buf) {
		s.pos = i
		return errUnexpectedEnd
	}
	s.pos = i
	return s.errorf("invalid number")
}

// skipValue consumes any JSON value, checking that it is well-formed. depth
// is the nesting level an object or array value would open (the top-level
// value is 1), limited to maxDepth as encoding/json limits it.
func (s *scanner) skipValue(depth int) error {
	switch c := s.peek(); {
	case c == 0:
		return errUnexpectedEnd
	case c == '"':
		start := s.pos
		_, plain, err := s.stringSpan()
		if err == nil && !plain && !json.Valid(s.buf[start:s.pos]) {
			return fmt.Errorf("offset %d: invalid string", start)
		}
		return err
	case (c == '{' || c == '[') && depth > maxDepth:
		return s.errorf("nested too deeply")
	case c == '{':
		s.pos++
		if s.peek() == '}' {
			s.pos++
			return nil
		}
		for {
			if _, _, err := s.stringSpan(); err != nil {
				return err
			}
			if err := s.expect(':'); err != nil {
				return err
			}
			if err := s.skipValue(depth + 1); err != nil {
				return err
			}
			if done, err := s.next('}'); done || err != nil {
				return err
			}
		}
	case c == '[':
		s.pos++
		if s.peek() == ']' {
			s.pos++
			return nil
		}
		for {
			if err := s.skipValue(depth + 1); err != nil {
				return err
			}
			if done, err := s.next(']'); done || err != nil {
				return err
			}
		}
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	default:
		_, err := s.numberSpan()
		return err
	}
}

// next consumes the ',' between members or elements, or the closing byte,
// reporting whether it was the closing byte.
func (s *scanner) next(closing byte) (bool, error) {
	switch c := s.peek(); c {
	case ',':
		s.pos++
		return false, nil
	case closing:
		s.pos++
		return true, nil
	case 0:
		return false, errUnexpectedEnd
	default:
		return false, s.errorf("found %q after a value", c)
	}
}

// flexIntValue consumes a value as the tolerant integer of the API's rows: a
// number (an integral float too), a numeric string, null or "" (both 0).
func (s *scanner) flexIntValue() (int64, bool, error) {
	switch c := s.peek(); {
	case c == 0:
		return 0, false, errUnexpectedEnd
	case c == 'n':
		return 0, false, s.literal("null")
	case c == '"':
		start := s.pos
		raw, plain, err := s.stringSpan()
		if err != nil {
			return 0, false, err
		}
		if !plain {
			var v string
			if err := json.Unmarshal(s.buf[start:s.pos], &v); err != nil {
				return 0, false, fmt.Errorf("offset %d: %w", start, err)
			}
			raw = []byte(v)
		}
		if len(raw) == 0 {
			return 0, true, nil
		}
		v, err := parseFlexInt(raw)
		if err != nil {
			return 0, false, fmt.Errorf("offset %d: %w", start, err)
		}
		return v, true, nil
	case c == '-' || (c >= '0' && c <= '9'):
		start := s.pos
		raw, err := s.numberSpan()
		if err != nil {
			return 0, false, err
		}
		v, err := parseFlexInt(raw)
		if err != nil {
			return 0, false, fmt.Errorf("offset %d: %w", start, err)
		}
		return v, true, nil
	default:
		return 0, false, s.errorf("found %q where an integer belongs", c)
	}
}

// parseFlexInt parses integer text, accepting an integral float up to 2^53.
func parseFlexInt(b []byte) (int64, error) {
	if v, ok := parseDecimal(b); ok {
		return v, nil
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		return v, nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return 0, fmt.Errorf("not an integer: %.40s", b)
	}
	return int64(v), nil
}

// parseDecimal is the fast path: an optional '-' and up to 18 digits.
func parseDecimal(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// flexStringValue consumes a value as the tolerant string of the API's rows:
// null becomes "", and any other non-string value becomes its JSON text.
func (s *scanner) flexStringValue(depth int) (string, error) {
	switch c := s.peek(); {
	case c == 0:
		return "", errUnexpectedEnd
	case c == '"':
		return s.stringValue()
	case c == 'n':
		return "", s.literal("null")
	default:
		start := s.pos
		if err := s.skipValue(depth); err != nil {
			return "", err
		}
		return s.text(start, s.pos), nil
	}
}

// fieldKind says how a row field decodes.
type fieldKind uint8

const (
	intField fieldKind = iota
	stringField
)

// rowSchema lists a row type's JSON names and kinds; a row decodes into
// parallel arrays of int and string values indexed like the names.
type rowSchema struct {
	names []string
	kinds []fieldKind
	// members are the names as the API writes them, quoted and with the
	// colon (`"productId":`): what the scanner looks for first.
	members []string
}

// field returns the index of the field named name (without regard to case),
// or -1. hint is tried first: rows usually list fields in schema order.
func (r *rowSchema) field(name []byte, hint int) int {
	if hint < len(r.names) && len(r.names[hint]) == len(name) && asciiEqualFold(name, r.names[hint]) {
		return hint
	}
	for i, n := range r.names {
		if len(n) == len(name) && asciiEqualFold(name, n) {
			return i
		}
	}
	// Unicode case folding ("K" matches the Kelvin sign) as encoding/json does.
	for i, n := range r.names {
		if bytes.EqualFold(name, []byte(n)) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(b []byte, s string) bool {
	for i := range len(b) {
		x, y := b[i], s[i]
		if x == y {
			continue
		}
		if x|0x20 != y|0x20 || x|0x20 < 'a' || x|0x20 > 'z' {
			return false
		}
	}
	return true
}

// memberName consumes an object member's name and its ':'.
func (s *scanner) memberName() ([]byte, error) {
	start := s.pos
	raw, plain, err := s.stringSpan()
	if err != nil {
		return nil, err
	}
	if !plain {
		var v string
		if err := json.Unmarshal(s.buf[start:s.pos], &v); err != nil {
			return nil, fmt.Errorf("offset %d: %w", start, err)
		}
		raw = []byte(v)
	}
	if err := s.expect(':'); err != nil {
		return nil, err
	}
	return raw, nil
}

// row consumes one row object, opened at nesting level depth, into ints and
// strs, which it zeroes first.
func (s *scanner) row(schema *rowSchema, depth int, ints []int64, strs []string) error {
	clear(ints)
	clear(strs)
	if s.peek() == 'n' {
		return s.errorf("row is null")
	}
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for hint := 0; ; hint++ {
		// The fast path reads what the API writes: the next field of the
		// schema by its exact name, an integer in plain decimal or a
		// string without escapes, and a comma or the closing brace right
		// after. Anything else takes the general path, from the same
		// position, with the same outcome.
		i := -1
		if hint < len(schema.members) {
			if m := schema.members[hint]; len(s.buf)-s.pos >= len(m) && string(s.buf[s.pos:s.pos+len(m)]) == m {
				s.pos += len(m)
				i = hint
			}
		}
		if i < 0 {
			name, err := s.memberName()
			if err != nil {
				return err
			}
			i = schema.field(name, hint)
		}
		var err error
		switch {
		case i < 0:
			err = s.skipValue(depth + 1)
		case schema.kinds[i] == intField:
			var ok bool
			if ints[i], ok = s.plainInt(); !ok {
				ints[i], _, err = s.flexIntValue()
			}
			if err != nil {
				err = fmt.Errorf("field %s: %w", schema.names[i], err)
			}
		default:
			if !s.plainString(&strs[i]) {
				strs[i], err = s.flexStringValue(depth + 1)
			}
		}
		if err != nil {
			return err
		}
		if i >= 0 {
			hint = i
		}
		if s.pos < len(s.buf) && s.buf[s.pos] == ',' {
			s.pos++
			continue
		}
		if done, err := s.next('}'); done || err != nil {
			return err
		}
	}
}

// plainInt consumes an integer written as the API writes its ids and
// times: an optional '-' and 1 to 18 decimal digits without a leading
// zero, followed by neither a fraction nor an exponent. ok is false, and
// nothing consumed, for anything else (which flexIntValue reads).
func (s *scanner) plainInt() (v int64, ok bool) {
	i := s.pos
	neg := i < len(s.buf) && s.buf[i] == '-'
	if neg {
		i++
	}
	start := i
	for i < len(s.buf) && s.buf[i]-'0' <= 9 {
		v = v*10 + int64(s.buf[i]-'0')
		i++
	}
	n := i - start
	if n == 0 || n > 18 || (n > 1 && s.buf[start] == '0') || i >= len(s.buf) {
		return 0, false
	}
	if c := s.buf[i]; c == '.' || c == 'e' || c == 'E' {
		return 0, false
	}
	s.pos = i
	if neg {
		v = -v
	}
	return v, true
}

// plainString consumes a string without escapes or control bytes, all
// ASCII or valid UTF-8, into *v; false, with nothing consumed, for any
// other value (which flexStringValue reads).
func (s *scanner) plainString(v *string) bool {
	if s.pos >= len(s.buf) || s.buf[s.pos] != '"' {
		return false
	}
	start := s.pos + 1
	ascii := true
	for i := start; ; i++ {
		if i = plainRun(s.buf, i); i >= len(s.buf) {
			return false
		}
		switch c := s.buf[i]; {
		case c == '"':
			if !ascii && !utf8.Valid(s.buf[start:i]) {
				return false
			}
			s.pos = i + 1
			*v = s.text(start, i)
			return true
		case c == '\\' || c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
}

// end checks that only white space is left.
func (s *scanner) end() error {
	if s.skipSpace(); s.pos < len(s.buf) {
		return s.errorf("data after the top-level value")
	}
	return nil
}

// interner shares the strings of repeated values (keys, IPs, machine codes)
// between rows, which saves most of a large crawl's string memory.
type interner struct {
	m map[string]string
	// arena: instead of interning, read each answer's body into memory of
	// its own (not a pooled buffer), which is never written again, and
	// make the rows' plain strings slices of it, without a copy. A page
	// then costs one allocation instead of one per string, and no table;
	// its rows keep the whole body alive, about 160 bytes a Web API Log
	// row, so it suits the walks that hand rows over and drop them (the
	// parallel walk: 0.7 s of CPU less on the 870,000-row month, and
	// no copy of its 240 MB of bodies into strings), not those that keep
	// a window.
	arena bool
}

// newArena returns an interner in arena mode.
func newArena() *interner { return &interner{arena: true} }

// maxInterned bounds an interner's table.
const maxInterned = 1 << 16

func newInterner() *interner { return &interner{m: make(map[string]string, 256)} }

func (in *interner) bytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if in == nil || in.arena || len(b) > 64 {
		return string(b)
	}
	if v, ok := in.m[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(in.m) < maxInterned {
		in.m[v] = v
	}
	return v
}

func (in *interner) str(v string) string {
	if in == nil || in.arena || v == "" || len(v) > 64 {
		return v
	}
	if w, ok := in.m[v]; ok {
		return w
	}
	if len(in.m) < maxInterned {
		in.m[v] = v
	}
	return v
}
