package notebook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/secret"
)

func TestExecuteImportsLensbookPackage(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/hello.ipynb", ExecOptions{
		Paths:   paths,
		Timeout: 3 * time.Minute,
		Env:     map[string]string{"LENSBOOK_TEST_VALUE": "from-the-environment"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed: %v", err)
	}
	want := "web API log fields: 11\nenv: from-the-environment\n"
	if diff := cmp.Diff(want, stdout(res.Notebook, 1)); diff != "" {
		t.Errorf("cell 2 stdout (-want +got):\n%s", diff)
	}
	t.Logf("hello.ipynb executed in %s", res.Duration.Round(time.Millisecond))
}

func TestExecuteNamesFailedCells(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/fails.ipynb", ExecOptions{Paths: paths, Timeout: 3 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Failures {
		got = append(got, fmt.Sprintf("%d %s", f.Cell, f.Kind))
	}
	if diff := cmp.Diff([]string{"2 error", "4 exit status"}, got); diff != "" {
		t.Fatalf("failures (-want +got):\n%s\nall: %v", diff, res.Failures)
	}
	msg := res.Err().Error()
	for _, want := range []string{"cell 2", "fmt.Println(undefinedVariable)", "line 2: undefined: undefinedVariable", "1 more"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Err() = %q, want it to contain %q", msg, want)
		}
	}
	if got := res.Failures[1].String(); !strings.Contains(got, "exit status 3") {
		t.Errorf("shell failure = %q, want exit status 3", got)
	}
	if got := stdout(res.Notebook, 2); got != "cell 3 still runs\n" {
		t.Errorf("cell 3 stdout = %q: cells after a failure must still run", got)
	}
}

