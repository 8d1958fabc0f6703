package display

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/lensbook/lensbook/pkg/charts"
)

// Chart shows c inline as a PNG image, with the chart's title as the
// plain-text alternative, then waits for GoNB to pass it on. It fails when
// c is nil or cannot be rendered.
func Chart(c *charts.Chart) error {
	if c == nil {
		return errors.New("display: Chart: nil chart")
	}
	var png bytes.Buffer
	if err := c.PNG(&png); err != nil {
		return fmt.Errorf("display: Chart: %w", err)
	}
	return send("chart "+quote(c.Title()), map[protocol.MIMEType]any{
		protocol.MIMEImagePNG:  png.Bytes(),
		protocol.MIMETextPlain: "Chart: " + c.Title(),
	})
}

// ChartSVG shows c inline as SVG. Like gonbui.DisplaySVG it sends the SVG
// as HTML (text/html), which survives Jupyter's HTML export; the SVG keeps
// its text as text, so it is sharp at any zoom.
func ChartSVG(c *charts.Chart) error {
	if c == nil {
		return errors.New("display: ChartSVG: nil chart")
	}
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		return fmt.Errorf("display: ChartSVG: %w", err)
	}
	return send("SVG chart "+quote(c.Title()), map[protocol.MIMEType]any{
		protocol.MIMETextHTML: "<div>" + svgFragment(svg.String()) + "</div>",
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
