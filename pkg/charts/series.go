package charts

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
)

// Series is one named sequence of values, one per day (or category) of its
// chart. Color optionally overrides the colour the chart would pick.
type Series struct {
	Name   string
	Values []float64
	Color  color.Color
}

func cloneSeries(ss []Series) []Series {
	out := make([]Series, len(ss))
	for i, s := range ss {
		out[i] = Series{Name: s.Name, Values: slices.Clone(s.Values), Color: s.Color}
	}
	return out
}

// colorAt returns the colour of the series at index i of its chart: its
// own, its name's role colour (see [RoleColor]), or the palette's i-th.
func (s Series) colorAt(i int) color.Color {
	if s.Color != nil {
		return s.Color
	}
	if c, ok := RoleColor(s.Name); ok {
		return c
	}
	return Palette[i%len(Palette)]
}

// scaleLinesY scales p's Y axis to the values of series drawn as lines (from
// zero, or below it for a negative value), with headroom above, its ticks
// labelled in format, and returns the scale.
func scaleLinesY(p *plot.Plot, series []Series, headroom float64, format func(float64) string) valueScale {
	lo, hi := 0.0, 0.0
	var all [][]float64
	for _, s := range series {
		lo, hi = math.Min(lo, minOf(s.Values)), math.Max(hi, maxOf(s.Values))
		all = append(all, s.Values)
	}
	scale := scaleFor(lo, hi, headroom, wholeNumbers(all...))
	p.Y.Min, p.Y.Max = scale.lo, scale.hi
	p.Y.Tick.Marker = scale.ticker(format)
	return scale
}
