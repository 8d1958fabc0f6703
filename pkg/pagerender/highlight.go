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

// codeCSS is the chroma CSS for both themes: the light style, and the dark
// style inside a prefers-color-scheme media query.
func codeCSS() (string, error) {
	var b strings.Builder
	if err := codeFormatter.WriteCSS(&b, styles.Get(lightCodeStyle)); err != nil {
		return "", fmt.Errorf("pagerender: code CSS %s: %w", lightCodeStyle, err)
	}
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	if err := codeFormatter.WriteCSS(&b, styles.Get(darkCodeStyle)); err != nil {
		return "", fmt.Errorf("pagerender: code CSS %s: %w", darkCodeStyle, err)
	}
	b.WriteString("}\n")
	// GoNB magics are lexed as errors; show them as plain text.
	b.WriteString(".chroma .err { color: inherit; background-color: transparent; }\n")
	return b.String(), nil
}
