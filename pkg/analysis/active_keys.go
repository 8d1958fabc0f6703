package analysis

import "github.com/lensbook/lensbook/pkg/cryptolens"

// MostActiveKeys returns the license keys that made more than 1% of the
// requests inside w: the "most active license keys" report of Cryptolens's
// own script (pandas value_counts of key, kept where count > 0.01*sum).
//
// Rows with an empty key (null in the API) are left out entirely, as pandas
// leaves out nulls: Total, the denominator, is the number of rows inside w
// with a non-empty key. A key is listed when Count*100 > Total (strictly
// above 1%). Share is Count/Total. The result is sorted by Count (descending)
// and then key (ascending); Name holds the key.
func MostActiveKeys(logs []cryptolens.WebAPILog, w cryptolens.Window) []NameCount {
	counts := map[string]int{}
	total := 0
	for i := range logs {
		r := &logs[i]
		if r.Key == "" || !w.Contains(r.Time) {
			continue
		}
		counts[r.Key]++
		total++
	}
	for k, n := range counts {
		if n*100 <= total {
			delete(counts, k)
		}
	}
	return sortedCounts(counts, total)
}
