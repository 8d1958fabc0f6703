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
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/internal/secret"
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

func TestRefusedRenderKeepsOnlyAGoodCleanPage(t *testing.T) {
	red := secret.NewRedactor(testToken)
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	lastGood := now.Add(-time.Hour)
	leakyPage := "<p>" + base64.StdEncoding.EncodeToString([]byte("x"+testToken)) + "</p>"
	tests := []struct {
		name     string
		prevGood bool
		onDisk   string // "" for no page
		kept     bool
	}{
		{"a good clean page stays", true, "<p>last good page</p>", true},
		{"a page holding the token is removed", true, leakyPage, false},
		{"a failed page is removed", false, "<p>failed page</p>", false},
		{"no page", true, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "x.html")
			if tt.onDisk != "" {
				os.WriteFile(page, []byte(tt.onDisk), 0o644)
			}
			prev := record{Title: "Report " + testToken, Params: []pagerender.Param{{Name: "t", Value: testToken}},
				Status: StatusFailed, Good: tt.prevGood, RenderedAt: lastGood, Thumbnail: []byte("png")}
			why := "the page x.html holds the access token (base64): refused"
			source := &ipynb.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []ipynb.Cell{{CellType: "markdown", Source: "# Report X"}}}
			out := refuse(Report{Notebook: "nb/x.ipynb", Slug: "x"}, prev, source, "fp", page, red, why, now)
			if out.err != nil || out.report.Status != StatusRefused || out.record.Status != StatusRefused ||
				out.report.Error != why || out.record.FailedAt != now || strings.Contains(fmt.Sprint(out.record), testToken) {
				t.Errorf("refuse: %+v", out)
			}
			_, err := os.Stat(page)
			if kept := err == nil; kept != tt.kept {
				t.Errorf("page kept %t, want %t", kept, tt.kept)
			}
			e := out.record.entry("x", false)
			if !tt.kept && out.record.Title != "Report X" {
				t.Errorf("title %q, want the notebook's", out.record.Title)
			}
			if e.Status != StatusRefused || e.NoPage == tt.kept || e.LastGood != tt.kept {
				t.Errorf("gallery entry: status %q, no page %t, last good %t", e.Status, e.NoPage, e.LastGood)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 1 {
				t.Errorf("files left: %v", entries)
			}
		})
	}
}
