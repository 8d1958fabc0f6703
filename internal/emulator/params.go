package emulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// errBadInput is any invalid parameter; the API answers it with
// msgBadInput whatever was wrong.
var errBadInput = errors.New("emulator: the input parameters were incorrect")

// params are a request's parameters, from the query string and a POST
// form, by lower-cased name. When a name appears more than once, under any
// case, the first value of the alphabetically first spelling wins.
type params map[string]string

func readParams(r *http.Request) (params, error) {
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(r.Form))
	for name := range r.Form {
		names = append(names, name)
	}
	slices.Sort(names)
	p := params{}
	for _, name := range names {
		lower := strings.ToLower(name)
		if _, seen := p[lower]; !seen && len(r.Form[name]) > 0 {
			p[lower] = r.Form[name][0]
		}
	}
	return p, nil
}

// text returns a parameter's value exactly as sent, "" when it is absent:
// texts such as machine codes are matched as they are.
func (p params) text(name string) string { return p[strings.ToLower(name)] }

// get returns the value of a parameter without surrounding white space, ""
// when it is absent: for numbers, JSON and keywords.
func (p params) get(name string) string { return strings.TrimSpace(p.text(name)) }

// int64Param parses an integer parameter; absent or empty gives 0.
func (p params) int64Param(name string) (int64, error) {
	v := p.get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errBadInput
	}
	return n, nil
}

// limit parses Limit: absent or <= 0 gives def, above most gives most.
func (p params) limit(def, most int) (int, error) {
	n, err := p.int64Param("Limit")
	switch {
	case err != nil:
		return 0, err
	case n <= 0:
		return def, nil
	case n > int64(most):
		return most, nil
	}
	return int(n), nil
}

// cursors parses StartingAfter and EndingBefore; values <= 0 are unset (0).
func (p params) cursors() (after, before int64, err error) {
	if after, err = p.int64Param("StartingAfter"); err != nil {
		return 0, 0, err
	}
	if before, err = p.int64Param("EndingBefore"); err != nil {
		return 0, 0, err
	}
	return max(after, 0), max(before, 0), nil
}

// productAndKey parses ProductId and Key; a Key without a ProductId is bad
// input.
func (p params) productAndKey() (int, string, error) {
	pid, err := p.int64Param("ProductId")
	if err != nil {
		return 0, "", err
	}
	key := p.text("Key")
	if key != "" && pid <= 0 {
		return 0, "", errBadInput
	}
	return int(max(pid, 0)), key, nil
}

// states parses States, a JSON array of state codes such as [2014,2015];
// "", "null" and "[]" mean no filter (nil).
func (p params) states() ([]cryptolens.State, error) {
	v := p.get("States")
	if v == "" || v == "null" {
		return nil, nil
	}
	var codes []int
	if err := json.Unmarshal([]byte(v), &codes); err != nil {
		return nil, errBadInput
	}
	if len(codes) == 0 {
		return nil, nil
	}
	out := make([]cryptolens.State, len(codes))
	for i, c := range codes {
		out[i] = cryptolens.State(c)
	}
	return out, nil
}

// timeRange is a Time filter: from <= t < to in Unix seconds, each bound
// only when its has flag is set.
type timeRange struct {
	hasFrom, hasTo bool
	from, to       int64
}

func (r timeRange) active() bool { return r.hasFrom || r.hasTo }

func (r timeRange) contains(t int64) bool {
	return (!r.hasFrom || t >= r.from) && (!r.hasTo || t < r.to)
}

// timeRange parses Time: a JSON object with any of "gt", "gte", "lt",
// "lte" (names matched without regard to case) or a plain Unix time, which
// matches exactly that second. "" and "null" mean no filter.
func (p params) timeRange() (timeRange, error) {
	v := p.get("Time")
	var r timeRange
	if v == "" || v == "null" {
		return r, nil
	}
	if !strings.HasPrefix(v, "{") {
		t, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return r, errBadInput
		}
		return timeRange{hasFrom: true, from: t, hasTo: true, to: t + 1}, nil
	}
	var bounds map[string]json.Number
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&bounds); err != nil || dec.More() {
		return r, errBadInput
	}
	for name, num := range bounds {
		t, err := strconv.ParseInt(num.String(), 10, 64)
		if err != nil {
			return r, errBadInput
		}
		switch strings.ToLower(name) {
		case "gt":
			r.raiseFrom(t + 1)
		case "gte":
			r.raiseFrom(t)
		case "lt":
			r.lowerTo(t)
		case "lte":
			r.lowerTo(t + 1)
		default:
			return r, errBadInput
		}
	}
	return r, nil
}

func (r *timeRange) raiseFrom(t int64) {
	if !r.hasFrom || t > r.from {
		r.hasFrom, r.from = true, t
	}
}

func (r *timeRange) lowerTo(t int64) {
	if !r.hasTo || t < r.to {
		r.hasTo, r.to = true, t
	}
}

// order is a GetWebAPILog OrderBy.
type order struct {
	byTime, descending bool
}

// orderBy parses OrderBy: "Id" or "Time", optionally followed by
// "ascending" or "descending", without regard to case. Absent, it is Id
// ascending, or Id descending when an EndingBefore cursor is set.
func (p params) orderBy(endingBefore int64) (order, error) {
	fields := strings.Fields(strings.ToLower(p.get("OrderBy")))
	o := order{descending: endingBefore > 0}
	if len(fields) == 0 {
		return o, nil
	}
	if len(fields) > 2 {
		return o, errBadInput
	}
	switch fields[0] {
	case "id":
	case "time":
		o.byTime = true
	default:
		return o, errBadInput
	}
	o.descending = false
	if len(fields) == 2 {
		switch fields[1] {
		case "ascending", "asc":
		case "descending", "desc":
			o.descending = true
		default:
			return o, errBadInput
		}
	}
	return o, nil
}
