package pagerender

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/ipynb"
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
		Source:     "notebooks/weblog-overview.ipynb",
		Params:     []Param{{Name: "asOf", Value: "2026-11-01"}, {Name: "days", Value: "30"}},
		DataWindow: "2026-10-02 to 2026-11-01",
		RenderedAt: renderedAt,
		Status:     StatusOK,
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
