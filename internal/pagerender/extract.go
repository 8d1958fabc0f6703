package pagerender

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/yuin/goldmark/ast"
)

// TitleAndDescription reads the notebook's title and description from its
// first markdown cell: the text of its first level-1 heading ("# Title"),
// or of its first heading of any level, and the plain text of the first
// paragraph after that heading. Either is empty when absent.
func TitleAndDescription(nb *ipynb.Notebook) (title, description string) {
	if nb == nil {
		return "", ""
	}
	for _, cell := range nb.Cells {
		if cell.CellType != "markdown" {
			continue
		}
		doc := parseMarkdown(string(cell.Source), newHeadingIDs())
		var heading *ast.Heading
		for n := doc.root.FirstChild(); n != nil; n = n.NextSibling() {
			if h, ok := n.(*ast.Heading); ok && (heading == nil || h.Level == 1 && heading.Level != 1) {
				heading = h
				if h.Level == 1 {
					break
				}
			}
		}
		start := doc.root.FirstChild()
		if heading != nil {
			title = plainText(heading, doc.source)
			start = heading.NextSibling()
		}
		for n := start; n != nil; n = n.NextSibling() {
			if p, ok := n.(*ast.Paragraph); ok {
				description = plainText(p, doc.source)
				break
			}
		}
		return title, description
	}
	return "", ""
}

// FirstImage finds a picture for a thumbnail: the first image/png output of
// the notebook, decoded from base64, or else the first SVG: an
// image/svg+xml output or an inline <svg> in a text/html output (what GoNB's
// DisplaySVG emits). mime is "image/png" or "image/svg+xml"; SVG data is
// returned as found, unsanitized: show it only as an image (gallery.Entry's
// Thumbnail accepts it), never embed it as markup.
func FirstImage(nb *ipynb.Notebook) (mime string, data []byte, ok bool) {
	if nb == nil {
		return "", nil, false
	}
	var firstSVG []byte
	for _, cell := range nb.Cells {
		for _, out := range cell.Outputs {
			if png, found := out.Data["image/png"]; found {
				clean := strings.Join(strings.Fields(string(png)), "")
				if decoded, err := base64.StdEncoding.DecodeString(clean); err == nil && len(decoded) > 0 {
					return "image/png", decoded, true
				}
			}
			if firstSVG != nil {
				continue
			}
			if svg, found := out.Data["image/svg+xml"]; found && strings.TrimSpace(string(svg)) != "" {
				firstSVG = []byte(svg)
			} else if h, found := out.Data["text/html"]; found {
				firstSVG = inlineSVG(string(h))
			}
		}
	}
	if firstSVG != nil {
		return "image/svg+xml", firstSVG, true
	}
	return "", nil, false
}

// inlineSVG cuts the first <svg>...</svg> element out of an HTML fragment.
func inlineSVG(fragment string) []byte {
	lower := asciiLower(fragment)
	start := strings.Index(lower, "<svg")
	if start < 0 {
		return nil
	}
	end := strings.LastIndex(lower, "</svg>")
	if end < start {
		return nil
	}
	return []byte(fragment[start : end+len("</svg>")])
}

// FirstChart finds the first chart of the notebook sent by pkg/display's
// Chart and returns its wide renderings: light (the default) and dark (the
// one for screens in dark mode), as SVG documents found in the notebook,
// unsanitized: show them only as images. ok is false when the notebook has
// no such chart; dark is nil when the chart has no dark rendering.
func FirstChart(nb *ipynb.Notebook) (light, dark []byte, ok bool) {
	if nb == nil {
		return nil, nil, false
	}
	for _, cell := range nb.Cells {
		for _, out := range cell.Outputs {
			doc, found := out.Data[chartMIME]
			if !found {
				continue
			}
			var b chartBundle
			if json.Unmarshal([]byte(doc), &b) != nil || len(b.Images) == 0 {
				continue
			}
			light = []byte(b.Images[len(b.Images)-1].SVG)
			for _, img := range b.Images {
				if img.Media == "screen and (prefers-color-scheme: dark)" {
					dark = []byte(img.SVG)
				}
			}
			return light, dark, true
		}
	}
	return nil, nil, false
}

// FirstHeadline returns the text of the notebook's first headline figure
// (pkg/display's Headline), such as "12.3% of requests failed", or "".
func FirstHeadline(nb *ipynb.Notebook) string {
	if nb == nil {
		return ""
	}
	for _, cell := range nb.Cells {
		for _, out := range cell.Outputs {
			if h, found := out.Data[headlineMIME]; found {
				if text := oneLineText(string(h)); text != "" {
					return text
				}
			}
		}
	}
	return ""
}

// asciiLower lowers ASCII letters only, so that byte offsets stay valid.
func asciiLower(t string) string {
	b := []byte(t)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
