package analysis

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const secondsPerDay = 24 * 60 * 60

// Day returns the start (00:00:00 UTC) of the UTC day that contains t.
func Day(t time.Time) time.Time {
	return time.Unix(floorDiv(t.Unix(), secondsPerDay)*secondsPerDay, 0).UTC()
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// dayAxis is the zero-filled list of days of a daily series; index maps a
// time to its position.
type dayAxis struct {
	first int64 // Unix day number of the first day
	n     int
}

// newDayAxis returns the days of window w (see the package comment);
// minT and maxT are the earliest and latest row times inside w, used for an
// open bound, and ok reports whether there were any rows.
func newDayAxis(w cryptolens.Window, minT, maxT time.Time, ok bool) dayAxis {
	var first, last int64
	switch {
	case !w.Since.IsZero():
		first = floorDiv(w.Since.Unix(), secondsPerDay)
	case ok:
		first = floorDiv(minT.Unix(), secondsPerDay)
	default:
		return dayAxis{}
	}
	switch {
	case !w.Until.IsZero():
		last = floorDiv(w.Until.Add(-time.Nanosecond).Unix(), secondsPerDay)
	case ok:
		last = floorDiv(maxT.Unix(), secondsPerDay)
	default:
		return dayAxis{}
	}
	if last < first {
		return dayAxis{}
	}
	return dayAxis{first: first, n: int(last - first + 1)}
}

// axisFor builds the day axis of w from the times of the rows inside w.
func axisFor[T any](rows []T, w cryptolens.Window, timeOf func(*T) time.Time) dayAxis {
	var minT, maxT time.Time
	ok := false
	if w.Since.IsZero() || w.Until.IsZero() {
		for i := range rows {
			t := timeOf(&rows[i])
			if !w.Contains(t) {
				continue
			}
			if !ok || t.Before(minT) {
				minT = t
			}
			if !ok || t.After(maxT) {
				maxT = t
			}
			ok = true
		}
	}
	return newDayAxis(w, minT, maxT, ok)
}

// index returns the position of t's day on the axis, or -1 when it is off
// the axis.
func (a dayAxis) index(t time.Time) int {
	i := floorDiv(t.Unix(), secondsPerDay) - a.first
	if i < 0 || i >= int64(a.n) {
		return -1
	}
	return int(i)
}

// day returns the i-th day of the axis.
func (a dayAxis) day(i int) time.Time {
	return time.Unix((a.first+int64(i))*secondsPerDay, 0).UTC()
}

// grid lays out one cell per day of the axis and key, made by cell, in day
// order and then key order: the cell of day d and key i is at
// d*len(keys)+i.
func grid[K, C any](a dayAxis, keys []K, cell func(day time.Time, k K) C) []C {
	out := make([]C, a.n*len(keys))
	for d := range a.n {
		day := a.day(d)
		for i, k := range keys {
			out[d*len(keys)+i] = cell(day, k)
		}
	}
	return out
}

// share returns count/total, or 0 when total is 0.
func share(count, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(count) / float64(total)
}

func logTime(r *cryptolens.WebAPILog) time.Time        { return r.Time }
func eventTime(e *cryptolens.Event) time.Time          { return e.Time }
func entryTime(o *cryptolens.ObjectLogEntry) time.Time { return o.Created }