func TestExecuteTimesOutAndKillsTheRun(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	marker := fmt.Sprintf("hang-%d", time.Now().UnixNano())
	scratch, stopWatching := watchScratchDir("LENSBOOK_TEST_MARKER=" + marker)
	start := time.Now()
	_, err := Execute(t.Context(), "testdata/hangs.ipynb", ExecOptions{
		Paths:   paths,
		Timeout: 20 * time.Second,
		Env:     map[string]string{"LENSBOOK_TEST_MARKER": marker},
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if !strings.Contains(err.Error(), "timed out after 20s") || !strings.Contains(err.Error(), "hangs.ipynb") {
		t.Errorf("err = %q, want it to name the notebook and say timed out after 20s", err)
	}
	if took := time.Since(start); took > 40*time.Second {
		t.Errorf("Execute returned %s after start, long past its 20s timeout", took)
	}
	if left := ProcessesWithEnv("LENSBOOK_TEST_MARKER=" + marker); len(left) > 0 {
		t.Errorf("processes of the timed-out run still alive: %v", left)
	}
	stopWatching()
	if *scratch == "" {
		t.Log("did not see the hanging cell's GONB_TMP_DIR (a slow build?); scratch clean-up not checked")
	} else if _, err := os.Stat(*scratch); err == nil {
		t.Errorf("GoNB scratch folder %s left behind by the killed kernel", *scratch)
	}
}

func TestExecuteInjectsParameters(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/params.ipynb", ExecOptions{
		Paths:   paths,
		Timeout: 3 * time.Minute,
		Params:  map[string]string{"days": "7", "asOf": "2026-10-01", "span": "36h", "ratio": "2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed: %v", err)
	}
	want := "days=7 asOf=\"2026-10-01\" ratio=2 all=false span=36h0m0s\n"
	if diff := cmp.Diff(want, stdout(res.Notebook, 2)); diff != "" { // the injected cell is folded away: cells keep their numbers
		t.Errorf("printed parameters (-want +got):\n%s", diff)
	}
	var values []string
	for _, p := range res.Params {
		values = append(values, p.Name+"="+p.Value)
	}
	wantValues := []string{"days=7", "asOf=2026-10-01", "ratio=2.0", "all=false", "span=36h0m0s"}
	if diff := cmp.Diff(wantValues, values); diff != "" {
		t.Errorf("Result.Params (-want +got):\n%s", diff)
	}
	// Every run writes a copy beside its notebook (this one's, with the
	// parameters injected), and the tests run in parallel: look for this
	// run's alone.
	leftovers, _ := filepath.Glob("testdata/.lensbook-run-params-*")
	if len(leftovers) > 0 {
		t.Errorf("run copies left behind: %v", leftovers)
	}
}

func TestExecuteRefusesANotebookHoldingTheToken(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	token := "WyIwIiwibGVuc2Jvb2stZmFrZS10b2tlbi1mb3ItdGVzdHMtb25seSJd"
	res, err := Execute(t.Context(), "testdata/hello.ipynb", ExecOptions{
		Paths:    paths,
		Timeout:  3 * time.Minute,
		Env:      map[string]string{"LENSBOOK_TEST_VALUE": token, "CRYPTOLENS_TOKEN": token},
		Redactor: secret.NewRedactor(token),
	})
	if !errors.Is(err, ErrTokenLeak) {
		t.Fatalf("err = %v, want ErrTokenLeak", err)
	}
	if res != nil {
		t.Errorf("a notebook holding the token was returned")
	}
	if strings.Contains(err.Error(), token) {
		t.Errorf("the error holds the token: %q", err)
	}
}

func TestExecuteRejectsUnknownParameterBeforeRunning(t *testing.T) {
	paths := kernelPaths(t)
	_, err := Execute(t.Context(), "testdata/params.ipynb", ExecOptions{Paths: paths, Params: map[string]string{"weeks": "2"}})
	if err == nil || !strings.Contains(err.Error(), `unknown parameter "weeks"`) {
		t.Fatalf("err = %v, want unknown parameter", err)
	}
}

// The kernel's go.work takes a checkout path with spaces.
func TestKernelWithSpacesInTheCheckoutPath(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	link := filepath.Join(t.TempDir(), "a checkout with spaces")
	if err := os.Symlink(paths.Root, link); err != nil {
		t.Fatal(err)
	}
	spaced := *paths
	spaced.Root = link
	res, err := Execute(t.Context(), "testdata/hello.ipynb", ExecOptions{Paths: &spaced, Timeout: 3 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed: %v", err)
	}
	if got := stdout(res.Notebook, 1); !strings.HasPrefix(got, "web API log fields: 11\n") {
		t.Errorf("cell 2 stdout = %q", got)
	}
}

// Without LENSBOOK_ROOT the kernel uses the checkout it was installed from
// (scripts/gonb-kernel.sh's own), as for a Jupyter server started by hand.
func TestKernelFindsItsCheckoutWithoutLensbookRoot(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/hello.ipynb", ExecOptions{
		Paths: paths, Timeout: 3 * time.Minute, Env: map[string]string{"LENSBOOK_ROOT": ""},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed: %v", err)
	}
	if got := stdout(res.Notebook, 1); !strings.HasPrefix(got, "web API log fields: 11\n") {
		t.Errorf("cell 2 stdout = %q", got)
	}
}

// watchScratchDir polls, until stopped, for a process whose environment
// holds kv and a GONB_TMP_DIR (the program of a running cell), and returns
// that folder through the pointer once stopped.
func watchScratchDir(kv string) (dir *string, stop func()) {
	found := new(string)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			for _, pid := range ProcessesWithEnv(kv) {
				env, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "environ"))
				for _, e := range strings.Split(string(env), "\x00") {
					if v, ok := strings.CutPrefix(e, "GONB_TMP_DIR="); ok {
						*found = v
						return
					}
				}
			}
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	return found, func() { close(done); <-finished }
}

