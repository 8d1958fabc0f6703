package report_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/report"
)

// mustCellEnv makes the test binary run TestMustCell as a notebook cell
// would (GONB_PIPE set), instead of the tests.
const mustCellEnv = "LENSBOOK_REPORT_MUST_CELL"

// TestMustCell is not a test of its own: TestMustInACellPrintsOneLine runs
// the test binary again with only it selected and GONB_PIPE set, as GoNB
// runs a cell.
func TestMustCell(t *testing.T) {
	if os.Getenv(mustCellEnv) == "" {
		t.Skip("runs only as the cell of TestMustInACellPrintsOneLine")
	}
	s := report.Must(report.Open(report.Params{Days: -3}))
	t.Logf("opened %s", s)
}

// In a notebook cell, Must writes the error as one line and exits with
// status 3: no panic, no goroutine dump.
func TestMustInACellPrintsOneLine(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestMustCell$", "-test.count=1")
	cmd.Env = append(os.Environ(), mustCellEnv+"=1", "GONB_PIPE=/nonexistent/gonb-pipe")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("err = %v, want exit status 3; output:\n%s", err, out)
	}
	if got, want := string(out), "report: days = -3: want a positive number of days\n"; got != want {
		t.Errorf("output = %q, want %q", got, want)
	}
}

// Outside a notebook, Must and Check panic with the error, as library code
// expects.
func TestMustPanicsOutsideANotebook(t *testing.T) {
	t.Setenv("GONB_PIPE", "")
	want := errors.New("no such column")
	for name, call := range map[string]func(){
		"Must":  func() { report.Must(0, want) },
		"Check": func() { report.Check(want) },
	} {
		func() {
			defer func() {
				if got, _ := recover().(error); !errors.Is(got, want) {
					t.Errorf("%s panicked with %v, want %v", name, got, want)
				}
			}()
			call()
		}()
	}
	if got := report.Must(7, nil); got != 7 {
		t.Errorf("Must(7, nil) = %d", got)
	}
}

// OneLine joins a multi-line error's lines.
func TestOneLine(t *testing.T) {
	err := errors.Join(errors.New("report: reading the store"), errors.New("  no such table:\n\tweblog "))
	if got, want := report.OneLine(err), "report: reading the store no such table: weblog"; got != want {
		t.Errorf("OneLine = %q, want %q", got, want)
	}
	if strings.Contains(report.OneLine(err), "\n") {
		t.Error("OneLine kept a line break")
	}
}
