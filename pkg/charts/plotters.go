package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// box is one filled rectangle in data coordinates.
type box struct {
	x0, x1, y0, y1 float64
	color          color.Color
}

// valueLabel is text placed just past the end of a bar: above it for
// vertical bars, right of it for horizontal ones.
type valueLabel struct {
	x, y       float64
	text       string
	horizontal bool
}

// boxes draws rectangles and their value labels.
type boxes struct {
	items  []box
	labels []valueLabel
	theme  *Theme
}

// Plot implements plot.Plotter.
func (b *boxes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range b.items {
		x0, x1, y0, y1 := trX(r.x0), trX(r.x1), trY(r.y0), trY(r.y1)
		pts := c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		if len(pts) > 0 {
			c.FillPolygon(r.color, pts)
		}
	}
	sty := textStyle(valueSize, b.theme.Label, false)
	for _, l := range b.labels {
		pt := vg.Point{X: trX(l.x), Y: trY(l.y)}
		if l.horizontal {
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
			pt.X += 4
		} else {
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
			pt.Y += 3
		}
		c.FillText(sty, pt, l.text)
	}
}

// line draws a polyline in data coordinates; NaN values break it, and a
// point with no neighbour on either side gets a dot so it stays visible.
type line struct {
	xs, ys []float64
	style  draw.LineStyle
}

// Plot implements plot.Plotter.
func (l *line) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var seg []vg.Point
	flush := func() {
		switch {
		case len(seg) == 1 && c.Contains(seg[0]):
			c.DrawGlyph(draw.GlyphStyle{Color: l.style.Color, Radius: l.style.Width * 1.4,
				Shape: draw.CircleGlyph{}}, seg[0])
		case len(seg) > 1:
			c.StrokeLines(l.style, c.ClipLinesXY(seg)...)
		}
		seg = nil
	}
	for i, y := range l.ys {
		if math.IsNaN(y) {
			flush()
			continue
		}
		seg = append(seg, vg.Point{X: trX(l.xs[i]), Y: trY(y)})
	}
	flush()
}

// grid draws light reference lines at the major ticks of one axis.
type grid struct {
	vertical bool // lines at X ticks; otherwise at Y ticks
	theme    *Theme
}

// Plot implements plot.Plotter.
func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: g.theme.Grid, Width: 0.75}
	if g.vertical {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if x := trX(t.Value); !t.IsMinor() && c.ContainsX(x) {
				c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
			}
		}
		return
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if y := trY(t.Value); !t.IsMinor() && c.ContainsY(y) {
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}

// newPlot returns a plot in the house style: Liberation Sans labels, grey
// ticks, no tick marks and a thin grey baseline on X only. Callers set
// ranges, tickers and a grid.
func newPlot(xLabel, yLabel string, th *Theme) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the chart paints its own background
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		label := textStyle(labelSize, th.Label, false)
		label.XAlign, label.YAlign = a.Label.TextStyle.XAlign, a.Label.TextStyle.YAlign
		a.Label.TextStyle = label
		a.Label.Padding = 4
		tick := textStyle(tickSize, th.Tick, false)
		tick.XAlign, tick.YAlign = a.Tick.Label.XAlign, a.Tick.Label.YAlign
		a.Tick.Label = tick
		a.Tick.Length = 4 // drawn transparent: a gap between labels and data
		a.Tick.LineStyle = draw.LineStyle{Color: color.Transparent, Width: 0}
		a.Padding = 0
	}
	p.X.Label.Text = oneLine(xLabel)
	p.Y.Label.Text = oneLine(yLabel)
	p.X.LineStyle = draw.LineStyle{Color: th.Axis, Width: 0.75}
	p.Y.LineStyle = draw.LineStyle{Color: color.Transparent, Width: 0}
	return p
}

// dataWidth estimates the width of the data area of a plot drawn in area:
// the area less room for the Y axis label and tick labels.
func dataWidth(area vg.Rectangle, yTickWidth vg.Length) vg.Length {
	return area.Size().X - yTickWidth - 2*labelSize
}
