package pagerender

import (
	"bytes"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

func markdownNotebook(sources ...string) *ipynb.Notebook {
	nb := &ipynb.Notebook{NBFormat: 4}
	for _, s := range sources {
		nb.Cells = append(nb.Cells, ipynb.Cell{CellType: "markdown", Source: ipynb.MultilineText(s)})
	}
	return nb
}

func TestTitleAndDescription(t *testing.T) {
	tests := []struct {
		name       string
		nb         *ipynb.Notebook
		title, des string
	}{
		{"title and paragraph", markdownNotebook("# Web API Log\n\nRequests and *errors* of\nthe log.\n\nMore."), "Web API Log", "Requests and errors of the log."},
		{"first markdown cell only", markdownNotebook("no heading here", "# Later"), "", "no heading here"},
		{"level one heading wins", markdownNotebook("## Sub\n\n# Main\n\nText"), "Main", "Text"},
		{"only a lower heading", markdownNotebook("## Sub\n\nText"), "Sub", "Text"},
		{"markup kept as text", markdownNotebook("# A <b>bold</b> `code` title\n\nSee [docs](http://x)."), "A <b>bold</b> code title", "See docs."},
		{"setext heading", markdownNotebook("Title\n=====\n\nDesc"), "Title", "Desc"},
		{"no markdown", &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{{CellType: "code", Source: "x"}}}, "", ""},
		{"nil notebook", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, des := TitleAndDescription(tt.nb)
			if title != tt.title || des != tt.des {
				t.Errorf("TitleAndDescription = %q, %q; want %q, %q", title, des, tt.title, tt.des)
			}
		})
	}
}

func TestFirstImage(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/report.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	mime, data, ok := FirstImage(nb)
	if !ok || mime != "image/png" || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("FirstImage(report) = %q, %d bytes, %v; want the decoded PNG chart", mime, len(data), ok)
	}

	display := func(mime, content string) ipynb.Cell {
		return ipynb.Cell{CellType: "code", Outputs: []ipynb.Output{{OutputType: "display_data", Data: map[string]ipynb.MultilineText{mime: ipynb.MultilineText(content)}}}}
	}
	tests := []struct {
		name  string
		cells []ipynb.Cell
		mime  string
		data  string
		ok    bool
	}{
		{"inline svg from DisplaySVG", []ipynb.Cell{display("text/html", `<div><SVG width="1"><rect/></svg></div>`)}, "image/svg+xml", `<SVG width="1"><rect/></svg>`, true},
		{"svg output", []ipynb.Cell{display("image/svg+xml", `<svg/>`)}, "image/svg+xml", `<svg/>`, true},
		{"png after svg still wins", []ipynb.Cell{display("image/svg+xml", `<svg/>`), display("image/png", "iVBORw0KGgo=")}, "image/png", "\x89PNG\r\n\x1a\n", true},
		{"broken png skipped", []ipynb.Cell{display("image/png", "!!!")}, "", "", false},
		{"html without svg", []ipynb.Cell{display("text/html", `<table></table>`)}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mime, data, ok := FirstImage(&ipynb.Notebook{NBFormat: 4, Cells: tt.cells})
			if mime != tt.mime || string(data) != tt.data || ok != tt.ok {
				t.Errorf("FirstImage = %q, %q, %v; want %q, %q, %v", mime, data, ok, tt.mime, tt.data, tt.ok)
			}
		})
	}
}
