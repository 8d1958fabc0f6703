package pagerender_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/pkg/charts"
	"github.com/lensbook/lensbook/pkg/display"
)

// outputsNotebook is a notebook of one code cell with the given display
// outputs.
func outputsNotebook(outputs ...map[string]string) *ipynb.Notebook {
	cell := ipynb.Cell{CellType: "code", Metadata: map[string]any{}, Source: "%%\nshow()"}
	for _, data := range outputs {
		out := ipynb.Output{OutputType: "display_data", Data: map[string]ipynb.MultilineText{}, Metadata: map[string]any{}}
		for k, v := range data {
			out.Data[k] = ipynb.MultilineText(v)
		}
		cell.Outputs = append(cell.Outputs, out)
	}
	return &ipynb.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []ipynb.Cell{
		{CellType: "markdown", Metadata: map[string]any{}, Source: "# Charts\n\nA page of charts."}, cell,
	}}
}

func chartBundleJSON(t *testing.T, title string) string {
	t.Helper()
	c, err := charts.Bar(charts.BarData{Title: title, Categories: []string{"Success", "Failure"}, Values: []float64{9, 1}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := display.NewChartBundle(c)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}

// TestChartOutputIsAPicture checks that a chart from display.Chart becomes a
// <picture> whose sources pick the dark and the narrow renderings, each an
// SVG data: URI that survives html/template's escaping of srcset.
func TestChartOutputIsAPicture(t *testing.T) {
	nb := outputsNotebook(map[string]string{
		display.ChartMIME: chartBundleJSON(t, "Outcomes <&>"),
		"image/svg+xml":   "<svg></svg>",
		"text/plain":      "Chart: Outcomes <&>",
	})
	page, err := pagerender.Render(nb, pagerender.PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, media := range []string{display.MediaNarrowDark, display.MediaNarrow, display.MediaWideDark} {
		want := `<source media="` + media + `" srcset="data:image/svg&#43;xml;base64,PHN2Zy`
		if !strings.Contains(html, want) {
			t.Errorf("page has no %s", want)
		}
	}
	if !strings.Contains(html, `<img src="data:image/svg&#43;xml;base64,PHN2Zy`) || !strings.Contains(html, `alt="Outcomes &lt;&amp;&gt;" width="800" height="450"`) {
		t.Errorf("page has no default chart image with its alt text and size")
	}
	if strings.Count(html, "<picture>") != 1 || strings.Contains(html, "%2c") {
		t.Errorf("want one <picture> with unescaped data: URIs")
	}
}

// TestChartOutputRefusesHostileBundles checks that a chart bundle forged by
// notebook code cannot add markup: a rendering that is no SVG, or a media
// query that could close its attribute, is shown as a note.
func TestChartOutputRefusesHostileBundles(t *testing.T) {
	for name, doc := range map[string]string{
		"not SVG":      `{"alt":"x","images":[{"svg":"<script>window.__pwned=1</script>"}]}`,
		"media quote":  `{"alt":"x","images":[{"media":"x\" onerror=\"window.__pwned=1","svg":"<svg/>"},{"svg":"<svg/>"}]}`,
		"no images":    `{"alt":"x","images":[]}`,
		"not JSON":     `<img src=x onerror=alert(1)>`,
		"empty media ": `{"alt":"x","images":[{"media":"","svg":"<svg/>"},{"svg":"<svg/>"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			page, err := pagerender.Render(outputsNotebook(map[string]string{display.ChartMIME: doc}), pagerender.PageMeta{})
			if err != nil {
				t.Fatal(err)
			}
			html := string(page)
			if strings.Contains(html, "<picture>") || strings.Contains(html, "__pwned=1\"") || strings.Contains(html, "<script>window") || strings.Contains(html, "onerror=alert") {
				t.Errorf("hostile chart bundle reached the page as markup")
			}
			if !strings.Contains(html, `class="output output-note"`) {
				t.Errorf("hostile chart bundle not shown as a note")
			}
		})
	}
}

// TestHeadlineOutput checks the headline figure: escaped text on the page,
// and the first one found for the gallery.
func TestHeadlineOutput(t *testing.T) {
	nb := outputsNotebook(
		map[string]string{display.HeadlineMIME: "12.3% of requests <b>failed</b>", "text/plain": "12.3%"},
		map[string]string{display.HeadlineMIME: "second"},
	)
	page, err := pagerender.Render(nb, pagerender.PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p class="output output-headline">12.3% of requests &lt;b&gt;failed&lt;/b&gt;</p>`; !strings.Contains(string(page), want) {
		t.Errorf("page has no %s", want)
	}
	if got := pagerender.FirstHeadline(nb); got != "12.3% of requests <b>failed</b>" {
		t.Errorf("FirstHeadline = %q", got)
	}
	light, dark, ok := pagerender.FirstChart(outputsNotebook(map[string]string{display.ChartMIME: chartBundleJSON(t, "c")}))
	if !ok || !strings.Contains(string(light), "fill:#FFFFFF") || !strings.Contains(string(dark), "fill:#0D1117") {
		t.Errorf("FirstChart: ok=%t, light and dark renderings not found", ok)
	}
}
