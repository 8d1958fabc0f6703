// Package checks_test executes every notebook in notebooks/ through the GoNB
// kernel against the emulator, and checks the figures of the reports' charts,
// tables and headlines (their data channel, display.DataMIME) against ground
// truth computed here from the emulator's data. The checks
// live in this sub-folder so that Jupyter's file list of notebooks/ shows
// notebooks only.
package checks_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/kerneltest"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/display"
)

// notebooksDir is the folder of the standard reports.
const notebooksDir = ".."

// demo is the emulator the notebooks run against: the demo's data.
type demo struct {
	srv   *emulator.Server
	data  *emulator.Dataset
	url   string
	token string
}

func startDemo(t *testing.T) *demo {
	t.Helper()
	ds := emulator.Generate(emulator.Config{})
	srv := emulator.NewServer(ds)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &demo{srv: srv, data: ds, url: ts.URL + "/api", token: srv.NewToken(emulator.AllPermissions...)}
}

func (d *demo) env(storePath string) map[string]string {
	return map[string]string{
		"CRYPTOLENS_BASE_URL": d.url,
		"CRYPTOLENS_TOKEN":    d.token,
		"LENSBOOK_AS_OF":      emulator.DemoEnd.Format(time.RFC3339),
		"LENSBOOK_STORE":      storePath,
	}
}

// run is an executed notebook as its check reads it: the figures of its
// charts, tables and headlines from the data channel (display.DataMIME), by
// title. Figures are never printed on pages for a test.
type run struct {
	nb     *ipynb.Notebook
	data   []display.Data // every figures document, in output order
	stdout string         // the stdout streams, joined (printed for legacy checks only)
}

// newRun reads the figures of an executed notebook.
func newRun(t *testing.T, nb *ipynb.Notebook) *run {
	t.Helper()
	r := &run{nb: nb}
	var out strings.Builder
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.OutputType == "stream" && o.Name == "stdout" {
				out.WriteString(string(o.Text))
			}
			raw, ok := o.Data[display.DataMIME]
			if !ok {
				continue
			}
			dec := json.NewDecoder(strings.NewReader(string(raw)))
			dec.UseNumber() // counts stay exact integers
			var d display.Data
			if err := dec.Decode(&d); err != nil {
				t.Fatalf("cell %s: figures (%s) that do not parse: %v\n%s", c.ID, display.DataMIME, err, raw)
			}
			r.data = append(r.data, d)
		}
	}
	r.stdout = out.String()
	return r
}

// titles lists the titles of the notebook's figures, in output order.
func (r *run) titles() []string {
	var ts []string
	for _, d := range r.data {
		ts = append(ts, d.Title)
	}
	return ts
}

