package publish

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/ipynb"
	"github.com/lensbook/lensbook/pkg/pagerender"
	"github.com/lensbook/lensbook/pkg/secret"
)

// leakyForms are outputs that carry testToken in every form a page can
// show it in, keyed by a name; each is (MIME type, content).
func leakyForms() map[string][2]string {
	entities := func(format string) string {
		var b strings.Builder
		for _, r := range testToken {
			fmt.Fprintf(&b, format, r)
		}
		return b.String()
	}
	named := strings.NewReplacer("=", "&equals;", "/", "&sol;", "+", "&plus;", "I", "&#73;").Replace(testToken)
	forms := map[string][2]string{
		"plain text":               {"text/plain", "token: " + testToken},
		"query escape":             {"text/plain", "GET /api?token=" + url.QueryEscape(testToken)},
		"path escape":              {"text/plain", "GET /api/" + url.PathEscape(testToken)},
		"HTML named":               {"text/html", "<p>" + named + "</p>"},
		"HTML decimal":             {"text/html", "<p>" + entities("&#%d;") + "</p>"},
		"HTML hex":                 {"text/html", "<p>" + entities("&#x%x;") + "</p>"},
		"JSON escapes":             {"text/plain", `{"token":"` + entities(`\u%04x`) + `"}`},
		"SVG (embedded as base64)": {"image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><text>` + testToken + `</text></svg>`},
	}
	for name, enc := range map[string]*base64.Encoding{"std": base64.StdEncoding, "std raw": base64.RawStdEncoding,
		"url": base64.URLEncoding, "url raw": base64.RawURLEncoding} {
		for k := range 3 {
			forms[fmt.Sprintf("base64 %s at %d", name, k)] = [2]string{"text/plain",
				enc.EncodeToString([]byte(strings.Repeat("x", k) + testToken))}
		}
	}
	return forms
}

// TestPageGuardRefusesEveryForm renders each leaky output twice: without
// the secrets (as if redaction had missed them), where the guard must refuse
// the page, and with them, where the page is either redacted clean or
// refused: never written with the token.
func TestPageGuardRefusesEveryForm(t *testing.T) {
	red := secret.NewRedactor(testToken)
	for name, form := range leakyForms() {
		nb := &ipynb.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []ipynb.Cell{
			{CellType: "markdown", Source: "# Report"},
			{CellType: "code", Source: "show()", Outputs: []ipynb.Output{{OutputType: "display_data",
				Data: map[string]ipynb.MultilineText{form[0]: ipynb.MultilineText(form[1])}}}},
		}}
		redacted, err := pagerender.Render(nb, pagerender.PageMeta{Secrets: red.Secrets()})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if guardPage(red, "out/report.html", redacted) == nil && strings.Contains(string(redacted), testToken) {
			t.Errorf("%s: a page holding the token passed the guard", name)
		}
		html, err := pagerender.Render(nb, pagerender.PageMeta{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err = guardPage(red, "out/report.html", html)
		var leak *secret.LeakError
		if !errors.As(err, &leak) {
			t.Errorf("%s: the page was not refused (%v)", name, err)
			continue
		}
		if strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "report.html") {
			t.Errorf("%s: error %v", name, err)
		}
	}
	clean := &ipynb.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []ipynb.Cell{{CellType: "markdown", Source: "# Fine"}}}
	html, err := pagerender.Render(clean, pagerender.PageMeta{Secrets: red.Secrets()})
	if err != nil || guardPage(red, "out/fine.html", html) != nil {
		t.Errorf("a clean page was refused: %v", err)
	}
}

func TestRefusedRenderWritesNothingAndRemovesALeakyPage(t *testing.T) {
	red := secret.NewRedactor(testToken)
	dir := t.TempDir()
	leaky := filepath.Join(dir, "leaky.html")
	good := filepath.Join(dir, "good.html")
	// A page from an older render that holds the token base64-encoded, and
	// a clean last good page.
	os.WriteFile(leaky, []byte("<p>"+base64.StdEncoding.EncodeToString([]byte("x"+testToken))+"</p>"), 0o644)
	os.WriteFile(good, []byte("<p>last good page</p>"), 0o644)
	rec := record{Title: "Report " + testToken, Params: []pagerender.Param{{Name: "t", Value: testToken}}, Thumbnail: []byte("png")}
	for _, page := range []string{leaky, good} {
		out := refuse(Report{Slug: "x"}, rec, page, red, "the page x.html holds the access token (base64): refused")
		if out.err != nil || out.report.Status != StatusRefused || out.record.Status != StatusRefused ||
			out.record.Thumbnail != nil || strings.Contains(fmt.Sprint(out.record), testToken) {
			t.Errorf("refuse: %+v", out)
		}
		if e := out.record.entry("x", false); e.Status != StatusRefused {
			t.Errorf("gallery entry status %q", e.Status)
		}
	}
	if _, err := os.Stat(leaky); !os.IsNotExist(err) {
		t.Errorf("the older page holding the token was kept: %v", err)
	}
	if _, err := os.Stat(good); err != nil {
		t.Errorf("the last good page was removed: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}
