package frames

import (
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Column names shared by more than one log.
const (
	ColID          = "id"
	ColProductID   = "productId"
	ColKey         = "key"
	ColMachineCode = "machineCode"
	ColTime        = "time"
	// ColDay is the derived UTC calendar day of the row's time, YYYY-MM-DD.
	ColDay = "day"
)

// dayLayout is the layout of the derived day column.
const dayLayout = "2006-01-02"

// column describes one column of a frame of records of type R: its name and
// how to fill its values from the records, as text or as ints (out[i] from
// rows[i]).
type column[R any] struct {
	name  string
	texts func(rows []R, out []string) // for a string column
	nums  func(rows []R, out []int)    // for an int column
}

func textColumn[R any](name string, f func(*R) string) column[R] {
	return column[R]{name: name, texts: func(rows []R, out []string) {
		for i := range rows {
			out[i] = f(&rows[i])
		}
	}}
}

// names returns the column names in order.
func names[R any](cols []column[R]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// build makes a frame with the columns in order. It fills one column at a
// time into a reused buffer, since series.New copies the values: the memory
// beyond Gota's own is one column's worth. An empty rows slice gives an
// empty frame with the same column names and types.
func build[R any](rows []R, cols []column[R]) dataframe.DataFrame {
	var (
		texts []string
		nums  []int
		ss    = make([]series.Series, 0, len(cols))
	)
	for _, c := range cols {
		if c.texts != nil {
			if texts == nil {
				texts = make([]string, len(rows))
			}
			c.texts(rows, texts)
			ss = append(ss, series.New(texts, series.String, c.name))
			continue
		}
		if nums == nil {
			nums = make([]int, len(rows))
		}
		c.nums(rows, nums)
		ss = append(ss, series.New(nums, series.Int, c.name))
	}
	return dataframe.New(ss...)
}

// timeText formats a time as RFC 3339 in UTC; the zero time gives "".
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// dayCache formats UTC days, reusing the string of the previous row's day:
// logs arrive in time order, so most rows share their neighbour's day.
type dayCache struct {
	last     int64
	lastText string
	valid    bool
}

// day returns the YYYY-MM-DD UTC day of t, or "" for the zero time.
func (d *dayCache) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	u := t.UTC()
	n := u.Unix()
	if n < 0 {
		n -= 86399 // floor division for times before 1970
	}
	n /= 86400
	if d.valid && n == d.last {
		return d.lastText
	}
	d.last, d.lastText, d.valid = n, u.Format(dayLayout), true
	return d.lastText
}

// schemaColumns are the columns of a log's fields, one per field of its
// schema in order, named by the API's field name: ints ([cryptolens.IntField],
// [cryptolens.Int64Field]) are int columns, text is a string column, a time
// is RFC 3339 UTC text ("" for none).
func schemaColumns[R any](schema *cryptolens.Schema[R]) []column[R] {
	cols := make([]column[R], 0, len(schema.Fields)+3)
	for _, f := range schema.Fields {
		// One loop per kind, deliberately alike: each calls the field's
		// accessor once a cell, with no conversion closure between.
		c := column[R]{name: f.Name}
		switch p, q, t, tm := f.Int, f.Int64, f.Text, f.Time; f.Kind {
		case cryptolens.IntField:
			c.nums = func(rows []R, out []int) {
				for i := range rows {
					out[i] = *p(&rows[i])
				}
			}
		case cryptolens.Int64Field:
			c.nums = func(rows []R, out []int) {
				for i := range rows {
					out[i] = int(*q(&rows[i]))
				}
			}
		case cryptolens.TextField:
			c.texts = func(rows []R, out []string) {
				for i := range rows {
					out[i] = *t(&rows[i])
				}
			}
		case cryptolens.TimeField:
			c.texts = func(rows []R, out []string) {
				for i := range rows {
					out[i] = timeText(*tm(&rows[i]))
				}
			}
		}
		cols = append(cols, c)
	}
	return cols
}

// dayColumn is the derived day column of the time that at reads.
func dayColumn[R any](at func(*R) time.Time) column[R] {
	var days dayCache
	return textColumn(ColDay, func(r *R) string { return days.day(at(r)) })
}