// figures returns the figures titled title: the one whose title is title,
// else the one whose title starts with it (a title that ends with the
// window, such as "Most active license keys, 2 Oct – 1 Nov 2026"). None or
// several is a fatal error that lists the titles there are.
func (r *run) figures(t *testing.T, title string) figures {
	t.Helper()
	var found []display.Data
	for _, d := range r.data {
		if d.Title == title {
			return figures{t: t, Data: d}
		}
		if strings.HasPrefix(d.Title, title) {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d figures titled %q; the notebook's titles: %q", len(found), title, r.titles())
	}
	return figures{t: t, Data: found[0]}
}

// figures are one chart's, table's or headline's figures, with accessors
// that fail the test on a missing column or a value of the wrong kind.
type figures struct {
	t *testing.T
	display.Data
}

// len is the number of rows.
func (f figures) len() int { return len(f.Rows) }

// col is the index of the column name.
func (f figures) col(name string) int {
	f.t.Helper()
	for i, c := range f.Columns {
		if c == name {
			return i
		}
	}
	f.t.Fatalf("figures %q have no column %q; columns: %q", f.Title, name, f.Columns)
	return -1
}

// value is row's value in column name (nil for a missing value).
func (f figures) value(row int, name string) any {
	f.t.Helper()
	i := f.col(name)
	if row < 0 || row >= len(f.Rows) || i >= len(f.Rows[row]) {
		f.t.Fatalf("figures %q: no row %d (of %d) in column %q", f.Title, row, len(f.Rows), name)
	}
	return f.Rows[row][i]
}

// int is row's value in column name, a whole number.
func (f figures) int(row int, name string) int {
	f.t.Helper()
	v, ok := f.value(row, name).(json.Number)
	n, err := v.Int64()
	if !ok || err != nil {
		f.t.Fatalf("figures %q: row %d, %s = %v: not a whole number", f.Title, row, name, f.value(row, name))
	}
	return int(n)
}

// float is row's value in column name, a number; NaN when it is missing.
func (f figures) float(row int, name string) float64 {
	f.t.Helper()
	switch v := f.value(row, name).(type) {
	case nil:
		return math.NaN()
	case json.Number:
		x, err := v.Float64()
		if err == nil {
			return x
		}
	}
	f.t.Fatalf("figures %q: row %d, %s = %v: not a number", f.Title, row, name, f.value(row, name))
	return 0
}

// str is row's value in column name, a string ("" when it is missing).
func (f figures) str(row int, name string) string {
	f.t.Helper()
	switch v := f.value(row, name).(type) {
	case nil:
		return ""
	case string:
		return v
	}
	f.t.Fatalf("figures %q: row %d, %s = %v: not a string", f.Title, row, name, f.value(row, name))
	return ""
}

// ints maps each row's string in column key to its whole number in column
// value; a key that repeats is a fatal error.
func (f figures) ints(key, value string) map[string]int {
	f.t.Helper()
	m := make(map[string]int, len(f.Rows))
	for i := range f.Rows {
		k := f.str(i, key)
		if _, dup := m[k]; dup {
			f.t.Fatalf("figures %q: %s %q repeats", f.Title, key, k)
		}
		m[k] = f.int(i, value)
	}
	return m
}

// floats maps each row's string in column key to its number in column
// value; a key that repeats is a fatal error.
func (f figures) floats(key, value string) map[string]float64 {
	f.t.Helper()
	m := make(map[string]float64, len(f.Rows))
	for i := range f.Rows {
		k := f.str(i, key)
		if _, dup := m[k]; dup {
			f.t.Fatalf("figures %q: %s %q repeats", f.Title, key, k)
		}
		m[k] = f.float(i, value)
	}
	return m
}

// near reports whether two figures computed in different orders agree.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// window is the demo notebooks' default window: 30 days to the demo's end.
var window = cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -30), Until: emulator.DemoEnd}

// checks hold, per notebook, the ground-truth check of its figures, read
// from the executed notebook's data channel (run.figures). Each notebook's
// check lives in check_NAME_test.go and registers itself here from an init
// function.
var checks = map[string]func(t *testing.T, d *demo, r *run){}

func TestEveryNotebookRunsAgainstTheEmulator(t *testing.T) {
	kerneltest.Paths(t)
	d := startDemo(t)
	paths, err := notebook.List(notebooksDir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t.Run(name, func(t *testing.T) {
				res, err := notebook.Execute(context.Background(), path, notebook.ExecOptions{
					Timeout: 10 * time.Minute,
					Env:     d.env(filepath.Join(t.TempDir(), "store.db")),
				})
				if err != nil {
					t.Fatal(err)
				}
				if err := res.Err(); err != nil {
					t.Fatalf("%s failed: %v", path, err)
				}
				t.Logf("%s ran in %s", path, res.Duration.Round(time.Millisecond))
				check, ok := checks[name]
				if !ok {
					t.Fatalf("%s has no ground-truth check: add notebooks/checks/check_%s_test.go", name, name)
				}
				check(t, d, newRun(t, res.Notebook))
			})
		}()
	}
	wg.Wait()
}

// TestRerunSendsOneRequest runs the success-vs-failure report twice on one
// store: the second run asks the API once whether anything is new.
func TestRerunSendsOneRequest(t *testing.T) {
	kerneltest.Paths(t)
	d := startDemo(t)
	env := d.env(filepath.Join(t.TempDir(), "store.db"))
	for run := 1; run <= 2; run++ {
		d.srv.ResetCounts()
		res, err := notebook.Execute(t.Context(), filepath.Join(notebooksDir, "success-vs-failure.ipynb"), notebook.ExecOptions{Timeout: 10 * time.Minute, Env: env})
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Err(); err != nil {
			t.Fatal(err)
		}
		n := d.srv.RequestCount(emulator.MethodGetWebAPILog)
		t.Logf("run %d: %d GetWebAPILog requests", run, n)
		if run == 2 && n != 1 {
			t.Errorf("second run sent %d requests, want 1", n)
		}
	}
}
