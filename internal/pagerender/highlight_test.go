package pagerender

import (
	"regexp"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/browsertest"
)

// TestCodeCSSContrast checks every token colour of both code themes against
// its theme's code background: WCAG AA, 4.5:1.
func TestCodeCSSContrast(t *testing.T) {
	css, err := codeCSS()
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(css, "@media ")
	if len(blocks) != 3 {
		t.Fatalf("code CSS has %d media blocks, want a light and a dark one:\n%s", len(blocks)-1, css)
	}
	rule := regexp.MustCompile(`(?m)^/\* (\w+) \*/ \.chroma \.(\w+) \{([^}]*)\}`)
	colorDecl := regexp.MustCompile(`(?:^|[;\s])color: (#[0-9a-f]{6})`)
	bgDecl := regexp.MustCompile(`(?m)^/\* PreWrapper \*/ \.chroma \{[^}]*background-color: (#[0-9a-f]{6})`)
	// Classes whose colour is no text a reader reads: whitespace, line
	// highlight, line numbers (not shown), errors (reset to plain text).
	skip := map[string]bool{"w": true, "hl": true, "ln": true, "lnt": true, "lnlinks": true, "err": true}
	for i, name := range []string{"light", "dark"} {
		block := blocks[i+1]
		m := bgDecl.FindStringSubmatch(block)
		if m == nil {
			t.Fatalf("%s code CSS has no background", name)
		}
		bg, _ := browsertest.ParseHexColor(m[1])
		// The last rule for a class wins, as in the browser.
		colors := map[string]string{}
		for _, r := range rule.FindAllStringSubmatch(block, -1) {
			if c := colorDecl.FindStringSubmatch(r[3]); c != nil {
				colors[r[2]] = c[1]
			}
		}
		for _, r := range regexp.MustCompile(`(?m)^\.chroma \.(\w+) \{ color: (#[0-9a-f]{6}) \}`).FindAllStringSubmatch(block, -1) {
			colors[r[1]] = r[2]
		}
		if len(colors) < 20 {
			t.Fatalf("%s code CSS: only %d token colours found", name, len(colors))
		}
		for class, c := range colors {
			if skip[class] {
				continue
			}
			fg, err := browsertest.ParseHexColor(c)
			if err != nil {
				t.Fatal(err)
			}
			if ratio := browsertest.ContrastRatio(fg, bg); ratio < 4.5 {
				t.Errorf("%s theme: .chroma .%s %s on %s: contrast %.2f, want at least 4.5", name, class, c, m[1], ratio)
			}
		}
	}
}
