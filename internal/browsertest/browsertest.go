// Package browsertest drives Debian's headless Chromium from Go tests with
// chromedp, to check lensbook's HTML pages the way a reader's browser shows
// them: console errors, network requests, images, clicks, colour schemes and
// screenshots.
//
// New skips the test when no Chromium is installed, unless the environment
// variable LENSBOOK_REQUIRE_BROWSER is set (make test sets it to 1), in which
// case a missing browser fails the test.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/lensbook/lensbook/internal/printpdf"
)

// RequireEnv is the environment variable that turns a missing browser from
// a skip into a failure.
const RequireEnv = "LENSBOOK_REQUIRE_BROWSER"

// ArtifactsEnv names the folder screenshots are saved to; without it they go
// to a t.TempDir().
const ArtifactsEnv = "LENSBOOK_ARTIFACTS"

// FindBrowser returns the path of a Chromium executable, or "": the one
// printpdf.FindBrowser finds (LENSBOOK_CHROMIUM, else the usual names).
func FindBrowser() string {
	p, err := printpdf.FindBrowser()
	if err != nil {
		return ""
	}
	return p
}

// Browser is one headless Chromium process for one test.
type Browser struct {
	ctx context.Context
}

// New starts a headless Chromium that lives until the test ends. The flags
// are those that work as root on a closed network.
func New(t testing.TB) *Browser {
	t.Helper()
	path, err := printpdf.FindBrowser()
	if err != nil {
		if os.Getenv(RequireEnv) != "" {
			t.Fatalf("%v, and %s is set", err, RequireEnv)
		}
		t.Skipf("%v; or set %s=1 to make this a failure", err, RequireEnv)
	}
	opts := append(printpdf.BrowserOptions(path, t.TempDir()),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser now, so that a broken installation fails here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return &Browser{ctx: ctx}
}

// Tab is one browser tab that records what a page does: console messages,
// uncaught exceptions, log entries and network requests.
type Tab struct {
	t   testing.TB
	ctx context.Context

	mu       sync.Mutex
	errors   []string
	requests []string
	failed   []string
}

// NewTab opens a tab and starts recording its events. Each tab has a
// timeout of one minute.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	tab := &Tab{t: t, ctx: ctx}
	if err := chromedp.Listen(ctx, tab.record); err != nil {
		t.Fatalf("listening to tab events: %v", err)
	}
	return tab
}

// record keeps the events that matter; it runs on chromedp's reader
// goroutine and must return fast.
func (tab *Tab) record(ev any) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert || e.Type == runtime.ConsoleAPICalledTypeWarning {
			tab.errors = append(tab.errors, fmt.Sprintf("console.%s: %s", e.Type, remoteObjects(e.Args)))
		}
	case *runtime.EventExceptionThrown:
		msg := ""
		if d := e.ExceptionDetails; d != nil {
			msg = d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
		}
		tab.errors = append(tab.errors, "uncaught exception: "+msg)
	case *log.EventEntryAdded:
		if e.Entry != nil && (e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning) {
			tab.errors = append(tab.errors, fmt.Sprintf("log %s (%s): %s %s", e.Entry.Level, e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		if e.Request != nil {
			tab.requests = append(tab.requests, e.Request.URL)
		}
	case *network.EventLoadingFailed:
		tab.failed = append(tab.failed, fmt.Sprintf("%s %s (blocked: %s)", e.Type, e.ErrorText, e.BlockedReason))
	}
}

func remoteObjects(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// Context is the tab's chromedp context, for actions this package does not
// wrap.
func (tab *Tab) Context() context.Context {
	return tab.ctx
}

// Open loads a URL and waits until the page has loaded.
func (tab *Tab) Open(u string) {
	tab.t.Helper()
	if err := chromedp.Do(tab.ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		tab.t.Fatalf("opening %s: %v", u, err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// value into out.
func (tab *Tab) Eval(expression string, out any) {
	tab.t.Helper()
	raw, err := chromedp.Run(tab.ctx, chromedp.Evaluate[json.RawMessage](expression))
	if err != nil {
		tab.t.Fatalf("evaluating %s: %v", expression, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		tab.t.Fatalf("decoding the value of %s (%s): %v", expression, raw, err)
	}
}

// Click clicks the first element matching the CSS selector.
func (tab *Tab) Click(selector string) {
	tab.t.Helper()
	if err := chromedp.Do(tab.ctx, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible)); err != nil {
		tab.t.Fatalf("clicking %s: %v", selector, err)
	}
}

// ClickAndWaitLoad clicks the first element matching the CSS selector and
// waits for the page it leads to to load.
func (tab *Tab) ClickAndWaitLoad(selector string) {
	tab.t.Helper()
	wait := chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
	if _, err := chromedp.Run(tab.ctx, wait); err != nil {
		tab.t.Fatalf("clicking %s and waiting for the next page: %v", selector, err)
	}
}

// Forget drops the events recorded so far, for example before the tab moves
// on to another page that AssertClean checks on its own.
func (tab *Tab) Forget() {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.errors, tab.requests, tab.failed = nil, nil, nil
}

// PreferColorScheme emulates prefers-color-scheme: "light" or "dark".
func (tab *Tab) PreferColorScheme(scheme string) {
	tab.t.Helper()
	params := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	if _, err := chromedp.Call(tab.ctx, emulation.SetEmulatedMedia, params); err != nil {
		tab.t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
}

// SetViewport sets the tab's viewport to width×height CSS pixels at a
// device scale of 1; mobile also emulates a phone's viewport meta handling.
func (tab *Tab) SetViewport(width, height int, mobile bool) {
	tab.t.Helper()
	params := emulation.SetDeviceMetricsOverrideParams{Width: int64(width), Height: int64(height), DeviceScaleFactor: 1, Mobile: mobile}
	if _, err := chromedp.Call(tab.ctx, emulation.SetDeviceMetricsOverride, params); err != nil {
		tab.t.Fatalf("setting the viewport to %dx%d: %v", width, height, err)
	}
}

// EmulateMedia emulates a CSS media type such as "print"; "" resets it.
func (tab *Tab) EmulateMedia(media string) {
	tab.t.Helper()
	if _, err := chromedp.Call(tab.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		tab.t.Fatalf("emulating media %q: %v", media, err)
	}
}

// Screenshot saves a full-page PNG screenshot named name.png to
// $LENSBOOK_ARTIFACTS, or to a temporary folder, and logs the path.
func (tab *Tab) Screenshot(name string) string {
	tab.t.Helper()
	png, err := chromedp.Run(tab.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tab.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := ArtifactsDir(tab.t)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tab.t.Fatalf("saving screenshot: %v", err)
	}
	tab.t.Logf("screenshot: %s", path)
	return path
}

// ArtifactsDir is $LENSBOOK_ARTIFACTS (created if needed), or a temporary
// folder of the test.
func ArtifactsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv(ArtifactsEnv)
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("creating %s=%s: %v", ArtifactsEnv, dir, err)
	}
	return dir
}

// Errors returns the console errors and warnings, uncaught exceptions and
// error log entries (such as Content-Security-Policy violations) so far.
func (tab *Tab) Errors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.errors...)
}

// Requests returns the URLs of every request the tab sent so far, data: URLs
// included.
func (tab *Tab) Requests() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.requests...)
}

