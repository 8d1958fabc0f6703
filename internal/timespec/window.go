package timespec

import (
	"fmt"
	"strconv"
	"time"
)

// Layouts of lensbook's one day format and one instant format, used on every
// page, caption and chart (pkg/charts keeps the same two).
const (
	DayLayout     = "2 Jan 2006"
	InstantLayout = "2 Jan 2006 15:04 UTC"
)

// WindowText describes the window [since, until) of days days in words.
// Whole UTC days read as the days they hold, the end exclusive: "2 Oct –
// 31 Oct 2026 (30 days, UTC)". Other windows (a live clock's) give both
// instants: "26 Oct 2026 23:34 – 25 Nov 2026 23:34 UTC (30 days)".
func WindowText(since, until time.Time, days int) string {
	since, until = since.UTC(), until.UTC()
	if since.Equal(truncateDay(since)) && until.Equal(truncateDay(until)) {
		last := until.AddDate(0, 0, -1)
		if days == 1 {
			return fmt.Sprintf("%s (1 day, UTC)", last.Format(DayLayout))
		}
		first := since.Format("2 Jan")
		if since.Year() != last.Year() {
			first = since.Format(DayLayout)
		}
		return fmt.Sprintf("%s – %s (%s, UTC)", first, last.Format(DayLayout), plural(days, "day"))
	}
	return fmt.Sprintf("%s – %s (%s)", since.Format("2 Jan 2006 15:04"), until.Format(InstantLayout), plural(days, "day"))
}

func truncateDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
