package pagerender

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// Chroma styles of the light and the dark theme.
const (
	lightCodeStyle = "github"
	darkCodeStyle  = "github-dark"
)

var codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))

// highlightGo renders Go source as classed HTML (<pre class="chroma">).
// GoNB's special lines (%, !) are not Go; they come out unhighlighted.
func highlightGo(source string) string {
	lexer := lexers.Get("go")
	if lexer == nil {
		return plainCode(source)
	}
	lexer = chroma.Coalesce(lexer)
	tokens, err := lexer.Tokenise(nil, source)
	if err != nil {
		return plainCode(source)
	}
	var buf bytes.Buffer
	if err := codeFormatter.Format(&buf, styles.Get(lightCodeStyle), tokens); err != nil {
		return plainCode(source)
	}
	return buf.String()
}

// plainCode is the fallback when highlighting fails: escaped text in the
// same wrapper chroma writes.
func plainCode(source string) string {
	return `<pre class="chroma"><code>` + html.EscapeString(source) + "</code></pre>"
}

// codeCSS is the chroma CSS for both themes, each inside its own media
// query so that no token colour of one theme leaks into the other: a class
// the dark style leaves unstyled (chroma's .nx, .p, .na) takes the page's
// text colour rather than the light style's near-black. Print uses the
// light style.
func codeCSS() (string, error) {
	var b strings.Builder
	b.WriteString("@media not screen, (prefers-color-scheme: light) {\n")
	if err := codeFormatter.WriteCSS(&b, styles.Get(lightCodeStyle)); err != nil {
		return "", fmt.Errorf("pagerender: code CSS %s: %w", lightCodeStyle, err)
	}
	// github's builtin-pseudo grey is 4.49:1 on its background; WCAG AA
	// asks 4.5:1.
	b.WriteString(".chroma .bp { color: #57606a }\n")
	b.WriteString("}\n")
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	if err := codeFormatter.WriteCSS(&b, styles.Get(darkCodeStyle)); err != nil {
		return "", fmt.Errorf("pagerender: code CSS %s: %w", darkCodeStyle, err)
	}
	b.WriteString("}\n")
	// GoNB magics are lexed as errors; show them as plain text.
	b.WriteString(".chroma .err { color: inherit; background-color: transparent; }\n")
	return b.String(), nil
}
