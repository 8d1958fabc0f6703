package notebook

import (
	"slices"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// sourceChange is a cell whose source Execute changed in the notebook it
// runs, with the source to put back in the executed notebook, so that the
// page shows the notebook as written.
type sourceChange struct {
	cell   int
	source ipynb.MultilineText
}

// restoreSources puts the changed cells' sources back.
func restoreSources(nb *ipynb.Notebook, changes []sourceChange) {
	for _, c := range changes {
		if c.cell < len(nb.Cells) {
			nb.Cells[c.cell].Source = c.source
		}
	}
}

// injectIntoParametersCell gives the parameters cell the injected values
// too, in the notebook Execute runs: the injected declarations follow the
// cell's own, and GoNB keeps the later of two declarations of a name. The
// parameters cell's program then is the one the injected cell builds next,
// the same declarations, so that the go build of the injected cell finds
// it in the build cache instead of compiling and linking it again (about
// 0.8 CPU s a notebook when the parameters cell opens the session). It
// changes nb in place (its cells cloned first) and returns the change to
// undo after the run; none when the notebook has no injected cell right
// after its parameters cell, or the parameters cell holds a GoNB special
// line (a %% main section would take the declarations into main).
func injectIntoParametersCell(nb *ipynb.Notebook) []sourceChange {
	i, j := cellWithTag(nb, ParametersTag), cellWithTag(nb, InjectedParametersTag)
	if i < 0 || j != i+1 {
		return nil
	}
	src := string(nb.Cells[i].Source)
	for line := range strings.Lines(src) {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") {
			return nil
		}
	}
	nb.Cells = slices.Clone(nb.Cells)
	nb.Cells[i].Source = ipynb.MultilineText(strings.TrimRight(src, "\n") + "\n\n" + string(nb.Cells[j].Source))
	return []sourceChange{{cell: i, source: ipynb.MultilineText(src)}}
}
