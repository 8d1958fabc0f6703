package analysis

import (
	"fmt"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of the frames of an [InactiveReport].
const (
	ColKey         = "key"         // a license key
	ColLastRequest = "lastRequest" // the key's last request, RFC 3339 UTC
	ColDaysSilent  = "daysSilent"  // days from the last request to asOf, rounded up
	ColRequests    = "requests"    // the key's requests the store holds
	ColWeek        = "week"        // the first day of a week of the window, YYYY-MM-DD
	ColKeys        = "keys"        // a number of license keys
)

// InactiveReport lists the license keys that fell silent, as DataFrames:
// what the inactive-keys report shows.
type InactiveReport struct {
	// Seen is the number of distinct keys with a request before asOf in
	// the history read; Inactive the number of them listed in Keys, and
	// Share Inactive / Seen (0 when none was seen).
	Seen, Inactive int
	Share          float64
	// Keys: key, lastRequest, daysSilent, requests; oldest last request
	// first, then key ([InactiveKeys]).
	Keys dataframe.DataFrame
	// ByWeek: week, keys: the inactive keys by the week of the window in
	// which they made their last request; keys last seen before the window
	// count in its first week.
	ByWeek dataframe.DataFrame
	// Figures: figure, value.
	Figures dataframe.DataFrame
}

// InactiveKeysReport finds the keys of history, a Web API Log frame of
// everything the store holds (not only the window: a key silent for longer
// than the window is found too), with no request in the inactiveDays days
// before asOf ([InactiveKeys]), and counts them by the week of w of their
// last request. It fails when the frame carries an error or lacks the
// columns time or key.
func InactiveKeysReport(history dataframe.DataFrame, inactiveDays int, w cryptolens.Window, asOf time.Time) (InactiveReport, error) {
	rows, err := webLogRows("InactiveKeysReport", history, inKey)
	if err != nil {
		return InactiveReport{}, err
	}
	seen := map[string]bool{}
	for i := range rows {
		if rows[i].Key != "" && rows[i].Time.Before(asOf) {
			seen[rows[i].Key] = true
		}
	}
	keys := InactiveKeys(rows, nil, true, inactiveDays, asOf)
	r := InactiveReport{Seen: len(seen), Inactive: len(keys), Share: share(len(keys), len(seen))}
	var names, last []string
	var silent, requests []int
	for _, k := range keys {
		names, last = append(names, k.Key), append(last, timeText(k.LastActivity))
		silent, requests = append(silent, k.DaysSilent), append(requests, k.Requests)
	}
	r.Keys = dataframe.New(textSeries(ColKey, names), textSeries(ColLastRequest, last),
		intSeries(ColDaysSilent, silent), intSeries(ColRequests, requests))

	var weeks []string
	var counts []int
	if !w.Since.IsZero() && !w.Until.IsZero() {
		for start := w.Since; start.Before(w.Until); start = start.AddDate(0, 0, 7) {
			weeks, counts = append(weeks, dayText(start)), append(counts, 0)
		}
		for _, k := range keys {
			i := int(k.LastActivity.Sub(w.Since) / (7 * 24 * time.Hour))
			if k.LastActivity.Before(w.Since) {
				i = 0
			}
			counts[min(i, len(counts)-1)]++
		}
	}
	r.ByWeek = dataframe.New(textSeries(ColWeek, weeks), intSeries(ColKeys, counts))
	r.Figures = figures([]string{"Keys the store has seen", fmt.Sprintf("Inactive: no request in the last %d days", inactiveDays)},
		[]int{r.Seen, r.Inactive})
	return r, nil
}
