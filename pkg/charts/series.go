package charts

import (
	"image/color"
	"slices"
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
