package frames

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// PerDay counts df's rows per UTC day of the window w, every day of w
// present (a day without rows counts 0): the days from the one holding
// w.Since to the one holding the last instant before w.Until. A row counts
// when its time lies in w (the time column, or created for the Object Log;
// RFC 3339 text as this package makes it), so a frame read with a look-back
// gives the window's counts alone.
//
// Without by the result has the columns [ColDay] (string, YYYY-MM-DD) and
// [ColCount] (int). With one or more by columns the counts are split by
// their values, one int column per distinct value (several by columns: the
// values joined with " / "), named by the value, then [ColTotal] (int). The
// value columns come in the order Success, Failure, Other for the outcome
// column, else by their total, most first, then by name. A value seen in
// no row of w has no column, except Success and Failure when the split is
// by outcome alone: those are always there. An empty value is named
// "(none)" ([NoneLabel]).
//
// For a trailing average, count the look-back too and drop it after:
//
//	daily := frames.Trailing(frames.PerDay(web, frames.LookBack(s.Window, 6), "outcome"), "total", 7)
//	daily = frames.Where(daily, frames.During(s.Window))
func PerDay(df dataframe.DataFrame, w cryptolens.Window, by ...string) dataframe.DataFrame {
	return perPeriod("PerDay", dayPeriod, df, w, measure{}, by)
}

// PerWeek is [PerDay] per ISO week (Monday to Sunday, UTC): its first
// column is [ColWeek], the date of each week's Monday, for every week that
// overlaps w. The first and last weeks count only the rows inside w.
func PerWeek(df dataframe.DataFrame, w cryptolens.Window, by ...string) dataframe.DataFrame {
	return perPeriod("PerWeek", weekPeriod(), df, w, measure{}, by)
}

// SumPerDay is [PerDay] with the sum of the int or float column col in
// place of the row count: the value column is named col (not count), and
// with by columns the total is the day's sum. Sum money per currency (split
// by currency, or filter one) and never across currencies.
//
//	frames.SumPerDay(frames.Where(events, frames.Purchases()), s.Window, "value", "currency")
func SumPerDay(df dataframe.DataFrame, w cryptolens.Window, col string, by ...string) dataframe.DataFrame {
	return perPeriod("SumPerDay", dayPeriod, df, w, measure{kind: measureSum, col: col}, by)
}

// DistinctPerDay is [PerDay] with the number of distinct non-empty values
// of col in place of the row count, such as the license keys active each
// day: the value column is named col, and with by columns the total is the
// day's distinct values over all of them (a key seen in two columns counts
// once).
func DistinctPerDay(df dataframe.DataFrame, w cryptolens.Window, col string, by ...string) dataframe.DataFrame {
	return perPeriod("DistinctPerDay", dayPeriod, df, w, measure{kind: measureDistinct, col: col}, by)
}

// SumPerWeek is [SumPerDay] per ISO week; see [PerWeek].
func SumPerWeek(df dataframe.DataFrame, w cryptolens.Window, col string, by ...string) dataframe.DataFrame {
	return perPeriod("SumPerWeek", weekPeriod(), df, w, measure{kind: measureSum, col: col}, by)
}

// DistinctPerWeek is [DistinctPerDay] per ISO week; see [PerWeek].
func DistinctPerWeek(df dataframe.DataFrame, w cryptolens.Window, col string, by ...string) dataframe.DataFrame {
	return perPeriod("DistinctPerWeek", weekPeriod(), df, w, measure{kind: measureDistinct, col: col}, by)
}

// LookBack returns w with its start moved days days earlier: the span that
// [PerDay] must count for a trailing average of days+1 days to be whole on
// the window's first day.
func LookBack(w cryptolens.Window, days int) cryptolens.Window {
	if w.Since.IsZero() {
		return w // open: nothing before it
	}
	return cryptolens.Window{Since: w.Since.AddDate(0, 0, -days), Until: w.Until}
}

// TrailingColumn is the name of the column that [Trailing] adds: "total,
// 7-day average" for col "total" and 7 days.
func TrailingColumn(col string, days int) string {
	return fmt.Sprintf("%s, %d-day average", col, days)
}

