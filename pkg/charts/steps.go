package charts

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// StepsData is the data of a step chart over instants: values that hold
// from one instant to the next, such as the seats a floating license has
// taken, with a limit drawn as a dashed line.
type StepsData struct {
	Title, XLabel, YLabel string
	// Times are the instants of the steps, in order (equal neighbours
	// allowed); a value holds from its time to the next one's, and the last
	// time ends the chart.
	Times []time.Time
	// Series are the step lines, one value per time; NaN leaves a gap.
	Series []Series
	// Limits are drawn as dashed step lines over the Series, one value per
	// time, such as a seat limit.
	Limits []Series
	// ValueFormat formats the Y tick labels; nil gives [Number].
	ValueFormat func(float64) string
}

// Steps returns a step chart over instants with ticks at UTC midnights,
// labelled like "2 Nov". The Y axis starts at zero unless a value is
// negative. An empty XLabel becomes "Time (UTC)". It fails when a series'
// length differs from Times, on times out of order, or on infinite values.
// No times, or only NaN values, give a "No data" chart.
func Steps(d StepsData) (*Chart, error) {
	const kind = "Steps"
	for i := 1; i < len(d.Times); i++ {
		if d.Times[i].Before(d.Times[i-1]) {
			return nil, fmt.Errorf("charts: %s %s: time %d (%s) is before time %d (%s): sort the times",
				kind, quote(d.Title), i, d.Times[i].UTC().Format(time.RFC3339), i-1, d.Times[i-1].UTC().Format(time.RFC3339))
		}
	}
	timeName := func(i int) string { return d.Times[i].UTC().Format(time.RFC3339) }
	anyValue, err := checkLines(kind, d.Title, append(append([]Series(nil), d.Series...), d.Limits...), len(d.Times), "times", timeName)
	if err != nil {
		return nil, err
	}
	d.Series, d.Limits = cloneSeries(d.Series), cloneSeries(d.Limits)
	if d.XLabel == "" {
		d.XLabel = "Time (UTC)"
	}
	c := &Chart{title: d.Title, empty: !anyValue, figures: stepFigures(d.Times, append(append([]Series(nil), d.Series...), d.Limits...))}
	for i, s := range d.Series {
		c.legend = append(c.legend, legendEntry{name: s.Name, color: s.colorAt(i), line: true})
	}
	for i, s := range d.Limits {
		c.legend = append(c.legend, legendEntry{name: s.Name, color: limitColor(s, i), line: true})
	}
	c.build = func(area vg.Rectangle, th *Theme) *plot.Plot { return buildSteps(d, area, th) }
	return c, nil
}

// limitColor is the colour of a limit line: its own, else grey, then the
// palette from its end.
func limitColor(s Series, i int) color.Color {
	if s.Color != nil {
		return s.Color
	}
	if i == 0 {
		return Grey
	}
	return Palette[len(Palette)-1-i%len(Palette)]
}

func buildSteps(d StepsData, area vg.Rectangle, th *Theme) *plot.Plot {
	format := formatter(d.ValueFormat)
	p := newPlot(d.XLabel, d.YLabel, th)
	xs := make([]float64, len(d.Times))
	for i, t := range d.Times {
		xs[i] = float64(t.Unix()) / secondsPerDay
	}
	scale := scaleLinesY(p, append(append([]Series(nil), d.Series...), d.Limits...), 0.1, format)
	first, last := xs[0], xs[len(xs)-1]
	if last <= first {
		last = first + 1
	}
	pad := (last - first) * 0.01
	p.X.Min, p.X.Max = first-pad, last+pad
	p.X.Tick.Marker = dayAxisTicker(p, area, format(scale.hi))
	p.Add(grid{theme: th})
	for i, s := range d.Series {
		sx, sy := stepPoints(xs, s.Values)
		p.Add(&line{xs: sx, ys: sy, style: draw.LineStyle{Color: s.colorAt(i), Width: 2}})
	}
	for i, s := range d.Limits {
		sx, sy := stepPoints(xs, s.Values)
		p.Add(&line{xs: sx, ys: sy, style: draw.LineStyle{Color: limitColor(s, i), Width: 1.5, Dashes: []vg.Length{6, 4}}})
	}
	return p
}

// stepPoints turns values that hold from one x to the next into the corners
// of a step line: each value at its x and again at the next x.
func stepPoints(xs, ys []float64) (sx, sy []float64) {
	for i := range xs {
		sx, sy = append(sx, xs[i]), append(sy, ys[i])
		if i+1 < len(xs) {
			sx, sy = append(sx, xs[i+1]), append(sy, ys[i])
		}
	}
	return sx, sy
}

// stepFigures are the figures of a step chart: time (RFC 3339 UTC) and one
// column per series, then per limit.
func stepFigures(times []time.Time, series []Series) figures {
	return seriesFigures("time", time.RFC3339, times, series)
}
