package display

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/lensbook/lensbook/pkg/charts"
)

// ChartMIME is the MIME type of the output [Chart] sends for report pages:
// a JSON document ([ChartBundle]) holding the chart as SVG in a light and a
// dark theme, each at a wide and a narrow size. lensbook's page renderer
// shows it as a <picture> whose sources the reader's browser picks by
// screen width and prefers-color-scheme; Jupyter, which does not know the
// type, shows the image/svg+xml sent beside it. The name does not end in
// "+json", so that notebooks store the document as a string.
const ChartMIME = "application/vnd.lensbook.chart.v1"

// Sizes of the chart renderings, in CSS pixels. The wide one fills the text
// column of a desktop page (up to 848 px) at a scale near 1; the narrow one,
// taller than wide charts, fills a phone's column (about 342 px at 390 px),
// so that 11 pt chart text stays above 12 CSS px on both.
const (
	WideWidth, WideHeight     = 800, 450
	NarrowWidth, NarrowHeight = 400, 340
)

// Media queries of the renderings: a page shows the first that matches,
// else the wide light one. Dark renderings are for screens only: paper is
// light.
const (
	MediaNarrowDark = "screen and (prefers-color-scheme: dark) and (max-width: 36rem)"
	MediaNarrow     = "(max-width: 36rem)"
	MediaWideDark   = "screen and (prefers-color-scheme: dark)"
)

// ChartBundle is the JSON document of a [ChartMIME] output.
type ChartBundle struct {
	// Alt is the plain-text alternative of the chart: its title.
	Alt string `json:"alt"`
	// Images are the renderings in the order a page tries them; the last
	// has no Media and is the default.
	Images []ChartImage `json:"images"`
}

// ChartImage is one rendering of a chart.
type ChartImage struct {
	Media  string `json:"media,omitempty"` // CSS media query; "" for the default
	Theme  string `json:"theme"`           // "light" or "dark"
	Width  int    `json:"width"`           // CSS pixels
	Height int    `json:"height"`
	SVG    string `json:"svg"` // a standalone SVG document
}

// Chart shows c inline: as a [ChartMIME] bundle of SVG renderings (light and
// dark, wide and narrow) for lensbook's pages, as SVG (light, wide) for
// Jupyter, with the chart's title as the plain-text alternative and its
// figures ([charts.Chart.Figures]) as [DataMIME], titled by the chart's
// title. It then waits for GoNB to pass it on. Chart's own Width and Theme
// are not used: the renderings have the sizes above, made taller in
// proportion when c.Height is above charts.DefaultHeight. It fails when c
// is nil or cannot be rendered. The same chart gives the same bytes.
func Chart(c *charts.Chart) error {
	if c == nil {
		return errors.New("display: Chart: nil chart")
	}
	cols, rows := c.Figures()
	return chart(c, Data{Title: or(c.Title(), "chart"), Columns: cols, Rows: rows})
}

// chart sends c with the figures d.
func chart(c *charts.Chart, d Data) error {
	bundle, err := NewChartBundle(c)
	if err != nil {
		return fmt.Errorf("display: Chart: %w", err)
	}
	doc, err := json.Marshal(bundle)
	if err != nil {
		return fmt.Errorf("display: Chart: %w", err)
	}
	alt := c.Title()
	if alt == "" {
		alt = "chart"
	}
	return send("chart "+quote(c.Title()), map[protocol.MIMEType]any{
		ChartMIME:              string(doc),
		protocol.MIMEImageSVG:  bundle.Images[len(bundle.Images)-1].SVG,
		protocol.MIMETextPlain: "Chart: " + alt,
		DataMIME:               d.text(),
	})
}

// NewChartBundle renders c in the four renderings [Chart] sends.
func NewChartBundle(c *charts.Chart) (ChartBundle, error) {
	variants := []struct {
		media string
		theme *charts.Theme
		w, h  int
	}{
		{MediaNarrowDark, &charts.DarkTheme, NarrowWidth, NarrowHeight},
		{MediaNarrow, &charts.LightTheme, NarrowWidth, NarrowHeight},
		{MediaWideDark, &charts.DarkTheme, WideWidth, WideHeight},
		{"", &charts.LightTheme, WideWidth, WideHeight},
	}
	b := ChartBundle{Alt: c.Title()}
	for _, v := range variants {
		cc := *c
		h := v.h
		if c.Height > charts.DefaultHeight {
			h = v.h * c.Height / charts.DefaultHeight
		}
		cc.Width, cc.Height, cc.Theme, cc.EmbedFonts = v.w, h, v.theme, false
		var svg bytes.Buffer
		if err := cc.SVG(&svg); err != nil {
			return ChartBundle{}, err
		}
		b.Images = append(b.Images, ChartImage{Media: v.media, Theme: v.theme.Name, Width: v.w, Height: h,
			SVG: svgFragment(svg.String())})
	}
	return b, nil
}

// ChartSVG shows c inline as SVG. Like gonbui.DisplaySVG it sends the SVG
// as HTML (text/html), which survives Jupyter's HTML export; the SVG keeps
// its text as text, so it is sharp at any zoom. Report pages show it in
// one theme only; prefer [Chart]. Like Chart, it sends the chart's figures
// as [DataMIME].
func ChartSVG(c *charts.Chart) error {
	if c == nil {
		return errors.New("display: ChartSVG: nil chart")
	}
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		return fmt.Errorf("display: ChartSVG: %w", err)
	}
	cols, rows := c.Figures()
	return send("SVG chart "+quote(c.Title()), map[protocol.MIMEType]any{
		protocol.MIMETextHTML: "<div>" + svgFragment(svg.String()) + "</div>",
		DataMIME:              Data{Title: or(c.Title(), "chart"), Columns: cols, Rows: rows}.text(),
	})
}

// svgFragment drops the XML declaration, which has no place inside HTML.
func svgFragment(svg string) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		return svg[i:]
	}
	return svg
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
