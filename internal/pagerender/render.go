package pagerender

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/secret"
	"github.com/yuin/goldmark/ast"
)

// Cell tags that hide parts of a cell on the page, as in Jupyter Book and
// nbconvert.
const (
	TagRemoveCell   = "remove-cell"
	TagRemoveInput  = "remove-input"
	TagRemoveOutput = "remove-output"
)

// pageView is what the page template shows.
type pageView struct {
	CSP           string
	Favicon       template.URL
	CSS           template.CSS
	Script        template.JS
	Title         string
	Description   string
	Params        []Param
	Window        string
	DataWindow    string
	GalleryHref   template.URL
	PDFHref       template.URL
	RenderedAt    string
	RenderedAtISO string
	Source        string
	Failed        bool
	Error         string
	TOC           []heading
	Cells         []cellView
}

// cellView is one cell as the page template shows it.
type cellView struct {
	Kind           string // "markdown", "code", "raw"
	Number         int    // 1-based position in the notebook
	Markdown       template.HTML
	Text           string
	Code           template.HTML
	Failed         bool // an output is an error: the fold names the cell, which the banner cites
	ExecutionCount string
	Outputs        []outputView
}

// Render turns an executed notebook into one self-contained HTML page.
// meta.Title and meta.Description default to the notebook's own
// (TitleAndDescription); the notebook's leading "# Title" heading and
// description paragraph are then not repeated in the body. Cells tagged
// remove-cell are left out, remove-input hides the code and remove-output
// the outputs. meta.Secrets are replaced by Redacted in every text of the
// notebook and of meta; nb is not modified.
// The same notebook, meta and token give byte-identical pages.
func Render(nb *ipynb.Notebook, meta PageMeta) ([]byte, error) {
	if nb == nil {
		return nil, errors.New("pagerender: nil notebook")
	}
	tmpl, css, err := loadPage()
	if err != nil {
		return nil, err
	}
	redactor := secret.NewRedactor(meta.Secrets...)
	nb = redactNotebook(nb, redactor)
	meta = redactMeta(meta, redactor)
	nbTitle, nbDescription := TitleAndDescription(nb)
	view := pageView{
		CSP:         ContentSecurityPolicy(ScriptHash(pageScript)),
		Favicon:     template.URL(FaviconURI),
		CSS:         template.CSS(css),
		Script:      template.JS(pageScript),
		Title:       firstNonEmpty(meta.Title, nbTitle, "Untitled report"),
		Description: firstNonEmpty(meta.Description, nbDescription),
		Window:      reportWindow(meta.Params, meta.RenderedAt),
		DataWindow:  meta.DataWindow,
		Source:      meta.Source,
		Failed:      meta.failed(),
		Error:       meta.Error,
	}
	view.Params = shownParams(meta.Params, view.Window)
	if isRelativeHref(meta.GalleryHref) {
		view.GalleryHref = template.URL(meta.GalleryHref)
	}
	if isRelativeHref(meta.PDFHref) {
		view.PDFHref = template.URL(meta.PDFHref)
	}
	if !meta.RenderedAt.IsZero() {
		at := meta.RenderedAt.UTC()
		view.RenderedAt = at.Format(instantLayout)
		view.RenderedAtISO = at.Format("2006-01-02T15:04:05Z")
	}
	ids := newHeadingIDs()
	leadingDone := false
	lastHeading := ""
	for i, cell := range nb.Cells {
		number := i + 1
		if cell.HasTag(TagRemoveCell) {
			continue
		}
		switch cell.CellType {
		case "markdown":
			doc := parseMarkdown(string(cell.Source), ids)
			if !leadingDone {
				leadingDone = true
				dropLeadingTitle(doc, view.Title, view.Description)
			}
			if doc.isEmpty() {
				continue
			}
			rendered, err := doc.render()
			if err != nil {
				return nil, fmt.Errorf("pagerender: cell %d: %w", number, err)
			}
			if hs := doc.headings(); len(hs) > 0 {
				lastHeading = hs[len(hs)-1].Text
			}
			view.TOC = append(view.TOC, doc.headings()...)
			view.Cells = append(view.Cells, cellView{Kind: "markdown", Number: number, Markdown: template.HTML(rendered)})
		case "code":
			cv, err := codeCell(cell, number, ids)
			if err != nil {
				return nil, fmt.Errorf("pagerender: %w", err)
			}
			if cv.Code == "" && len(cv.Outputs) == 0 {
				continue
			}
			for i, o := range cv.Outputs {
				// A chart without a title (the heading above says it)
				// takes the heading as its alternative text.
				if o.Kind == "chart" && o.Alt == untitledChart && lastHeading != "" {
					cv.Outputs[i].Alt = "Chart: " + lastHeading
				}
			}
			view.Cells = append(view.Cells, cv)
		default:
			if strings.TrimSpace(string(cell.Source)) == "" {
				continue
			}
			view.Cells = append(view.Cells, cellView{Kind: "raw", Number: number, Text: string(cell.Source)})
		}
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("pagerender: executing page template: %w", err)
	}
	return buf.Bytes(), nil
}

// codeCell builds the view of one code cell.
func codeCell(cell ipynb.Cell, number int, ids *headingIDs) (cellView, error) {
	cv := cellView{Kind: "code", Number: number, ExecutionCount: " "}
	if cell.ExecutionCount != nil {
		cv.ExecutionCount = strconv.Itoa(*cell.ExecutionCount)
	}
	if src := string(cell.Source); strings.TrimSpace(src) != "" && !cell.HasTag(TagRemoveInput) {
		cv.Code = template.HTML(highlightGo(strings.TrimRight(src, "\n")))
	}
	if !cell.HasTag(TagRemoveOutput) {
		outputs, err := renderOutputs(cell.Outputs, number, ids)
		if err != nil {
			return cellView{}, err
		}
		cv.Outputs = outputs
		for _, o := range outputs {
			cv.Failed = cv.Failed || o.Kind == "error"
		}
	}
	return cv, nil
}

// dropLeadingTitle removes the first markdown cell's leading heading and the
// paragraph after it when the page header already shows them.
func dropLeadingTitle(doc markdownDoc, title, description string) {
	first := doc.root.FirstChild()
	h, ok := first.(*ast.Heading)
	if !ok || plainText(h, doc.source) != title {
		return
	}
	next := h.NextSibling()
	doc.root.RemoveChild(doc.root, h)
	if p, ok := next.(*ast.Paragraph); ok && description != "" && plainText(p, doc.source) == description {
		doc.root.RemoveChild(doc.root, p)
	}
}

// isRelativeHref accepts links to files beside the page, such as
// "index.html" or "report.pdf": no scheme, host, absolute path, query or
// fragment.
func isRelativeHref(href string) bool {
	return href != "" && !strings.ContainsAny(href, ":/\\?#\x00\r\n\t \"'<>")
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
