package checks_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/pkg/display"
)

// The checks read figures from the data channel of an executed notebook:
// by exact title or a unique title prefix, with exact integers, numbers,
// strings and missing values.
func TestRunFigures(t *testing.T) {
	bundle := func(data string) ipynb.Output {
		return ipynb.Output{OutputType: "display_data", Data: map[string]ipynb.MultilineText{
			"text/html":      "<svg></svg>",
			display.DataMIME: ipynb.MultilineText(data),
		}}
	}
	nb := &ipynb.Notebook{Cells: []ipynb.Cell{
		{CellType: "code", ID: "a", Outputs: []ipynb.Output{
			{OutputType: "stream", Name: "stdout", Text: "Web API Log: 12 requests\n"},
			bundle(`{"title": "Most active keys, 2 Oct – 1 Nov 2026", "columns": ["key", "count", "share"],
				"rows": [["ABCD", 9007199254740993, 0.75], ["EFGH", 3, null]]}`),
		}},
		{CellType: "code", ID: "b", Outputs: []ipynb.Output{
			bundle(`{"title": "Most active", "columns": [], "rows": []}`),
		}},
	}}
	r := newRun(t, nb)
	if diff := cmp.Diff([]string{"Most active keys, 2 Oct – 1 Nov 2026", "Most active"}, r.titles()); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	if got := r.figures(t, "Most active").len(); got != 0 {
		t.Errorf("the exact title comes first: %d rows", got)
	}
	keys := r.figures(t, "Most active keys")
	if keys.len() != 2 || keys.int(0, "count") != 9007199254740993 || keys.str(1, "key") != "EFGH" {
		t.Errorf("rows = %v", keys.Rows)
	}
	if got := keys.ints("key", "count"); !cmp.Equal(got, map[string]int{"ABCD": 9007199254740993, "EFGH": 3}) {
		t.Errorf("ints = %v", got)
	}
	shares := keys.floats("key", "share")
	if shares["ABCD"] != 0.75 || !math.IsNaN(shares["EFGH"]) {
		t.Errorf("floats = %v", shares)
	}
	if r.stdout != "Web API Log: 12 requests\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
}
