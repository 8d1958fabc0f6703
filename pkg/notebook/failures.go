package notebook

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/lensbook/lensbook/pkg/ipynb"
)

// FailureKind says how a cell failed.
type FailureKind string

// The ways a cell fails.
const (
	// CellError is an "error" output: a compile error, a panic, os.Exit or
	// log.Fatal in a Go cell, or an error GoNB reports itself.
	CellError FailureKind = "error"
	// CellNotRun is a code cell with source that has no execution count.
	CellNotRun FailureKind = "not run"
	// CellExitStatus is an `exit status N` line on stderr: a shell command
	// (`!cmd`, `%%bash`) that failed, which GoNB does not make an error.
	CellExitStatus FailureKind = "exit status"
)

// Failure is one failed cell of an executed notebook.
type Failure struct {
	Cell      int         // 1-based position of the cell among all cells of the executed notebook
	FirstLine string      // first non-blank line of the cell's source (a bare %% skipped)
	Kind      FailureKind // how it failed
	EName     string      // CellError: the error name; CellExitStatus: "exit status"
	EValue    string      // CellError: the error value; CellExitStatus: the status line
	Message   string      // one line saying what went wrong, e.g. "line 2: undefined: x"
}

// String names the cell and its error, e.g.
// `cell 3 ("fmt.Println(x)"): line 2: undefined: x`.
func (f Failure) String() string {
	return fmt.Sprintf("cell %d (%q): %s", f.Cell, f.FirstLine, f.Message)
}

var (
	exitStatusLine = regexp.MustCompile(`(?m)^exit status (\d+)\s*$`)
	compilerLine   = regexp.MustCompile(`^\./main\.go:\d+:\d+: (.*)$`)
	cellLine       = regexp.MustCompile(`Cell\[\d+\]: Line (\d+)`)
	logTimestamp   = regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(\.\d+)? `)
)

// Failures lists the failed cells of an executed notebook, in cell order: an
// error output, a code cell that never ran, or (in a cell without an error
// output) an "exit status N" line on stderr.
func Failures(nb *ipynb.Notebook) []Failure {
	var out []Failure
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		at := Failure{Cell: i + 1, FirstLine: firstLine(string(c.Source))}
		if c.ExecutionCount == nil && strings.TrimSpace(string(c.Source)) != "" {
			f := at
			f.Kind, f.Message = CellNotRun, "never ran"
			out = append(out, f)
			continue
		}
		stderr := cellStderr(c)
		hasError := false
		for _, o := range c.Outputs {
			if o.OutputType != "error" {
				continue
			}
			hasError = true
			f := at
			f.Kind, f.EName, f.EValue = CellError, o.EName, errorText(o)
			f.Message = errorMessage(o, stderr)
			out = append(out, f)
		}
		if hasError {
			continue
		}
		for _, m := range exitStatusLine.FindAllString(stderr, -1) {
			f := at
			status := strings.TrimSpace(m)
			f.Kind, f.EName, f.EValue = CellExitStatus, "exit status", status
			f.Message = "a shell command failed: " + withStderr(status, stderr)
			out = append(out, f)
		}
	}
	return out
}

// cellStderr joins the cell's stderr stream outputs.
func cellStderr(c ipynb.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.OutputType == "stream" && o.Name == "stderr" {
			b.WriteString(string(o.Text))
		}
	}
	return b.String()
}

// errorMessage says in one line what an error output means: the compiler's
// message with its cell line, GoNB's own message, or for a program that
// exited (panic, log.Fatal, os.Exit) the first line it wrote to stderr.
func errorMessage(o ipynb.Output, stderr string) string {
	text := errorText(o)
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "# gonb_") || strings.HasPrefix(line, "failed to run ") {
			continue
		}
		if m := compilerLine.FindStringSubmatch(line); m != nil {
			if c := cellLine.FindStringSubmatch(strings.Join(o.Traceback, "\n")); c != nil {
				return "line " + c[1] + ": " + m[1]
			}
			return m[1]
		}
		if exitStatusLine.MatchString(line) {
			return withStderr(line, stderr)
		}
		return cut(line)
	}
	if o.EName != "" {
		return o.EName
	}
	return "error"
}

// withStderr prefixes an "exit status N" with the first line the program
// wrote to stderr, when there is one.
func withStderr(status, stderr string) string {
	for line := range strings.Lines(stderr) {
		line = strings.TrimSpace(line)
		if line == "" || exitStatusLine.MatchString(line) {
			continue
		}
		return cut(logTimestamp.ReplaceAllString(line, "")) + " (" + status + ")"
	}
	return status
}

// errorText is the error's value, or its traceback when the value is empty.
func errorText(o ipynb.Output) string {
	if strings.TrimSpace(o.EValue) != "" {
		return o.EValue
	}
	return strings.Join(o.Traceback, "\n")
}

// firstLine returns the first non-blank line of s that is not GoNB's bare
// "%%" marker, trimmed and cut to 120 bytes.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" || line == "%%" {
			continue
		}
		return cut(line)
	}
	return ""
}

// cut shortens s to at most 120 bytes, on a rune boundary.
func cut(s string) string {
	const max = 120
	if len(s) <= max {
		return s
	}
	i := max - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
