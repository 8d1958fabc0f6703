package analysis

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// TrailingWindowDays is the length, in days, of the trailing average of
// [RequestsPerDay].
const TrailingWindowDays = 7

// DailyRequests is one day of the "requests over time" series.
type DailyRequests struct {
	Day       time.Time // 00:00 UTC
	Succeeded int       // rows whose outcome is [OutcomeSuccess]
	Failed    int       // rows whose outcome is [OutcomeFailure]
	Other     int       // rows whose outcome is [OutcomeOther]
	Total     int       // Succeeded + Failed + Other
	// Trailing7 is the mean of Total over this day and the six days before
	// it. On the first six days of the series fewer days exist; the mean is
	// then taken over the days that do (TrailingDays of them), so the first
	// day's Trailing7 equals its Total.
	Trailing7    float64
	TrailingDays int // number of days averaged in Trailing7: 1..7
}

// RequestsPerDay counts the Web API Log rows inside w per UTC day and
// outcome, for every day of w (zero-filled, see the package comment), in
// day order, with a trailing 7-day average of the daily total.
func RequestsPerDay(logs []cryptolens.WebAPILog, w cryptolens.Window) []DailyRequests {
	axis := axisFor(logs, w, logTime)
	out := make([]DailyRequests, axis.n)
	for i := range out {
		out[i].Day = axis.day(i)
	}
	for i := range logs {
		r := &logs[i]
		if !w.Contains(r.Time) {
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
	for i := range out {
		sum += out[i].Total
		if i >= TrailingWindowDays {
			sum -= out[i-TrailingWindowDays].Total
		}
		n := min(i+1, TrailingWindowDays)
		out[i].TrailingDays = n
		out[i].Trailing7 = float64(sum) / float64(n)
	}
	return out
}
