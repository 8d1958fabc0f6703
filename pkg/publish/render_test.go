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

	"github.com/lensbook/lensbook/pkg/notebook/kerneltest"
	"github.com/lensbook/lensbook/pkg/secret"

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
