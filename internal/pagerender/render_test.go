package pagerender

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// renderedAt pins the render time of test pages.
var renderedAt = time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)

func readNotebook(t *testing.T, name string) *ipynb.Notebook {
	t.Helper()
	nb, err := ipynb.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func reportMeta() PageMeta {
	return PageMeta{
		Source: "notebooks/weblog-overview.ipynb",
		Params: []Param{{Name: "asOf", Value: "2026-11-01"}, {Name: "days", Value: "30", Default: "30"},
			{Name: "key", Value: "", Default: ""}, {Name: "topN", Value: "5", Default: "10"}},
		GalleryHref: "index.html",
		DataWindow:  "2026-10-02 to 2026-11-01",
		RenderedAt:  renderedAt,
		Status:      StatusOK,
	}
}

func renderFixture(t *testing.T, name string, meta PageMeta) string {
	t.Helper()
	page, err := Render(readNotebook(t, name), meta)
	if err != nil {
		t.Fatalf("Render(%s): %v", name, err)
	}
	if dir := os.Getenv("LENSBOOK_ARTIFACTS"); dir != "" {
		path := filepath.Join(dir, strings.TrimSuffix(name, ".ipynb")+".html")
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("page written to %s", path)
	}
	return string(page)
}

func TestRenderIsDeterministic(t *testing.T) {
	nb := readNotebook(t, "report.ipynb")
	first, err := Render(nb, reportMeta())
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := Render(readNotebook(t, "report.ipynb"), reportMeta())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("two renders of the same notebook and meta differ")
		}
	}
}

