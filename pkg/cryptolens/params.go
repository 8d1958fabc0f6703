package cryptolens

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// params builds a method's form, leaving out zero values (the API reads an
// absent parameter as 0 or "": no filter, no cursor).
type params url.Values

func (p params) int(name string, v int64) {
	if v != 0 {
		p[name] = []string{strconv.FormatInt(v, 10)}
	}
}

func (p params) str(name, v string) {
	if v != "" {
		p[name] = []string{v}
	}
}

// states sends the codes as one JSON array string, such as "[2010,2024]".
func (p params) states(name string, states []State) {
	if len(states) == 0 {
		return
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range states {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(int(s)))
	}
	b.WriteByte(']')
	p[name] = []string{b.String()}
}

// TimeFilter bounds the Time of the rows a query returns. A zero field is
// unset. It is sent as a JSON object of Unix seconds, such as
// {"gte":1761955200,"lt":1762041600}, and left out when every field is zero.
type TimeFilter struct {
	GT, GTE, LT, LTE time.Time
}

// IsZero reports whether no bound is set.
func (f TimeFilter) IsZero() bool {
	return f.GT.IsZero() && f.GTE.IsZero() && f.LT.IsZero() && f.LTE.IsZero()
}

// MarshalJSON encodes the set bounds in the API's shape, in the order gt,
// gte, lt, lte.
func (f TimeFilter) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for _, bound := range []struct {
		name string
		t    time.Time
	}{{"gt", f.GT}, {"gte", f.GTE}, {"lt", f.LT}, {"lte", f.LTE}} {
		if bound.t.IsZero() {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + bound.name + `":`)
		b.WriteString(strconv.FormatInt(bound.t.Unix(), 10))
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func (p params) timeFilter(name string, f TimeFilter) {
	if f.IsZero() {
		return
	}
	b, _ := f.MarshalJSON()
	p[name] = []string{string(b)}
}

// marshalNoEscape encodes v as compact JSON without HTML escaping, so that
// text such as "<" reaches the server as written.
func marshalNoEscape(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
