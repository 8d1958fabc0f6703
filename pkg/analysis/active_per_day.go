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
// midnight counts on the following days as well. A seat taken before the
// window and still held when it begins (a row before w.Since whose
// FloatingExpires lies after w.Since) counts from w.Since on the days it is
// held: pass the rows of the [FloatingLookBack] before w as well. Keys are
// compared as given; machine codes after [NormalizeMachineCode]; empty ones
// are excluded.
func ActivePerDay(logs []cryptolens.WebAPILog, w cryptolens.Window) []DailyActive {
	axis := axisFor(logs, w, logTime)
	out := make([]DailyActive, axis.n)
	for i := range out {
		out[i].Day = axis.day(i)
	}
	if axis.n == 0 {
		return out
	}
	// First pass: each row's day span and interned key and machine ids.
	type span struct {
		from, to     int32
		key, machine int32 // -1 when empty
	}
	keys, machines := newInterner(), newInterner()
	machineOf := map[string]int32{} // raw machine code -> id of its normalised form
	spans := make([]span, 0, len(logs))
	for i := range logs {
		r := &logs[i]
		start := r.Time
		if !w.Contains(r.Time) {
			// A seat held across the window's start counts from it.
			if w.Since.IsZero() || !r.Time.Before(w.Since) || !r.FloatingExpires.After(w.Since) {
				continue
			}
			start = w.Since
		}
		from := axis.index(start)
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
		mid, ok := machineOf[r.MachineCode]
		if !ok {
			mid = machines.id(NormalizeMachineCode(r.MachineCode))
			machineOf[r.MachineCode] = mid
		}
		spans = append(spans, span{int32(from), int32(to), keys.id(r.Key), mid})
	}
	// Second pass: one bit per (day, id); count each bit when first set.
	keyBits := newDayBits(axis.n, keys.len())
	machineBits := newDayBits(axis.n, machines.len())
	for _, s := range spans {
		for d := s.from; d <= s.to; d++ {
			if s.key >= 0 && keyBits.set(int(d), int(s.key)) {
				out[d].Keys++
			}
			if s.machine >= 0 && machineBits.set(int(d), int(s.machine)) {
				out[d].Machines++
			}
		}
	}
	return out
}

// interner numbers distinct non-empty strings from 0.
type interner map[string]int32

func newInterner() interner { return interner{} }

// id returns s's number, or -1 for the empty string.
func (in interner) id(s string) int32 {
	if s == "" {
		return -1
	}
	id, ok := in[s]
	if !ok {
		id = int32(len(in))
		in[s] = id
	}
	return id
}

func (in interner) len() int { return len(in) }

// dayBits is a bit set per day.
type dayBits struct {
	words []uint64
	per   int // words per day
}

func newDayBits(days, ids int) dayBits {
	per := (ids + 63) / 64
	return dayBits{words: make([]uint64, days*per), per: per}
}

// set sets the bit of (day, id) and reports whether it was clear.
func (b dayBits) set(day, id int) bool {
	w := &b.words[day*b.per+id/64]
	mask := uint64(1) << (id % 64)
	if *w&mask != 0 {
		return false
	}
	*w |= mask
	return true
}
