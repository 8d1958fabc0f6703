package notebook

import (
	"fmt"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// Problem is one thing wrong with a notebook meant to be committed.
type Problem struct {
	Cell    int    // 1-based cell position; 0 for the notebook as a whole
	Message string // what is wrong, e.g. "has outputs (run make clean-notebooks)"
}

// String is "cell N: message", or the message alone for the whole notebook.
func (p Problem) String() string {
	if p.Cell == 0 {
		return p.Message
	}
	return fmt.Sprintf("cell %d: %s", p.Cell, p.Message)
}

// Check lists what stops nb from being committed to notebooks/: nbformat 4
// validity (required keys, cell types, unique cell ids), a gonb kernelspec,
// outputs or execution counts left
// from a run, an injected-parameters cell, and anything that looks like a
// token or other secret in sources or text outputs. Nil means clean.
func Check(nb *ipynb.Notebook) []Problem {
	var probs []Problem
	add := func(cell int, format string, args ...any) {
		probs = append(probs, Problem{cell, fmt.Sprintf(format, args...)})
	}
	if nb.NBFormat != 4 {
		add(0, "nbformat is %d, want 4", nb.NBFormat)
	}
	if nb.Metadata == nil {
		add(0, "no notebook metadata")
	}
	ks, _ := nb.Metadata["kernelspec"].(map[string]any)
	if name, _ := ks["name"].(string); name != "gonb" {
		add(0, `metadata.kernelspec.name is %q, want "gonb"`, name)
	}
	probs = append(probs, checkCells(nb)...)
	return probs
}

func checkCells(nb *ipynb.Notebook) []Problem {
	var probs []Problem
	add := func(cell int, format string, args ...any) {
		probs = append(probs, Problem{cell, fmt.Sprintf(format, args...)})
	}
	ids := map[string]int{}
	for i, c := range nb.Cells {
		n := i + 1
		switch c.CellType {
		case "code", "markdown", "raw":
		default:
			add(n, "cell_type %q, want code, markdown or raw", c.CellType)
		}
		if c.Metadata == nil {
			add(n, "no metadata")
		}
		if nb.NBFormatMinor >= 5 {
			switch prev, dup := ids[c.ID]; {
			case c.ID == "":
				add(n, "no id (nbformat 4.5 requires one)")
			case dup:
				add(n, "id %q repeats cell %d", c.ID, prev)
			default:
				ids[c.ID] = n
			}
		}
		if what := lookLikeSecret(string(c.Source)); what != "" {
			add(n, "source holds what looks like %s", what)
		}
		if c.CellType != "code" {
			if len(c.Outputs) > 0 || c.ExecutionCount != nil {
				add(n, "a %s cell with outputs or an execution count", c.CellType)
			}
			continue
		}
		if c.HasTag(InjectedParametersTag) {
			add(n, "an injected-parameters cell (run make clean-notebooks)")
		}
		if len(c.Outputs) > 0 {
			add(n, "has %d outputs (run make clean-notebooks)", len(c.Outputs))
		}
		if c.ExecutionCount != nil {
			add(n, "has execution count %d (run make clean-notebooks)", *c.ExecutionCount)
		}
		for _, o := range c.Outputs {
			if what := lookLikeSecret(outputText(o)); what != "" {
				add(n, "an output holds what looks like %s", what)
			}
		}
	}
	return probs
}

// outputText is the textual content of an output: stream text, error text
// and text/* data. Images are left out: base64 matches token patterns by
// chance.
func outputText(o ipynb.Output) string {
	parts := []string{string(o.Text), o.EName, o.EValue, strings.Join(o.Traceback, "\n")}
	for mime, d := range o.Data {
		if strings.HasPrefix(mime, "text/") || strings.HasSuffix(mime, "json") {
			parts = append(parts, string(d))
		}
	}
	return strings.Join(parts, "\n")
}
