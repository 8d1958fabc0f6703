package pagerender

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdownEngine is goldmark with GitHub tables and without unsafe HTML:
// raw HTML is written as escaped text (escapedRawHTML).
var markdownEngine = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(escapedRawHTML{}, 100))),
)

// heading is one entry of the table of contents.
type heading struct {
	Level int
	ID    string
	Text  string
}

// markdownDoc is one parsed markdown cell.
type markdownDoc struct {
	source []byte
	root   ast.Node
}

// parseMarkdown parses one markdown cell, taking heading ids from ids so that
// they are unique across the whole page.
func parseMarkdown(source string, ids parser.IDs) markdownDoc {
	src := []byte(source)
	ctx := parser.NewContext(parser.WithIDs(ids))
	root := markdownEngine.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	replaceRemoteImages(root, src)
	linkNotebooksToPages(root)
	return markdownDoc{source: src, root: root}
}

// render writes the cell as HTML.
func (d markdownDoc) render() (string, error) {
	var buf bytes.Buffer
	if err := markdownEngine.Renderer().Render(&buf, d.source, d.root); err != nil {
		return "", fmt.Errorf("pagerender: rendering markdown: %w", err)
	}
	return buf.String(), nil
}

// headings lists the document's headings in order.
func (d markdownDoc) headings() []heading {
	var out []heading
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		out = append(out, heading{Level: h.Level, ID: id, Text: plainText(h, d.source)})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// isEmpty reports whether the document has no blocks left.
func (d markdownDoc) isEmpty() bool {
	return d.root.FirstChild() == nil
}

// plainText is the text content of a node, without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(source))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.RawHTML:
				for i := range t.Segments.Len() {
					seg := t.Segments.At(i)
					b.Write(seg.Value(source))
				}
			case *ast.AutoLink:
				b.Write(t.Label(source))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// linkNotebooksToPages points links to a notebook beside this one, such as
// [State codes](state-codes.ipynb), which Jupyter opens, at that report's
// page beside this page in the gallery (state-codes.html). Other links are
// left as they are.
func linkNotebooksToPages(root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			dest := string(l.Destination)
			if strings.HasSuffix(dest, ".ipynb") && !strings.ContainsAny(dest, ":/\\?#") {
				l.Destination = []byte(strings.TrimSuffix(dest, ".ipynb") + ".html")
			}
		}
		return ast.WalkContinue, nil
	})
}

// replaceRemoteImages turns every markdown image whose source is not an
// inline data:image URI into its alt text, so that the page never asks the
// network for an image.
func replaceRemoteImages(root ast.Node, source []byte) {
	var images []*ast.Image
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && !isInlineImageURI(string(img.Destination)) {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		alt := plainText(img, source)
		label := "[image not embedded"
		if alt != "" {
			label += ": " + alt
		}
		label += "]"
		img.Parent().ReplaceChild(img.Parent(), img, ast.NewString([]byte(label)))
	}
}

// isInlineImageURI reports whether uri is a data: URI of a raster image, the
// only markdown image source a page keeps (goldmark itself refuses SVG data
// URIs).
func isInlineImageURI(uri string) bool {
	lower := strings.ToLower(strings.TrimSpace(uri))
	for _, prefix := range []string{"data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"} {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	return false
}

// escapedRawHTML renders raw HTML found in markdown as visible, escaped
// text instead of markup.
type escapedRawHTML struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (escapedRawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTMLEscaped)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlockEscaped)
}

func renderRawHTMLEscaped(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlockEscaped(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	var b strings.Builder
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		b.Write(line.Value(source))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(source))
	}
	_, _ = w.WriteString(`<pre class="md-raw-html">`)
	_, _ = w.WriteString(html.EscapeString(b.String()))
	_, _ = w.WriteString("</pre>\n")
	return ast.WalkSkipChildren, nil
}

// headingIDs gives markdown headings ids that are unique across the page and
// cannot collide with the page's own ids (which never start with "sec-").
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}}
}

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	b.WriteString("sec-")
	for _, r := range strings.ToLower(strings.TrimSpace(string(value))) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	base := b.String()
	if base == "sec-" {
		base = "sec-heading"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
}
