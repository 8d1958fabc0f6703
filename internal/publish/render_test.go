package publish

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/secret"

	"github.com/google/go-cmp/cmp"
)

const testToken = "WyIwIiwibGVuc2Jvb2stZmFrZS10b2tlbi1mb3ItdGVzdHMtb25seSJd"

type statusLine struct{ Slug, Status string }

func statuses(s *Summary) []statusLine {
	var out []statusLine
	for _, r := range s.Reports {
		out = append(out, statusLine{r.Slug, r.Status})
	}
	return out
}

func TestRenderPagesGalleryAndSkips(t *testing.T) {
	paths := kerneltest.Paths(t)
	out := t.TempDir()
	opts := Options{
		Notebooks:       []string{"testdata/weblog-chart.ipynb", "testdata/broken.ipynb", "testdata/leaky.ipynb", "testdata/leaky-base64.ipynb"},
		OutDir:          out,
		Params:          map[string]string{"width": "900"},
		Jobs:            2,
		Timeout:         3 * time.Minute,
		Env:             map[string]string{"CRYPTOLENS_TOKEN": testToken, "LENSBOOK_AS_OF": "2026-11-01T00:00:00Z"},
		Now:             time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC),
		DataFingerprint: "data-1",
		DataWindow:      "2026-10-01 to 2026-11-01",
		Paths:           paths,
	}
	var progressed []string
	opts.Progress = func(r Report) { progressed = append(progressed, r.Slug) }

	first, err := Render(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []statusLine{{"weblog-chart", StatusOK}, {"broken", StatusFailed}, {"leaky", StatusRefused}, {"leaky-base64", StatusRefused}}
	if diff := cmp.Diff(want, statuses(first)); diff != "" {
		t.Fatalf("first render (-want +got):\n%s\n%+v", diff, first.Reports)
	}
	if len(progressed) != 4 {
		t.Errorf("Progress called for %v, want all four", progressed)
	}
	broken := first.Reports[1]
	if broken.Cell != 3 || !strings.Contains(broken.Error, `cell 3 ("fmt.Println(missing)"): line 2: undefined: missing`) {
		t.Errorf("broken report: cell %d, error %q", broken.Cell, broken.Error)
	}
	for _, leaky := range first.Reports[2:] {
		if !strings.Contains(leaky.Error, "access token appears") || strings.Contains(leaky.Error, testToken) {
			t.Errorf("%s report error = %q", leaky.Slug, leaky.Error)
		}
	}
	if err := first.Err(); err == nil || !strings.Contains(err.Error(), "testdata/broken.ipynb: cell 3") {
		t.Errorf("Summary.Err = %v", err)
	}

	// Every file written is free of the token, in any form; the refused
	// reports have no page.
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if form := secret.NewRedactor(testToken).Find(string(data)); form != "" {
			t.Errorf("%s holds the token (%s)", e.Name(), form)
		}
	}
	wantNames := []string{"broken.html", "index.html", ManifestName, "weblog-chart.html"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("files in OutDir (-want +got):\n%s", diff)
	}
	page := readFile(t, filepath.Join(out, "weblog-chart.html"))
	for _, want := range []string{"Web API calls", "calls 900", "2026-10-01 to 2026-11-01", "data:image/png;base64,"} {
		if !strings.Contains(page, want) {
			t.Errorf("weblog-chart.html lacks %q", want)
		}
	}
	if strings.Contains(page, "go mod edit") {
		t.Errorf("weblog-chart.html shows the setup cell")
	}
	index := readFile(t, filepath.Join(out, "index.html"))
	for _, want := range []string{"Web API calls", "Broken report", "Leaky report", "Events Log", "weblog-chart.html",
		`<span class="status-failed">refused</span>`, "3 failed"} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	var m manifest
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, ManifestName))), &m); err != nil {
		t.Fatal(err)
	}
	thumb, err := png.Decode(bytes.NewReader(m.Pages["weblog-chart"].Thumbnail))
	if err != nil || thumb.Bounds().Dx() != thumbnailWidth {
		t.Errorf("thumbnail: %v, %v", err, thumb)
	}

	// Unchanged inputs: the good notebook is skipped, the failed ones run again.
	second, err := Render(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	want[0].Status = StatusUnchanged
	if diff := cmp.Diff(want, statuses(second)); diff != "" {
		t.Errorf("second render (-want +got):\n%s", diff)
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != index {
		t.Errorf("index.html changed although nothing did")
	}

	// Forced, with the same pinned time: byte-identical page.
	opts.Force = true
	opts.Notebooks = opts.Notebooks[:1]
	third, err := Render(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if third.Reports[0].Status != StatusOK {
		t.Fatalf("forced render: %+v", third.Reports[0])
	}
	if got := readFile(t, filepath.Join(out, "weblog-chart.html")); got != page {
		t.Errorf("a forced render with the same inputs changed the page")
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != index {
		t.Errorf("a forced render of one notebook changed the gallery (it must keep the others)")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A notebook whose file name holds a space, #, % and ? renders, and a later
// failed render keeps its last good page: the gallery card shows the
// failure (time, cell, message) beside the time of that page. A report that
// never rendered well shows as failed, its page naming the failed cell as the
// summary does, with the panic's message and no goroutine dump.
func TestRenderKeepsTheLastGoodPageAndEscapesOddNames(t *testing.T) {
	paths := kerneltest.Paths(t)
	dir := t.TempDir()
	const name = "my report #1 50% ?"
	nbPath := filepath.Join(dir, name+".ipynb")
	data, err := os.ReadFile("testdata/window.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nbPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out dir")
	good := time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	opts := Options{
		Notebooks: []string{nbPath},
		OutDir:    out,
		Params:    map[string]string{"days": "7", "asOf": "2026-11-01"},
		Timeout:   3 * time.Minute,
		Env:       map[string]string{"CRYPTOLENS_TOKEN": testToken},
		Now:       good,
		Paths:     paths,
	}
	first, err := Render(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r := first.Reports[0]; r.Status != StatusOK || r.Page != filepath.Join(out, name+".html") {
		t.Fatalf("first render: %+v", r)
	}
	page := readFile(t, filepath.Join(out, name+".html"))
	if !strings.Contains(page, "days=7 productID=0 asOf=2026-11-01") {
		t.Errorf("the page does not show the parameters the cell ran with")
	}
	index := readFile(t, filepath.Join(out, "index.html"))
	const href = `href="my%20report%20%231%2050%25%20%3F.html"`
	if !strings.Contains(index, href) {
		t.Errorf("index.html lacks the escaped link %s", href)
	}

	// The data no longer covers the window: the fetch cell fails.
	opts.Env = map[string]string{"CRYPTOLENS_TOKEN": testToken, "LENSBOOK_TEST_FAIL": "1"}
	failedAt := good.Add(2 * time.Hour)
	opts.Now = failedAt
	second, err := Render(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	const failure = "cell 5 (Fetch the window): report: the local store does not hold the weblog for 7 days to 2026-11-01"
	r := second.Reports[0]
	if r.Status != StatusFailed || r.Error != failure || r.Cell != 5 || !r.LastGood.Equal(good) {
		t.Fatalf("second render: %+v\nwant error %q, cell 5, last good %s", r, failure, good)
	}
	if got := readFile(t, filepath.Join(out, name+".html")); got != page {
		t.Errorf("a failed render replaced the last good page")
	}
	index = readFile(t, filepath.Join(out, "index.html"))
	for _, want := range []string{
		href,
		`<span class="status-failed">failed</span> · <time datetime="2026-11-01T08:00:00Z">1 Nov 2026 08:00 UTC</time>`,
		"report: the local store does not hold the weblog for 7 days to 2026-11-01",
		"cell 5 (Fetch the window)",
		`Showing the last good render: <time datetime="2026-11-01T06:00:00Z">1 Nov 2026 06:00 UTC</time>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html after the failure lacks %q", want)
		}
	}
	var text strings.Builder
	if err := second.WriteText(&text); err != nil || !strings.Contains(text.String(), failure) {
		t.Errorf("summary = %q, want it to hold %q", text.String(), failure)
	}

	// Never rendered well: a failed page, named the same way everywhere.
	fresh := filepath.Join(t.TempDir(), "fresh")
	opts.OutDir = fresh
	third, err := Render(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r := third.Reports[0]; r.Status != StatusFailed || r.Error != failure || !r.LastGood.IsZero() {
		t.Fatalf("render without an earlier page: %+v", r)
	}
	failedPage := readFile(t, filepath.Join(fresh, name+".html"))
	for _, want := range []string{"· cell 5</span>", "cell 5 (Fetch the window)</strong>: report: the local store does not hold the weblog for 7 days to 2026-11-01"} {
		if !strings.Contains(failedPage, want) {
			t.Errorf("the failed page lacks %q", want)
		}
	}
	for _, unwanted := range []string{"goroutine", "exit status", "panic:", "cell 6"} {
		if strings.Contains(failedPage, unwanted) {
			t.Errorf("the failed page holds %q", unwanted)
		}
	}
	index = readFile(t, filepath.Join(fresh, "index.html"))
	if !strings.Contains(index, "Never rendered successfully") || !strings.Contains(index, href) || !strings.Contains(index, "cell 5 (Fetch the window)") {
		t.Errorf("the gallery does not show the report that never rendered as failed")
	}
}