// FailedRequests returns the requests that failed to load so far.
func (tab *Tab) FailedRequests() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.failed...)
}

// AssertClean fails the test when the page logged an error, a request
// failed, or a request went anywhere but pageURL's own origin (data: URLs
// are allowed; for a file:// page only the page file itself is allowed).
func (tab *Tab) AssertClean(pageURL string) {
	tab.t.Helper()
	// Give late events (image decoding, CSP reports) a moment to arrive.
	if err := chromedp.Do(tab.ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		tab.t.Fatal(err)
	}
	for _, e := range tab.Errors() {
		tab.t.Errorf("page %s logged: %s", pageURL, e)
	}
	for _, f := range tab.FailedRequests() {
		tab.t.Errorf("page %s: request failed: %s", pageURL, f)
	}
	for _, r := range tab.Requests() {
		if !SameOrigin(pageURL, r) {
			tab.t.Errorf("page %s requested another origin: %.120s", pageURL, r)
		}
	}
}

// SameOrigin reports whether request may be loaded by the page at pageURL:
// a data: URL, a URL of the same scheme, host and port, or, for file://
// pages, the page file itself.
func SameOrigin(pageURL, request string) bool {
	if strings.HasPrefix(request, "data:") {
		return true
	}
	p, err1 := url.Parse(pageURL)
	r, err2 := url.Parse(request)
	if err1 != nil || err2 != nil {
		return false
	}
	if p.Scheme == "file" {
		return r.Scheme == "file" && r.Path == p.Path
	}
	return p.Scheme == r.Scheme && p.Host == r.Host
}

// ContrastRatio is the WCAG 2 contrast ratio of two opaque sRGB colours
// given as 0-255 components: from 1 (same luminance) to 21 (black on white).
// WCAG AA asks at least 4.5 for body text and 3 for large text.
func ContrastRatio(fg, bg [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.04045 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	a, b := lum(fg), lum(bg)
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// ParseHexColor reads "#rrggbb" into 0-255 components.
func ParseHexColor(s string) ([3]float64, error) {
	var r, g, b uint8
	if len(s) != 7 || s[0] != '#' {
		return [3]float64{}, fmt.Errorf("browsertest: colour %q: want #rrggbb", s)
	}
	if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err != nil {
		return [3]float64{}, fmt.Errorf("browsertest: colour %q: %v", s, err)
	}
	return [3]float64{float64(r), float64(g), float64(b)}, nil
}
