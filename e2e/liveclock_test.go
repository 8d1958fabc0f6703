package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/browsertest"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/timespec"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// wireCounter counts, on the server side, the requests and the rows the
// API sends for each method, apart for the one-row probes (Limit 1) that
// render makes to fingerprint the data.
type wireCounter struct {
	next http.Handler
	mu   sync.Mutex
	rows map[string]int // method -> rows sent by requests with Limit > 1
	reqs map[string]int // method -> requests with Limit > 1
	one  map[string]int // method -> rows sent by requests with Limit 1
}

func newWireCounter(next http.Handler) *wireCounter {
	w := &wireCounter{next: next}
	w.reset()
	return w
}

func (w *wireCounter) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.rows, w.reqs, w.one = map[string]int{}, map[string]int{}, map[string]int{}
}

func (w *wireCounter) counts(method string) (rows, requests, probeRows int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.rows[method], w.reqs[method], w.one[method]
}

func (w *wireCounter) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	rec := httptest.NewRecorder()
	w.next.ServeHTTP(rec, r)
	for k, v := range rec.Header() {
		rw.Header()[k] = v
	}
	rw.WriteHeader(rec.Code)
	rw.Write(rec.Body.Bytes())

	method := filepath.Base(r.URL.Path)
	var body struct {
		Logs   []json.RawMessage `json:"logs"`
		Events []json.RawMessage `json:"events"`
	}
	if json.Unmarshal(rec.Body.Bytes(), &body) != nil {
		return
	}
	n := len(body.Logs) + len(body.Events)
	w.mu.Lock()
	defer w.mu.Unlock()
	if r.Form.Get("Limit") == "1" {
		w.one[method] += n
		return
	}
	w.rows[method] += n
	w.reqs[method]++
}

// liveUser is a new user's machine: a lensbook binary, empty home, cache
// and temp folders, and an account served by a live emulator.
type liveUser struct {
	t       *testing.T
	root    string // the repository
	bin     string
	home    string
	env     []string
	token   string
	srv     *emulator.Server
	wire    *wireCounter
	written []string // folders whose files must never hold the token
}

func newLiveUser(t *testing.T, cfg emulator.Config) *liveUser {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	u := &liveUser{t: t, root: root, home: t.TempDir()}
	u.bin = filepath.Join(t.TempDir(), "lensbook")
	build := exec.Command("go", "build", "-o", u.bin, "./cmd/lensbook")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	u.srv = emulator.NewLiveServer(emulator.LiveConfig{Config: cfg})
	u.wire = newWireCounter(u.srv)
	api := httptest.NewServer(u.wire)
	t.Cleanup(api.Close)
	u.token = u.srv.NewToken(emulator.AllPermissions...)
	cache, tmp := filepath.Join(u.home, "cache"), filepath.Join(u.home, "tmp")
	for _, d := range []string{cache, tmp, filepath.Join(u.home, "config")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LENSBOOK_AS_OF", "LENSBOOK_STORE", "LENSBOOK_OFFLINE", "CRYPTOLENS_TOKEN", "CRYPTOLENS_BASE_URL",
			"HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "TMPDIR", "GOCACHE", "GOMODCACHE", "GOPATH":
		default:
			u.env = append(u.env, kv)
		}
	}
	// Go's caches stay where they are: the user's machine has built Go
	// before, and the cells' builds must not start from nothing.
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
		v, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		u.env = append(u.env, name+"="+strings.TrimSpace(string(v)))
	}
	u.env = append(u.env, "HOME="+u.home, "XDG_CACHE_HOME="+cache, "XDG_CONFIG_HOME="+filepath.Join(u.home, "config"),
		"TMPDIR="+tmp, "CRYPTOLENS_BASE_URL="+api.URL+"/api", "CRYPTOLENS_TOKEN="+u.token)
	u.written = []string{u.home}
	return u
}

// run runs the lensbook binary in the repository and returns its output;
// a non-zero exit fails the test.
func (u *liveUser) run(args ...string) string {
	u.t.Helper()
	cmd := exec.CommandContext(u.t.Context(), u.bin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) } // render stops its notebooks
	cmd.WaitDelay = 30 * time.Second
	cmd.Dir, cmd.Env = u.root, u.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		u.t.Fatalf("lensbook %s: %v\n%s\n%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String() + errb.String()
}

// storePath is the store file lensbook uses by default for the account.
func (u *liveUser) storePath() string {
	u.t.Helper()
	u.t.Setenv("XDG_CACHE_HOME", filepath.Join(u.home, "cache"))
	var base string
	for _, kv := range u.env {
		if v, ok := strings.CutPrefix(kv, "CRYPTOLENS_BASE_URL="); ok {
			base = v
		}
	}
	p, err := store.DefaultPath(base, u.token)
	if err != nil {
		u.t.Fatal(err)
	}
	return p
}

