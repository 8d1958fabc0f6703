package pagerender

import (
	"bytes"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// TestStreamsComeFirstWhateverTheArrivalOrder renders a cell whose stdout
// arrived after its display, and one whose stdout arrived before: GoNB gives
// either, and both must make the same page.
func TestStreamsComeFirstWhateverTheArrivalOrder(t *testing.T) {
	stream := ipynb.Output{OutputType: "stream", Name: "stdout", Text: "total=3\n"}
	display := ipynb.Output{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"text/html": "<table><tr><td>3</td></tr></table>"}}
	page := func(outputs ...ipynb.Output) []byte {
		nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{{CellType: "code", Source: "%%\nx()", Outputs: outputs}}}
		b, err := Render(nb, PageMeta{Title: "t"})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := page(stream, display), page(display, stream)
	if !bytes.Equal(a, b) {
		t.Error("the page depends on the order in which stdout and a display arrived")
	}
	if i, j := bytes.Index(a, []byte("total=3")), bytes.Index(a, []byte("<table")); i < 0 || j < 0 || i > j {
		t.Errorf("stdout at %d, table at %d: want stdout first", i, j)
	}
}
