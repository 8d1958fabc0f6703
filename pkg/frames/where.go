package frames

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// A Cond is a condition on a frame's rows, for [Where] and [CountWhere].
// Build one with [Eq], [Ne], [In], [Not], [Or], [During] or a shorthand
// such as [Failed] or [HasKey].
type Cond struct {
	desc string // for errors and String: `outcome = "Failure"`
	// match sets mask[i] to whether row i of df matches.
	match func(df dataframe.DataFrame, mask []bool) error
}

// String describes the condition, as in `outcome = "Failure"`.
func (c Cond) String() string { return c.desc }

// and clears the rows of mask that c does not match.
func (c Cond) and(df dataframe.DataFrame, mask []bool) error {
	if c.match == nil {
		return errors.New("the zero Cond: build one with Eq, In, ... ")
	}
	m := make([]bool, len(mask))
	if err := c.match(df, m); err != nil {
		return fmt.Errorf("%s: %w", c.desc, err)
	}
	for i := range mask {
		mask[i] = mask[i] && m[i]
	}
	return nil
}

// Where keeps df's rows that match every one of conds, in order. A
// condition on a column df lacks is an error in the result's Err that names
// the column and the columns df has. With no conds, df comes back as is.
//
//	frames.Where(web, frames.Failed(), frames.Method("activation"))
func Where(df dataframe.DataFrame, conds ...Cond) dataframe.DataFrame {
	if err := checkColumns("Where", df); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	if len(conds) == 0 {
		return df
	}
	mask := make([]bool, df.Nrow())
	for i := range mask {
		mask[i] = true
	}
	for _, c := range conds {
		if err := c.and(df, mask); err != nil {
			return failed("Where %w", err)
		}
	}
	keep := make([]int, 0, len(mask))
	for i, ok := range mask {
		if ok {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(mask) {
		return df
	}
	return df.Subset(keep)
}

// Eq matches the rows whose col equals value: a string for a string
// column, an int for an int column (any Go integer type, such as a
// [cryptolens.State]), a float or a bool.
func Eq(col string, value any) Cond {
	return Cond{desc: fmt.Sprintf("%s = %s", col, show(value)), match: func(df dataframe.DataFrame, mask []bool) error {
		return matchIn(df, col, []any{value}, mask)
	}}
}

// Ne matches the rows whose col does not equal value; see [Eq].
func Ne(col string, value any) Cond {
	c := Not(Eq(col, value))
	c.desc = fmt.Sprintf("%s != %s", col, show(value))
	return c
}

// In matches the rows whose col equals one of values; see [Eq]. With no
// values it matches no row.
func In(col string, values ...any) Cond {
	shown := make([]string, len(values))
	for i, v := range values {
		shown[i] = show(v)
	}
	return Cond{desc: fmt.Sprintf("%s in (%s)", col, strings.Join(shown, ", ")), match: func(df dataframe.DataFrame, mask []bool) error {
		return matchIn(df, col, values, mask)
	}}
}

// Not matches the rows that c does not match.
func Not(c Cond) Cond {
	return Cond{desc: "not (" + c.desc + ")", match: func(df dataframe.DataFrame, mask []bool) error {
		for i := range mask {
			mask[i] = true
		}
		if err := c.and(df, mask); err != nil {
			return err
		}
		for i := range mask {
			mask[i] = !mask[i]
		}
		return nil
	}}
}

// Or matches the rows that at least one of conds matches.
func Or(conds ...Cond) Cond {
	shown := make([]string, len(conds))
	for i, c := range conds {
		shown[i] = c.desc
	}
	return Cond{desc: strings.Join(shown, " or "), match: func(df dataframe.DataFrame, mask []bool) error {
		one := make([]bool, len(mask))
		for _, c := range conds {
			for i := range one {
				one[i] = true
			}
			if err := c.and(df, one); err != nil {
				return err
			}
			for i := range mask {
				mask[i] = mask[i] || one[i]
			}
		}
		return nil
	}}
}

// During matches the rows inside the window w: by their time column (time,
// or created for the Object Log) when df has one, else by their day (a day
// matches when it overlaps w) or week column, as [PerDay] and [PerWeek]
// make them.
func During(w cryptolens.Window) Cond {
	return Cond{desc: "during " + windowText(w), match: func(df dataframe.DataFrame, mask []bool) error {
		col, lo, hi := spanColumn(df, w)
		if col == "" {
			return fmt.Errorf("no time, created, day or week column (columns: %s)", strings.Join(df.Names(), ", "))
		}
		vals := df.Col(col).Records()
		for i, v := range vals {
			mask[i] = v != "" && (lo == "" || v >= lo) && (hi == "" || v < hi)
		}
		return nil
	}}
}

// spanColumn picks the column During reads and the text bounds [lo, hi)
// of w on it ("" for an open bound).
func spanColumn(df dataframe.DataFrame, w cryptolens.Window) (col, lo, hi string) {
	names := df.Names()
	has := func(c string) bool { return slices.Contains(names, c) }
	// Rows hold whole seconds: a row is at or after an instant when it is
	// at or after the instant rounded up to the second, and the same for
	// the end.
	ceil := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		if u := t.Truncate(time.Second); !u.Equal(t) {
			t = u.Add(time.Second)
		}
		return t.UTC().Format(time.RFC3339)
	}
	// A day or week overlaps w when it starts before w.Until and at or
	// after the start of w.Since's day or week.
	bounds := func(start func(time.Time) string) (string, string) {
		lo, hi := "", ""
		if !w.Since.IsZero() {
			lo = start(w.Since)
		}
		if !w.Until.IsZero() {
			hi = start(w.Until.Add(-time.Nanosecond)) + "~" // "~" sorts after any day's text
		}
		return lo, hi
	}
	switch {
	case has(ColTime):
		return ColTime, ceil(w.Since), ceil(w.Until)
	case has(ColCreated):
		return ColCreated, ceil(w.Since), ceil(w.Until)
	case has(ColDay):
		lo, hi := bounds(func(t time.Time) string { return t.UTC().Format(dayLayout) })
		return ColDay, lo, hi
	case has(ColWeek):
		lo, hi := bounds(WeekOf)
		return ColWeek, lo, hi
	}
	return "", "", ""
}

// windowText shows a window in a condition's description.
func windowText(w cryptolens.Window) string {
	f := func(t time.Time) string {
		if t.IsZero() {
			return "…"
		}
		return t.UTC().Format(time.RFC3339)
	}
	return "[" + f(w.Since) + ", " + f(w.Until) + ")"
}

// show writes a condition's value as Go would: strings quoted.
func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// matchIn sets mask[i] to whether col's value in row i is one of values.
func matchIn(df dataframe.DataFrame, col string, values []any, mask []bool) error {
	if err := checkColumns("condition", df, col); err != nil {
		return err
	}
	s := df.Col(col)
	switch t := s.Type(); t {
	case series.String:
		want := map[string]bool{}
		for _, v := range values {
			x, ok := v.(string)
			if !ok {
				return fmt.Errorf("column %q holds text; the value %s is a %T", col, show(v), v)
			}
			want[x] = true
		}
		for i, v := range s.Records() {
			mask[i] = want[v]
		}
	case series.Bool:
		want := map[bool]bool{}
		for _, v := range values {
			x, ok := v.(bool)
			if !ok {
				return fmt.Errorf("column %q holds bools; the value %s is a %T", col, show(v), v)
			}
			want[x] = true
		}
		vals, err := s.Bool()
		if err != nil {
			return fmt.Errorf("column %q: %w", col, err)
		}
		for i, v := range vals {
			mask[i] = want[v] && !s.Elem(i).IsNA()
		}
	default: // int or float
		want := map[float64]bool{}
		for _, v := range values {
			x, ok := number(v)
			if !ok {
				return fmt.Errorf("column %q holds numbers (%s); the value %s is a %T", col, t, show(v), v)
			}
			want[x] = true
		}
		for i, v := range s.Float() {
			mask[i] = want[v]
		}
	}
	return nil
}

// number converts a Go number of any kind to float64.
func number(v any) (float64, bool) {
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(r.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(r.Uint()), true
	case reflect.Float32, reflect.Float64:
		return r.Float(), true
	}
	return 0, false
}

// Succeeded matches the Web API Log rows whose outcome is
// [OutcomeSuccess].
func Succeeded() Cond { return Eq(ColOutcome, OutcomeSuccess) }

// Failed matches the Web API Log rows whose outcome is [OutcomeFailure].
func Failed() Cond { return Eq(ColOutcome, OutcomeFailure) }

// OutcomeIn matches the rows whose outcome is one of outcomes
// ([OutcomeSuccess], [OutcomeFailure], [OutcomeOther]).
func OutcomeIn(outcomes ...string) Cond { return In(ColOutcome, strings2any(outcomes)...) }

// Method matches the Web API Log rows of one of the method groups, named as
// the method column names them ("activation", "validation", "key creation",
// ...; see [cryptolens.StateGroup]).
func Method(methods ...string) Cond { return In(ColMethod, strings2any(methods)...) }

// State matches the Web API Log rows with one of the state codes.
func State(states ...cryptolens.State) Cond {
	vs := make([]any, len(states))
	for i, s := range states {
		vs[i] = int(s)
	}
	return In(ColState, vs...)
}

// Product matches the rows of product id; 0 matches every row, as a
// report's productId parameter means.
func Product(id int) Cond {
	if id == 0 {
		return Cond{desc: "every product", match: func(_ dataframe.DataFrame, mask []bool) error {
			for i := range mask {
				mask[i] = true
			}
			return nil
		}}
	}
	return Eq(ColProductID, id)
}

// Key matches the rows of one of the license keys.
func Key(keys ...string) Cond { return In(ColKey, strings2any(keys)...) }

// HasKey matches the rows that carry a license key (key is not empty):
// the Web API Log's key creations and data-object rows may have none.
func HasKey() Cond { return Ne(ColKey, "") }

// HasMachine matches the rows that carry a machine code (machineCode is
// not empty).
func HasMachine() Cond { return Ne(ColMachineCode, "") }

// Licensing matches the Web API Log rows that are licensing requests: the
// licensing column is true (see [ColLicensing]).
func Licensing() Cond { return Eq(ColLicensing, true) }

// Purchases matches the purchase events: the purchase column is true (see
// [ColPurchase]).
func Purchases() Cond { return Eq(ColPurchase, true) }

func strings2any(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
