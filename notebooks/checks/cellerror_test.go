package checks_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
)

// A cell whose report.Must fails shows one readable line naming what was
// wrong (here the days parameter), not a panic with a goroutine dump, and
// the render's summary of the failure is that line. The session is a
// package-level variable, as in the standard notebooks.
func TestCellErrorIsOneLine(t *testing.T) {
	kerneltest.Paths(t)
	d := startDemo(t)
	code := func(id, src string) ipynb.Cell {
		return ipynb.Cell{CellType: "code", ID: id, Metadata: map[string]any{}, Source: ipynb.MultilineText(src)}
	}
	params := code("params", "var (\n\tdays = -3\n)")
	params.Metadata["tags"] = []any{notebook.ParametersTag}
	nb := &ipynb.Notebook{
		Cells: []ipynb.Cell{
			{CellType: "markdown", ID: "title", Metadata: map[string]any{}, Source: "# Cell errors\n\n## Open the session"},
			params,
			code("open", "import \"github.com/lensbook/lensbook/pkg/report\"\n\nvar s = report.Must(report.Open(report.Params{Days: days}))\n\n%%\nfmt.Println(s)"),
		},
		Metadata: map[string]any{"kernelspec": map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
		NBFormat: 4, NBFormatMinor: 5,
	}
	path := filepath.Join(t.TempDir(), "cell-error.ipynb")
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res, err := notebook.Execute(t.Context(), path, notebook.ExecOptions{Timeout: 5 * time.Minute, Env: d.env(filepath.Join(t.TempDir(), "store.db"))})
	if err != nil {
		t.Fatal(err)
	}
	fails := notebook.Failures(res.Notebook)
	if len(fails) != 1 {
		t.Fatalf("failures = %v, want one", fails)
	}
	want := "cell 3 (Open the session): report: days = -3: want a positive number of days"
	if got := fails[0].String(); got != want {
		t.Errorf("failure = %q, want %q", got, want)
	}
	// The page shows the cell's outputs: the failure once, as the error
	// output's message, and nothing of the exit.
	var shown strings.Builder
	for _, o := range res.Notebook.Cells[2].Outputs {
		shown.WriteString(string(o.Text) + o.EName + ": " + o.EValue + strings.Join(o.Traceback, "\n") + "\n")
	}
	if got, want := shown.String(), "cell 3 (Open the session): report: days = -3: want a positive number of days\n"; got != want {
		t.Errorf("the cell's outputs = %q, want %q (one line, no exit status, no goroutine dump)", got, want)
	}
}