// --param values of a report.Params literal's fields reach the session on
// the real kernel: the injected cell declares the session again with them,
// and LookBackDays stays what the notebook says.
func TestExecuteInjectsSessionParameters(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	params := ipynb.Cell{CellType: "code", ID: "params", Metadata: map[string]any{"tags": []any{ParametersTag}},
		Source: ipynb.MultilineText("var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: \"2026-11-01\", LookBackDays: 6})) // the window\nvar topN = 10")}
	nb := &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5,
		Metadata: map[string]any{"kernelspec": map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
		Cells: []ipynb.Cell{params, {CellType: "code", ID: "show", Metadata: map[string]any{},
			Source: "%%\nfmt.Printf(\"days=%d productID=%d asOf=%s lookBack=%d topN=%d\\n\", s.Params.Days, s.Params.ProductID, s.AsOf.Format(time.RFC3339), s.Params.LookBackDays, topN)"}}}
	path := filepath.Join(t.TempDir(), "session.ipynb")
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res, err := Execute(t.Context(), path, ExecOptions{
		Paths:   paths,
		Timeout: 3 * time.Minute,
		Params:  map[string]string{"days": "7", "asOf": "2026-10-01"},
		Env: map[string]string{"CRYPTOLENS_TOKEN": "session-params-test", "CRYPTOLENS_BASE_URL": "http://127.0.0.1:9/api",
			"LENSBOOK_STORE": filepath.Join(t.TempDir(), "store.db")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed: %v", err)
	}
	if got, want := stdout(res.Notebook, 1), "days=7 productID=0 asOf=2026-10-01T00:00:00Z lookBack=6 topN=10\n"; got != want {
		t.Errorf("cell 2 printed %q, want %q", got, want)
	}
	var values []string
	for _, p := range res.Params {
		values = append(values, p.Name+"="+p.Value)
	}
	if diff := cmp.Diff([]string{"days=7", "productID=0", "asOf=2026-10-01", "topN=10"}, values); diff != "" {
		t.Errorf("Result.Params (-want +got):\n%s", diff)
	}
}

// A kernel whose module cache lacks the modules the checkout pins (a fresh
// HOME, another GOMODCACHE) fails the cell with one line naming a missing
// module, one the checkout's go.sum lists, and the fix, not go's cut-off
// "go: gonb_... imports".
func TestMissingModuleNamesItAndTheFix(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	nb := &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5,
		Metadata: map[string]any{"kernelspec": map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
		Cells:    []ipynb.Cell{{CellType: "code", ID: "report", Metadata: map[string]any{}, Source: "%%\nfmt.Println(report.DefaultDays)"}}}
	path := filepath.Join(t.TempDir(), "missing-module.ipynb")
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res, err := Execute(t.Context(), path, ExecOptions{Paths: paths, Timeout: 3 * time.Minute,
		Env: map[string]string{"GOMODCACHE": filepath.Join(t.TempDir(), "empty-module-cache")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) != 1 {
		t.Fatalf("failures = %v, want one", res.Failures)
	}
	f := res.Failures[0]
	m := regexp.MustCompile("^the Go module cache \\(go env GOMODCACHE\\) lacks (\\S+)@(\\S+) \\(needed by github.com/lensbook/lensbook/pkg/report\\), " +
		"and notebooks build offline \\(GOPROXY=off\\): run `make setup` in the checkout, which fills the module cache$").FindStringSubmatch(f.Message)
	if m == nil {
		t.Fatalf("failure = %q, want the missing module and `make setup`", f)
	}
	sum, err := os.ReadFile(filepath.Join(paths.Root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sum), m[1]+" "+m[2]+" ") {
		t.Errorf("the module named, %s@%s, is not one the checkout's go.sum pins", m[1], m[2])
	}
	for _, o := range res.Notebook.Cells[0].Outputs {
		if o.OutputType == "error" && (o.EValue != f.Message || o.EName != "cell 1 (\"fmt.Println(report.DefaultDays)\")" || o.Traceback != nil) {
			t.Errorf("the cell's error output = %q: %q, %q; want the failure's line alone", o.EName, o.EValue, o.Traceback)
		}
	}
}
