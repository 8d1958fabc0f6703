package pagerender_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
)

// writePage renders a testdata notebook into dir and returns the file path.
func writePage(t *testing.T, dir, notebook string, meta pagerender.PageMeta) string {
	t.Helper()
	nb, err := ipynb.ReadFile(filepath.Join("testdata", notebook))
	if err != nil {
		t.Fatal(err)
	}
	page, err := pagerender.Render(nb, meta)
	if err != nil {
		t.Fatalf("Render(%s): %v", notebook, err)
	}
	path := filepath.Join(dir, strings.TrimSuffix(notebook, ".ipynb")+".html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// serve serves dir over HTTP for the test.
func serve(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// assertImagesDecoded fails when an <img> did not decode.
func assertImagesDecoded(t *testing.T, tab *browsertest.Tab, wantAtLeast int) {
	t.Helper()
	var images struct {
		Total  int      `json:"total"`
		Broken []string `json:"broken"`
	}
	tab.Eval(`(() => {
		const imgs = Array.from(document.images);
		return {
			total: imgs.length,
			broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt + " " + i.src.slice(0, 60)),
		};
	})()`, &images)
	if images.Total < wantAtLeast {
		t.Errorf("page has %d images, want at least %d", images.Total, wantAtLeast)
	}
	for _, b := range images.Broken {
		t.Errorf("image not decoded: %s", b)
	}
}

func evalString(t *testing.T, tab *browsertest.Tab, expression string) string {
	t.Helper()
	var s string
	tab.Eval(expression, &s)
	return s
}

// TestBrowser checks rendered pages in headless Chromium; one browser
// serves every subtest.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := browsertest.New(t)
	t.Run("report page", func(t *testing.T) { testReportPage(t, browser) })
	t.Run("hostile page runs no injected script", func(t *testing.T) { testHostilePage(t, browser) })
	t.Run("figures under a chart", func(t *testing.T) { testFiguresPage(t, browser) })
	t.Run("OWASP vectors run nothing and load nothing", func(t *testing.T) { testOWASPPage(t, browser) })
}

// testOWASPPage shows every vector of the OWASP XSS Filter Evasion Cheat
// Sheet as a text/html output and checks the page in Chromium: no script
// ran (none set window.__pwned, no alert), no event handler or javascript:
// URL is in the DOM, and the page logged nothing (a script, style or request
// that the sanitizer let through would be a Content-Security-Policy
// violation) and requested nothing.
func testOWASPPage(t *testing.T, browser *browsertest.Browser) {
	var outputs []map[string]string
	for _, v := range pagerender.OWASPVectors {
		outputs = append(outputs, map[string]string{"text/html": strings.ReplaceAll(v.Vector, "alert(", "(window.__pwned="+strconv.Quote(v.Name)+",alert)(")})
	}
	page, err := pagerender.Render(outputsNotebook(outputs...), pagerender.PageMeta{Title: "OWASP vectors"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "owasp.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := serve(t, dir) + "/owasp.html"
	tab := browser.NewTab(t)
	tab.Open(pageURL)
	var pwned string
	tab.Eval(`(() => { document.querySelectorAll(".output-html *").forEach(e => ["mouseover", "click", "focus"].forEach(n => e.dispatchEvent(new Event(n)))); return typeof window.__pwned === "undefined" ? "" : String(window.__pwned) })()`, &pwned)
	if pwned != "" {
		t.Errorf("the vector %q ran", pwned)
	}
	var handlers []string
	tab.Eval(`Array.from(document.querySelectorAll(".output-html *")).flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith("on") || /javascript:|vbscript:|data:text/i.test(a.value) || ["href", "action", "formaction", "background"].includes(a.name)).map(a => e.tagName + " " + a.name))`, &handlers)
	if len(handlers) > 0 {
		t.Errorf("outputs kept event handlers or URLs: %v", handlers)
	}
	var outputCount int
	tab.Eval(`document.querySelectorAll(".outputs > .output-html").length`, &outputCount)
	t.Logf("%d OWASP vectors, %d non-empty html outputs on the page", len(pagerender.OWASPVectors), outputCount)
	tab.Screenshot("owasp")
	tab.AssertClean(pageURL)
}

func testReportPage(t *testing.T, browser *browsertest.Browser) {
	dir := t.TempDir()
	meta := pagerender.PageMeta{
		Source:     "notebooks/weblog-overview.ipynb",
		Params:     []pagerender.Param{{Name: "asOf", Value: "2026-11-01"}},
		DataWindow: "2026-10-02 to 2026-11-01",
		RenderedAt: time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC),
		Status:     pagerender.StatusOK,
	}
	writePage(t, dir, "report.ipynb", meta)
	pageURL := serve(t, dir) + "/report.html"

	tab := browser.NewTab(t)
	tab.Open(pageURL)

	t.Run("title", func(t *testing.T) {
		if got := evalString(t, tab, `document.title`); got != "Web API Log overview" {
			t.Errorf("document.title = %q", got)
		}
	})
	t.Run("images decoded", func(t *testing.T) {
		// The PNG chart, the image/svg+xml output.
		assertImagesDecoded(t, tab, 2)
		var svgs int
		tab.Eval(`document.querySelectorAll(".output-html svg").length`, &svgs)
		if svgs != 1 {
			t.Errorf("inline SVG outputs = %d, want 1", svgs)
		}
	})
	t.Run("code folds open and close", func(t *testing.T) {
		var folds []bool
		tab.Eval(`Array.from(document.querySelectorAll("details.code-fold")).map(d => d.open)`, &folds)
		if len(folds) == 0 {
			t.Fatal("no code folds on the page")
		}
		for i, open := range folds {
			if open {
				t.Errorf("code fold %d is open on load", i)
			}
		}
		var visible bool
		tab.Eval(`document.querySelector("details.code-fold pre").checkVisibility()`, &visible)
		if visible {
			t.Error("folded code is visible")
		}
		tab.Click("details.code-fold > summary")
		tab.Eval(`document.querySelector("details.code-fold").open`, &visible)
		if !visible {
			t.Error("clicking the summary did not open the fold")
		}
		tab.Eval(`document.querySelector("details.code-fold pre").checkVisibility()`, &visible)
		if !visible {
			t.Error("opened code is not visible")
		}
		tab.Screenshot("report-code-open")
		tab.Click("details.code-fold > summary")
		tab.Eval(`document.querySelector("details.code-fold").open`, &visible)
		if visible {
			t.Error("clicking the summary again did not close the fold")
		}
	})
	t.Run("show all code buttons", func(t *testing.T) {
		tab.Click("#lb-show-code")
		var open []bool
		tab.Eval(`Array.from(document.querySelectorAll("details.code-fold")).map(d => d.open)`, &open)
		for i, o := range open {
			if !o {
				t.Errorf("fold %d closed after Show all code", i)
			}
		}
		tab.Click("#lb-hide-code")
		tab.Eval(`Array.from(document.querySelectorAll("details.code-fold")).map(d => d.open)`, &open)
		for i, o := range open {
			if o {
				t.Errorf("fold %d open after Hide all code", i)
			}
		}
	})
	t.Run("table of contents links", func(t *testing.T) {
		var toc []struct {
			Href   string `json:"href"`
			Target bool   `json:"target"`
		}
		tab.Eval(`Array.from(document.querySelectorAll("nav.toc a")).map(a => ({href: a.getAttribute("href"), target: !!document.getElementById(a.getAttribute("href").slice(1))}))`, &toc)
		want := []string{"#sec-requests-per-day", "#sec-busiest-methods", "#sec-chart-as-svg", "#sec-errors"}
		var got []string
		for _, e := range toc {
			got = append(got, e.Href)
			if !e.Target {
				t.Errorf("TOC link %s has no target", e.Href)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("TOC links (-want +got):\n%s", diff)
		}
		tab.Click(`nav.toc a[href="#sec-errors"]`)
		var where struct {
			Hash string  `json:"hash"`
			Top  float64 `json:"top"`
			Y    float64 `json:"y"`
			View float64 `json:"view"`
		}
		tab.Eval(`({hash: location.hash, top: document.getElementById("sec-errors").getBoundingClientRect().top, y: window.scrollY, view: window.innerHeight})`, &where)
		if where.Hash != "#sec-errors" {
			t.Errorf("location.hash = %q after clicking the TOC link", where.Hash)
		}
		if where.Y <= 0 || where.Top < -1 || where.Top > where.View-20 {
			t.Errorf("heading not scrolled to: scrollY=%v, heading top=%v", where.Y, where.Top)
		}
	})
	t.Run("light and dark themes", func(t *testing.T) {
		tab.PreferColorScheme("light")
		if got := evalString(t, tab, `getComputedStyle(document.body).backgroundColor`); got != "rgb(255, 255, 255)" {
			t.Errorf("light background = %s", got)
		}
		tab.Eval(`window.scrollTo(0, 0)`, new(any))
		tab.Screenshot("report-light")
		tab.PreferColorScheme("dark")
		if got := evalString(t, tab, `getComputedStyle(document.body).backgroundColor`); got != "rgb(13, 17, 23)" {
			t.Errorf("dark background = %s, want rgb(13, 17, 23)", got)
		}
		if got := evalString(t, tab, `getComputedStyle(document.querySelector(".chroma")).backgroundColor`); got == "rgb(255, 255, 255)" {
			t.Errorf("code keeps a white background in the dark theme")
		}
		tab.Screenshot("report-dark")
		tab.PreferColorScheme("light")
	})
	t.Run("print style hides code", func(t *testing.T) {
		tab.Click("details.code-fold > summary") // an open fold is hidden too
		tab.EmulateMedia("print")
		if got := evalString(t, tab, `getComputedStyle(document.querySelector("nav.toc")).display`); got != "none" {
			t.Errorf("TOC display in print = %s, want none", got)
		}
		if got := evalString(t, tab, `getComputedStyle(document.body).backgroundColor`); got != "rgb(255, 255, 255)" {
			t.Errorf("print background = %s, want white", got)
		}
		var shown []string
		tab.Eval(`Array.from(document.querySelectorAll("details.code-fold")).map(d => getComputedStyle(d).display)`, &shown)
		for i, d := range shown {
			if d != "none" {
				t.Errorf("fold %d display in print = %s, want none", i, d)
			}
		}
		tab.EmulateMedia("")
	})
	tab.AssertClean(pageURL)

	t.Run("file URL", func(t *testing.T) {
		fileTab := browser.NewTab(t)
		fileURL := "file://" + filepath.Join(dir, "report.html")
		fileTab.Open(fileURL)
		assertImagesDecoded(t, fileTab, 2)
		fileTab.Screenshot("report-file-url")
		fileTab.AssertClean(fileURL)
	})

	t.Run("GoNB executed notebook", func(t *testing.T) {
		writePage(t, dir, "gonb-executed.ipynb", pagerender.PageMeta{Title: "Outcomes"})
		gonbTab := browser.NewTab(t)
		gonbURL := "file://" + filepath.Join(dir, "gonb-executed.html")
		gonbTab.Open(gonbURL)
		assertImagesDecoded(t, gonbTab, 1)
		var svgWidth float64
		gonbTab.Eval(`document.querySelector(".output-html svg").getBoundingClientRect().width`, &svgWidth)
		if svgWidth < 100 {
			t.Errorf("inline SVG chart is %v px wide", svgWidth)
		}
		gonbTab.Screenshot("gonb-executed")
		gonbTab.AssertClean(gonbURL)
	})
}

func testHostilePage(t *testing.T, browser *browsertest.Browser) {
	dir := t.TempDir()
	writePage(t, dir, "hostile.ipynb", pagerender.PageMeta{
		Params:     []pagerender.Param{{Name: "<script>window.__pwned='param'</script>", Value: `"><img src=x onerror="window.__pwned='param-value'">`}},
		DataWindow: "<b onmouseover=alert(1)>window</b>",
		Source:     "<script>window.__pwned='source'</script>.ipynb",
		Status:     pagerender.StatusFailed,
		Error:      "cell 5: <img src=x onerror=\"window.__pwned='banner'\">",
		RenderedAt: time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC),
	})
	pageURL := serve(t, dir) + "/hostile.html"
	tab := browser.NewTab(t)
	tab.Open(pageURL)
	// Hover and click everything that had a handler before sanitizing.
	tab.Click(".output-html table td")
	tab.Click(".output-html svg")

	var pwned string
	tab.Eval(`typeof window.__pwned === "undefined" ? "" : String(window.__pwned)`, &pwned)
	if pwned != "" {
		t.Errorf("an injected script ran or clobbered the DOM: window.__pwned = %q", pwned)
	}
	if got, want := evalString(t, tab, `document.title`), "Hostile <script>document.title='pwned-title'</script> strings"; got != want {
		t.Errorf("document.title = %q, want the title as text %q", got, want)
	}
	var scripts int
	tab.Eval(`document.scripts.length`, &scripts)
	if scripts != 1 {
		t.Errorf("page has %d <script> elements, want only its own", scripts)
	}
	var handlers []string
	tab.Eval(`Array.from(document.querySelectorAll("*")).flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith("on") || /javascript:/i.test(a.value)).map(a => e.tagName + " " + a.name))`, &handlers)
	if len(handlers) > 0 {
		t.Errorf("elements kept event handlers or javascript: URLs: %v", handlers)
	}
	var frames int
	tab.Eval(`document.querySelectorAll("iframe, object, embed, foreignObject").length`, &frames)
	if frames != 0 {
		t.Errorf("page has %d embedded frames or foreign objects", frames)
	}
	text := evalString(t, tab, `document.body.innerText`)
	for _, want := range []string{
		"<script>window.__pwned = 'md-script'</script>",
		"<script>window.__pwned='stdout'</script>",
		`<img src=x onerror="window.__pwned='stderr'">`,
		"visible cell text",
		"html link text",
		"<script>window.__pwned='ename'</script>",
		"<script>window.__pwned='param'</script>",
		`cell 5: <img src=x onerror="window.__pwned='banner'">`,
		"[image not embedded: remote image]",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page text does not show %q", want)
		}
	}
	assertImagesDecoded(t, tab, 2)
	tab.Screenshot("hostile")
	tab.AssertClean(pageURL)
}
