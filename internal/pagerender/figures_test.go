package pagerender_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/pkg/display"
)

// dataMIME is the data channel; the page renderer spells it out on its own,
// and must spell it as pkg/display does.
const dataMIME = display.DataMIME

// figuresData are the figures of a chart (with markup in its title and
// cells) and of a table, as the data channel carries them.
func figuresData() map[string]string {
	return map[string]string{
		"chart": `{"title":"Requests <b>per</b> day","columns":["day","count","share","note"],"rows":[["2026-10-02",812,0.123456,"<script>window.__pwned='figures'</script>"],["2026-10-03",1204,1,null],["2026-10-04",0,-0.00001,"x & y"]]}`,
		"table": `{"title":"Methods","columns":["method","count"],"rows":[["Activate",1204]]}`,
	}
}

// TestChartFiguresAreAFoldedTable renders a chart with figures, a table
// with its figures, a headline with its (empty) figures, an output with
// nothing but the data channel, a chart whose figures are not valid and an
// inline SVG chart with figures of which some rows were left out: the two
// charts with valid figures get a folded table, escaped, and the broken one
// a note.
func TestChartFiguresAreAFoldedTable(t *testing.T) {
	data := figuresData()
	nb := outputsNotebook(
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Requests per day"), dataMIME: data["chart"], "text/plain": "Chart: Requests per day"},
		map[string]string{"text/html": `<table><tbody><tr><td>Activate</td><td>1204</td></tr></tbody></table>`, dataMIME: data["table"], "text/plain": "table"},
		map[string]string{display.HeadlineMIME: "1,522 requests", dataMIME: `{"title":"1,522 requests","columns":[],"rows":[]}`},
		map[string]string{dataMIME: data["table"]},
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Broken"), dataMIME: `{"title":"Broken","columns":["a"],"rows":[[1,2]]}`},
		map[string]string{"text/html": `<div><svg viewBox="0 0 10 10"><rect width="1" height="2"/></svg></div>`, dataMIME: `{"title":"Inline","columns":["x","y"],"rows":[["a",5]],"omitted":1234}`},
	)
	page, err := pagerender.Render(nb, pagerender.PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	want := `<details class="figures"><summary>Figures</summary><div class="figures-scroll"><table aria-label="Figures: Requests per day"><thead><tr><th scope="col">day</th><th scope="col" class="num">count</th><th scope="col" class="num">share</th><th scope="col">note</th></tr></thead><tbody>
<tr><td>2026-10-02</td><td class="num">812</td><td class="num">0.1235</td><td>&lt;script&gt;window.__pwned=&#39;figures&#39;&lt;/script&gt;</td></tr>
<tr><td>2026-10-03</td><td class="num">1204</td><td class="num">1</td><td></td></tr>
<tr><td>2026-10-04</td><td class="num">0</td><td class="num">0</td><td>x &amp; y</td></tr>
</tbody></table></div></details>`
	if !strings.Contains(html, want) {
		i := strings.Index(html, `<details class="figures">`)
		t.Errorf("page lacks the chart's figures table:\n%s\ngot:\n%s", want, html[max(i, 0):min(len(html), max(i, 0)+len(want)+200)])
	}
	if !regexp.MustCompile(`(?s)<figure class="output output-chart"><picture>.*?</picture>\n<details class="figures">`).MatchString(html) {
		t.Error("the figures are not inside the chart's figure, under its picture")
	}
	if n := strings.Count(html, `<details class="figures">`); n != 2 {
		t.Errorf("page has %d figures tables, want 2 (the table, the headline and the data-only output show none)", n)
	}
	inline := `<div class="output output-html"><div><svg viewBox="0 0 10 10"><rect width="1" height="2"></rect></svg></div>
<details class="figures"><summary>Figures</summary><div class="figures-scroll"><table aria-label="Figures: Inline"><thead><tr><th scope="col">x</th><th scope="col" class="num">y</th></tr></thead><tbody>
<tr><td>a</td><td class="num">5</td></tr>
</tbody><tfoot><tr><td colspan="2">1,234 more rows</td></tr></tfoot></table></div></details></div>`
	if !strings.Contains(html, inline) {
		t.Errorf("an inline SVG chart (display.ChartSVG) lacks its figures, or the omitted rows are not counted; want\n%s", inline)
	}
	if strings.Contains(html, dataMIME) || strings.Contains(html, "is not shown") {
		t.Error("the data channel is named on the page")
	}
	if strings.Count(html, "Activate") != 1 {
		t.Error("a table bundle shows its figures besides its table")
	}
	if !strings.Contains(html, `<p class="figures-note">figures of this chart are not readable: row 1 has 2 values for 1 columns</p>`) {
		t.Error("unreadable figures are not explained under their chart")
	}
	for _, bad := range []string{"<script>window", "<b>per"} {
		if strings.Contains(html, bad) {
			t.Errorf("figures reached the page as markup: %q", bad)
		}
	}
}

// TestChartFiguresShowTheirText renders a chart whose figures carry both
// raw rows and their text as the chart writes them: the folded table shows
// the text (a share as "23.5%", money as "12.34 EUR"), right-aligned where
// the raw values are numbers; a text that does not match the rows is not
// used, and a text row longer than the columns is an error.
func TestChartFiguresShowTheirText(t *testing.T) {
	nb := outputsNotebook(
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Revenue"), "text/plain": "Chart: Revenue",
			dataMIME: `{"title":"Revenue","columns":["day","amount","share"],"rows":[["2026-10-02",1234,0.2345],["2026-10-03",null,1]],"text":[["2 Oct 2026","12.34 EUR","23.5%"],["3 Oct 2026","","100.0%"]]}`},
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Mismatch"), "text/plain": "Chart: Mismatch",
			dataMIME: `{"title":"Mismatch","columns":["n"],"rows":[[0.5],[2]],"text":[["50.0%"]]}`},
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Long"), "text/plain": "Chart: Long",
			dataMIME: `{"title":"Long","columns":["n"],"rows":[[1]],"text":[["1","2"]]}`},
	)
	page, err := pagerender.Render(nb, pagerender.PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, want := range []string{
		`<tr><td>2 Oct 2026</td><td class="num">12.34 EUR</td><td class="num">23.5%</td></tr>
<tr><td>3 Oct 2026</td><td class="num"></td><td class="num">100.0%</td></tr>`,
		`<tr><td class="num">0.5</td></tr>
<tr><td class="num">2</td></tr>`,
		`<p class="figures-note">figures of this chart are not readable: text row 1 has 2 values for 1 columns</p>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks\n%s", want)
		}
	}
	if strings.Contains(html, "0.2345") || strings.Contains(html, ">1234<") {
		t.Error("the page shows raw figures where their text is given")
	}
}

// figuresCheck reads, in the page, the first figures table: whether its
// fold is open, whether the table shows, how many cells it has, the text of
// its first row, how far the page scrolls sideways, and the colour of its
// cell text over the nearest opaque background.
const figuresCheck = `(() => {
	const d = document.querySelector("details.figures");
	const table = d.querySelector("table");
	const td = table.querySelector("tbody td");
	let bg = "";
	for (let e = td; e && !bg; e = e.parentElement) {
		const c = getComputedStyle(e).backgroundColor;
		if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") { bg = c; }
	}
	const doc = document.scrollingElement || document.documentElement;
	return {
		open: d.open,
		shown: table.checkVisibility() && table.getBoundingClientRect().height > 0,
		cells: table.querySelectorAll("td").length,
		firstRow: Array.from(table.querySelector("tbody tr").cells).map(c => c.textContent).join("|"),
		sideways: doc.scrollWidth - doc.clientWidth,
		boxFits: d.getBoundingClientRect().right <= doc.clientWidth + 1,
		fg: getComputedStyle(td).color,
		bg: bg || getComputedStyle(document.documentElement).backgroundColor,
	};
})()`

type figuresState struct {
	Open     bool   `json:"open"`
	Shown    bool   `json:"shown"`
	Cells    int    `json:"cells"`
	FirstRow string `json:"firstRow"`
	Sideways int    `json:"sideways"`
	BoxFits  bool   `json:"boxFits"`
	FG       string `json:"fg"`
	BG       string `json:"bg"`
}

// rgb reads a computed "rgb(r, g, b)" colour.
func rgb(t *testing.T, s string) [3]float64 {
	t.Helper()
	var c [3]float64
	if _, err := fmt.Sscanf(s, "rgb(%g, %g, %g)", &c[0], &c[1], &c[2]); err != nil {
		t.Fatalf("colour %q: %v", s, err)
	}
	return c
}

// testFiguresPage opens a page with a chart of 30 days of figures in four
// columns, wide enough to scroll on a phone, at 390 and 1280 px, light and
// dark: the figures are folded at first, open on a click, readable (WCAG AA
// contrast) and scroll inside their own box; printed, they show open and
// compact under the chart.
func testFiguresPage(t *testing.T, browser *browsertest.Browser) {
	var rows []string
	for d := 2; d <= 31; d++ {
		rows = append(rows, fmt.Sprintf(`["2026-10-%02d",%d,%g,"Activate, GetKey and other licensing methods"]`, d, 700+d*13, float64(d)/31))
	}
	doc := `{"title":"Requests per day","columns":["day","requests","share of the month","methods"],"rows":[` + strings.Join(rows, ",") + `]}`
	nb := outputsNotebook(map[string]string{display.ChartMIME: chartBundleJSON(t, "Requests per day"), dataMIME: doc, "text/plain": "Chart: Requests per day"})
	page, err := pagerender.Render(nb, pagerender.PageMeta{Title: "Figures"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "figures.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := serve(t, dir) + "/figures.html"
	const firstRow = "2026-10-02|726|0.0645|Activate, GetKey and other licensing methods"

	for _, width := range []int{390, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d/%s", width, scheme), func(t *testing.T) {
				tab := browser.NewTab(t)
				tab.SetViewport(width, 900, width < 600)
				tab.PreferColorScheme(scheme)
				tab.Open(pageURL)
				var before figuresState
				tab.Eval(figuresCheck, &before)
				if before.Open || before.Shown {
					t.Errorf("figures are not folded at first: %+v", before)
				}
				tab.Click("details.figures > summary")
				var after figuresState
				tab.Eval(figuresCheck, &after)
				if !after.Open || !after.Shown || after.Cells != 30*4 || after.FirstRow != firstRow {
					t.Errorf("opened figures: %+v, want open, shown, 120 cells, first row %q", after, firstRow)
				}
				if after.Sideways > 1 || !after.BoxFits {
					t.Errorf("the page scrolls sideways by %d px (figures box fits: %v); only the figures box may scroll", after.Sideways, after.BoxFits)
				}
				if ratio := browsertest.ContrastRatio(rgb(t, after.FG), rgb(t, after.BG)); ratio < 4.5 {
					t.Errorf("figures text %s on %s: contrast %.2f < 4.5", after.FG, after.BG, ratio)
				}
				tab.Screenshot(fmt.Sprintf("figures-%d-%s", width, scheme))
				tab.AssertClean(pageURL)
			})
		}
	}

	t.Run("print", func(t *testing.T) {
		// Printed, the figures show open under the chart, compact, so
		// that a reader on paper gets the numbers too.
		tab := browser.NewTab(t)
		tab.EmulateMedia("print")
		tab.Open(pageURL)
		var printed figuresState
		tab.Eval(figuresCheck, &printed)
		if !printed.Shown || printed.Cells != 30*4 || printed.FirstRow != firstRow {
			t.Errorf("printed figures: %+v, want shown, 120 cells, first row %q", printed, firstRow)
		}
		var size struct {
			Font  string  `json:"font"`
			RowPx float64 `json:"rowPx"`
		}
		tab.Eval(`(() => { const td = document.querySelector("details.figures tbody td");
			return {font: getComputedStyle(td).fontSize, rowPx: td.parentElement.getBoundingClientRect().height}; })()`, &size)
		if size.Font != "10px" || size.RowPx > 14 {
			t.Errorf("printed figures are not compact: font %s (want 7.5pt, 10px), row %.1f px (want at most 14)", size.Font, size.RowPx)
		}
		var chart bool
		tab.Eval(`document.querySelector(".output-chart img").checkVisibility()`, &chart)
		if !chart {
			t.Error("the chart does not print")
		}
		tab.Screenshot("figures-print")
	})
}
