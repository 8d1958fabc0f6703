package pagerender

import (
	"encoding/base64"
	"strings"

	"github.com/lensbook/lensbook/pkg/ipynb"
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
