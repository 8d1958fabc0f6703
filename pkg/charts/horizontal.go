package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HorizontalBarData is the data of a ranked horizontal bar chart. It has the
// fields of [BarData] (the two convert into each other), with its own docs.
type HorizontalBarData struct {
	Title, XLabel, YLabel string
	// Categories name the bars, top to bottom (rank order). Long names are
	// shortened with an ellipsis.
	Categories []string
	// Values are the bar lengths, finite and not negative.
	Values []float64
	// Labels are printed right of the bars, such as shares ("12.5%"); ""
	// prints none. Nil labels every bar with its value in ValueFormat.
	Labels []string
	// Colors optionally set bar colours, as in [BarData].
	Colors []color.Color
	// ValueFormat formats the X tick labels and default labels; nil gives
	// [Number].
	ValueFormat func(float64) string
}

// HorizontalBar returns a ranked bar chart, such as the top keys by
// requests with their share of all requests. It fails as [Bar] does. No
// categories give a "No data" chart.
func HorizontalBar(d HorizontalBarData) (*Chart, error) {
	// The categories run up the Y axis, so the Y label names them.
	return categoryChart("HorizontalBar", BarData(d), d.YLabel, d.XLabel, buildHorizontalBar)
}

func buildHorizontalBar(d BarData, area vg.Rectangle, th *Theme) *plot.Plot {
	format := formatter(d.ValueFormat)
	p := newPlot(d.XLabel, d.YLabel, th)
	p.X.LineStyle = draw.LineStyle{Color: color.Transparent, Width: 0}
	p.Y.LineStyle = draw.LineStyle{Color: th.Axis, Width: 0.75}
	n := len(d.Categories)

	labels := make([]string, n)
	valueSty := textStyle(valueSize, th.Label, false)
	var widestLabel vg.Length
	for i, v := range d.Values {
		labels[i] = barLabel(d, i, v, format)
		widestLabel = max(widestLabel, valueSty.Width(labels[i]))
	}

	ticks := make(plot.ConstantTicks, n)
	var widestName vg.Length
	for i, name := range d.Categories {
		// The first category is at the top.
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: fitText(p.Y.Tick.Label, oneLine(name), area.Size().X*0.3)}
		widestName = max(widestName, p.Y.Tick.Label.Width(ticks[i].Label))
	}
	p.Y.Tick.Marker = ticks
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5

	// Leave room right of the longest bar for its label: the label takes
	// (width+gap)/dataWidth of the axis.
	top := maxOf(d.Values)
	w := dataWidth(area, widestName)
	room := float64((widestLabel + 10) / w)
	scale := scaleFor(0, top, 0, wholeNumbers(d.Values))
	if room < 0.8 && top > 0 {
		needed := top / (1 - room)
		if needed > scale.hi {
			scale = valueScale{lo: scale.lo, hi: needed, step: scale.step}
		}
	}
	p.X.Min, p.X.Max = scale.lo, scale.hi
	p.X.Tick.Marker = scale.ticker(format)

	const height = 0.66
	bars := &boxes{theme: th}
	for i, v := range d.Values {
		y := float64(n - 1 - i)
		bars.items = append(bars.items, box{x0: 0, x1: v, y0: y - height/2, y1: y + height/2,
			color: categoryColor(i, d.Categories[i], d.Colors)})
		if labels[i] != "" {
			bars.labels = append(bars.labels, valueLabel{x: v, y: y, text: labels[i], horizontal: true})
		}
	}
	p.Add(grid{vertical: true, theme: th}, bars)
	return p
}
