package charts

import (
	"math"
	"time"

	"gonum.org/v1/plot"
)

// niceStep rounds a raw tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	exp := math.Floor(math.Log10(raw))
	pow := math.Pow(10, exp)
	switch f := raw / pow; {
	case f <= 1:
		return pow
	case f <= 2:
		return 2 * pow
	case f <= 5:
		return 5 * pow
	default:
		return 10 * pow
	}
}

// valueScale is a value axis: from lo to hi with ticks every step.
type valueScale struct {
	lo, hi, step float64
}

// scaleFor returns a value axis that starts at min(0, lo), ends on a tick at
// or above hi*(1+headroom), and has about five ticks. Whole-number data never
// gets fractional steps.
func scaleFor(lo, hi, headroom float64, wholeNumbers bool) valueScale {
	lo = math.Min(lo, 0)
	if hi <= lo {
		hi = lo + 1
	}
	span := hi - lo
	top := hi + span*headroom
	step := niceStep((top - lo) / 5)
	if wholeNumbers && step < 1 {
		step = 1
	}
	return valueScale{lo: math.Floor(lo/step) * step, hi: math.Ceil(top/step-1e-9) * step, step: step}
}

// ticker returns the ticks of the scale with labels made by format.
func (s valueScale) ticker(format func(float64) string) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var ticks []plot.Tick
		first := math.Ceil(min/s.step - 1e-9)
		for k := first; k*s.step <= max+s.step*1e-9; k++ {
			v := k * s.step
			if v == 0 {
				v = math.Copysign(0, 1) // no "-0" label
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: format(v)})
		}
		return ticks
	})
}

const secondsPerDay = 86400

// dayNumber returns the UTC day of t as days since 1970-01-01.
func dayNumber(t time.Time) float64 {
	return math.Floor(float64(t.Unix()) / secondsPerDay)
}

// dayTime returns the UTC midnight of a day number.
func dayTime(d float64) time.Time {
	return time.Unix(int64(d)*secondsPerDay, 0).UTC()
}

// dayTicker returns ticks at UTC midnights for an axis in day numbers: every
// day, every 2 days, Mondays, every other Monday, or the first of every 1,
// 2, 3, 6 or 12 months, whichever is the densest that gives at most
// maxLabels labels. Day labels read "2 Nov"; month labels "Nov 2026".
// Ticks closer than edge (in days) to either end of the axis are dropped, so
// that their labels do not run past the plot.
func dayTicker(maxLabels int, edge float64) plot.Ticker {
	if maxLabels < 2 {
		maxLabels = 2
	}
	pick := dayTickerUnclipped(maxLabels)
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var kept []plot.Tick
		for _, t := range pick(min, max) {
			if t.Value-min >= edge && max-t.Value >= edge {
				kept = append(kept, t)
			}
		}
		return kept
	})
}

// dayTickerUnclipped chooses the ticks for dayTicker.
func dayTickerUnclipped(maxLabels int) func(min, max float64) []plot.Tick {
	return func(min, max float64) []plot.Tick {
		first, last := math.Ceil(min), math.Floor(max)
		if last < first {
			return nil
		}
		for _, every := range []float64{1, 2} {
			if (last-first)/every+1 <= float64(maxLabels) {
				return dayTicks(first, last, every, 0, "2 Jan")
			}
		}
		const monday = 4 // 1970-01-05, day 4, was a Monday
		for _, every := range []float64{7, 14} {
			// Count the Mondays: a short axis holds fewer than its span
			// suggests, and months would give it no tick at all.
			if ticks := dayTicks(first, last, every, monday, "2 Jan"); len(ticks) <= maxLabels {
				return ticks
			}
		}
		for _, months := range []int{1, 2, 3, 6, 12} {
			if ticks := monthTicks(first, last, months); len(ticks) <= maxLabels {
				return ticks
			}
		}
		return monthTicks(first, last, 12*int(math.Ceil((last-first)/365/float64(maxLabels))))
	}
}

// dayTicks returns ticks on days d in [first, last] with (d-anchor)%every == 0.
func dayTicks(first, last, every, anchor float64, layout string) []plot.Tick {
	start := first + math.Mod(math.Mod(anchor-first, every)+every, every)
	var ticks []plot.Tick
	for d := start; d <= last; d += every {
		ticks = append(ticks, plot.Tick{Value: d, Label: dayTime(d).Format(layout)})
	}
	return ticks
}

// monthTicks returns ticks on the first day of every months-th month (counted
// from January) in [first, last].
func monthTicks(first, last float64, months int) []plot.Tick {
	t := dayTime(first)
	m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(t) {
		m = m.AddDate(0, 1, 0)
	}
	var ticks []plot.Tick
	for ; dayNumber(m) <= last; m = m.AddDate(0, 1, 0) {
		if (int(m.Month())-1)%months != 0 {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: dayNumber(m), Label: m.Format("Jan 2006")})
	}
	return ticks
}
