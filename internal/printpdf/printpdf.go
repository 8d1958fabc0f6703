// Package printpdf prints lensbook's self-contained report pages to PDF
// through headless Chromium (the browser the page tests use), with the
// pages' own print stylesheet: code hidden, charts and tables kept whole,
// light colours.
//
// The browser runs with the flags that work as root on a closed network
// (no sandbox, no GPU, no background networking) and a fresh profile in a
// temporary folder, removed afterwards. Pages are opened from disk
// (file://); they make no request.
package printpdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// BrowserEnv names a Chromium executable to use instead of the first one
// found of /usr/bin/chromium, chromium, chromium-browser, google-chrome.
const BrowserEnv = "LENSBOOK_CHROMIUM"

// Paper is A4 with 15 mm margins, in inches.
const (
	paperWidth, paperHeight = 8.27, 11.69
	margin                  = 0.59
)

// FindBrowser returns the path of a Chromium executable, or an error saying
// what to install.
func FindBrowser() (string, error) {
	if p := os.Getenv(BrowserEnv); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("printpdf: %s=%s: %w", BrowserEnv, p, err)
		}
		return found, nil
	}
	for _, c := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", errors.New("printpdf: no Chromium found: install the chromium package (scripts/setup.sh does), or set " + BrowserEnv)
}

// BrowserOptions are the options that start the Chromium at path headless,
// as root, on a closed network (no sandbox, no GPU, no background
// networking, component updates or sync), with the profile folder profile.
// The browser tests start Chromium with these too.
func BrowserOptions(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(profile),
	}
}

// Pages prints each HTML page to a PDF beside it, with the same name ending
// in .pdf, and returns the PDFs' paths. A PDF newer than its page is kept
// as it is. One browser serves every page; each page gets at most timeout
// (zero means one minute).
func Pages(ctx context.Context, pages []string, timeout time.Duration) ([]string, error) {
	if timeout <= 0 {
		timeout = time.Minute
	}
	var todo, out []string
	for _, p := range pages {
		pdf := strings.TrimSuffix(p, filepath.Ext(p)) + ".pdf"
		out = append(out, pdf)
		if newer(pdf, p) {
			continue
		}
		todo = append(todo, p)
	}
	if len(todo) == 0 {
		return out, nil
	}
	path, err := FindBrowser()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "lensbook-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, BrowserOptions(path, profile)...)
	defer cancelAlloc()
	browserCtx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(browserCtx); err != nil {
		return nil, fmt.Errorf("printpdf: starting %s: %w", path, err)
	}
	for _, p := range todo {
		if err := printOne(browserCtx, p, timeout); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// printOne prints one page in a tab of its own.
func printOne(browserCtx context.Context, htmlPath string, timeout time.Duration) error {
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	tabCtx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	tabCtx, cancelTimeout := context.WithTimeout(tabCtx, timeout)
	defer cancelTimeout()
	if err := chromedp.Do(tabCtx, chromedp.Navigate("file://"+abs), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		return fmt.Errorf("printpdf: opening %s: %w", htmlPath, err)
	}
	no, yes := false, true
	m := margin
	res, err := chromedp.Call(tabCtx, page.PrintToPDF, page.PrintToPDFParams{
		PrintBackground: &yes, DisplayHeaderFooter: &no, PreferCSSPageSize: &no,
		PaperWidth: paperWidth, PaperHeight: paperHeight,
		MarginTop: &m, MarginBottom: &m, MarginLeft: &m, MarginRight: &m,
		GenerateDocumentOutline: &yes,
	})
	if err != nil {
		return fmt.Errorf("printpdf: printing %s: %w", htmlPath, err)
	}
	pdf := strings.TrimSuffix(htmlPath, filepath.Ext(htmlPath)) + ".pdf"
	tmp := pdf + ".tmp"
	if err := os.WriteFile(tmp, res.Data, 0o644); err != nil {
		return fmt.Errorf("printpdf: writing %s: %w", pdf, err)
	}
	if err := os.Rename(tmp, pdf); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("printpdf: writing %s: %w", pdf, err)
	}
	return nil
}

// newer reports whether file a exists and was modified after file b.
func newer(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && sa.ModTime().After(sb.ModTime())
}
