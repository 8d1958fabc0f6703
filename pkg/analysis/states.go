package analysis

import (
	"cmp"
	"slices"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// StateCount is the number of rows with one state code.
type StateCount struct {
	State     cryptolens.State
	Name      string // [cryptolens.State.Name]
	Group     cryptolens.StateGroup
	GroupName string // [cryptolens.StateGroup.String]
	Count     int
	Share     float64 // of all rows inside the window
}

// GroupStates is one method group of the state-code report: its total and
// outcome counts, and the counts of its state codes.
type GroupStates struct {
	Group     cryptolens.StateGroup
	Name      string // [cryptolens.StateGroup.String], such as "activation"
	Count     int
	Share     float64 // of all rows inside the window
	Succeeded int     // rows with [OutcomeSuccess]
	Failed    int     // rows with [OutcomeFailure]
	Other     int     // rows with [OutcomeOther]
	// States are the group's codes, by Count (descending) then code
	// (ascending).
	States []StateCount
}

// StateCounts returns the distribution of state codes over the Web API Log
// rows inside w (the reference script's value_counts of state), sorted by
// Count (descending) and then code (ascending). Share is of all rows inside
// w.
func StateCounts(logs []cryptolens.WebAPILog, w cryptolens.Window) []StateCount {
	counts := map[cryptolens.State]int{}
	total := 0
	for i := range logs {
		if w.Contains(logs[i].Time) {
			counts[logs[i].State]++
			total++
		}
	}
	out := make([]StateCount, 0, len(counts))
	for s, n := range counts {
		out = append(out, StateCount{State: s, Name: s.Name(), Group: s.Group(),
			GroupName: s.Group().String(), Count: n, Share: share(n, total)})
	}
	slices.SortFunc(out, func(a, b StateCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.State, b.State))
	})
	return out
}

// StatesByGroup returns the state-code distribution of the rows inside w
// grouped by method group ([cryptolens.State.Group]: activation,
// deactivation, key creation, data object, ...), groups in ascending group
// number. Only groups with rows are listed.
func StatesByGroup(logs []cryptolens.WebAPILog, w cryptolens.Window) []GroupStates {
	byGroup := map[cryptolens.StateGroup]*GroupStates{}
	total := 0
	for _, sc := range StateCounts(logs, w) {
		total += sc.Count
		g := byGroup[sc.Group]
		if g == nil {
			g = &GroupStates{Group: sc.Group, Name: sc.GroupName}
			byGroup[sc.Group] = g
		}
		g.Count += sc.Count
		switch OutcomeOf(sc.State) {
		case OutcomeSuccess:
			g.Succeeded += sc.Count
		case OutcomeFailure:
			g.Failed += sc.Count
		default:
			g.Other += sc.Count
		}
		g.States = append(g.States, sc) // already in the required order
	}
	out := make([]GroupStates, 0, len(byGroup))
	for _, g := range byGroup {
		g.Share = share(g.Count, total)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b GroupStates) int { return cmp.Compare(a.Group, b.Group) })
	return out
}
