package frames

import (
	"cmp"
	"fmt"
	"math"
	"slices"
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
// column, else by their total, most first, then by name; a value seen in
// no row of w has no column. An empty value is named "(none)".
//
// For a trailing average, count the look-back too and drop it after:
//
//	daily := frames.Trailing(frames.PerDay(web, frames.LookBack(s.Window, 6), "outcome"), "total", 7)
//	daily = frames.Where(daily, frames.During(s.Window))
func PerDay(df dataframe.DataFrame, w cryptolens.Window, by ...string) dataframe.DataFrame {
	return perPeriod("PerDay", ColDay, df, w, by, func(day string) string { return day },
		func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, func(t time.Time) string { return t.Format(dayLayout) })
}

// PerWeek is [PerDay] per ISO week (Monday to Sunday, UTC): its first
// column is [ColWeek], the date of each week's Monday, for every week that
// overlaps w. The first and last weeks count only the rows inside w.
func PerWeek(df dataframe.DataFrame, w cryptolens.Window, by ...string) dataframe.DataFrame {
	weeks := map[string]string{}
	week := func(day string) string {
		if wk, ok := weeks[day]; ok {
			return wk
		}
		t, err := time.Parse(dayLayout, day)
		if err != nil {
			return ""
		}
		weeks[day] = WeekOf(t)
		return weeks[day]
	}
	return perPeriod("PerWeek", ColWeek, df, w, by, week,
		func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }, WeekOf)
}

// LookBack returns w with its start moved days days earlier: the span that
// [PerDay] must count for a trailing average of days+1 days to be whole on
// the window's first day.
func LookBack(w cryptolens.Window, days int) cryptolens.Window {
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

// perPeriod counts df's rows inside w per period: first is the column
// name of the periods, bucket maps a row's day (YYYY-MM-DD) to its period,
// next steps from a period's start to the next's and label writes a
// period's start.
func perPeriod(what, first string, df dataframe.DataFrame, w cryptolens.Window, by []string,
	bucket func(day string) string, next func(time.Time) time.Time, label func(time.Time) string) dataframe.DataFrame {
	if err := checkColumns(what, df, by...); err != nil {
		return dataframe.DataFrame{Err: err}
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
		start, err := time.Parse(dayLayout, label(since.UTC()))
		if err != nil {
			return failed("%s: %v", what, err)
		}
		for t := start; t.Before(until); t = next(t) {
			index[label(t)] = len(periods)
			periods = append(periods, label(t))
		}
	}

	if len(by) == 0 {
		counts := make([]int, len(periods))
		for i, ok := range in {
			if p, found := index[bucket(dayOf[i])]; ok && found {
				counts[p]++
			}
		}
		return frameOf([]series.Series{series.New(periods, series.String, first), series.New(counts, series.Int, ColCount)})
	}

	vals := make([][]string, len(by))
	for j, c := range by {
		vals[j] = df.Col(c).Records()
	}
	column := map[string][]int{}
	totals := map[string]int{}
	sum := make([]int, len(periods))
	parts := make([]string, len(by))
	for i, ok := range in {
		p, found := index[bucket(dayOf[i])]
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
			c = make([]int, len(periods))
			column[name] = c
		}
		c[p]++
		totals[name]++
		sum[p]++
	}
	names := make([]string, 0, len(column))
	for name := range column {
		names = append(names, name)
	}
	rank := func(name string) int {
		if len(by) == 1 && by[0] == ColOutcome {
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
	cols := []series.Series{series.New(periods, series.String, first)}
	for _, name := range names {
		cols = append(cols, series.New(column[name], series.Int, name))
	}
	cols = append(cols, series.New(sum, series.Int, ColTotal))
	return frameOf(cols)
}
