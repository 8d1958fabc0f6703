package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/printpdf"
	"github.com/lensbook/lensbook/internal/publish"
)

// pageChecks runs in a rendered page and reports what a reader would
// notice: text below its WCAG AA contrast (4.5:1, or 3:1 for large text),
// computed from the rendered colours over the nearest opaque background;
// chart text smaller than minChartPx CSS pixels, read from the SVG the
// browser chose for each chart and its rendered width; and anything but a
// table's scroll box (or a chart's figures box) that scrolls sideways.
const pageChecks = `((minChartPx) => {
	const parse = (c) => {
		const m = c.match(/rgba?\(([^)]+)\)/);
		if (!m) { return null; }
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const lum = (c) => {
		const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const over = (top, under) => ({
		r: top.r * top.a + under.r * (1 - top.a),
		g: top.g * top.a + under.g * (1 - top.a),
		b: top.b * top.a + under.b * (1 - top.a), a: 1,
	});
	const background = (el) => {
		const layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c.a > 0) { layers.push(c); if (c.a >= 1) { break; } }
		}
		let bg = {r: 255, g: 255, b: 255, a: 1};
		const root = parse(getComputedStyle(document.documentElement).backgroundColor);
		if (root && root.a > 0) { bg = over(root, bg); }
		for (let i = layers.length - 1; i >= 0; i--) { bg = over(layers[i], bg); }
		return bg;
	};
	const out = {contrast: [], charts: [], chartMin: 1e9, charts_seen: 0, sideways: [], pageWidth: 0};
	const seen = new Set();
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!el || seen.has(el) || !n.textContent.trim()) { continue; }
		seen.add(el);
		if (el.closest("svg, picture, script, style, noscript")) { continue; }
		const st = getComputedStyle(el);
		if (st.visibility !== "visible" || parseFloat(st.opacity) === 0 || el.getClientRects().length === 0) { continue; }
		const fgRaw = parse(st.color);
		if (!fgRaw) { continue; }
		const bg = background(el);
		const fg = over(fgRaw, bg);
		const l1 = lum(fg), l2 = lum(bg);
		const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
		const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
		if (ratio < need) {
			out.contrast.push(el.tagName.toLowerCase() + "." + el.className + " " + JSON.stringify(n.textContent.trim().slice(0, 40)) +
				" " + st.color + " on rgb(" + [bg.r, bg.g, bg.b].map(Math.round) + "): " + ratio.toFixed(2) + " < " + need);
		}
	}
	document.querySelectorAll(".output-chart img").forEach((img) => {
		const src = img.currentSrc || img.src;
		const m = src.match(/^data:image\/svg\+xml;base64,(.*)$/);
		if (!m) { out.charts.push("chart is not an SVG data: URI"); return; }
		const svg = new DOMParser().parseFromString(atob(m[1]), "image/svg+xml").documentElement;
		const vb = (svg.getAttribute("viewBox") || "").split(/\s+/).map(Number);
		if (vb.length !== 4 || !(vb[2] > 0)) { out.charts.push("chart SVG has no viewBox"); return; }
		const scale = img.getBoundingClientRect().width / vb[2];
		out.charts_seen++;
		svg.querySelectorAll("text").forEach((t) => {
			const fs = (t.getAttribute("style") || "").match(/font-size:([\d.]+)/);
			if (!fs || !t.textContent.trim()) { return; }
			const px = parseFloat(fs[1]) * scale;
			out.chartMin = Math.min(out.chartMin, px);
			if (px < minChartPx) {
				out.charts.push(JSON.stringify(t.textContent.trim().slice(0, 30)) + " at " + px.toFixed(1) + " px (" + img.alt + ")");
			}
		});
	});
	const doc = document.scrollingElement || document.documentElement;
	out.pageWidth = doc.scrollWidth - doc.clientWidth;
	if (out.pageWidth > 1) { out.sideways.push("the page scrolls sideways by " + out.pageWidth + " px"); }
	document.querySelectorAll("body *").forEach((el) => {
		const st = getComputedStyle(el);
		if ((st.overflowX === "auto" || st.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1 && el.getClientRects().length > 0) {
			if (!el.classList.contains("lensbook-scroll") && !el.classList.contains("figures-scroll")) {
				out.sideways.push(el.tagName.toLowerCase() + "." + el.className + " scrolls sideways (" + el.scrollWidth + " > " + el.clientWidth + ")");
			}
		}
	});
	return out;
})`

