package frames

import (
	"cmp"
	"fmt"
	"math"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Share adds the float column name holding each row's col divided by the
// sum of col over all rows (0 to 1; every row 0 when the sum is 0): a
// share of the rows shown, for a column that [CountBy] did not make.
func Share(df dataframe.DataFrame, col, name string) dataframe.DataFrame {
	if err := checkColumns("Share", df, col); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	if t := columnType(df, col); !isNumeric(t) {
		return failed("Share: column %q is %s, want int or float", col, t)
	}
	v := numbers(df.Col(col))
	total := 0.0
	for _, x := range v {
		if !math.IsNaN(x) {
			total += x
		}
	}
	out := make([]float64, len(v))
	for i, x := range v {
		if total != 0 {
			out[i] = x / total
		}
	}
	return df.Mutate(series.New(out, series.Float, name))
}

// SumOf returns the sum of the int or float column col over df's rows that
// match every one of conds: a single figure for a headline, such as
//
//	failed := frames.SumOf(outcomes, frames.ColShare, frames.Failed())
//
// It returns NaN when df carries an error, lacks col or a condition fails,
// so that a wrong name shows on the page instead of a plausible 0.
func SumOf(df dataframe.DataFrame, col string, conds ...Cond) float64 {
	df = Where(df, conds...)
	if err := checkColumns("SumOf", df, col); err != nil || !isNumeric(columnType(df, col)) {
		return math.NaN()
	}
	total := 0.0
	for _, x := range numbers(df.Col(col)) {
		if !math.IsNaN(x) {
			total += x
		}
	}
	return total
}

// Label adds the string column name holding, per row, format filled with
// the values of cols in order, as fmt.Sprintf fills it: ints for int
// columns, float64s, bools and strings for the others. It joins columns
// into one bar label:
//
//	frames.Label(changes, "change", "%s %s", "resourceTypeName", "resourceActionName")
func Label(df dataframe.DataFrame, name, format string, cols ...string) dataframe.DataFrame {
	if err := checkColumns("Label", df, cols...); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	src := make([]series.Series, len(cols))
	for j, c := range cols {
		src[j] = df.Col(c)
	}
	out := make([]string, df.Nrow())
	args := make([]any, len(cols))
	for i := range out {
		for j, s := range src {
			args[j] = goValue(s.Elem(i))
		}
		out[i] = fmt.Sprintf(format, args...)
	}
	return df.Mutate(series.New(out, series.String, name))
}

// goValue is an element as the Go value fmt should print.
func goValue(e series.Element) any {
	switch e.Type() {
	case series.Int:
		if v, err := e.Int(); err == nil {
			return v
		}
	case series.Float:
		return e.Float()
	case series.Bool:
		if v, err := e.Bool(); err == nil {
			return v
		}
	}
	return e.String()
}

// Rank puts the int column name first: 1, 2, 3... in df's order, for a
// ranked table. Rank after [Top] (its rest row is ranked last), and leave
// the rank out of a total row by naming it in [WithTotal]'s blank:
//
//	frames.WithTotal(frames.Rank(top, "rank"), "All requests with a key", "rank")
func Rank(df dataframe.DataFrame, name string) dataframe.DataFrame {
	if err := checkColumns("Rank", df); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	ranks := make([]int, df.Nrow())
	for i := range ranks {
		ranks[i] = i + 1
	}
	cols := []series.Series{series.New(ranks, series.Int, name)}
	for _, n := range df.Names() {
		cols = append(cols, df.Col(n))
	}
	return frameOf(cols)
}

// Lt matches the rows whose col is less than value: numbers for an int or
// float column; text for a string column, where a [time.Time] value
// compares as RFC 3339 UTC text, as times are stored.
func Lt(col string, value any) Cond {
	return compare(col, "<", value, func(c int) bool { return c < 0 })
}

// Le matches the rows whose col is at most value; see [Lt].
func Le(col string, value any) Cond {
	return compare(col, "<=", value, func(c int) bool { return c <= 0 })
}

// Gt matches the rows whose col is greater than value; see [Lt].
func Gt(col string, value any) Cond {
	return compare(col, ">", value, func(c int) bool { return c > 0 })
}

// Ge matches the rows whose col is at least value; see [Lt].
func Ge(col string, value any) Cond {
	return compare(col, ">=", value, func(c int) bool { return c >= 0 })
}

// compare matches the rows whose col compares to value as ok says; a
// missing value matches nothing.
func compare(col, op string, value any, ok func(int) bool) Cond {
	if t, isTime := value.(time.Time); isTime {
		value = t.UTC().Format(time.RFC3339)
	}
	return Cond{desc: fmt.Sprintf("%s %s %s", col, op, show(value)), match: func(df dataframe.DataFrame, mask []bool) error {
		if err := checkColumns("condition", df, col); err != nil {
			return err
		}
		s := df.Col(col)
		switch t := s.Type(); t {
		case series.String:
			want, isText := value.(string)
			if !isText {
				return fmt.Errorf("column %q holds text; the value %s is a %T", col, show(value), value)
			}
			for i, v := range s.Records() {
				mask[i] = !s.Elem(i).IsNA() && ok(cmp.Compare(v, want))
			}
		case series.Int, series.Float:
			want, isNumber := number(value)
			if !isNumber {
				return fmt.Errorf("column %q holds numbers (%s); the value %s is a %T", col, t, show(value), value)
			}
			for i, v := range s.Float() {
				mask[i] = !math.IsNaN(v) && ok(cmp.Compare(v, want))
			}
		default:
			return fmt.Errorf("column %q holds %s: compare it with Eq", col, t)
		}
		return nil
	}}
}
