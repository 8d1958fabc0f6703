package notebook

import (
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// A cell that exited with ReportedFailureStatus (report.Must) fails with
// the line it wrote, as it is; another exit status keeps the status.
func TestFailuresOfAReportedFailure(t *testing.T) {
	cell := func(status string) ipynb.Cell {
		count := 1
		return ipynb.Cell{CellType: "code", ExecutionCount: &count, Source: "%%\nweb := report.Must(s.WebAPILogFrame())", Outputs: []ipynb.Output{
			{OutputType: "stream", Name: "stderr", Text: ipynb.MultilineText("a warning first\nreport: the local store does not hold the weblog\n" + status + "\n")},
			{OutputType: "error", EName: "ERROR", EValue: status, Traceback: []string{status}},
		}}
	}
	nb := &ipynb.Notebook{Cells: []ipynb.Cell{{CellType: "markdown", Source: "## Keys"}, cell("exit status 3"), cell("exit status 1")}}
	fails := Failures(nb)
	if len(fails) != 2 {
		t.Fatalf("failures = %v", fails)
	}
	if got, want := fails[0].String(), "cell 2 (Keys): report: the local store does not hold the weblog"; got != want {
		t.Errorf("reported failure = %q, want %q", got, want)
	}
	if got, want := fails[1].String(), "cell 3 (Keys): a warning first (exit status 1)"; got != want {
		t.Errorf("exit status 1 = %q, want %q", got, want)
	}
}

// tidyFailures leaves a reported failure said once: the error output holds
// the message, the stderr line and the exit status go.
func TestTidyAReportedFailure(t *testing.T) {
	count := 1
	nb := &ipynb.Notebook{Cells: []ipynb.Cell{{CellType: "code", ExecutionCount: &count, Source: "x", Outputs: []ipynb.Output{
		{OutputType: "stream", Name: "stderr", Text: "a warning first\nreport: no weblog\nexit status 3\n"},
		{OutputType: "error", EName: "ERROR", EValue: "exit status 3", Traceback: []string{"exit status 3"}},
	}}}}
	tidyFailures(nb, Failures(nb))
	outs := nb.Cells[0].Outputs
	if len(outs) != 2 || string(outs[0].Text) != "a warning first\n" || outs[1].EValue != "report: no weblog" || outs[1].Traceback != nil {
		t.Errorf("outputs = %+v", outs)
	}
}
