package notebook

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/ipynb"
)

func TestInjectIntoParametersCell(t *testing.T) {
	params := ipynb.Cell{CellType: "code", Metadata: map[string]any{"tags": []any{ParametersTag}},
		Source: "var s = report.Must(report.Open(report.Params{Days: 30}))\n"}
	injected := ipynb.Cell{CellType: "code", Metadata: map[string]any{"tags": []any{InjectedParametersTag}},
		Source: "// Parameters injected by lensbook.\nvar (\n\ts = report.Must(report.Open(report.Params{Days: 7}))\n)\n"}
	later := ipynb.Cell{CellType: "code", Metadata: map[string]any{}, Source: "%%\nfmt.Println(s)"}
	nb := &ipynb.Notebook{Cells: []ipynb.Cell{params, injected, later}}
	original := slices.Clone(nb.Cells)

	changes := injectIntoParametersCell(nb)
	want := "var s = report.Must(report.Open(report.Params{Days: 30}))\n\n// Parameters injected by lensbook.\nvar (\n\ts = report.Must(report.Open(report.Params{Days: 7}))\n)\n"
	if got := string(nb.Cells[0].Source); got != want {
		t.Errorf("parameters cell as run:\n%s\nwant:\n%s", got, want)
	}
	if diff := cmp.Diff(original[1:], nb.Cells[1:]); diff != "" {
		t.Errorf("other cells changed (-want +got):\n%s", diff)
	}
	if original[0].Source != params.Source {
		t.Error("the caller's cells were changed")
	}
	restoreSources(nb, changes)
	if diff := cmp.Diff(original, nb.Cells); diff != "" {
		t.Errorf("restored cells (-want +got):\n%s", diff)
	}

	// A parameters cell with a main section or a shell line is left alone,
	// and so is a notebook whose injected cell is not next to it.
	for _, src := range []string{"var days = 30\n\n%%\nfmt.Println(days)\n", "!echo hi\nvar days = 30\n"} {
		nb := &ipynb.Notebook{Cells: []ipynb.Cell{{CellType: "code", Metadata: params.Metadata, Source: ipynb.MultilineText(src)}, injected}}
		if changes := injectIntoParametersCell(nb); changes != nil || string(nb.Cells[0].Source) != src {
			t.Errorf("parameters cell %q was changed to %q", src, nb.Cells[0].Source)
		}
	}
	apart := &ipynb.Notebook{Cells: []ipynb.Cell{params, later, injected}}
	if changes := injectIntoParametersCell(apart); changes != nil {
		t.Errorf("changed a notebook whose injected cell is not after its parameters cell: %v", changes)
	}
}
