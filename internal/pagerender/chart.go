package pagerender

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"strings"
)

// chartMIME is the output of pkg/display's Chart (display.ChartMIME): a
// JSON document with SVG renderings of one chart for light and dark
// screens, wide and narrow.
const chartMIME = "application/vnd.lensbook.chart.v1"

// headlineMIME is the output of pkg/display's Headline
// (display.HeadlineMIME): one line of text stating a report's figure.
const headlineMIME = "application/vnd.lensbook.headline.v1"

// chartBundle is the document of a chartMIME output.
type chartBundle struct {
	Alt    string `json:"alt"`
	Images []struct {
		Media  string `json:"media"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
		SVG    string `json:"svg"`
	} `json:"images"`
}

// untitledChart is the alternative text of a chart without a title, until
// Render names it after the heading above it.
const untitledChart = "Chart"

// chartSource is one <source> of a chart's <picture>.
type chartSource struct {
	Media  string
	Srcset template.Srcset // one SVG data: URI: base64, so no comma-space or quote
}

// chartView checks a chart bundle and makes the view of its <picture>: each
// rendering becomes an SVG data: URI, which an <img> shows without running
// any script it might hold. A bundle without renderings, a rendering that
// is no SVG document, or a media query with characters outside those of
// plain media queries is refused.
func chartView(doc string) (outputView, error) {
	var b chartBundle
	if err := json.Unmarshal([]byte(doc), &b); err != nil {
		return outputView{}, fmt.Errorf("chart output is not valid: %w", err)
	}
	if len(b.Images) == 0 {
		return outputView{}, errors.New("chart output has no image")
	}
	v := outputView{Kind: "chart", Alt: oneLineText(b.Alt)}
	if v.Alt == "" {
		v.Alt = untitledChart
	}
	for i, img := range b.Images {
		svg := strings.TrimSpace(img.SVG)
		if !strings.HasPrefix(svg, "<svg") && !strings.HasPrefix(svg, "<?xml") {
			return outputView{}, fmt.Errorf("chart output image %d is not an SVG document", i+1)
		}
		uri := template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg)))
		last := i == len(b.Images)-1
		if last {
			v.Image, v.Width, v.Height = uri, max(0, img.Width), max(0, img.Height)
			break
		}
		if img.Media == "" || strings.Trim(img.Media, "abcdefghijklmnopqrstuvwxyz0123456789 ():-.,") != "" {
			return outputView{}, fmt.Errorf("chart output image %d: media query %q is not allowed", i+1, img.Media)
		}
		v.Sources = append(v.Sources, chartSource{Media: img.Media, Srcset: template.Srcset(uri)})
	}
	return v, nil
}

// oneLineText trims s and turns its line breaks into spaces.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
