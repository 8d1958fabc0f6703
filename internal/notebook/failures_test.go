package notebook

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/ipynb"
)

// testdata/executed-failures.ipynb is a real nbconvert run of failing cells
// (its last cell's execution count then cleared: a cell that never ran).
func TestFailuresOfARealRun(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Failures(nb) {
		got = append(got, f.String())
	}
	want := []string{
		`cell 2 ("fmt.Println(undefinedVariable)"): line 2: undefined: undefinedVariable`,
		`cell 3 ("var m map[string]int"): panic: assignment to entry in nil map`,
		`cell 4 ("log.Fatal(\"bad thing happened\")"): bad thing happened (exit status 1)`,
		`cell 5 ("os.Exit(4)"): exit status 4`,
		`cell 6 ("!exit 3"): a shell command failed: exit status 3`,
		`cell 9 ("fmt.Println(\"ok\")"): never ran`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
}

func TestResultErr(t *testing.T) {
	tests := []struct {
		name     string
		failures []Failure
		want     string
	}{
		{"none", nil, ""},
		{"one", []Failure{{Cell: 2, FirstLine: "x()", Message: "boom"}}, `cell 2 ("x()"): boom`},
		{"three", []Failure{{Cell: 2, FirstLine: "x()", Message: "boom"}, {Cell: 3}, {Cell: 4}}, `cell 2 ("x()"): boom (and 2 more failed cells)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Result{Failures: tt.failures}
			got := ""
			if err := r.Err(); err != nil {
				got = err.Error()
			}
			if got != tt.want || r.OK() != (tt.want == "") {
				t.Errorf("Err() = %q, OK() = %v; want %q", got, r.OK(), tt.want)
			}
		})
	}
}

func TestCutKeepsRunesWhole(t *testing.T) {
	s := ""
	for range 70 {
		s += "é"
	}
	got := cut(s)
	if len(got) > 120 || got[len(got)-3:] != "..." {
		t.Fatalf("cut = %q (%d bytes)", got, len(got))
	}
	for _, r := range got {
		if r == '\uFFFD' {
			t.Fatalf("cut split a rune: %q", got)
		}
	}
}

// A cell's failure is named by its section heading, the panic of
// report.Must shows as its error alone, and the executed notebook's error
// output says the same, without the goroutine dump.
func TestFailureLabelsAndTidyPanics(t *testing.T) {
	one := 1
	dump := "panic: report: the local store does not hold the weblog\n\ngoroutine 1 [running]:\n" +
		"github.com/lensbook/lensbook/pkg/report.Must[...](...)\n\t/src/pkg/report/report.go:232\n" +
		"main.main()\n\t \x1b[7m[[ Cell [4] Line 10 ]]\x1b[0m /tmp/gonb_1/main.go:18 +0x77\nexit status 2\n"
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{
		{CellType: "markdown", Source: "# Title\n\nIntro."},
		{CellType: "code", ExecutionCount: &one, Source: "x := 1", Outputs: []ipynb.Output{{OutputType: "error", EName: "ERROR", EValue: "exit status 1", Traceback: []string{"exit status 1"}}}},
		{CellType: "markdown", Source: "## Fetch the `window`\n\n```\n## not a heading\n```"},
		{CellType: "code", ExecutionCount: &one, Source: "import \"fmt\"\n%%\ns := session()", Outputs: []ipynb.Output{
			{OutputType: "stream", Name: "stdout", Text: "before\n"},
			{OutputType: "stream", Name: "stderr", Text: ipynb.MultilineText("warning: slow\n" + dump)},
			{OutputType: "error", EName: "ERROR", EValue: "exit status 2", Traceback: []string{"exit status 2"}},
		}},
	}}
	failures := Failures(nb)
	var got []string
	for _, f := range failures {
		got = append(got, f.String())
	}
	want := []string{
		`cell 2 ("x := 1"): exit status 1`,
		`cell 4 (Fetch the window): report: the local store does not hold the weblog`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("failures (-want +got):\n%s", diff)
	}
	tidyFailures(nb, failures)
	outs := nb.Cells[3].Outputs
	if len(outs) != 3 || string(outs[1].Text) != "warning: slow\n" {
		t.Fatalf("outputs after tidying: %+v", outs)
	}
	if e := outs[2]; e.EName != "cell 4 (Fetch the window)" || e.EValue != "report: the local store does not hold the weblog" || e.Traceback != nil {
		t.Errorf("error output after tidying: %+v", e)
	}
}

// A failure in the parameters cell (the session opens there) is named
// "parameters": pages hide the cell, and its first line is the session's.
func TestFailureInTheParametersCell(t *testing.T) {
	one := 1
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{
		{CellType: "markdown", Source: "# Title"},
		{CellType: "code", ExecutionCount: &one, Metadata: map[string]any{"tags": []any{ParametersTag}},
			Source: `var s = report.Must(report.Open(report.Params{Days: -3, ProductID: 0, AsOf: ""})) // Days: window length`,
			Outputs: []ipynb.Output{
				{OutputType: "stream", Name: "stderr", Text: "report: days = -3: want a positive number of days\nexit status 3\n"},
				{OutputType: "error", EName: "ERROR", EValue: "exit status 3"},
			}},
	}}
	fails := Failures(nb)
	if len(fails) != 1 || fails[0].String() != "cell 2 (parameters): report: days = -3: want a positive number of days" {
		t.Errorf("failures = %v", fails)
	}
}

// What `go get` prints when the offline kernel misses a module or a
// package becomes one line naming it and the fix.
func TestOfflineModuleMessages(t *testing.T) {
	missing := "failed to run \"/usr/local/go/bin/go get\": exit status 1\n\ngo: gonb_bdb75409 imports\n" +
		"\tgithub.com/lensbook/lensbook/pkg/report imports\n" +
		"\tgithub.com/go-gota/gota/dataframe: github.com/alecthomas/chroma/v2@v2.27.0: module lookup disabled by GOPROXY=off\n" +
		"go: gonb_bdb75409 imports\n\tgithub.com/lensbook/lensbook/pkg/report imports\n" +
		"\tmodernc.org/sqlite: github.com/alecthomas/chroma/v2@v2.27.0: module lookup disabled by GOPROXY=off\n"
	unknown := "go: finding module for package github.com/foo/bar\ngo: gonb_1 imports\n" +
		"\tgithub.com/foo/bar: cannot find module providing package github.com/foo/bar: module lookup disabled by GOPROXY=off\n"
	for text, want := range map[string]string{
		missing: "the Go module cache (go env GOMODCACHE) lacks github.com/alecthomas/chroma/v2@v2.27.0 (needed by github.com/lensbook/lensbook/pkg/report), and notebooks build offline (GOPROXY=off): run `make setup` in the checkout, which fills the module cache",
		unknown: "no module of the checkout's go.mod provides github.com/foo/bar, and notebooks build offline (GOPROXY=off): add its module to go.mod (`go get MODULE@VERSION` in the checkout), then run `make setup`",
	} {
		o := ipynb.Output{OutputType: "error", EName: "ERROR", Traceback: strings.Split(text, "\n")}
		if got := errorMessage(o, ""); got != want {
			t.Errorf("errorMessage = %q, want %q", got, want)
		}
	}
}
