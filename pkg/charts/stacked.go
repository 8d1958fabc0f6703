package charts

import (
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// StackedBarData is the data of a chart of one stacked bar per day.
type StackedBarData struct {
	Title, XLabel, YLabel string
	// Days are the bars' days, strictly increasing; each is read as its
	// UTC calendar day. Missing days leave gaps.
	Days []time.Time
	// Series are stacked bottom to top in order, one value per day, finite
	// and not negative. Series named after a role ("Success", "Failure")
	// get its colour.
	Series []Series
	// Overlay, if set, is drawn as a line over the bars, such as a 7-day
	// average; NaN values leave gaps.
	Overlay *Series
	// ValueFormat formats the Y tick labels; nil gives [Number].
	ValueFormat func(float64) string
}

// StackedBar returns a chart of per-day stacks, such as successful and
// failed requests per day with a 7-day average line. An empty XLabel becomes
// "Day (UTC)". It fails when a series' length differs from Days, on days out
// of order, or on NaN, infinite or negative stack values. No days give a
// "No data" chart.
func StackedBar(d StackedBarData) (*Chart, error) {
	const kind = "StackedBar"
	days, err := checkDays(kind, d.Title, d.Days)
	if err != nil {
		return nil, err
	}
	dayName := func(i int) string { return d.Days[i].UTC().Format(time.DateOnly) }
	for _, s := range d.Series {
		if err := checkLen(kind, d.Title, "values in series "+quote(s.Name), len(s.Values), len(d.Days), "days"); err != nil {
			return nil, err
		}
		if err := checkValues(kind, d.Title, s.Name, s.Values, dayName, false, false); err != nil {
			return nil, err
		}
	}
	if d.Overlay != nil {
		if err := checkLen(kind, d.Title, "values in overlay "+quote(d.Overlay.Name), len(d.Overlay.Values), len(d.Days), "days"); err != nil {
			return nil, err
		}
		if err := checkValues(kind, d.Title, d.Overlay.Name, d.Overlay.Values, dayName, true, true); err != nil {
			return nil, err
		}
		o := cloneSeries([]Series{*d.Overlay})[0]
		d.Overlay = &o
	}
	d.Series = cloneSeries(d.Series)
	if d.XLabel == "" {
		d.XLabel = "Day (UTC)"
	}
	c := &Chart{title: d.Title, empty: len(days) == 0 || len(d.Series) == 0, figures: dayFigures(d.Days, d.Series, d.Overlay)}
	for i, s := range d.Series {
		c.legend = append(c.legend, legendEntry{name: s.Name, color: s.colorAt(i)})
	}
	if d.Overlay != nil {
		c.legend = append(c.legend, legendEntry{name: d.Overlay.Name, color: d.Overlay.Color, line: true})
	}
	c.build = func(area vg.Rectangle, th *Theme) *plot.Plot { return buildStackedBar(d, days, area, th) }
	return c, nil
}

// overlayColor is the overlay line's colour: explicit, or the theme's
// title colour (near-black on light, near-white on dark).
func overlayColor(s Series, th *Theme) color.Color {
	if s.Color != nil {
		return s.Color
	}
	return th.Title
}

func buildStackedBar(d StackedBarData, days []float64, area vg.Rectangle, th *Theme) *plot.Plot {
	format := formatter(d.ValueFormat)
	p := newPlot(d.XLabel, d.YLabel, th)
	totals := make([]float64, len(days))
	bars := &boxes{theme: th}
	const width = 0.8
	for i, s := range d.Series {
		clr := s.colorAt(i)
		for j, v := range s.Values {
			if v > 0 {
				bars.items = append(bars.items, box{x0: days[j] - width/2, x1: days[j] + width/2,
					y0: totals[j], y1: totals[j] + v, color: clr})
			}
			totals[j] += v
		}
	}
	top, all := maxOf(totals), [][]float64{totals}
	if d.Overlay != nil {
		top = math.Max(top, maxOf(d.Overlay.Values))
		all = append(all, d.Overlay.Values)
	}
	scale := scaleFor(math.Min(0, minOfSeries(d.Overlay)), top, 0.05, wholeNumbers(all...))
	p.Y.Min, p.Y.Max = scale.lo, scale.hi
	p.Y.Tick.Marker = scale.ticker(format)
	p.X.Min, p.X.Max = days[0]-0.5, days[len(days)-1]+0.5
	p.X.Tick.Marker = dayAxisTicker(p, area, format(scale.hi))
	p.Add(grid{theme: th}, bars)
	if d.Overlay != nil {
		p.Add(&line{xs: days, ys: d.Overlay.Values, style: draw.LineStyle{Color: overlayColor(*d.Overlay, th), Width: 2}})
	}
	return p
}

func minOfSeries(s *Series) float64 {
	if s == nil {
		return 0
	}
	return minOf(s.Values)
}

// dayAxisTicker returns the day ticker for p's X axis, whose range is set:
// as many "2 Nov" labels as fit with room between them, none whose label
// would run past the ends of the axis.
func dayAxisTicker(p *plot.Plot, area vg.Rectangle, widestY string) plot.Ticker {
	w := dataWidth(area, p.Y.Tick.Label.Width(widestY))
	labelW := p.X.Tick.Label.Width("Nov 2026")
	perDay := float64(w) / (p.X.Max - p.X.Min)
	edge := (float64(labelW)/2 - 4) / perDay
	return dayTicker(int(w/(p.X.Tick.Label.Width("Sep 30")+22)), edge)
}