// Trailing adds the float column [TrailingColumn](col, days): per row, the
// mean of col over that row and the days-1 rows before it, in df's order
// (one row per day, as [PerDay] makes them). The first days-1 rows average
// the rows there are; count a look-back (see [PerDay]) so that the rows
// you keep have whole averages.
func Trailing(df dataframe.DataFrame, col string, days int) dataframe.DataFrame {
	if err := checkColumns("Trailing", df, col); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	if days < 1 {
		return failed("Trailing: %d days: want 1 or more", days)
	}
	if t := columnType(df, col); !isNumeric(t) {
		return failed("Trailing: column %q is %s, want int or float", col, t)
	}
	v := numbers(df.Col(col))
	out := make([]float64, len(v))
	for i := range v {
		sum, n := 0.0, 0
		for _, x := range v[max(0, i-days+1) : i+1] {
			if !math.IsNaN(x) {
				sum, n = sum+x, n+1
			}
		}
		out[i] = math.NaN()
		if n > 0 {
			out[i] = sum / float64(n)
		}
	}
	return df.Mutate(series.New(out, series.Float, TrailingColumn(col, days)))
}

// WeekOf returns the ISO week of t as [ColWeek] writes it: the date
// (YYYY-MM-DD) of the Monday, UTC, that starts t's week.
func WeekOf(t time.Time) string {
	d := t.UTC()
	back := (int(d.Weekday()) + 6) % 7 // Monday 0 ... Sunday 6
	return time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, time.UTC).Format(dayLayout)
}

// NoneLabel names an empty value where a value becomes a column's name.
const NoneLabel = "(none)"

// period is a calendar unit of the series: days or ISO weeks.
type period struct {
	column string                  // the first column of the result
	bucket func(day string) string // a row's day (YYYY-MM-DD) to its period
	next   func(time.Time) time.Time
	label  func(time.Time) string // a period's start, written
}

var dayPeriod = period{ColDay, func(day string) string { return day },
	func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, func(t time.Time) string { return t.Format(dayLayout) }}

// weekPeriod is the ISO week period, with a cache of the days' weeks.
func weekPeriod() period {
	cache := map[string]string{}
	week := func(day string) string {
		if wk, ok := cache[day]; ok {
			return wk
		}
		t, err := time.Parse(dayLayout, day)
		if err != nil {
			return ""
		}
		cache[day] = WeekOf(t)
		return cache[day]
	}
	return period{ColWeek, week, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }, WeekOf}
}

type measureKind int

const (
	measureCount measureKind = iota
	measureSum
	measureDistinct
)

// measure is what a series holds per period: row counts, the sum of a
// column or its distinct values.
type measure struct {
	kind measureKind
	col  string
}

// name is the value column's name when the series is not split.
func (m measure) name() string {
	if m.kind == measureCount {
		return ColCount
	}
	return m.col
}

// cells accumulates one series of a measure over the periods.
type cells struct {
	sum  []float64
	seen map[[2]string]bool // distinct: {period, value}
}

func newCells(n int) *cells { return &cells{sum: make([]float64, n), seen: map[[2]string]bool{}} }

// add counts row value v (its number x for a sum) in period p.
func (c *cells) add(m measure, p int, v string, x float64) {
	switch m.kind {
	case measureCount:
		c.sum[p]++
	case measureSum:
		if !math.IsNaN(x) {
			c.sum[p] += x
		}
	case measureDistinct:
		k := [2]string{strconv.Itoa(p), v}
		if v != "" && !c.seen[k] {
			c.seen[k] = true
			c.sum[p]++
		}
	}
}

// series makes the cells' column.
func (c *cells) series(name string, float bool) series.Series {
	if float {
		return series.New(c.sum, series.Float, name)
	}
	return series.New(c.sum, series.Int, name)
}

// total is the cells' grand total, for ranking the columns.
func (c *cells) total() float64 {
	t := 0.0
	for _, v := range c.sum {
		t += v
	}
	return t
}