func TestRenderHeaderShowsMeta(t *testing.T) {
	page := renderFixture(t, "report.ipynb", reportMeta())
	for _, want := range []string{
		"<title>Web API Log overview</title>",
		`<h1 class="page-title">Web API Log overview</h1>`,
		`<p class="page-description">Requests, errors and busiest methods of the Web API Log.</p>`,
		`<dt>Window</dt><dd>2 Oct – 31 Oct 2026 (30 days, UTC)</dd>`,
		`<li>topN=5</li></ul>`,
		`<dt>Data source</dt><dd>2026-10-02 to 2026-11-01</dd>`,
		`<time datetime="2026-11-01T06:30:00Z">1 Nov 2026 06:30 UTC</time>`,
		`<code>notebooks/weblog-overview.ipynb</code>`,
		`<a href="index.html">← All reports</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, `class="banner banner-failed"`) {
		t.Error("an ok page shows the failure banner")
	}
	// Parameters stated by the window line, or at their default, are not
	// listed.
	for _, chip := range []string{"<li>days=", "<li>asOf=", "<li>key="} {
		if strings.Contains(page, chip) {
			t.Errorf("page lists the parameter chip %s", chip)
		}
	}
	// The notebook's own title heading and description are not repeated.
	if n := strings.Count(page, "Web API Log overview</h1>"); n != 1 {
		t.Errorf("title heading appears %d times, want once", n)
	}
	if !strings.Contains(page, "This report reads the local store") {
		t.Error("the rest of the first markdown cell is missing")
	}
}

func TestRenderFailedPageShowsBanner(t *testing.T) {
	meta := reportMeta()
	meta.Status = StatusFailed
	meta.Error = `cell 6: panic: <script>alert("x")</script>`
	page := renderFixture(t, "report.ipynb", meta)
	want := `<div class="banner banner-failed" role="alert"><strong>This report did not run to the end: its results are incomplete.</strong><pre>cell 6: panic: &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</pre></div>`
	if !strings.Contains(page, want) {
		t.Errorf("page lacks the escaped failure banner %q", want)
	}
}

func TestRenderEscapesMeta(t *testing.T) {
	nb := readNotebook(t, "report.ipynb")
	page, err := Render(nb, PageMeta{
		Title:       `<script>alert(1)</script>`,
		Description: `"><img src=x onerror=alert(2)>`,
		Params:      []Param{{Name: "<b>", Value: "</li><script>"}},
		DataWindow:  "<i>w</i>",
		Source:      "</code><script>",
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "<script"); n != 1 {
		t.Errorf("page has %d <script elements, want only its own", n)
	}
	for _, bad := range []string{"<img src=x", "<b>", "<i>w</i>"} {
		if strings.Contains(string(page), bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
}

func TestRenderTableOfContents(t *testing.T) {
	page := renderFixture(t, "report.ipynb", reportMeta())
	want := `<li class="toc-2"><a href="#sec-requests-per-day">Requests per day</a></li>
<li class="toc-2"><a href="#sec-busiest-methods">Busiest methods</a></li>
<li class="toc-3"><a href="#sec-chart-as-svg">Chart as SVG</a></li>
<li class="toc-2"><a href="#sec-errors">Errors</a></li>`
	if !strings.Contains(page, want) {
		t.Errorf("page lacks the table of contents:\n%s", want)
	}
	for _, id := range []string{"sec-requests-per-day", "sec-busiest-methods", "sec-chart-as-svg", "sec-errors"} {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("no heading with id %s", id)
		}
	}
}

func TestRenderHeadingIDsUniqueAcrossCells(t *testing.T) {
	nb := markdownNotebook("# Report\n\n## Summary", "## Summary", "## Summary\n\n### Results")
	page, err := Render(nb, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"sec-summary", "sec-summary-1", "sec-summary-2", "sec-results"} {
		if n := strings.Count(string(page), `id="`+id+`"`); n != 1 {
			t.Errorf("id %s appears %d times, want once", id, n)
		}
	}
}

func TestRenderCodeCells(t *testing.T) {
	page := renderFixture(t, "report.ipynb", reportMeta())
	for _, want := range []string{
		"<section class=\"cell cell-code\" id=\"cell-4\">\n" + `<details class="code-fold"><summary><span class="fold-closed">Show code</span><span class="fold-open">Hide code</span></summary>`,
		`<span class="kn">import</span>`,                                               // chroma highlighted Go
		`<div class="output output-image"><img src="data:image/png;base64,iVBORw0KGgo`, // the PNG chart
		`alt="Requests per day chart"`,                                                 // alt from text/plain
		`<div class="output output-stdout"><pre>read 1522 requests from the store`,
		`<div class="output output-stderr"><pre>warning: 7 requests have no method`,
		`<td style="text-align:right">1204</td>`, // sanitized text/html table
		`<td>&lt;unknown&gt;</td>`,
		`<div class="output output-image"><img src="data:image/svg&#43;xml;base64,`,
		`<div class="output output-text"><pre>1522</pre></div>`,
		`total: <span class="ansi-bold">1522</span>`,
		`<p><strong>ERROR</strong>: panic: store is empty</p><pre><span class="ansi-fg-red">panic: store is empty</span>`,
		`<th>method</th>`, // GFM table in markdown
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Only the failed cell's fold names its cell, which the error cites.
	if n := strings.Count(page, `<span class="cell-number">· cell `); n != 1 {
		t.Errorf("%d folds name their cell, want 1 (the failed one)", n)
	}
	if strings.Contains(page, "<details class=\"code-fold\" open") {
		t.Error("a code cell is unfolded")
	}
}

func TestRenderIsSelfContained(t *testing.T) {
	for _, name := range []string{"report.ipynb", "hostile.ipynb"} {
		page := renderFixture(t, name, reportMeta())
		if n := strings.Count(page, "<link"); n != 1 || !strings.Contains(page, `<link rel="icon" href="data:image/svg&#43;xml;base64,`) {
			t.Errorf("%s: want exactly one <link>, the inline icon; have %d", name, n)
		}
		for _, bad := range []string{`src="http`, `href="http`, `src="//`, "url(", "@import", "<iframe"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: page contains %q", name, bad)
			}
		}
		csp := ContentSecurityPolicy(ScriptHash(pageScript))
		if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="`+strings.NewReplacer("'", "&#39;", "+", "&#43;").Replace(csp)+`">`) {
			t.Errorf("%s: page lacks the CSP meta tag %s", name, csp)
		}
		if !strings.Contains(page, "<script>"+pageScript+"</script>") {
			t.Errorf("%s: the page script differs from the one whose hash the CSP allows", name)
		}
	}
}

