package publish

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/kerneltest"
)

// TestAPIErrorIsShownAsTheAPIsMessage renders a standard notebook whose
// token the API refuses (as when a token is revoked during a render): the
// summary and the gallery card show the API's message and what fixes it,
// never "HTTP 200".
func TestAPIErrorIsShownAsTheAPIsMessage(t *testing.T) {
	paths := kerneltest.Paths(t)
	ds := emulator.Generate(emulator.Config{Seed: 3, Days: 5})
	srv := emulator.NewServer(ds)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	out := t.TempDir()
	const badToken = "WyI5OSIsInJldm9rZWQtdG9rZW4tZm9yLXRlc3RzIl0="
	sum, err := Render(t.Context(), Options{
		Notebooks: []string{"../../notebooks/most-active-keys.ipynb"},
		OutDir:    out,
		Timeout:   3 * time.Minute,
		Env: map[string]string{
			"CRYPTOLENS_BASE_URL": ts.URL + "/api",
			"CRYPTOLENS_TOKEN":    badToken,
			"LENSBOOK_STORE":      filepath.Join(t.TempDir(), "store.db"),
			"LENSBOOK_AS_OF":      ds.Config.End.Format(time.RFC3339),
		},
		Now:   ds.Config.End,
		Paths: paths,
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := sum.Reports[0]
	var text strings.Builder
	sum.WriteText(&text)
	index := readFile(t, filepath.Join(out, "index.html"))
	if rep.Status != StatusFailed {
		t.Fatalf("status %q, error %q", rep.Status, rep.Error)
	}
	for what, s := range map[string]string{"report error": rep.Error, "summary": text.String(), "gallery": index} {
		if !strings.Contains(s, "Unable to authenticate (the access token is wrong") {
			t.Errorf("%s lacks the API's message:\n%s", what, s)
		}
		if strings.Contains(s, "HTTP 200") || strings.Contains(s, badToken) {
			t.Errorf("%s shows HTTP 200 or the token:\n%s", what, s)
		}
	}
}
