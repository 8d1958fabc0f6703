package analysis

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// DailyActive is one day of the "active keys and machines" series.
type DailyActive struct {
	Day      time.Time // 00:00 UTC
	Keys     int       // distinct non-empty license keys active on the day
	Machines int       // distinct non-empty normalised machine codes active on the day
}

// ActivePerDay counts, for every day of w (zero-filled), the distinct
// license keys and distinct machine codes whose activity overlaps that day,
// following the usage-analytics definition of GetDailyAggregates ("keys or
// machine codes whose activity overlaps that date").
//
// Activity is defined as follows. Every Web API Log row inside w is activity
// at its time, whatever its outcome: a failed request is still a request
// made by that key and machine (the aggregates' totals count failed rows
// too). A row whose FloatingExpires lies after its time (a floating seat) is
// activity over [Time, FloatingExpires), cut at w.Until, so a seat held past
// midnight counts on the following days as well. Keys are compared as
// given; machine codes after [NormalizeMachineCode]; empty ones are
// excluded.
func ActivePerDay(logs []cryptolens.WebAPILog, w cryptolens.Window) []DailyActive {
	axis := axisFor(logs, w, logTime)
	out := make([]DailyActive, axis.n)
	for i := range out {
		out[i].Day = axis.day(i)
	}
	if axis.n == 0 {
		return out
	}
	keyIDs, machineIDs := map[string]uint32{}, map[string]uint32{}
	seenKeys, seenMachines := map[uint64]struct{}{}, map[uint64]struct{}{}
	mark := func(ids map[string]uint32, seen map[uint64]struct{}, name string, from, to int, count func(int)) {
		id, ok := ids[name]
		if !ok {
			id = uint32(len(ids))
			ids[name] = id
		}
		for d := from; d <= to; d++ {
			k := uint64(d)<<32 | uint64(id)
			if _, dup := seen[k]; !dup {
				seen[k] = struct{}{}
				count(d)
			}
		}
	}
	countKey := func(d int) { out[d].Keys++ }
	countMachine := func(d int) { out[d].Machines++ }
	for i := range logs {
		r := &logs[i]
		if !w.Contains(r.Time) {
			continue
		}
		from := axis.index(r.Time)
		if from < 0 {
			continue
		}
		to := from
		if r.FloatingExpires.After(r.Time) {
			end := r.FloatingExpires
			if !w.Until.IsZero() && end.After(w.Until) {
				end = w.Until
			}
			if last := axis.index(end.Add(-time.Nanosecond)); last > to {
				to = last
			} else if last < 0 {
				to = axis.n - 1
			}
		}
		if r.Key != "" {
			mark(keyIDs, seenKeys, r.Key, from, to, countKey)
		}
		if mc := NormalizeMachineCode(r.MachineCode); mc != "" {
			mark(machineIDs, seenMachines, mc, from, to, countMachine)
		}
	}
	return out
}
