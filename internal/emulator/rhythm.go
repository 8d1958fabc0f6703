package emulator

import "math/rand/v2"

// hourWeight is the relative activity of each local hour of a weekday.
var hourWeight = [24]float64{0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.18, 0.42, 0.78, 0.95,
	1, 1, 0.82, 0.94, 1, 0.98, 0.88, 0.72, 0.5, 0.36, 0.28, 0.22, 0.15, 0.09}

// weekendFactor scales the activity of Saturdays and Sundays.
const weekendFactor = 0.3

// activity is the relative request rate at local Unix time t, at most 1:
// busiest in working hours on weekdays.
func activity(t int64) float64 {
	day := t / 86400
	w := hourWeight[(t%86400)/3600]
	if wd := (day + 4) % 7; wd == 0 || wd == 6 { // 1970-01-01 was a Thursday
		w *= weekendFactor
	}
	return w
}

// rhythmTime draws a Unix time in [from, to) that follows the daily and
// weekly rhythm of a customer whose local time is UTC+tz seconds.
func rhythmTime(rng *rand.Rand, from, to, tz int64) int64 {
	if to <= from {
		return from
	}
	var t int64
	for range 64 {
		t = from + rng.Int64N(to-from)
		if rng.Float64() < activity(t+tz) {
			return t
		}
	}
	return t
}

// isWeekday reports whether the local day that starts at t (UTC+tz) is
// Monday to Friday.
func isWeekday(t, tz int64) bool {
	wd := ((t+tz)/86400 + 4) % 7
	return wd != 0 && wd != 6
}
