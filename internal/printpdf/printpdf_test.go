package printpdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/printpdf"
)

// TestPagesPrintsWithThePrintStylesheet prints a page in real Chromium: the
// PDF holds the page's text but not what its print stylesheet hides, and a
// second call keeps the PDF, which is newer than its page.
func TestPagesPrintsWithThePrintStylesheet(t *testing.T) {
	if _, err := printpdf.FindBrowser(); err != nil {
		if os.Getenv(browsertest.RequireEnv) != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report</title>` +
		`<style>@media print { .code { display: none } }</style></head>` +
		`<body><h1>Requests over time</h1><p>12.3% of requests failed</p><pre class="code">secret code</pre></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	pdfs, err := printpdf.Pages(t.Context(), []string{page}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "report.pdf")
	if len(pdfs) != 1 || pdfs[0] != want {
		t.Fatalf("Pages = %v, want [%s]", pdfs, want)
	}
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF: %.20q", want, data)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", want, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		if !strings.Contains(text, "Requests over time") || !strings.Contains(text, "12.3% of requests failed") || strings.Contains(text, "secret code") {
			t.Errorf("PDF text = %q: want the title and the figure, not the code", text)
		}
	}
	info, err := os.Stat(want)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := printpdf.Pages(t.Context(), []string{page}, time.Minute); err != nil {
		t.Fatal(err)
	}
	again, err := os.Stat(want)
	if err != nil {
		t.Fatal(err)
	}
	if !again.ModTime().Equal(info.ModTime()) {
		t.Error("a PDF newer than its page was printed again")
	}
}
