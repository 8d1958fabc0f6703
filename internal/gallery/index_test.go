package gallery_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/gallery"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/internal/secret"
)

var renderedAt = time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)

// chartPNG is the PNG chart of pagerender's test notebook.
func chartPNG(t testing.TB) []byte {
	t.Helper()
	nb, err := ipynb.ReadFile(filepath.Join("..", "pagerender", "testdata", "report.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	mime, data, ok := pagerender.FirstImage(nb)
	if !ok || mime != "image/png" {
		t.Fatalf("FirstImage = %q, %v; want a PNG", mime, ok)
	}
	return data
}

func sampleEntries(t testing.TB) []gallery.Entry {
	return []gallery.Entry{
		{
			Slug: "object-log-changes", Title: "Object Log changes", Group: "Object Log",
			Description: "Who changed which licence objects.",
			Status:      pagerender.StatusOK, RenderedAt: renderedAt, Duration: 4200 * time.Millisecond,
		},
		{
			Slug: "weblog-overview", Title: "Web API Log overview", Group: "Web API Log",
			Description: "Requests, errors and busiest methods.",
			Params:      []pagerender.Param{{Name: "asOf", Value: "2026-11-01"}, {Name: "days", Value: "30"}},
			Status:      pagerender.StatusOK, RenderedAt: renderedAt, Duration: 6300 * time.Millisecond,
			Thumbnail: chartPNG(t),
		},
		{
			Slug: "events-funnel", Title: "Events <script>window.__pwned='title'</script> funnel", Group: "Events Log",
			Description: `<img src=x onerror="window.__pwned='description'">`,
			Params:      []pagerender.Param{{Name: "<b>name</b>", Value: `"><script>window.__pwned='param'</script>`}},
			Status:      pagerender.StatusFailed, Error: "cell 4: panic: <script>window.__pwned='error'</script>",
			RenderedAt: renderedAt.Add(time.Minute), Duration: 1500 * time.Millisecond,
		},
		{
			Slug: "activations", Title: "Activations by product", Group: "Web API Log",
			Status: pagerender.StatusOK, RenderedAt: renderedAt, Duration: 90 * time.Second,
		},
		{Slug: "scratch", Title: "Scratch", Status: pagerender.StatusOK},
		{Slug: "custom", Title: "Custom", Group: "Audits", Status: pagerender.StatusOK},
	}
}

func TestIndexGroupsInStableOrder(t *testing.T) {
	page, err := gallery.Index(sampleEntries(t))
	if err != nil {
		t.Fatal(err)
	}
	headings := regexp.MustCompile(`<h2 id="group-\d+-title">([^<]*)</h2>`).FindAllStringSubmatch(string(page), -1)
	var groups []string
	for _, h := range headings {
		groups = append(groups, h[1])
	}
	if diff := cmp.Diff([]string{"Web API Log", "Events Log", "Object Log", "Audits", "Other reports"}, groups); diff != "" {
		t.Errorf("group order (-want +got):\n%s", diff)
	}
	links := regexp.MustCompile(`class="card-link" href="([^"]*)"`).FindAllStringSubmatch(string(page), -1)
	var hrefs []string
	for _, l := range links {
		hrefs = append(hrefs, l[1])
	}
	want := []string{"activations.html", "weblog-overview.html", "events-funnel.html", "object-log-changes.html", "custom.html", "scratch.html"}
	if diff := cmp.Diff(want, hrefs); diff != "" {
		t.Errorf("card order (-want +got):\n%s", diff)
	}
}

func TestIndexIsDeterministic(t *testing.T) {
	entries := sampleEntries(t)
	first, err := gallery.Index(entries)
	if err != nil {
		t.Fatal(err)
	}
	// Reversed input gives the same page.
	reversed := make([]gallery.Entry, len(entries))
	for i, e := range entries {
		reversed[len(entries)-1-i] = e
	}
	again, err := gallery.Index(reversed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Error("the same entries in another order give a different page")
	}
}

func TestIndexEscapesEverything(t *testing.T) {
	page, err := gallery.Index(sampleEntries(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, bad := range []string{"<script>window", "<img src=x", "<b>name</b>"} {
		if strings.Contains(s, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	if n := strings.Count(s, "<script"); n != 0 {
		t.Errorf("gallery has %d script elements, want none", n)
	}
	for _, want := range []string{
		"Events &lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt; funnel",
		"cell 4: panic: &lt;script&gt;",
		"script-src &#39;none&#39;",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestIndexCardContents(t *testing.T) {
	page, err := gallery.Index(sampleEntries(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		`<li>days=30</li>`,
		`<time datetime="2026-11-01T06:30:00Z">1 Nov 2026 06:30 UTC</time> · 6.3s`,
		` · 1m30s`,
		`src="data:image/png;base64,iVBORw0KGgo`,
		`class="thumb thumb-placeholder" src="data:image/svg&#43;xml;base64,`,
		`6 reports, <span class="status-failed">1 failed</span> · last rendered 1 Nov 2026 06:31 UTC`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestIndexRejectsBadEntries(t *testing.T) {
	tests := []struct {
		name  string
		entry gallery.Entry
		want  string
	}{
		{"absolute href", gallery.Entry{Slug: "a", Href: "https://example.com/a.html"}, `entry "a": href "https://example.com/a.html" is not a relative link`},
		{"javascript href", gallery.Entry{Slug: "b", Href: "javascript:alert(1)"}, `entry "b": href "javascript:alert(1)" is not a relative link`},
		{"rooted href", gallery.Entry{Slug: "c", Href: "/etc/passwd"}, `is not a relative link`},
		{"thumbnail not an image", gallery.Entry{Slug: "d", Thumbnail: []byte("<html><body>x")}, `entry "d": thumbnail is not a PNG image`},
		{"thumbnail broken PNG", gallery.Entry{Slug: "e", Thumbnail: []byte("\x89PNG\r\n\x1a\nbroken")}, `entry "e": thumbnail PNG:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gallery.Index([]gallery.Entry{tt.entry})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Index error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestIndexEmpty(t *testing.T) {
	page, err := gallery.Index(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "No reports have been rendered yet.") {
		t.Error("empty gallery does not say so")
	}
}

func TestWriteCreatesIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports")
	entries := sampleEntries(t)
	if err := gallery.Write(dir, entries); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := gallery.Index(entries)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("index.html differs from Index")
	}
}

func TestWriteReportsUnwritableDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := gallery.Write(filepath.Join(file, "reports"), nil)
	if err == nil || !strings.Contains(err.Error(), "gallery: creating") {
		t.Errorf("Write into a file's path: error = %v", err)
	}
}

func TestIndexRedactsToken(t *testing.T) {
	const token = "secret-access-token-123"
	page, err := gallery.Index([]gallery.Entry{{
		Slug: "x", Title: "x", Status: pagerender.StatusFailed, Error: "401 for token=" + token,
		Params: []pagerender.Param{{Name: "token", Value: token}},
	}}, token)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), token) {
		t.Error("gallery shows the access token")
	}
	if !strings.Contains(string(page), "401 for token=REDACTED") {
		t.Error("gallery does not show the redacted error")
	}
}

// A failed or refused report shows its status, the time and message of the
// failure, and the page it links to: the last good render, or none.
func TestIndexFailureCards(t *testing.T) {
	failedAt := renderedAt.Add(26 * time.Hour)
	page, err := gallery.Index([]gallery.Entry{
		{Slug: "kept", Title: "Kept", Status: pagerender.StatusFailed, Error: "cell 5 (Fetch the window): the store does not hold it",
			RenderedAt: renderedAt, FailedAt: failedAt, LastGood: true},
		{Slug: "never", Title: "Never", Status: pagerender.StatusFailed, Error: "cell 3 (\"x()\"): boom", RenderedAt: failedAt, FailedAt: failedAt},
		{Slug: "refused", Title: "Refused", Status: "refused", Error: "the page holds the access token", FailedAt: failedAt, NoPage: true},
		{Slug: "my report #1 50% ?", Title: "Odd name", Status: pagerender.StatusOK, RenderedAt: renderedAt},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		`<span class="status-failed">failed</span> · <time datetime="2026-11-02T08:30:00Z">2 Nov 2026 08:30 UTC</time>`,
		`cell 5 (Fetch the window): the store does not hold it`,
		`Showing the last good render: <time datetime="2026-11-01T06:30:00Z">1 Nov 2026 06:30 UTC</time>`,
		`<span class="status-failed">refused</span>`,
		`href="my%20report%20%231%2050%25%20%3F.html"`,
		`href="kept.html"`, `href="never.html"`,
		`3 failed`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	if n := strings.Count(s, "Never rendered successfully"); n != 2 {
		t.Errorf("%d cards say they never rendered, want 2 (never, refused)", n)
	}
	if strings.Contains(s, `href="refused.html"`) {
		t.Errorf("a report without a page links to one")
	}
}

func TestIndexRefusesTheTokenInAnyForm(t *testing.T) {
	const token = "secret-access-token-123"
	// A token with one character percent-encoded is no form the redactor
	// replaces; the guard decodes it and refuses the page.
	page, err := gallery.Index([]gallery.Entry{{Slug: "x", Title: "Percent %73ecret-access-token-123"}}, token)
	if err == nil {
		t.Fatalf("a gallery holding the token percent-encoded was written:\n%s", page)
	}
	var leak *secret.LeakError
	if !errors.As(err, &leak) || strings.Contains(err.Error(), token) {
		t.Errorf("error %v, want a secret.LeakError without the token", err)
	}
}

func TestRefusedCard(t *testing.T) {
	page, err := gallery.Index([]gallery.Entry{{Slug: "x", Title: "X", Status: "refused",
		Error: "the page x.html holds the access token (base64): refused"}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if !strings.Contains(s, `<span class="status-failed">refused</span>`) || !strings.Contains(s, "holds the access token (base64)") ||
		!strings.Contains(s, "1 failed") {
		t.Errorf("refused card not shown:\n%s", s)
	}
}

// TestIndexCardHeadlineAndDarkThumbnail checks the card of a report with a
// headline figure, a chart thumbnail in both themes and a PDF: the
// headline, the first sentence of the description, a dark source, the PDF
// link, and no chip for a parameter at its default.
func TestIndexCardHeadlineAndDarkThumbnail(t *testing.T) {
	light := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 4"><rect width="8" height="4" fill="#fff"/></svg>`)
	dark := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 4"><rect width="8" height="4" fill="#0d1117"/></svg>`)
	page, err := gallery.Index([]gallery.Entry{{
		Slug: "success-vs-failure", Title: "Successful vs. unsuccessful",
		Description: "How many requests failed? The second sentence is not shown.",
		Headline:    "12.3% of <b>requests</b> failed",
		Params:      []pagerender.Param{{Name: "days", Value: "30", Default: "30"}, {Name: "topN", Value: "5", Default: "10"}},
		Thumbnail:   light, ThumbnailDark: dark, PDF: "success-vs-failure.pdf",
	}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		`<p class="card-headline">12.3% of &lt;b&gt;requests&lt;/b&gt; failed</p>`,
		`<p class="card-description">How many requests failed?</p>`,
		`<source media="screen and (prefers-color-scheme: dark)" srcset="data:image/svg&#43;xml;base64,`,
		`<a href="success-vs-failure.pdf">PDF</a>`,
		`<li>topN=5</li>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(s, "days=30") || strings.Contains(s, "second sentence") {
		t.Errorf("card shows a parameter at its default, or the whole description:\n%s", s[strings.Index(s, "<main"):])
	}
	if _, err := gallery.Index([]gallery.Entry{{Slug: "x", PDF: "https://example.invalid/x.pdf"}}); err == nil {
		t.Error("an absolute PDF link was accepted")
	}
}
