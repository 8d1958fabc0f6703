package charts

import (
	"fmt"
	"time"
)

// ParseDays reads YYYY-MM-DD day strings, such as the day column of a
// frames.WebAPILog frame, as UTC midnights for the Days of [StackedBar] and
// [TimeSeries]. It fails on the first string that is not such a day.
func ParseDays(days []string) ([]time.Time, error) {
	out := make([]time.Time, len(days))
	for i, s := range days {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("charts: ParseDays: day %d (%q) is not YYYY-MM-DD", i, s)
		}
		out[i] = t
	}
	return out, nil
}
