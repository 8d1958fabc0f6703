package analysis

import (
	"cmp"
	"slices"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// ReportMethods are the method groups of the "activity and failures by
// method" report, used when a caller passes no groups: activation,
// deactivation and key creation.
var ReportMethods = []cryptolens.StateGroup{
	cryptolens.GroupActivation, cryptolens.GroupDeactivation, cryptolens.GroupKeyCreation,
}

// MethodDay is the number of requests of one method group on one day.
type MethodDay struct {
	Day       time.Time // 00:00 UTC
	Group     cryptolens.StateGroup
	Method    string // [cryptolens.StateGroup.String]
	Succeeded int    // rows with [OutcomeSuccess]
	Failed    int    // rows with [OutcomeFailure]
	Other     int    // rows with [OutcomeOther]
	Total     int
}

// MethodFailures is the failure rate of one method group.
type MethodFailures struct {
	Group                           cryptolens.StateGroup
	Method                          string
	Total, Succeeded, Failed, Other int
	FailureRate                     float64 // Failed / Total; 0 when Total is 0
}

// methodGroups returns the distinct groups in ascending order, or
// [ReportMethods] sorted when groups is empty.
func methodGroups(groups []cryptolens.StateGroup) []cryptolens.StateGroup {
	if len(groups) == 0 {
		groups = ReportMethods
	}
	out := slices.Clone(groups)
	slices.Sort(out)
	return slices.Compact(out)
}

// MethodActivityPerDay counts the Web API Log rows inside w per UTC day and
// method group ([cryptolens.State.Group]), for every day of w and every
// group in groups ([ReportMethods] when empty), zero-filled. The result is
// sorted by day and then group number.
func MethodActivityPerDay(logs []cryptolens.WebAPILog, w cryptolens.Window, groups []cryptolens.StateGroup) []MethodDay {
	gs := methodGroups(groups)
	slot := map[cryptolens.StateGroup]int{}
	for i, g := range gs {
		slot[g] = i
	}
	axis := axisFor(logs, w, logTime)
	out := grid(axis, gs, func(day time.Time, g cryptolens.StateGroup) MethodDay {
		return MethodDay{Day: day, Group: g, Method: g.String()}
	})
	for i := range logs {
		r := &logs[i]
		if !w.Contains(r.Time) {
			continue
		}
		g, ok := slot[r.State.Group()]
		d := axis.index(r.Time)
		if !ok || d < 0 {
			continue
		}
		md := &out[d*len(gs)+g]
		md.Total++
		switch OutcomeOf(r.State) {
		case OutcomeSuccess:
			md.Succeeded++
		case OutcomeFailure:
			md.Failed++
		default:
			md.Other++
		}
	}
	return out
}

// MethodFailureRates returns, for each group in groups ([ReportMethods]
// when empty) in ascending group number, the outcome counts of the Web API
// Log rows inside w with that group and the failure rate Failed/Total.
// Groups without rows are listed with zero counts.
func MethodFailureRates(logs []cryptolens.WebAPILog, w cryptolens.Window, groups []cryptolens.StateGroup) []MethodFailures {
	gs := methodGroups(groups)
	out := make([]MethodFailures, len(gs))
	slot := map[cryptolens.StateGroup]*MethodFailures{}
	for i, g := range gs {
		out[i] = MethodFailures{Group: g, Method: g.String()}
		slot[g] = &out[i]
	}
	for i := range logs {
		r := &logs[i]
		m := slot[r.State.Group()]
		if m == nil || !w.Contains(r.Time) {
			continue
		}
		m.Total++
		switch OutcomeOf(r.State) {
		case OutcomeSuccess:
			m.Succeeded++
		case OutcomeFailure:
			m.Failed++
		default:
			m.Other++
		}
	}
	for i := range out {
		out[i].FailureRate = share(out[i].Failed, out[i].Total)
	}
	return out
}

// KeySeatLimit is the seat-limit failures (state 2024) of one license key.
type KeySeatLimit struct {
	Key         string
	Count       int       // rows with state 2024
	First, Last time.Time // times of the first and last of them
	Machines    int       // distinct machine codes, normalised by [NormalizeMachineCode], empty ones excluded
}

// SeatLimitFailuresByKey returns, per license key, the Web API Log rows
// inside w with state 2024 (floating seat limit reached), sorted by Count
// (descending) and then key (ascending). The empty key is listed as "".
func SeatLimitFailuresByKey(logs []cryptolens.WebAPILog, w cryptolens.Window) []KeySeatLimit {
	byKey := map[string]*KeySeatLimit{}
	machines := map[string]map[string]bool{}
	for i := range logs {
		r := &logs[i]
		if r.State != cryptolens.StateSeatLimitReached || !w.Contains(r.Time) {
			continue
		}
		k := byKey[r.Key]
		if k == nil {
			k = &KeySeatLimit{Key: r.Key, First: r.Time, Last: r.Time}
			byKey[r.Key] = k
			machines[r.Key] = map[string]bool{}
		}
		k.Count++
		if r.Time.Before(k.First) {
			k.First = r.Time
		}
		if r.Time.After(k.Last) {
			k.Last = r.Time
		}
		if mc := NormalizeMachineCode(r.MachineCode); mc != "" {
			machines[r.Key][mc] = true
		}
	}
	out := make([]KeySeatLimit, 0, len(byKey))
	for key, k := range byKey {
		k.Machines = len(machines[key])
		out = append(out, *k)
	}
	slices.SortFunc(out, func(a, b KeySeatLimit) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}
