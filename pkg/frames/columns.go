package frames

import (
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
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

// column is one typed column under construction: exactly one of ints and
// strings is used, chosen by kind.
type column struct {
	name    string
	kind    series.Type
	ints    []int
	strings []string
}

func intColumn(name string, n int) *column {
	return &column{name: name, kind: series.Int, ints: make([]int, 0, n)}
}

func stringColumn(name string, n int) *column {
	return &column{name: name, kind: series.String, strings: make([]string, 0, n)}
}

// series builds the Gota series. Gota's series.New handles empty slices, so an
// empty column keeps its name and type.
func (c *column) series() series.Series {
	if c.kind == series.Int {
		return series.New(c.ints, series.Int, c.name)
	}
	return series.New(c.strings, series.String, c.name)
}

// frame assembles the columns, in order, into a DataFrame.
func frame(cols []*column) dataframe.DataFrame {
	ss := make([]series.Series, len(cols))
	for i, c := range cols {
		ss[i] = c.series()
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