// perPeriod measures df's rows inside w per period, split by the values of
// by.
func perPeriod(what string, per period, df dataframe.DataFrame, w cryptolens.Window, m measure, by []string) dataframe.DataFrame {
	need := slices.Clone(by)
	if m.col != "" {
		need = append(need, m.col)
	}
	if err := checkColumns(what, df, need...); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	float := false
	if m.kind == measureSum {
		t := columnType(df, m.col)
		if !isNumeric(t) {
			return failed("%s: column %q is %s, want int or float", what, m.col, t)
		}
		float = t == series.Float
	}
	timeCol, _, _ := spanColumn(df, w)
	if timeCol == "" || timeCol == ColWeek {
		return failed("%s: no time, created or day column (columns: %s)", what, strings.Join(df.Names(), ", "))
	}
	in := make([]bool, df.Nrow())
	if err := During(w).match(df, in); err != nil {
		return failed("%s: %v", what, err)
	}
	dayOf := df.Col(timeCol).Records()
	for i, v := range dayOf {
		if len(v) >= len(dayLayout) {
			dayOf[i] = v[:len(dayLayout)]
		}
	}

	// The periods: those of w, or of the rows when w is open.
	since, until := w.Since, w.Until
	if since.IsZero() || until.IsZero() {
		lo, hi := "", ""
		for i, ok := range in {
			if ok && (lo == "" || dayOf[i] < lo) {
				lo = dayOf[i]
			}
			if ok && dayOf[i] > hi {
				hi = dayOf[i]
			}
		}
		from, _ := time.Parse(dayLayout, lo)
		last, _ := time.Parse(dayLayout, hi)
		if since.IsZero() {
			since = from
		}
		if until.IsZero() {
			until = last.AddDate(0, 0, 1)
		}
	}
	var periods []string
	index := map[string]int{}
	if !since.IsZero() && until.After(since) {
		start, err := time.Parse(dayLayout, per.label(since.UTC()))
		if err != nil {
			return failed("%s: %v", what, err)
		}
		for t := start; t.Before(until); t = per.next(t) {
			index[per.label(t)] = len(periods)
			periods = append(periods, per.label(t))
		}
	}

	var values []string // the measured column, as text
	var numbers []float64
	switch m.kind {
	case measureSum:
		numbers = df.Col(m.col).Float()
	case measureDistinct:
		values = df.Col(m.col).Records()
	}
	row := func(i int) (string, float64) {
		v, x := "", 0.0
		if values != nil {
			v = values[i]
		}
		if numbers != nil {
			x = numbers[i]
		}
		return v, x
	}
	all := newCells(len(periods))
	if len(by) == 0 {
		for i, ok := range in {
			if p, found := index[per.bucket(dayOf[i])]; ok && found {
				v, x := row(i)
				all.add(m, p, v, x)
			}
		}
		return frameOf([]series.Series{series.New(periods, series.String, per.column), all.series(m.name(), float)})
	}

	vals := make([][]string, len(by))
	for j, c := range by {
		vals[j] = df.Col(c).Records()
	}
	column := map[string]*cells{}
	parts := make([]string, len(by))
	for i, ok := range in {
		p, found := index[per.bucket(dayOf[i])]
		if !ok || !found {
			continue
		}
		for j := range by {
			parts[j] = vals[j][i]
			if parts[j] == "" {
				parts[j] = NoneLabel
			}
		}
		name := strings.Join(parts, " / ")
		c := column[name]
		if c == nil {
			c = newCells(len(periods))
			column[name] = c
		}
		v, x := row(i)
		c.add(m, p, v, x)
		all.add(m, p, v, x)
	}
	outcomes := len(by) == 1 && by[0] == ColOutcome
	if outcomes { // a report on outcomes always has these two
		for _, o := range []string{OutcomeSuccess, OutcomeFailure} {
			if column[o] == nil {
				column[o] = newCells(len(periods))
			}
		}
	}
	names := make([]string, 0, len(column))
	totals := map[string]float64{}
	for name, c := range column {
		names = append(names, name)
		totals[name] = c.total()
	}
	rank := func(name string) int {
		if outcomes {
			if r := slices.Index([]string{OutcomeSuccess, OutcomeFailure, OutcomeOther}, name); r >= 0 {
				return r
			}
			return 3
		}
		return 0
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		if c := cmp.Compare(totals[b], totals[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	cols := []series.Series{series.New(periods, series.String, per.column)}
	for _, name := range names {
		cols = append(cols, column[name].series(name, float))
	}
	cols = append(cols, all.series(ColTotal, float))
	return frameOf(cols)
}