type pageReport struct {
	Contrast   []string `json:"contrast"`
	Charts     []string `json:"charts"`
	ChartMin   float64  `json:"chartMin"`
	ChartsSeen int      `json:"charts_seen"`
	Sideways   []string `json:"sideways"`
}

// TestDemoPages renders every demo report with --pdf's options and checks
// each page and the gallery in Chromium at 390 and 1280 px, light and dark:
// text contrast, chart text size, sideways scrolling, requests and console
// errors. It then reads every PDF back with pdftotext: the title and the
// headline figure are in it, and the two longest reports print short.
func TestDemoPages(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every notebook: skipped in -short mode")
	}
	var out string
	var htmls []string
	if dir := os.Getenv(CheckPagesEnv); dir != "" {
		// Pages rendered already (lensbook render --demo --pdf --out DIR).
		out = dir
		htmls, _ = filepath.Glob(filepath.Join(dir, "*.html"))
		htmls = slices.DeleteFunc(htmls, func(p string) bool { return filepath.Base(p) == "index.html" })
		if len(htmls) == 0 {
			t.Fatalf("%s=%s: no pages there", CheckPagesEnv, dir)
		}
	} else {
		out, htmls = renderDemo(t)
	}
	browser := browsertest.New(t)
	site := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(site.Close)
	pages := []string{"index.html"}
	for _, p := range htmls {
		pages = append(pages, filepath.Base(p))
	}
	t.Run("browser", func(t *testing.T) {
		for _, name := range pages {
			for _, width := range []int{390, 1280} {
				for _, scheme := range []string{"light", "dark"} {
					t.Run(fmt.Sprintf("%s/%d/%s", strings.TrimSuffix(name, ".html"), width, scheme), func(t *testing.T) {
						checkPage(t, browser, site.URL+"/"+name, width, scheme)
					})
				}
			}
		}
	})

	t.Run("pdf", func(t *testing.T) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv(browsertest.RequireEnv) != "" {
				t.Fatalf("pdftotext not found (package poppler-utils; scripts/setup.sh installs it): %v", err)
			}
			t.Skipf("pdftotext not found: install poppler-utils")
		}
		pdfs, err := printpdf.Pages(t.Context(), htmls, 2*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		manifest := readManifest(t, out)
		maxPages := map[string]int{"requests-over-time": 3, "team-audit": 5}
		for _, pdf := range pdfs {
			slug := strings.TrimSuffix(filepath.Base(pdf), ".pdf")
			text, pages := pdfText(t, pdf)
			rec := manifest[slug]
			if rec.Title == "" || rec.Headline == "" {
				t.Errorf("%s: the manifest has no title or headline: %+v", slug, rec)
			}
			for _, want := range []string{rec.Title, rec.Headline} {
				if !strings.Contains(text, want) {
					t.Errorf("%s.pdf lacks %q", slug, want)
				}
			}
			if limit, ok := maxPages[slug]; ok && pages > limit {
				t.Errorf("%s.pdf has %d pages, want at most %d", slug, pages, limit)
			}
			t.Logf("%s.pdf: %d pages", slug, pages)
		}
		page, err := os.ReadFile(filepath.Join(out, "requests-over-time.html"))
		if err != nil {
			t.Fatal(err)
		}
		index, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), `<a href="requests-over-time.pdf">PDF</a>`) || !strings.Contains(string(index), `<a href="requests-over-time.pdf">PDF</a>`) {
			t.Error("the page or the gallery does not link to the PDF")
		}
	})
}

// CheckPagesEnv names a folder of pages rendered already, with --demo and
// --pdf, for TestDemoPages to check instead of rendering the demo itself.
const CheckPagesEnv = "LENSBOOK_CHECK_PAGES"

