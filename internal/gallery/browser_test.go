package gallery_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/gallery"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
)

// writeReports writes the gallery and the report pages its cards link to.
func writeReports(t *testing.T, dir string, entries []gallery.Entry) {
	t.Helper()
	if err := gallery.Write(dir, entries); err != nil {
		t.Fatal(err)
	}
	nb, err := ipynb.ReadFile(filepath.Join("..", "pagerender", "testdata", "report.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		page, err := pagerender.Render(nb, pagerender.PageMeta{Title: e.Title, Params: e.Params, Status: e.Status, Error: e.Error, RenderedAt: e.RenderedAt})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Slug+".html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBrowserGallery(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := browsertest.New(t)
	dir := t.TempDir()
	writeReports(t, dir, sampleEntries(t))
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)

	for _, tc := range []struct{ name, base string }{
		{"http", srv.URL + "/"},
		{"file", "file://" + dir + "/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab := browser.NewTab(t)
			indexURL := tc.base + "index.html"
			tab.Open(indexURL)

			var pwned string
			tab.Eval(`typeof window.__pwned === "undefined" ? "" : String(window.__pwned)`, &pwned)
			if pwned != "" {
				t.Errorf("injected script ran: window.__pwned = %q", pwned)
			}
			var images struct {
				Total  int      `json:"total"`
				Broken []string `json:"broken"`
			}
			tab.Eval(`(() => { const i = Array.from(document.images); return {total: i.length, broken: i.filter(x => !(x.complete && x.naturalWidth > 0)).map(x => x.alt)}; })()`, &images)
			if images.Total != 6 || len(images.Broken) > 0 {
				t.Errorf("thumbnails: %d images, broken %v; want 6 decoded", images.Total, images.Broken)
			}
			var text string
			tab.Eval(`document.body.innerText`, &text)
			for _, want := range []string{"Events <script>window.__pwned='title'</script> funnel", "cell 4: panic: <script>window.__pwned='error'</script>", "days=30"} {
				if !strings.Contains(text, want) {
					t.Errorf("gallery text lacks %q", want)
				}
			}
			tab.PreferColorScheme("dark")
			var bg string
			tab.Eval(`getComputedStyle(document.body).backgroundColor`, &bg)
			if bg != "rgb(13, 17, 23)" {
				t.Errorf("dark background = %s", bg)
			}
			tab.Screenshot("gallery-" + tc.name + "-dark")
			tab.PreferColorScheme("light")
			tab.Eval(`getComputedStyle(document.body).backgroundColor`, &bg)
			if bg != "rgb(255, 255, 255)" {
				t.Errorf("light background = %s", bg)
			}
			tab.Screenshot("gallery-" + tc.name + "-light")
			tab.AssertClean(indexURL)

			// The card links to its report, relative to the gallery.
			tab.Forget()
			tab.ClickAndWaitLoad(`a.card-link[href="weblog-overview.html"]`)
			var loc struct {
				Href  string `json:"href"`
				Title string `json:"title"`
			}
			tab.Eval(`({href: location.href, title: document.title})`, &loc)
			if loc.Href != tc.base+"weblog-overview.html" || loc.Title != "Web API Log overview" {
				t.Errorf("after clicking the card: %+v", loc)
			}
			tab.AssertClean(tc.base + "weblog-overview.html")
		})
	}
}
