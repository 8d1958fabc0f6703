package e2e_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/kerneltest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/publish"
)

// hostileReports are the reports that show user-controlled text: friendly
// names, machine codes, feature and event names, metadata, Object Log data.
var hostileReports = []string{
	"requests-per-friendly-name", "floating-license-audit", "feature-usage", "team-audit", "revenue",
}

// trap replaces every way an injected script would announce itself, before
// any of the page's own code runs.
const trap = `window.__pwned = false;
for (const f of ["alert", "confirm", "prompt"]) { window[f] = function () { window.__pwned = true; }; }`

// TestHostileDataRunsNoScript renders the reports that show log text from a
// dataset whose every user-controlled field may hold markup and script, then
// opens each page and the gallery in Chromium: nothing injected runs, the
// text shows as text, and no page holds the token.
func TestHostileDataRunsNoScript(t *testing.T) {
	kerneltest.Paths(t)
	browser := browsertest.New(t)

	ds := emulator.Generate(emulator.Config{Hostile: true})
	srv := emulator.NewServer(ds)
	api := httptest.NewServer(srv)
	t.Cleanup(api.Close)
	token := srv.NewToken(emulator.AllPermissions...)

	var nbs []string
	for _, name := range hostileReports {
		nbs = append(nbs, filepath.Join("..", "notebooks", name+".ipynb"))
	}
	out := t.TempDir()
	asOf := emulator.DemoEnd.Format(time.RFC3339)
	sum, err := publish.Render(t.Context(), publish.Options{
		Notebooks: nbs,
		OutDir:    out,
		Params:    map[string]string{"asOf": asOf},
		Timeout:   10 * time.Minute,
		Env: map[string]string{
			"CRYPTOLENS_BASE_URL": api.URL + "/api",
			"CRYPTOLENS_TOKEN":    token,
			"LENSBOOK_AS_OF":      asOf,
			"LENSBOOK_STORE":      filepath.Join(t.TempDir(), "store.db"),
		},
		Token: token,
		Now:   emulator.DemoEnd,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := sum.Err(); err != nil {
		t.Fatalf("a report failed on hostile data: %v", err)
	}

	pages, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(pages) != len(hostileReports)+1 {
		t.Fatalf("%d pages, want %d and the gallery", len(pages), len(hostileReports))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range []string{token, "<script>alert(1)", "onerror=alert(1)>", "<svg onload", `href="javascript:`} {
			if bytes.Contains(b, []byte(raw)) {
				t.Errorf("%s holds %q unescaped", filepath.Base(p), raw)
			}
		}
	}

	sawText := openPagesWithTrap(t, browser, out, pages, "hostile-")
	if !sawText {
		t.Error("no page shows the hostile <script> text as text: the test may not reach the hostile rows")
	}
}

// openPagesWithTrap opens pages (files in out) in Chromium with alert, confirm
// and prompt trapped, opens every fold, and fails the test if an injected
// script ran, a request left the page or the console logged an error. It
// reports whether some page shows the hostile <script> text as text.
func openPagesWithTrap(t *testing.T, browser *browsertest.Browser, out string, pages []string, shotPrefix string) bool {
	t.Helper()
	site := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(site.Close)
	sawText := false
	for _, p := range pages {
		name := filepath.Base(p)
		u := site.URL + "/" + name
		tab := browser.NewTab(t)
		if _, err := chromedp.Run(tab.Context(), func(ctx context.Context, tg *chromedp.Target) (page.AddScriptToEvaluateOnNewDocumentResult, error) {
			return cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: trap})
		}); err != nil {
			t.Fatal(err)
		}
		tab.Open(u)
		// Open every fold, so that anything hidden in code or output is live.
		var opened int
		tab.Eval(`(() => { const ds = document.querySelectorAll("details"); ds.forEach(d => d.open = true); return ds.length })()`, &opened)
		time.Sleep(300 * time.Millisecond)
		var pwned bool
		tab.Eval(`window.__pwned === true`, &pwned)
		if pwned {
			t.Errorf("%s: an injected script ran", name)
		}
		var shown bool
		tab.Eval(`document.body.innerText.includes("<script>alert(1)</script>")`, &shown)
		sawText = sawText || shown
		tab.AssertClean(u)
		t.Logf("%s: screenshot %s", name, tab.Screenshot(shotPrefix+strings.TrimSuffix(name, ".html")))
	}
	return sawText
}
