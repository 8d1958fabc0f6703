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
	Count int    // requests (rows) that name a machine
	// Share is Count divided by the rows inside the window that name a
	// machine (the rows ranked).
	Share float64
	// Machines is the number of distinct machines (normalised machine
	// codes) that sent the name; for the [RestLabel] row, distinct over all
	// its names.
	Machines int
	// Names is 1 for a single name and the number of names aggregated in
	// the [RestLabel] row.
	Names int
	Rest  bool // true for the aggregated row
}

// RequestsPerFriendlyName counts the Web API Log rows inside w that name a
// machine (a machine code that is not empty after [NormalizeMachineCode])
// per friendly name, with the distinct machines behind each name: a name is
// not a machine, several machines may send the same one. Rows without a
// machine code (such as key creations and data-object changes) are left
// out of the ranking and of the total. Names are compared exactly (no case
// folding or trimming); the empty name of a row with a machine is counted
// as [NoneLabel] and competes for the top like any other. The top n names
// by count (descending, ties by name ascending) are listed, followed, when
// any remain, by one row labelled [RestLabel] summing all other names (Rest
// true). n <= 0 lists every name with no rest row. Share is of the rows
// ranked.
func RequestsPerFriendlyName(logs []cryptolens.WebAPILog, w cryptolens.Window, n int) []FriendlyNameCount {
	counts := map[string]int{}
	machines := map[string]map[string]bool{}
	normalised := map[string]string{}
	total := 0
	for i := range logs {
		r := &logs[i]
		if !w.Contains(r.Time) {
			continue
		}
		m, ok := normalised[r.MachineCode]
		if !ok {
			m = NormalizeMachineCode(r.MachineCode)
			normalised[r.MachineCode] = m
		}
		if m == "" {
			continue
		}
		name := labelOrNone(r.FriendlyName)
		counts[name]++
		if machines[name] == nil {
			machines[name] = map[string]bool{}
		}
		machines[name][m] = true
		total++
	}
	sorted := sortedCounts(counts, total)
	if n <= 0 || n > len(sorted) {
		n = len(sorted)
	}
	out := make([]FriendlyNameCount, 0, n+1)
	for _, c := range sorted[:n] {
		out = append(out, FriendlyNameCount{Name: c.Name, Count: c.Count, Share: c.Share,
			Machines: len(machines[c.Name]), Names: 1})
	}
	if rest := sorted[n:]; len(rest) > 0 {
		sum := 0
		restMachines := map[string]bool{}
		for _, c := range rest {
			sum += c.Count
			for m := range machines[c.Name] {
				restMachines[m] = true
			}
		}
		out = append(out, FriendlyNameCount{Name: RestLabel, Count: sum, Share: share(sum, total),
			Machines: len(restMachines), Names: len(rest), Rest: true})
	}
	return out
}
