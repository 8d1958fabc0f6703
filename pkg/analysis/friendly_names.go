package analysis

import "github.com/lensbook/lensbook/pkg/cryptolens"

// Labels used for groups that are not one value.
const (
	NoneLabel = "(none)" // rows whose friendly name, feature, currency or performer is empty
	RestLabel = "(rest)" // the names beyond the top N, aggregated
)

// FriendlyNameCount is one bar of the "requests per friendly name" report.
type FriendlyNameCount struct {
	Name  string // the friendly name, [NoneLabel] or [RestLabel]
	Count int
	Share float64 // Count divided by all rows inside the window
	// Names is 1 for a single name and the number of names aggregated in
	// the [RestLabel] row.
	Names int
	Rest  bool // true for the aggregated row
}

// RequestsPerFriendlyName counts the Web API Log rows inside w per friendly
// name. Names are compared exactly (no case folding or trimming); the empty
// name is counted as [NoneLabel] and competes for the top like any
// other. The top n names by count (descending, ties by name ascending) are
// listed, followed, when any remain, by one row labelled [RestLabel] summing
// all other names (Rest true). n <= 0 lists every name with no rest row.
// Share is of every row inside w.
func RequestsPerFriendlyName(logs []cryptolens.WebAPILog, w cryptolens.Window, n int) []FriendlyNameCount {
	counts := map[string]int{}
	total := 0
	for i := range logs {
		r := &logs[i]
		if !w.Contains(r.Time) {
			continue
		}
		name := r.FriendlyName
		if name == "" {
			name = NoneLabel
		}
		counts[name]++
		total++
	}
	sorted := sortedCounts(counts, total)
	if n <= 0 || n > len(sorted) {
		n = len(sorted)
	}
	out := make([]FriendlyNameCount, 0, n+1)
	for _, c := range sorted[:n] {
		out = append(out, FriendlyNameCount{Name: c.Name, Count: c.Count, Share: c.Share, Names: 1})
	}
	if rest := sorted[n:]; len(rest) > 0 {
		sum := 0
		for _, c := range rest {
			sum += c.Count
		}
		out = append(out, FriendlyNameCount{Name: RestLabel, Count: sum, Share: share(sum, total),
			Names: len(rest), Rest: true})
	}
	return out
}
