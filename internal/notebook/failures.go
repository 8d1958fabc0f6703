package notebook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// ReportedFailureStatus is the exit status of a cell program that reported
// its own failure as one line on stderr and stopped: report.Must and
// report.Check in a notebook cell. Failures gives that line as the
// failure's message, as it is.
const ReportedFailureStatus = 3

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
	Cell      int         // 1-based position of the cell among all cells of the notebook, as committed (Execute removes the cell it injects)
	Section   string      // the heading (level 2 or deeper) of the markdown above the cell, "" when none; "parameters" for the cell tagged so, which pages hide
	FirstLine string      // first non-blank line of the cell's source (a bare %% skipped)
	Kind      FailureKind // how it failed
	EName     string      // CellError: the error name; CellExitStatus: "exit status"
	EValue    string      // CellError: the error value; CellExitStatus: the status line
	Message   string      // one line saying what went wrong, e.g. "line 2: undefined: x"
}

// String names the cell and its error, e.g.
// `cell 5 (Fetch the window): report: the store does not hold the weblog`.
func (f Failure) String() string {
	return f.Label() + ": " + f.Message
}

// Label names the cell the same way everywhere (the page, the summary, the
// gallery): its number and its section heading, or its first line when it
// has no section, e.g. `cell 5 (Fetch the window)` or `cell 3 ("x := 1")`.
func (f Failure) Label() string {
	return CellLabel(f.Cell, f.Section, f.FirstLine)
}

// CellLabel is the label of Failure.Label: `cell N (Section)`, or
// `cell N ("first line")` without a section.
func CellLabel(cell int, section, firstLine string) string {
	if section != "" {
		return fmt.Sprintf("cell %d (%s)", cell, section)
	}
	return fmt.Sprintf("cell %d (%q)", cell, firstLine)
}

var (
	exitStatusLine = regexp.MustCompile(`(?m)^exit status (\d+)\s*$`)
	compilerLine   = regexp.MustCompile(`^\./main\.go:\d+:\d+: (.*)$`)
	headingLine    = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	cellLine       = regexp.MustCompile(`Cell\[\d+\]: Line (\d+)`)
	logTimestamp   = regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(\.\d+)? `)

	// What `go get` says when the kernel (GOPROXY=off, scripts/gonb-kernel.sh)
	// needs a module the module cache lacks, or a package no module of the
	// build list provides; and the package the cell imports that led there.
	moduleMissing  = regexp.MustCompile(`(?m)^\s*\S+: (\S+@\S+): module lookup disabled by GOPROXY=off`)
	packageMissing = regexp.MustCompile(`(?m)^\s*\S+: cannot find module providing package (\S+): module lookup disabled by GOPROXY=off`)
	cellImport     = regexp.MustCompile(`(?m)^go: gonb_\w+ imports\s*\n\s*([^\s:]+)`)
)

// Failures lists the failed cells of an executed notebook, in cell order: an
// error output, a code cell that never ran, or (in a cell without an error
// output) an "exit status N" line on stderr.
func Failures(nb *ipynb.Notebook) []Failure {
	var out []Failure
	section := ""
	for i, c := range nb.Cells {
		if c.CellType == "markdown" {
			if h := lastHeading(string(c.Source)); h != "" {
				section = h
			}
			continue
		}
		if c.CellType != "code" {
			continue
		}
		at := Failure{Cell: i + 1, Section: section, FirstLine: firstLine(string(c.Source))}
		if c.HasTag(ParametersTag) {
			at.Section = ParametersTag // named for what it is: its first line is long, and pages hide it
		}
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

// lastHeading returns the text of the last heading of level 2 or deeper in
// a markdown cell, without its markers, or "".
func lastHeading(markdown string) string {
	heading := ""
	fenced := false
	for line := range strings.Lines(markdown) {
		line = strings.TrimRight(line, "\r\n")
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if m := headingLine.FindStringSubmatch(line); !fenced && m != nil && len(m[1]) >= 2 {
			heading = cut(strings.NewReplacer("`", "", "*", "", "_", "").Replace(m[2]))
		}
	}
	return heading
}

