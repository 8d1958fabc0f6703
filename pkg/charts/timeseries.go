package charts

import (
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimeSeriesData is the data of a chart of lines over days.
type TimeSeriesData struct {
	Title, XLabel, YLabel string
	// Days are the points' days, strictly increasing; each is read as its
	// UTC calendar day.
	Days []time.Time
	// Series are the lines, one value per day. NaN leaves a gap (a point
	// alone between gaps is drawn as a dot); infinite values are refused.
	Series []Series
	// ValueFormat formats the Y tick labels; nil gives [Number].
	ValueFormat func(float64) string
}

// TimeSeries returns a line chart over days with ticks at UTC midnights,
// labelled like "2 Nov" (or "Nov 2026" over long spans). The Y axis starts
// at zero unless a value is negative. An empty XLabel becomes "Day (UTC)".
// It fails when a series' length differs from Days or on days out of order.
// No days, no series, or only NaN values give a "No data" chart.
func TimeSeries(d TimeSeriesData) (*Chart, error) {
	const kind = "TimeSeries"
	days, err := checkDays(kind, d.Title, d.Days)
	if err != nil {
		return nil, err
	}
	dayName := func(i int) string { return d.Days[i].UTC().Format(time.DateOnly) }
	anyValue, err := checkLines(kind, d.Title, d.Series, len(d.Days), "days", dayName)
	if err != nil {
		return nil, err
	}
	d.Series = cloneSeries(d.Series)
	if d.XLabel == "" {
		d.XLabel = "Day (UTC)"
	}
	c := &Chart{title: d.Title, empty: !anyValue, figures: dayFigures(d.Days, d.Series, nil)}
	if len(d.Series) > 1 {
		for i, s := range d.Series {
			c.legend = append(c.legend, legendEntry{name: s.Name, color: s.colorAt(i), line: true})
		}
	}
	c.build = func(area vg.Rectangle, th *Theme) *plot.Plot { return buildTimeSeries(d, days, area, th) }
	return c, nil
}

func buildTimeSeries(d TimeSeriesData, days []float64, area vg.Rectangle, th *Theme) *plot.Plot {
	format := formatter(d.ValueFormat)
	p := newPlot(d.XLabel, d.YLabel, th)
	scale := scaleLinesY(p, d.Series, 0.05, format)
	first, last := days[0], days[len(days)-1]
	pad := math.Max(0.5, (last-first)*0.01)
	p.X.Min, p.X.Max = first-pad, last+pad
	p.X.Tick.Marker = dayAxisTicker(p, area, format(scale.hi))
	p.Add(grid{theme: th})
	for i, s := range d.Series {
		p.Add(&line{xs: days, ys: s.Values, style: draw.LineStyle{Color: s.colorAt(i), Width: 2}})
	}
	return p
}
