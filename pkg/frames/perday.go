package frames

import (
	"fmt"
	"time"

	"github.com/go-gota/gota/dataframe"
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
	return dataframe.DataFrame{Err: errNotYet}
}

// PerWeek is [PerDay] per ISO week (Monday to Sunday, UTC): its first
// column is [ColWeek], the date of each week's Monday, for every week that
// overlaps w. The first and last weeks count only the rows inside w.
func PerWeek(df dataframe.DataFrame, w cryptolens.Window, by ...string) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
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
	return dataframe.DataFrame{Err: errNotYet}
}

// WeekOf returns the ISO week of t as [ColWeek] writes it: the date
// (YYYY-MM-DD) of the Monday, UTC, that starts t's week.
func WeekOf(t time.Time) string {
	d := t.UTC()
	back := (int(d.Weekday()) + 6) % 7 // Monday 0 ... Sunday 6
	return time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, time.UTC).Format(dayLayout)
}