// topIDs returns the newest id the store holds of each log.
func (u *liveUser) topIDs() map[store.Log]int64 {
	u.t.Helper()
	st, err := store.Open(u.storePath())
	if err != nil {
		u.t.Fatal(err)
	}
	defer st.Close()
	var base string
	for _, kv := range u.env {
		if v, ok := strings.CutPrefix(kv, "CRYPTOLENS_BASE_URL="); ok {
			base = v
		}
	}
	c, err := cryptolens.NewClient(u.token, cryptolens.WithBaseURL(base))
	if err != nil {
		u.t.Fatal(err)
	}
	acc := st.Account(c)
	top := map[store.Log]int64{}
	for _, l := range store.Logs() {
		cov, err := acc.Coverage(u.t.Context(), l)
		if err != nil {
			u.t.Fatal(err)
		}
		for _, c := range cov {
			top[l] = max(top[l], c.ToID)
		}
	}
	return top
}

// noFileHoldsTheToken walks every folder the user's commands wrote.
func (u *liveUser) noFileHoldsTheToken(extra ...string) {
	u.t.Helper()
	checked := 0
	for _, dir := range append(u.written, extra...) {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if strings.Contains(path, u.token) {
				u.t.Errorf("a file name holds the token: %s", path)
			}
			b, err := os.ReadFile(path)
			if err == nil && bytes.Contains(b, []byte(u.token)) {
				u.t.Errorf("%s holds the token", path)
			}
			checked++
			return nil
		})
	}
	if checked == 0 {
		u.t.Error("no file written: the check proves nothing")
	}
}

// render renders the notebooks (none: every one) without --as-of and
// checks that every one is ok.
func (u *liveUser) render(out string, want int, notebooks ...string) string {
	u.t.Helper()
	text := u.run(append([]string{"render", "--out", out, "--jobs", "2", "--timeout", "5m"}, notebooks...)...)
	if !strings.Contains(text, fmt.Sprintf("%d ok, 0 failed, 0 unchanged", want)) {
		u.t.Fatalf("render without --as-of on a live clock: want %d ok:\n%s", want, text)
	}
	return text
}

// newRows counts the Web API Log or Object Log rows with ids in (after, upTo].
func newRows(ds *emulator.Dataset, l store.Log, after, upTo int64) int {
	n := 0
	count := func(id int64) {
		if id > after && id <= upTo {
			n++
		}
	}
	switch l {
	case store.WebAPILog:
		for _, r := range ds.WebAPILog {
			count(r.ID)
		}
	case store.ObjectLog:
		for _, r := range ds.ObjectLog {
			count(r.ID)
		}
	}
	return n
}

