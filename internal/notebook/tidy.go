package notebook

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// foldInjected removes the cell InjectValues added from an executed
// notebook, so that its cells are numbered as in the notebook as committed
// (and as Jupyter shows it); outputs of the injected cell, which only a
// broken parameters cell gives, move to the parameters cell.
func foldInjected(nb *ipynb.Notebook) {
	j := cellWithTag(nb, InjectedParametersTag)
	if j < 0 {
		return
	}
	injected := nb.Cells[j]
	nb.Cells = slices.Delete(slices.Clone(nb.Cells), j, j+1)
	if i := cellWithTag(nb, ParametersTag); i >= 0 && len(injected.Outputs) > 0 {
		nb.Cells[i].Outputs = append(slices.Clone(nb.Cells[i].Outputs), injected.Outputs...)
	}
}

// tidyFailures makes each failed cell of an executed notebook say what went
// wrong once, in the words of its Failure: the error output is named by the
// cell's label and holds its message, a Go panic's goroutine dump and the
// "exit status" line after it are removed from the cell's stderr (and the
// line report.Must wrote, with its exit status, for a cell that exited with
// ReportedFailureStatus: the error output says it), and a
// traceback that says no more than "exit status N", or than the message
// naming a module missing from the offline kernel's module cache, is
// dropped. Compiler
// tracebacks, which show the failing line, are kept.
func tidyFailures(nb *ipynb.Notebook, failures []Failure) {
	for _, f := range failures {
		if f.Kind != CellError {
			continue
		}
		c := &nb.Cells[f.Cell-1]
		outputs := make([]ipynb.Output, 0, len(c.Outputs))
		inPanic := false
		for _, o := range c.Outputs {
			switch {
			case o.OutputType == "stream" && o.Name == "stderr":
				if inPanic {
					continue // the rest of the dump
				}
				text := string(o.Text)
				if i := panicStart(text); i >= 0 || (strings.HasPrefix(text, "panic: ") && !strings.Contains(text, "\ngoroutine ")) {
					inPanic = true
					if i < 0 {
						i = 0
					}
					text = text[:i]
				}
				if reported(f) {
					text = dropLines(text, f.Message, "exit status "+strconv.Itoa(ReportedFailureStatus))
				}
				if strings.TrimSpace(text) == "" {
					continue
				}
				o.Text = ipynb.MultilineText(text)
			case o.OutputType == "error":
				_, offline := offlineModuleMessage(o.EValue + "\n" + strings.Join(o.Traceback, "\n"))
				o.EName, o.EValue = f.Label(), f.Message
				if onlyExitStatus(o.Traceback) || offline {
					o.Traceback = nil // the message says it all: go get's import chains would only repeat it
				}
			}
			outputs = append(outputs, o)
		}
		c.Outputs = outputs
	}
}

// onlyExitStatus reports whether a traceback says nothing but "exit status N".
func onlyExitStatus(tb []string) bool {
	for _, line := range tb {
		for l := range strings.Lines(line) {
			if t := strings.TrimSpace(l); t != "" && !exitStatusLine.MatchString(t) && !strings.HasPrefix(t, "ERROR: exit status") {
				return false
			}
		}
	}
	return true
}

// reported reports whether f is a cell that exited with
// ReportedFailureStatus after writing its failure (report.Must).
func reported(f Failure) bool {
	return f.Kind == CellError && strings.TrimSpace(f.EValue) == "exit status "+strconv.Itoa(ReportedFailureStatus)
}

// dropLines removes from text the lines that, trimmed, equal one of lines.
func dropLines(text string, lines ...string) string {
	var b strings.Builder
	for l := range strings.Lines(text) {
		if !slices.Contains(lines, strings.TrimSpace(l)) {
			b.WriteString(l)
		}
	}
	return b.String()
}
