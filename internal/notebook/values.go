package notebook

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/timespec"
)

// ErrParam is wrapped by every error about a parameter value given from
// outside the notebook (lensbook render --param): an unknown name, a value
// that does not parse as the parameter's kind, or a value that gives an empty
// or inverted report window. These are the caller's mistakes: `lensbook
// render` exits with status 2 on them.
var ErrParam = errors.New("bad notebook parameter")

// ParamError is a parameter given from outside the notebook that cannot be
// set. Its message names the parameter and what is expected, or for an
// unknown name lists the parameters that can be set, with their types and
// defaults.
type ParamError struct {
	Name     string  // the parameter as given
	Value    string  // the value as given; "" for an unknown name
	Reason   string  // what is wrong and what is expected
	Declared []Param // for an unknown name: the parameters that can be set
}

func (e *ParamError) Error() string {
	if e.Declared != nil || e.Reason == "" {
		return fmt.Sprintf("unknown parameter %q: the parameters are %s", e.Name, DescribeParams(e.Declared))
	}
	if e.Value == "" && strings.HasPrefix(e.Reason, "the notebook") {
		return fmt.Sprintf("cannot set %s: %s", e.Name, e.Reason)
	}
	return fmt.Sprintf("parameter %s=%s: %s", e.Name, e.Value, e.Reason)
}

// Unwrap makes every ParamError match ErrParam.
func (e *ParamError) Unwrap() error { return ErrParam }

// Describe writes a parameter with its type and default, as error messages
// and `lensbook render -h` list them: `days (int, default 30)`.
func (p Param) Describe() string {
	def := p.Default
	if p.Kind == KindString {
		def = strconv.Quote(def)
	}
	return fmt.Sprintf("%s (%s, default %s)", p.Name, p.TypeName(), def)
}

// TypeName is the parameter's Go type: the declared one, or the one its
// default literal gives.
func (p Param) TypeName() string {
	if p.Type != "" {
		return p.Type
	}
	switch p.Kind {
	case KindInt:
		return "int"
	case KindFloat:
		return "float64"
	case KindDuration:
		return "time.Duration"
	case "":
		return "unknown"
	}
	return string(p.Kind)
}

// DescribeParams lists parameters with their types and defaults, or says
// there are none.
func DescribeParams(params []Param) string {
	if len(params) == 0 {
		return "none (the notebook has no parameters cell)"
	}
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p.Describe()
	}
	return strings.Join(parts, ", ")
}

// Value is a parameter set to a value that has been parsed and checked, once,
// against the parameter's declaration: InjectValues writes it into the
// notebook unchanged. Param.Value holds the value in its canonical
// command-line form ("36h0m0s", "2.0").
type Value struct {
	Param
	expr string // the Go expression InjectValues writes
}

// Bind parses the command-line values (strings unquoted, numbers,
// true/false, durations like "36h") of the declared parameters, in
// declaration order, and checks the values whose meaning lensbook's reports
// share (report.Params): asOf must be an RFC 3339 time, a date or a span,
// days (and any int parameter named like inactiveDays) must be a positive
// number of days whose window starts after 1970, and productID must not be
// negative. Every error is a *ParamError (wrapping ErrParam).
func Bind(declared []Param, values map[string]string) ([]Value, error) {
	byName := map[string]Param{}
	for _, p := range declared {
		byName[p.Name] = p
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if _, ok := byName[name]; !ok {
			return nil, &ParamError{Name: name, Declared: slices.Clip(declared)}
		}
	}
	var out []Value
	for _, p := range declared {
		v, ok := values[p.Name]
		if !ok {
			continue
		}
		bound, err := parseValue(p, v)
		if err != nil {
			return nil, err
		}
		out = append(out, bound)
	}
	if err := checkWindow(declared, out, time.Now().UTC()); err != nil {
		return nil, err
	}
	return out, nil
}

// WithValues returns the declared parameters with the values bound by
// Bind in place of their defaults: the parameters a notebook given those
// values with InjectValues runs with, without reading its cells again.
func WithValues(declared []Param, values []Value) []Param {
	out := slices.Clone(declared)
	for _, v := range values {
		for i := range out {
			if out[i].Name == v.Name {
				out[i].Value = v.Value
			}
		}
	}
	return out
}