// renderDemo renders every notebook against the demo data, as render --demo
// --pdf does, and returns the folder and the pages.
func renderDemo(t *testing.T) (string, []string) {
	t.Helper()
	kerneltest.Paths(t)
	ds := emulator.Generate(emulator.Config{})
	srv := emulator.NewServer(ds)
	api := httptest.NewServer(srv)
	t.Cleanup(api.Close)
	token := srv.NewToken(emulator.AllPermissions...)
	nbs, err := notebook.List(filepath.Join("..", "notebooks"))
	if err != nil || len(nbs) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	out := t.TempDir()
	if dir := os.Getenv(browsertest.ArtifactsEnv); dir != "" {
		out = filepath.Join(dir, "demo-pages")
	}
	asOf := emulator.DemoEnd.Format(time.RFC3339)
	sum, err := publish.Render(t.Context(), publish.Options{
		Notebooks: nbs, OutDir: out, Params: map[string]string{"asOf": asOf}, Timeout: 10 * time.Minute,
		Env: map[string]string{
			"CRYPTOLENS_BASE_URL": api.URL + "/api",
			"CRYPTOLENS_TOKEN":    token,
			"LENSBOOK_AS_OF":      asOf,
			"LENSBOOK_STORE":      filepath.Join(t.TempDir(), "store.db"),
		},
		Token: token, Now: emulator.DemoEnd, PDF: true, DataWindow: "lensbook emulator demo data",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := sum.Err(); err != nil {
		t.Fatalf("a demo report failed: %v", err)
	}
	var pages []string
	for _, r := range sum.Reports {
		pages = append(pages, r.Page)
	}
	return out, pages
}

// checkPage opens one page at a width and colour scheme and checks it.
func checkPage(t *testing.T, browser *browsertest.Browser, u string, width int, scheme string) {
	tab := browser.NewTab(t)
	tab.SetViewport(width, 900, width < 600)
	tab.PreferColorScheme(scheme)
	tab.Open(u)
	minChart := 12.0
	if width < 600 {
		minChart = 10
	}
	// Open every code fold and every chart's figures: code and figures are
	// text a reader reads too.
	var folds int
	tab.Eval(`(() => { const ds = document.querySelectorAll("details.code-fold, details.figures"); ds.forEach(d => d.open = true); return ds.length })()`, &folds)
	var rep pageReport
	tab.Eval(pageChecks+"("+strconv.FormatFloat(minChart, 'f', -1, 64)+")", &rep)
	for _, c := range rep.Contrast {
		t.Errorf("contrast: %s", c)
	}
	for _, c := range rep.Charts {
		t.Errorf("chart text: %s, want at least %.0f px", c, minChart)
	}
	for _, s := range rep.Sideways {
		t.Errorf("sideways: %s", s)
	}
	if rep.ChartsSeen > 0 {
		t.Logf("%d charts, smallest chart text %.1f px", rep.ChartsSeen, rep.ChartMin)
	}
	tab.AssertClean(u)
	if os.Getenv(browsertest.ArtifactsEnv) != "" {
		name := strings.TrimSuffix(filepath.Base(u), ".html")
		tab.Screenshot(fmt.Sprintf("page-%s-%d-%s", name, width, scheme))
	}
}

type manifestRecord struct {
	Title    string `json:"title"`
	Headline string `json:"headline"`
}

func readManifest(t *testing.T, dir string) map[string]manifestRecord {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, publish.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Pages map[string]manifestRecord `json:"pages"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m.Pages
}

// pdfText returns the text of a PDF (pdftotext, layout off, lines joined by
// spaces so that a wrapped sentence reads whole) and its number of pages
// (form feeds between pages).
func pdfText(t *testing.T, pdf string) (string, int) {
	t.Helper()
	raw, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	pages := strings.Count(string(raw), "\f")
	text := regexp.MustCompile(`\s+`).ReplaceAllString(string(raw), " ")
	return text, pages
}