// TestLiveClock is issue 9's user path on an account whose data ends now
// and keeps growing, with hostile strings in every user field and a token
// never seen before: every notebook renders ok without --as-of, sync then
// export then fetch --offline succeed with their default windows, a render
// a moment later downloads only the rows that are new, and no file written
// holds the token.
func TestLiveClock(t *testing.T) {
	kerneltest.Paths(t)
	u := newLiveUser(t, emulator.Config{Seed: 11, Days: 40, Hostile: true})
	nbs, err := notebook.List(filepath.Join(u.root, "notebooks"))
	if err != nil || len(nbs) == 0 {
		t.Fatalf("notebooks: %v %v", nbs, err)
	}
	out := filepath.Join(u.home, "reports")

	// 1. Every notebook, no --as-of, a store that does not exist yet.
	start := time.Now()
	u.render(out, len(nbs))
	t.Logf("first render of %d notebooks: %s", len(nbs), time.Since(start).Round(time.Second))
	// The pages of hostile live data run no script in Chromium.
	pages, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(pages) != len(nbs)+1 {
		t.Fatalf("%d pages in %s, want %d and the gallery", len(pages), out, len(nbs))
	}
	if !openPagesWithTrap(t, browsertest.New(t), out, pages, "live-") {
		t.Error("no live page shows the hostile <script> text as text: the test may not reach the hostile rows")
	}

	// 2. sync, then export and fetch --offline with their default windows.
	u.run("sync", "all")
	u.run("export", "events", "--out", filepath.Join(u.home, "events.parquet"))
	u.run("export", "weblog", "--out", filepath.Join(u.home, "weblog.csv"))
	rows := u.run("fetch", "weblog", "--offline", "--format", "jsonl")
	if strings.Count(rows, "\n") < 100 {
		t.Errorf("fetch --offline after sync wrote %d lines", strings.Count(rows, "\n"))
	}
	// Rendering from the store alone sends no request.
	u.srv.ResetCounts()
	u.render(filepath.Join(u.home, "offline"), 2, "notebooks/requests-over-time.ipynb", "notebooks/revenue.ipynb", "--offline")
	for _, m := range []string{emulator.MethodGetWebAPILog, emulator.MethodGetEvents, emulator.MethodGetObjectLog} {
		if n := u.srv.RequestCount(m); n > 0 {
			t.Errorf("render --offline: %d %s requests", n, m)
		}
	}

	// 3. An interval later: new rows (an event registered, and Web API Log
	// rows as the clock reaches them), a render that fetches only those.
	c, err := cryptolens.NewClient(u.token, cryptolens.WithBaseURL(u.envValue("CRYPTOLENS_BASE_URL")))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := c.RegisterEvent(t.Context(), cryptolens.EventInput{FeatureName: "live-clock", EventName: "run-" + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	u.waitForNewWebAPILogRow(90 * time.Second)
	before := u.topIDs()
	u.wire.reset()
	// One report of each log is enough to see what crosses the wire.
	again := []string{"notebooks/requests-over-time.ipynb", "notebooks/feature-usage.ipynb", "notebooks/team-audit.ipynb"}
	start = time.Now()
	u.render(out, len(again), again...)
	t.Logf("second render: %s", time.Since(start).Round(time.Second))
	after := u.topIDs()
	ds := u.srv.Dataset()
	events := u.srv.Events()
	for _, l := range store.Logs() {
		method := map[store.Log]string{store.WebAPILog: emulator.MethodGetWebAPILog, store.Events: emulator.MethodGetEvents, store.ObjectLog: emulator.MethodGetObjectLog}[l]
		got, reqs, probes := u.wire.counts(method)
		want := newRows(ds, l, before[l], after[l])
		if l == store.Events {
			want = 0
			for _, e := range events {
				if e.ID > before[l] && e.ID <= after[l] {
					want++
				}
			}
		}
		t.Logf("%s: the second render fetched %d rows in %d requests (and %d in one-row probes); %d rows are new (ids %d to %d)",
			l, got, reqs, probes, want, before[l], after[l])
		if got != want {
			t.Errorf("%s: the second render fetched %d rows, want only the %d new ones", l, got, want)
		}
		if l == store.Events && want == 0 {
			t.Errorf("%s: no new rows reached the store: the test proves nothing", l)
		}
	}
	u.noFileHoldsTheToken(filepath.Join(u.root, "notebooks"))
}

func (u *liveUser) envValue(name string) string {
	for _, kv := range u.env {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	return ""
}

// waitForNewWebAPILogRow waits until the live server shows a Web API Log row
// newer than the store's, when the data holds one due within limit.
func (u *liveUser) waitForNewWebAPILogRow(limit time.Duration) {
	u.t.Helper()
	top := u.topIDs()[store.WebAPILog]
	for _, r := range u.srv.Dataset().WebAPILog {
		if r.ID > top {
			if wait := time.Until(r.Time.Add(time.Second)); wait < limit {
				time.Sleep(max(wait, 0))
			} else {
				u.t.Logf("the next Web API Log row is due at %s: not waiting", r.Time)
			}
			return
		}
	}
}

// windowText matches the window a report prints in its captions on a live
// clock (timespec.WindowText): "26 Oct 2026 23:34 – 25 Nov 2026 23:34 UTC".
var windowText = regexp.MustCompile(`\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d – \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC`)

// TestLiveClockCellsByHand runs a notebook as an analyst does in Jupyter:
// through the GoNB kernel, no asOf anywhere, on data that ends now. Each
// cell is a new program started seconds after the one before; every one
// agrees on the window the fetch cell synced (issue 9: before, the cell
// after the fetch cell asked for a window ending later and panicked). The
// floating audit opens two sessions of different lengths, after the sync.
func TestLiveClockCellsByHand(t *testing.T) {
	paths := kerneltest.Paths(t)
	srv := emulator.NewLiveServer(emulator.LiveConfig{Config: emulator.Config{Seed: 12, Days: 40}})
	api := httptest.NewServer(srv)
	t.Cleanup(api.Close)
	token := srv.NewToken(emulator.AllPermissions...)
	res, err := notebook.Execute(t.Context(), filepath.Join("..", "notebooks", "floating-license-audit.ipynb"), notebook.ExecOptions{
		Timeout: 10 * time.Minute,
		Paths:   paths,
		Env: map[string]string{
			"CRYPTOLENS_BASE_URL": api.URL + "/api",
			"CRYPTOLENS_TOKEN":    token,
			"LENSBOOK_STORE":      filepath.Join(t.TempDir(), "store.db"),
			"LENSBOOK_AS_OF":      "",
			"LENSBOOK_OFFLINE":    "",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("the notebook failed on a live clock: %v", res.Err())
	}
	var text strings.Builder
	for _, c := range res.Notebook.Cells {
		for _, o := range c.Outputs {
			text.WriteString(string(o.Text))
			for _, v := range o.Data {
				text.WriteString(string(v))
			}
		}
	}
	windows := map[string]bool{}
	for _, w := range windowText.FindAllString(text.String(), -1) {
		windows[w] = true
	}
	if len(windows) != 1 {
		t.Errorf("the cells show %d windows, want one: %v", len(windows), windows)
	}
	for w := range windows {
		_, until, _ := strings.Cut(w, " – ")
		end, err := time.Parse(timespec.InstantLayout, until)
		if err != nil || time.Since(end) > 15*time.Minute || time.Until(end) > time.Minute {
			t.Errorf("the window %q does not end at the run's moment (%v)", w, err)
		}
	}
}