// parseValue reads the command-line value v of parameter p.
func parseValue(p Param, v string) (Value, error) {
	bad := func(want string) error {
		return &ParamError{Name: p.Name, Value: v, Reason: fmt.Sprintf("%s is %s %s; want %s", p.Name, article(p.TypeName()), p.TypeName(), want)}
	}
	text := strings.TrimSpace(v)
	val := Value{Param: p}
	switch p.Kind {
	case KindString:
		val.expr, val.Value = strconv.Quote(v), v
	case KindInt:
		bits, unsigned := intBits(p.TypeName())
		var err error
		if unsigned {
			var n uint64
			n, err = strconv.ParseUint(text, 10, bits)
			val.expr = strconv.FormatUint(n, 10)
		} else {
			var n int64
			n, err = strconv.ParseInt(text, 10, bits)
			val.expr = strconv.FormatInt(n, 10)
		}
		if err != nil {
			if bits == 64 && !unsigned {
				return Value{}, bad(fmt.Sprintf("a whole number, such as %s", exampleOr(p.Default, "30")))
			}
			lo, hi := intRange(bits, unsigned)
			return Value{}, bad(fmt.Sprintf("a whole number from %s to %s, such as %s", lo, hi, exampleOr(p.Default, "30")))
		}
		val.Value = val.expr
	case KindFloat:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return Value{}, bad(fmt.Sprintf("a finite number, such as %s", exampleOr(p.Default, "0.5")))
		}
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		val.expr, val.Value = s, s
	case KindBool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return Value{}, bad("true or false")
		}
		val.expr, val.Value = strconv.FormatBool(b), strconv.FormatBool(b)
	case KindDuration:
		d, err := time.ParseDuration(text)
		if err != nil {
			return Value{}, bad("a duration such as 36h, 90m or 1h30m")
		}
		val.expr, val.Value = fmt.Sprintf("%d /* %s */", int64(d), d), d.String()
	default:
		return Value{}, &ParamError{Name: p.Name, Value: v, Reason: fmt.Sprintf("its default (%s) is not a literal, so it cannot be set from outside the notebook", p.Default)}
	}
	return val, nil
}

// maxDays bounds day counts before any date arithmetic: far beyond any log.
const maxDays = 100000

// logsBegin is the earliest instant a report window may start at: the logs
// hold Unix times, and nothing before.
var logsBegin = time.Unix(0, 0).UTC()

// checkWindow refuses values that give an empty or inverted window, or a
// product that cannot exist.
func checkWindow(declared []Param, values []Value, now time.Time) error {
	set := map[string]Value{}
	for _, v := range values {
		set[v.Name] = v
	}
	asOf := now
	if v, ok := set["asOf"]; ok && v.Kind == KindString && strings.TrimSpace(v.Value) != "" {
		t, err := timespec.Parse(v.Value, now)
		if err != nil {
			return &ParamError{Name: v.Name, Value: v.Value, Reason: `want an RFC 3339 time (2026-11-01T00:00:00Z), a date (2026-11-01), a span back from now (30d, 12h) or "" for now`}
		}
		if t.Before(logsBegin) {
			return &ParamError{Name: v.Name, Value: v.Value, Reason: "want a time after 1970-01-01: the logs hold nothing older"}
		}
		asOf = t
	}
	for _, v := range values {
		if v.Kind != KindInt {
			continue
		}
		n, _ := strconv.ParseInt(v.Value, 10, 64)
		switch {
		case v.Name == "productID":
			if n < 0 || strings.HasPrefix(v.Value, "-") {
				return &ParamError{Name: v.Name, Value: v.Value, Reason: "want a product id (a positive number), or 0 for every product"}
			}
		case v.Name == "days" || strings.HasSuffix(v.Name, "Days"):
			if n < 1 || strings.HasPrefix(v.Value, "-") {
				return &ParamError{Name: v.Name, Value: v.Value, Reason: "the window would be empty or inverted; want a positive number of days, such as 30"}
			}
			if n > maxDays || asOf.AddDate(0, 0, -int(n)).Before(logsBegin) {
				return &ParamError{Name: v.Name, Value: v.Value, Reason: fmt.Sprintf("a window of %s days ending %s would start before 1970; want at most %d days",
					v.Value, asOf.Format(time.DateOnly), int(asOf.Sub(logsBegin).Hours()/24))}
			}
		}
	}
	return nil
}

func intBits(typ string) (bits int, unsigned bool) {
	unsigned = strings.HasPrefix(typ, "uint")
	switch strings.TrimPrefix(strings.TrimPrefix(typ, "u"), "int") {
	case "8":
		return 8, unsigned
	case "16":
		return 16, unsigned
	case "32":
		return 32, unsigned
	}
	return 64, unsigned
}

func intRange(bits int, unsigned bool) (lo, hi string) {
	if unsigned {
		return "0", strconv.FormatUint(math.MaxUint64>>(64-bits), 10)
	}
	return strconv.FormatInt(-1<<(bits-1), 10), strconv.FormatInt(1<<(bits-1)-1, 10)
}

func exampleOr(def, fallback string) string {
	if def != "" {
		return def
	}
	return fallback
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