// errorMessage says in one line what an error output means: the compiler's
// message with its cell line, GoNB's own message, the panic's message for a
// program that panicked (without "panic: " when report.Must or report.Check
// raised it: the error is the message), or for a program that exited
// (log.Fatal, os.Exit) the first line it wrote to stderr, and for one that
// exited with [ReportedFailureStatus] (report.Must, report.Check) the last
// line it wrote, alone: it is the failure, in one line.
func errorMessage(o ipynb.Output, stderr string) string {
	if msg, ok := panicMessage(stderr); ok {
		return msg
	}
	if msg, ok := offlineModuleMessage(o.EValue + "\n" + strings.Join(o.Traceback, "\n")); ok {
		return msg
	}
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
		if m := exitStatusLine.FindStringSubmatch(line); m != nil {
			if m[1] == strconv.Itoa(ReportedFailureStatus) {
				if msg := lastStderrLine(stderr); msg != "" {
					return msg // the line report.Must wrote just before it exited
				}
			}
			return withStderr(line, stderr)
		}
		return cut(line)
	}
	if o.EName != "" {
		return o.EName
	}
	return "error"
}

// offlineModuleMessage says in one line, with the fix, why `go get` failed
// a cell's build in the kernel, which builds offline (GOPROXY=off): the
// module cache lacks a module the checkout pins (a fresh HOME, another
// GOMODCACHE), or no module of the checkout provides a package the cell
// imports. It names the module or package, and the package the cell
// imports that needs it. ok is false for any other error.
func offlineModuleMessage(text string) (string, bool) {
	via := ""
	if m := cellImport.FindStringSubmatch(text); m != nil {
		via = " (needed by " + m[1] + ")"
	}
	if m := moduleMissing.FindStringSubmatch(text); m != nil {
		if strings.HasPrefix(via, " (needed by "+strings.Split(m[1], "@")[0]) {
			via = ""
		}
		return cutMessage("the Go module cache (go env GOMODCACHE) lacks " + m[1] + via +
			", and notebooks build offline (GOPROXY=off): run `make setup` in the checkout, which fills the module cache"), true
	}
	if m := packageMissing.FindStringSubmatch(text); m != nil {
		return cutMessage("no module of the checkout's go.mod provides " + m[1] +
			", and notebooks build offline (GOPROXY=off): add its module to go.mod (`go get MODULE@VERSION` in the checkout), then run `make setup`"), true
	}
	return "", false
}

// panicMessage finds a Go panic in a cell program's stderr and returns its
// message in one line.
func panicMessage(stderr string) (string, bool) {
	start := panicStart(stderr)
	if start < 0 {
		return "", false
	}
	text := stderr[start:]
	end := strings.Index(text, "\ngoroutine ")
	if end < 0 {
		return "", false
	}
	trace := text[end:]
	msg := strings.TrimSpace(text[:end])
	msg = strings.TrimSuffix(msg, " [recovered]")
	if strings.Contains(trace, "lensbook/pkg/report.Must") || strings.Contains(trace, "lensbook/pkg/report.Check") {
		msg = strings.TrimPrefix(msg, "panic: ")
	}
	msg = strings.Join(strings.Fields(msg), " ")
	return cutMessage(msg), true
}

// panicStart is the offset of the "panic: " line of a Go panic in stderr,
// or -1.
func panicStart(stderr string) int {
	i := 0
	for line := range strings.Lines(stderr) {
		if strings.HasPrefix(line, "panic: ") && strings.Contains(stderr[i:], "\ngoroutine ") {
			return i
		}
		i += len(line)
	}
	return -1
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

// lastStderrLine is the last line of stderr that is not blank and not an
// "exit status N" line, cut to one line's length; "" when none.
func lastStderrLine(stderr string) string {
	last := ""
	for line := range strings.Lines(stderr) {
		if line = strings.TrimSpace(line); line != "" && !exitStatusLine.MatchString(line) {
			last = line
		}
	}
	return cut(last)
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
func cut(s string) string { return cutTo(s, 120) }

// cutMessage shortens an error message to at most 400 bytes: long enough
// for an API's message and the command that fixes it.
func cutMessage(s string) string { return cutTo(s, 400) }

func cutTo(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
