package report

import (
	"fmt"
	"os"
	"strings"
)

// Must returns v when err is nil. Otherwise, in a notebook cell (a program
// GoNB runs), it writes err as one line to stderr and ends the cell's
// program with exit status 3, so the page and the render's summary show what
// failed (an API refusal first, with what was being done after it) instead
// of a panic and its goroutine dump; outside a notebook it panics with err.
//
// A notebook opens its session once, in a package-level variable of its
// parameters cell:
//
//	var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: ""}))
func Must[T any](v T, err error) T {
	if err != nil {
		fail(err)
	}
	return v
}

// Check does what Must does for a call that returns only an error, such as
// a display function: nothing when err is nil, else one line and the end of
// the cell's program in a notebook, a panic elsewhere.
func Check(err error) {
	if err != nil {
		fail(err)
	}
}

// failStatus is the exit status of a cell that failed through Must or
// Check: internal/notebook's ReportedFailureStatus, by which a render's summary
// shows the line Must wrote as the failure, as it is (notebooks/checks'
// TestCellErrorIsOneLine runs the two together).
const failStatus = 3

// inNotebook reports whether this program is a cell GoNB runs: GoNB gives
// every cell program the pipe it displays through in GONB_PIPE.
func inNotebook() bool { return os.Getenv("GONB_PIPE") != "" }

// fail reports err: one line and exit status failStatus in a notebook, a panic
// elsewhere.
func fail(err error) {
	err = apiFirst(err)
	if !inNotebook() {
		panic(err)
	}
	fmt.Fprintln(os.Stderr, OneLine(err))
	os.Exit(failStatus)
}

// OneLine is err's text on one line: line breaks and runs of blank space
// become single spaces, so a multi-line error (a joined error, a wrapped
// response body) reads as one line in a cell's output and a render's
// summary.
func OneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
