package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart is a chart ready to render. Build one with [Bar], [StackedBar],
// [HorizontalBar] or [TimeSeries]; set Width, Height or EmbedFonts before
// rendering if the defaults do not suit. Each render lays the chart out
// afresh for its size, so one Chart can be rendered many times.
type Chart struct {
	// Width and Height are the size in pixels at [DPI]; zero gives
	// [DefaultWidth] and [DefaultHeight].
	Width, Height int

	// EmbedFonts embeds the Liberation Sans regular and bold font files in
	// SVG output (about 1.1 MB more). Either way the SVG names Liberation
	// Sans with Arial, Helvetica and sans-serif as fallbacks; Arial has the
	// same metrics, so the layout holds on machines without Liberation.
	EmbedFonts bool

	// Theme paints the background, text, grid and axis; nil is
	// [LightTheme]. [DarkTheme] suits a page in dark mode.
	Theme *Theme

	title  string
	legend []legendEntry
	// empty charts draw "No data" instead of a plot.
	empty bool
	// figures are the numbers drawn; see Figures.
	figures figures
	// build returns the configured plot for a data area of the given size.
	build func(area vg.Rectangle, th *Theme) *plot.Plot
}

// theme returns the chart's theme, LightTheme by default.
func (c *Chart) theme() *Theme {
	if c.Theme == nil {
		return &LightTheme
	}
	return c.Theme
}

// legendEntry is one item of the legend row under the title.
type legendEntry struct {
	name  string
	color color.Color
	line  bool // a line swatch instead of a box
}

// Title returns the chart's title, for captions and alternative text.
func (c *Chart) Title() string { return c.title }

// size returns the canvas size in points.
func (c *Chart) size() (w, h vg.Length, err error) {
	wp, hp := c.Width, c.Height
	if wp == 0 {
		wp = DefaultWidth
	}
	if hp == 0 {
		hp = DefaultHeight
	}
	if wp < 0 || hp < 0 {
		return 0, 0, fmt.Errorf("charts: %q: size %dx%d px is negative", c.title, c.Width, c.Height)
	}
	if wp < 200 || hp < 120 {
		return 0, 0, fmt.Errorf("charts: %q: size %dx%d px is below the 200x120 px minimum", c.title, wp, hp)
	}
	px := vg.Inch / DPI
	return vg.Length(wp) * px, vg.Length(hp) * px, nil
}

// PNG writes the chart as a PNG image of Width×Height pixels.
func (c *Chart) PNG(w io.Writer) error {
	wd, ht, err := c.size()
	if err != nil {
		return err
	}
	cv := vgimg.NewWith(vgimg.UseWH(wd, ht), vgimg.UseDPI(DPI))
	if err := c.draw(draw.New(cv)); err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(w); err != nil {
		return fmt.Errorf("charts: writing PNG of %q: %w", c.title, err)
	}
	return nil
}

// fontFallback follows the font name in SVG output when fonts are not
// embedded.
const fontFallback = ",Arial,Helvetica,sans-serif"

// SVG writes the chart as a standalone SVG document that needs no network:
// text stays text, in Liberation Sans (embedded when EmbedFonts is set).
func (c *Chart) SVG(w io.Writer) error {
	wd, ht, err := c.size()
	if err != nil {
		return err
	}
	cv := vgsvg.NewWith(vgsvg.UseWH(wd, ht), vgsvg.EmbedFonts(c.EmbedFonts))
	if err := c.draw(draw.New(cv)); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return fmt.Errorf("charts: encoding SVG of %q: %w", c.title, err)
	}
	// The fallbacks also serve embedded fonts when a sanitiser drops the
	// SVG's <style> element.
	out := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans"+fontFallback+";"))
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("charts: writing SVG of %q: %w", c.title, err)
	}
	return nil
}

// draw paints the whole chart: background, title, legend, then the plot or
// "No data". gonum/plot panics on some impossible layouts; such a panic is
// returned as an error naming the chart.
func (c *Chart) draw(dc draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("charts: drawing %q: %v", c.title, r)
		}
	}()
	th := c.theme()
	dc.SetColor(th.Background)
	dc.Fill(dc.Rectangle.Path())
	area := draw.Crop(dc, margin, -margin, margin*0.75, -margin)

	if c.title != "" {
		sty := textStyle(titleSize, th.Title, true)
		sty.YAlign = draw.YTop
		title := fitText(sty, oneLine(c.title), area.Size().X)
		dc.FillText(sty, vg.Point{X: area.Min.X, Y: area.Max.Y}, title)
		area.Max.Y -= sty.Height(title) + 10
	}
	if len(c.legend) > 0 {
		area.Max.Y -= drawLegend(dc, area, c.legend, th) + 8
	}
	if c.empty {
		sty := textStyle(16, th.Muted, false)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
		dc.FillText(sty, area.Center(), "No data")
		return nil
	}
	c.build(area.Rectangle, th).Draw(area)
	return nil
}

// drawLegend draws the legend entries in rows from the top left of area and
// returns the height used.
func drawLegend(dc draw.Canvas, area draw.Canvas, entries []legendEntry, th *Theme) vg.Length {
	sty := textStyle(legendSize, th.Label, false)
	sty.YAlign = draw.YCenter
	const swatch, gap, spacing = vg.Length(10), vg.Length(5), vg.Length(16)
	rowH := sty.Height("Hg") + 4
	x, y := area.Min.X, area.Max.Y-rowH/2
	used := rowH
	for _, e := range entries {
		if e.color == nil {
			e.color = th.Title // the overlay line's default colour
		}
		name := fitText(sty, oneLine(e.name), area.Size().X/2)
		w := swatch + gap + sty.Width(name)
		if x > area.Min.X && x+w > area.Max.X {
			x, y = area.Min.X, y-rowH
			used += rowH
		}
		if e.line {
			dc.StrokeLine2(draw.LineStyle{Color: e.color, Width: 2}, x, y, x+swatch+4, y)
			x += 4
		} else {
			dc.FillPolygon(e.color, []vg.Point{{X: x, Y: y - swatch/2}, {X: x + swatch, Y: y - swatch/2},
				{X: x + swatch, Y: y + swatch/2}, {X: x, Y: y + swatch/2}})
		}
		dc.FillText(sty, vg.Point{X: x + swatch + gap, Y: y}, name)
		x += w + spacing
	}
	return used
}

// oneLine replaces line breaks and other control characters with spaces, so
// that a label stays on its line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// fitText shortens s with a trailing ellipsis until it fits in max. Text
// width grows with the number of runes kept, so a binary search finds the
// longest prefix that fits.
func fitText(sty text.Style, s string, max vg.Length) string {
	if sty.Width(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(runes[:n]), " ") + "…" }
	lo, hi := 0, len(runes)-1 // cut(lo) is taken to fit; find the largest n that fits
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if sty.Width(cut(mid)) <= max {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cut(lo)
}
