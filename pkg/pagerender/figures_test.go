package pagerender_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/display"
	"github.com/lensbook/lensbook/pkg/pagerender"
)

// dataMIME is the data channel (display.DataMIME once pkg/display has it).
const dataMIME = "application/vnd.lensbook.data.v1+json"

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
// nothing but the data channel, and a chart whose figures are not valid:
// only the first chart gets a folded table, escaped, and the broken one a
// note.
func TestChartFiguresAreAFoldedTable(t *testing.T) {
	data := figuresData()
	nb := outputsNotebook(
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Requests per day"), dataMIME: data["chart"], "text/plain": "Chart: Requests per day"},
		map[string]string{"text/html": `<table><tbody><tr><td>Activate</td><td>1204</td></tr></tbody></table>`, dataMIME: data["table"], "text/plain": "table"},
		map[string]string{display.HeadlineMIME: "1,522 requests", dataMIME: `{"title":"1,522 requests","columns":[],"rows":[]}`},
		map[string]string{dataMIME: data["table"]},
		map[string]string{display.ChartMIME: chartBundleJSON(t, "Broken"), dataMIME: `{"title":"Broken","columns":["a"],"rows":[[1,2]]}`},
	)
	page, err := pagerender.Render(nb, pagerender.PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	want := `<details class="figures"><summary>Figures</summary><div class="figures-scroll"><table aria-label="Figures: Requests &lt;b&gt;per&lt;/b&gt; day"><thead><tr><th scope="col">day</th><th scope="col" class="num">count</th><th scope="col" class="num">share</th><th scope="col">note</th></tr></thead><tbody>
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
	if n := strings.Count(html, `<details class="figures">`); n != 1 {
		t.Errorf("page has %d figures tables, want 1 (the table, the headline and the data-only output show none)", n)
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
