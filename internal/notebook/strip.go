package notebook

import "github.com/lensbook/lensbook/internal/ipynb"

// Strip removes what executing a notebook adds: outputs and execution counts
// of code cells, and the cell that InjectParameters adds. It reports whether
// anything changed. Notebook and cell metadata are kept.
func Strip(nb *ipynb.Notebook) bool {
	changed := false
	cells := nb.Cells[:0]
	for _, c := range nb.Cells {
		if c.HasTag(InjectedParametersTag) {
			changed = true
			continue
		}
		if c.CellType == "code" && (len(c.Outputs) > 0 || c.ExecutionCount != nil) {
			c.Outputs = nil
			c.ExecutionCount = nil
			changed = true
		}
		cells = append(cells, c)
	}
	nb.Cells = cells
	return changed
}
