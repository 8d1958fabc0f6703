package charts

import (
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// BarData is the data of a vertical bar chart of categories. It has the
// fields of [HorizontalBarData] (the two convert into each other), with its
// own docs.
type BarData struct {
	Title, XLabel, YLabel string
	// Categories name the bars, left to right.
	Categories []string
	// Values are the bar heights, one per category, finite and not negative.
	Values []float64
	// Labels are printed above the bars, one per category ("" prints
	// none). Nil labels every bar but the empty ones with its value in
	// ValueFormat.
	Labels []string
	// Colors optionally set bar colours; a nil entry, or a missing one, gives
	// the category's role colour ("Success", "Failure", see [RoleColor]) or
	// else the first palette colour.
	Colors []color.Color
	// ValueFormat formats the Y tick labels and default bar labels; nil
	// gives [Number]. Use [Percent] for values in percent.
	ValueFormat func(float64) string
}

// Bar returns a vertical bar chart, such as successful against failed
// requests with "87.1%" over each bar. It fails when Values or Labels do not
// match Categories in length, or on a NaN, infinite or negative value. No
// categories give a "No data" chart.
func Bar(d BarData) (*Chart, error) {
	return categoryChart("Bar", d, d.XLabel, d.YLabel, buildBar)
}

// categoryChart checks and copies the data of a bar chart of categories (fn
// names the entry point in errors) and returns the chart build draws;
// catAxis and valueAxis name the category and value axes in its figures.
func categoryChart(fn string, d BarData, catAxis, valueAxis string, build func(BarData, vg.Rectangle, *Theme) *plot.Plot) (*Chart, error) {
	if err := checkCategories(fn, d.Title, d.Categories, d.Values, d.Labels); err != nil {
		return nil, err
	}
	d.Categories, d.Values, d.Labels = slices.Clone(d.Categories), slices.Clone(d.Values), slices.Clone(d.Labels)
	d.Colors = slices.Clone(d.Colors)
	c := &Chart{title: d.Title, empty: len(d.Categories) == 0, figures: categoryFigures(catAxis, valueAxis, d.Categories, d.Values)}
	c.build = func(area vg.Rectangle, th *Theme) *plot.Plot { return build(d, area, th) }
	return c, nil
}

// barLabel is the text by bar i of value v: the caller's label, or else the
// value in format, none for an empty bar (it needs no "0" by it).
func barLabel(d BarData, i int, v float64, format func(float64) string) string {
	if d.Labels != nil {
		return oneLine(d.Labels[i])
	}
	if v == 0 {
		return ""
	}
	return format(v)
}

func buildBar(d BarData, area vg.Rectangle, th *Theme) *plot.Plot {
	format := formatter(d.ValueFormat)
	p := newPlot(d.XLabel, d.YLabel, th)
	n := len(d.Categories)
	scale := scaleFor(0, maxOf(d.Values), 0.12, wholeNumbers(d.Values))
	p.Y.Min, p.Y.Max = scale.lo, scale.hi
	p.Y.Tick.Marker = scale.ticker(format)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5

	slot := dataWidth(area, p.Y.Tick.Label.Width(format(scale.hi))) / vg.Length(n)
	ticks := make(plot.ConstantTicks, n)
	for i, name := range d.Categories {
		ticks[i] = plot.Tick{Value: float64(i), Label: fitText(p.X.Tick.Label, oneLine(name), slot*0.95)}
	}
	p.X.Tick.Marker = ticks

	const width = 0.64
	bars := &boxes{theme: th}
	for i, v := range d.Values {
		x := float64(i)
		bars.items = append(bars.items, box{x0: x - width/2, x1: x + width/2, y0: 0, y1: v,
			color: categoryColor(i, d.Categories[i], d.Colors)})
		if label := barLabel(d, i, v, format); label != "" {
			bars.labels = append(bars.labels, valueLabel{x: x, y: v, text: label})
		}
	}
	p.Add(grid{theme: th}, bars)
	return p
}
