package analysis

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// TrailingWindowDays is the length, in days, of the trailing average of
// [RequestsPerDay].
const TrailingWindowDays = 7

// TrailingLookBack is how far before a window's start [RequestsPerDay]
// reads rows: the six whole days before the window's first day, which begin
// at most seven days before its start.
const TrailingLookBack = TrailingWindowDays * 24 * time.Hour

// DailyRequests is one day of the "requests over time" series.
type DailyRequests struct {
	Day       time.Time // 00:00 UTC
	Succeeded int       // rows whose outcome is [OutcomeSuccess]
	Failed    int       // rows whose outcome is [OutcomeFailure]
	Other     int       // rows whose outcome is [OutcomeOther]
	Total     int       // Succeeded + Failed + Other
	// Trailing7 is the mean of the daily total over this day and the six
	// days before it, read from the rows before the window where those
	// days precede it, so that the line does not dip at the window's start.
	Trailing7    float64
	TrailingDays int // number of days averaged in Trailing7: always 7
}

// RequestsPerDay counts the Web API Log rows inside w per UTC day and
// outcome, for every day of w (zero-filled, see the package comment), in
// day order, with a trailing 7-day average of the daily total.
//
// The average of each day is the mean of its total and the totals of the
// six days before it. For the window's first six days, those earlier days
// lie before the window: their totals count every row of logs on those UTC
// days (the six days before the window's first day), so pass the rows of
// the [TrailingLookBack] before w as well. A day without rows counts as 0.
// Rows after w are ignored.
func RequestsPerDay(logs []cryptolens.WebAPILog, w cryptolens.Window) []DailyRequests {
	axis := axisFor(logs, w, logTime)
	out := make([]DailyRequests, axis.n)
	for i := range out {
		out[i].Day = axis.day(i)
	}
	var before [TrailingWindowDays - 1]int // before[k]: the day k+1 days before the first
	for i := range logs {
		r := &logs[i]
		if !w.Contains(r.Time) {
			if axis.n > 0 && r.Time.Before(axis.day(0)) {
				if k := int(axis.first - floorDiv(r.Time.Unix(), secondsPerDay) - 1); k < len(before) {
					before[k]++
				}
			}
			continue
		}
		d := axis.index(r.Time)
		if d < 0 {
			continue
		}
		switch OutcomeOf(r.State) {
		case OutcomeSuccess:
			out[d].Succeeded++
		case OutcomeFailure:
			out[d].Failed++
		default:
			out[d].Other++
		}
		out[d].Total++
	}
	sum := 0
	for _, n := range before {
		sum += n
	}
	for i := range out {
		sum += out[i].Total
		if i >= TrailingWindowDays {
			sum -= out[i-TrailingWindowDays].Total
		} else if i > 0 {
			sum -= before[TrailingWindowDays-1-i] // the earliest look-back day leaves the average
		}
		out[i].TrailingDays = TrailingWindowDays
		out[i].Trailing7 = float64(sum) / TrailingWindowDays
	}
	return out
}
