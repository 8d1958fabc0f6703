// Package checks_test executes every notebook in notebooks/ through the GoNB
// kernel against the emulator, and checks the figures the reports print
// against ground truth computed here from the emulator's data. The checks
// live in this sub-folder so that Jupyter's file list of notebooks/ shows
// notebooks only.
package checks_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/kerneltest"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/emulator"
	"github.com/lensbook/lensbook/pkg/ipynb"
	"github.com/lensbook/lensbook/pkg/notebook"
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

// stdout returns the notebook's stdout streams, joined.
func stdout(nb *ipynb.Notebook) string {
	var b strings.Builder
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.OutputType == "stream" && o.Name == "stdout" {
				b.WriteString(string(o.Text))
			}
		}
	}
	return b.String()
}

// figures reads the "name=value name=value" line that starts with first.
func figures(t *testing.T, out, first string) map[string]int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + first + `=.*$`).FindString(out)
	if m == "" {
		t.Fatalf("no %s= line in the notebook's output:\n%s", first, out)
	}
	got := map[string]int{}
	for _, f := range strings.Fields(m) {
		k, v, _ := strings.Cut(f, "=")
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("figure %q: %v", f, err)
		}
		got[k] = n
	}
	return got
}

// window is the demo notebooks' default window: 30 days to the demo's end.
var window = cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -30), Until: emulator.DemoEnd}

// checks hold, per notebook, the ground-truth check of its printed figures.
// Each notebook's check lives in check_NAME_test.go and registers itself
// here from an init function.
var checks = map[string]func(t *testing.T, d *demo, out string){}

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
				check(t, d, stdout(res.Notebook))
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