func TestRenderMarkdownIsSafe(t *testing.T) {
	page := renderFixture(t, "hostile.ipynb", PageMeta{})
	for _, want := range []string{
		`<pre class="md-raw-html">&lt;script&gt;window.__pwned = &#39;md-script&#39;&lt;/script&gt;`,
		`inline &lt;b onclick=&#34;window.__pwned=&#39;md-b&#39;&#34;&gt;bold&lt;/b&gt;`,
		`<a href="">javascript link</a>`,
		`[image not embedded: remote image]`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestRenderCellTags(t *testing.T) {
	nb := readNotebook(t, "report.ipynb")
	tag := func(i int, tag string) {
		nb.Cells[i].Metadata = map[string]any{"tags": []any{tag}}
	}
	tag(1, TagRemoveCell)   // the import cell
	tag(3, TagRemoveInput)  // the PNG chart
	tag(5, TagRemoveOutput) // the HTML table
	page, err := Render(nb, reportMeta())
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if strings.Contains(s, `id="cell-2"`) {
		t.Error("remove-cell cell is on the page")
	}
	if strings.Contains(s, `id="cell-4"><details`) || !strings.Contains(s, `id="cell-4"`) || !strings.Contains(s, "data:image/png") {
		t.Error("remove-input cell: want outputs without code")
	}
	if !strings.Contains(s, `id="cell-6">`+"\n"+`<details`) || strings.Contains(s, "&lt;unknown&gt;</td>") {
		t.Error("remove-output cell: want code without outputs")
	}
}

func TestRenderOddOutputs(t *testing.T) {
	one := 1
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{
		{CellType: "code", Source: "x", Outputs: []ipynb.Output{
			{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"image/png": "not base64!"}},
			{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"application/vnd.custom+json": "{}", "application/x-other": "x"}},
			{OutputType: "update_display_data"},
		}},
		{CellType: "code", ExecutionCount: &one, Source: "   \n"},
		{CellType: "raw", Source: "<raw & text>"},
	}}
	page, err := Render(nb, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		`<summary><span class="fold-closed">Show code</span>`,
		`image/png output is not valid base64`,
		`output of type application/vnd.custom&#43;json, application/x-other is not shown`,
		`output type &#34;update_display_data&#34; is not shown`,
		`<pre>&lt;raw &amp; text&gt;</pre>`,
		`<title>Untitled report</title>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(s, `id="cell-2"`) {
		t.Error("an empty code cell without outputs is on the page")
	}
}

func TestRenderNilNotebook(t *testing.T) {
	if _, err := Render(nil, PageMeta{}); err == nil {
		t.Error("Render(nil) did not fail")
	}
}

func BenchmarkRender(b *testing.B) {
	nb, err := ipynb.ReadFile(filepath.Join("testdata", "report.ipynb"))
	if err != nil {
		b.Fatal(err)
	}
	meta := reportMeta()
	for b.Loop() {
		if _, err := Render(nb, meta); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRenderSkipsBlankOutputs(t *testing.T) {
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{{CellType: "code", Source: "%%\ngonbui.UpdateHTML(id, \"\")", Outputs: []ipynb.Output{
		{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"text/html": ""}},
		{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"text/html": "<script>x</script>"}},
		{OutputType: "stream", Name: "stdout", Text: ""},
	}}}}
	page, err := Render(nb, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), `<div class="outputs">`) {
		t.Error("blank outputs are shown")
	}
}

func TestRenderMarkdownImages(t *testing.T) {
	nb := markdownNotebook("![inline](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2Zy8+) ![remote](https://example.com/a.png) ![att](attachment:chart.png)")
	page, err := Render(nb, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		`<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">`,
		`[image not embedded: svg]`,
		`[image not embedded: remote]`,
		`[image not embedded: att]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestRenderGoNBExecutedNotebook renders a notebook executed by the real
// GoNB kernel through nbconvert, with lensbook's display package: a PNG
// chart, the same chart as inline SVG, a table and markdown.
func TestRenderGoNBExecutedNotebook(t *testing.T) {
	page := renderFixture(t, "gonb-executed.ipynb", PageMeta{Title: "Outcomes"})
	for _, want := range []string{
		`<div class="output output-image"><img src="data:image/png;base64,iVBORw0KGgo`,
		`alt="Chart: Outcomes"`,
		`<div class="output output-html"><div><svg width="600pt" height="337.5pt" viewBox="0 0 600 337.5"`,
		`<table class="lensbook-table" style="border-collapse:collapse;font-variant-numeric:tabular-nums">`,
		`<td style="text-align:left;padding:2px 8px">&lt;script&gt;</td>`,
		`<div class="output output-markdown"><p><strong>bold</strong></p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestRenderMergesAdjacentStreams(t *testing.T) {
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{{CellType: "code", Source: "x", Outputs: []ipynb.Output{
		{OutputType: "stream", Name: "stdout", Text: "one\n"},
		{OutputType: "stream", Name: "stdout", Text: "\x1b[31mtwo\x1b[0m\n"},
		{OutputType: "stream", Name: "stderr", Text: "three\n"},
		{OutputType: "stream", Name: "stdout", Text: "four\n"},
	}}}}
	page, err := Render(nb, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<div class="output output-stdout"><pre>one
<span class="ansi-fg-red">two</span>
</pre></div>
<div class="output output-stderr"><pre>three
</pre></div>
<div class="output output-stdout"><pre>four
</pre></div>`
	if !strings.Contains(string(page), want) {
		t.Errorf("page lacks the merged streams:\n%s", want)
	}
}
