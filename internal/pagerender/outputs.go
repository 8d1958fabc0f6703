package pagerender

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// MIME types of display outputs, in the order of preference: a raster image
// beats everything (GoNB charts), markup beats plain text.
var mimePreference = []string{
	chartMIME,
	headlineMIME,
	"image/png",
	"image/jpeg",
	"image/svg+xml",
	"text/html",
	"text/markdown",
	"text/plain",
}

// outputView is one output as the page template shows it. Exactly one of the
// fields other than Kind is set.
type outputView struct {
	Kind  string       // "chart", "headline", "image", "html", "markdown", "text", "stream", "error", "note"
	Class string       // extra CSS class, e.g. "output-stderr"
	Image template.URL // data: URI, checked by imageURI
	Alt   string
	// Sources are a chart's renderings other than the default (Image),
	// Width and Height the default's size in CSS pixels.
	Sources       []chartSource
	Width, Height int
	HTML          template.HTML // produced by sanitizeHTML, ansiToHTML or markdown
	Text          string
	EName         string
	EValue        string
	// Figures are a chart's or image's figures from the data channel
	// (dataMIME), shown folded under it; FiguresNote says why they are
	// not shown when the channel is not readable.
	Figures     *figuresView
	FiguresNote string
}

// renderOutputs turns a code cell's outputs into views: the cell's streams
// first, then its displays and results, then its errors, each kind in the
// order the kernel gave it. GoNB forwards a cell's stdout and its displays
// through two pipes, so the order between them in an executed notebook
// varies from run to run; putting streams first makes the same run give the
// same page.
func renderOutputs(outputs []ipynb.Output, cellNumber int, ids *headingIDs) ([]outputView, error) {
	rank := func(o ipynb.Output) int {
		switch o.OutputType {
		case "stream":
			return 0
		case "error":
			return 2
		}
		return 1
	}
	order := make([]int, len(outputs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rank(outputs[a]) - rank(outputs[b]) })
	var views []outputView
	for _, i := range order {
		out := outputs[i]
		v, err := renderOutput(out, cellNumber, ids)
		if err != nil {
			return nil, fmt.Errorf("cell %d output %d: %w", cellNumber, i+1, err)
		}
		if v.isBlank() {
			continue
		}
		// Adjacent chunks of the same stream read as one block, as in Jupyter.
		if n := len(views); n > 0 && v.Kind == "stream" && views[n-1].Kind == "stream" && views[n-1].Class == v.Class {
			views[n-1].HTML += v.HTML
			continue
		}
		views = append(views, v)
	}
	return views, nil
}

// isBlank reports whether the output shows nothing, such as the empty HTML
// that GoNB's UpdateHTML(id, "") leaves to erase a transient display, or an
// empty stream.
func (v outputView) isBlank() bool {
	switch v.Kind {
	case "html", "markdown", "text", "stream":
		return strings.TrimSpace(string(v.HTML)) == ""
	case "headline":
		return v.Text == ""
	case "none":
		return true
	}
	return false
}

func renderOutput(out ipynb.Output, cellNumber int, ids *headingIDs) (outputView, error) {
	switch out.OutputType {
	case "stream":
		class := "output-stdout"
		if out.Name == "stderr" {
			class = "output-stderr"
		}
		return outputView{Kind: "stream", Class: class, HTML: template.HTML(ansiToHTML(string(out.Text)))}, nil
	case "error":
		trace := strings.Join(out.Traceback, "\n")
		return outputView{Kind: "error", EName: stripANSI(out.EName), EValue: stripANSI(out.EValue), HTML: template.HTML(ansiToHTML(trace))}, nil
	case "display_data", "execute_result":
		return renderDisplay(out.Data, cellNumber, ids)
	default:
		return outputView{Kind: "note", Text: fmt.Sprintf("output type %q is not shown", out.OutputType)}, nil
	}
}

// renderDisplay picks the preferred MIME type of a display output. A chart
// (a chart bundle, an image, or HTML holding an inline SVG as
// display.ChartSVG sends) with figures in the data channel (dataMIME) shows
// them folded under it; any other rendering (a table, a headline) shows only
// itself, and an output with nothing but the data channel shows nothing.
func renderDisplay(data map[string]ipynb.MultilineText, cellNumber int, ids *headingIDs) (outputView, error) {
	v, err := pickDisplay(data, cellNumber, ids)
	if err != nil {
		return v, err
	}
	doc, ok := data[dataMIME]
	switch {
	case !ok:
	case v.Kind == "chart" || v.Kind == "image" || v.Kind == "html" && strings.Contains(string(v.HTML), "<svg"):
		f, err := figures(string(doc))
		if err != nil {
			v.FiguresNote = err.Error()
		}
		v.Figures = f
	case v.Kind == "note" && len(data) == 1:
		return outputView{Kind: "none"}, nil
	}
	return v, nil
}

// pickDisplay renders the preferred MIME type of a display output.
func pickDisplay(data map[string]ipynb.MultilineText, cellNumber int, ids *headingIDs) (outputView, error) {
	alt := fmt.Sprintf("Output of cell %d", cellNumber)
	if plain, ok := data["text/plain"]; ok && strings.TrimSpace(string(plain)) != "" && len(plain) < 200 {
		alt = strings.TrimSpace(string(plain))
	}
	for _, mime := range mimePreference {
		content, ok := data[mime]
		if !ok {
			continue
		}
		switch mime {
		case chartMIME:
			v, err := chartView(string(content))
			if err != nil {
				return outputView{Kind: "note", Text: err.Error()}, nil
			}
			return v, nil
		case headlineMIME:
			return outputView{Kind: "headline", Text: oneLineText(string(content))}, nil
		case "image/png", "image/jpeg":
			uri, err := imageURI(mime, string(content))
			if err != nil {
				return outputView{Kind: "note", Text: err.Error()}, nil
			}
			return outputView{Kind: "image", Image: uri, Alt: alt}, nil
		case "image/svg+xml":
			uri := template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(content)))
			return outputView{Kind: "image", Image: uri, Alt: alt}, nil
		case "text/html":
			return outputView{Kind: "html", HTML: template.HTML(sanitizeHTML(string(content)))}, nil
		case "text/markdown":
			doc := parseMarkdown(string(content), ids)
			rendered, err := doc.render()
			if err != nil {
				return outputView{}, err
			}
			return outputView{Kind: "markdown", HTML: template.HTML(rendered)}, nil
		case "text/plain":
			return outputView{Kind: "text", HTML: template.HTML(ansiToHTML(string(content)))}, nil
		}
	}
	mimes := make([]string, 0, len(data))
	for m := range data {
		if m != dataMIME {
			mimes = append(mimes, m)
		}
	}
	sort.Strings(mimes)
	return outputView{Kind: "note", Text: fmt.Sprintf("output of type %s is not shown", strings.Join(mimes, ", "))}, nil
}

// imageURI checks base64 image data (whitespace allowed, as Jupyter wraps it)
// and makes a data: URI of it.
func imageURI(mime, b64 string) (template.URL, error) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, b64)
	if _, err := base64.StdEncoding.DecodeString(clean); err != nil {
		return "", fmt.Errorf("%s output is not valid base64: %w", mime, err)
	}
	return template.URL("data:" + mime + ";base64," + clean), nil
}

// stripANSI removes ANSI escape sequences from a one-line string.
func stripANSI(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '\x1b')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		if strings.HasPrefix(s, "[") {
			end := strings.IndexFunc(s[1:], func(r rune) bool { return r >= 0x40 && r <= 0x7e })
			if end < 0 {
				return b.String()
			}
			s = s[2+end:]
		}
	}
}
