package display_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/pkg/display"
)

// displayCell calls every display helper once from a GoNB cell.
const displayCell = `import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/charts"
	"github.com/lensbook/lensbook/pkg/display"
)

%%
c, err := charts.Bar(charts.BarData{Title: "Outcomes", XLabel: "Outcome", YLabel: "Share",
	Categories: []string{"Success", "Failure"}, Values: []float64{87.1, 12.9}, ValueFormat: charts.Percent})
if err != nil {
	panic(err)
}
for _, err := range []error{
	display.Chart(c),
	display.ChartSVG(c),
	display.Table([]string{"key", "requests"}, [][]string{{"<script>alert(1)</script>", "1,234"}}),
	display.Markdown("**in a notebook:** yes"),
	display.Headline("12.9% of requests failed"),
	display.Frame(dataframe.New(series.New([]string{"<b>AAAA</b>"}, series.String, "key"), series.New([]int{1234}, series.Int, "count")),
		display.Options{Title: "Keys"}),
} {
	if err != nil {
		panic(err)
	}
}
`

// TestInARealGoNBKernel executes a notebook through Jupyter and the GoNB
// kernel (make setup installs it) and checks the outputs that the display
// helpers leave in the executed notebook. About 20 s warm; skipped with
// -short or without the kernel.
func TestInARealGoNBKernel(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real GoNB kernel; skipped with -short")
	}
	paths, err := notebook.FindPaths()
	if err != nil {
		t.Skipf("no GoNB setup: %v", err)
	}
	if ok, why := paths.KernelInstalled(); !ok {
		t.Skip(why)
	}
	nb := &ipynb.Notebook{
		Metadata: map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
		NBFormat: 4, NBFormatMinor: 5,
		Cells: []ipynb.Cell{
			{CellType: "code", ID: "setup", Metadata: map[string]any{}, Source: notebook.SetupCellSource},
			{CellType: "code", ID: "display", Metadata: map[string]any{}, Source: displayCell},
		},
	}
	path := filepath.Join(t.TempDir(), "display.ipynb")
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res, err := notebook.Execute(t.Context(), path, notebook.ExecOptions{Timeout: 4 * time.Minute, Paths: &paths})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("a cell failed: %v", err)
	}
	var got []ipynb.Output
	for _, o := range res.Notebook.Cells[1].Outputs {
		if o.OutputType == "display_data" {
			got = append(got, o)
		}
	}
	if len(got) != 6 {
		t.Fatalf("%d display outputs, want 6 (chart, SVG chart, table, Markdown, headline, frame): %+v", len(got), res.Notebook.Cells[1].Outputs)
	}
	// The figures pass through GoNB, Jupyter and the saved notebook as the
	// JSON text they were sent as.
	for i, want := range map[int]display.Data{
		0: {Title: "Outcomes", Columns: []string{"Outcome", "Share"}, Rows: [][]any{{"Success", 87.1}, {"Failure", 12.9}}},
		4: {Title: "12.9% of requests failed", Columns: []string{}, Rows: [][]any{}},
		5: {Title: "Keys", Columns: []string{"key", "count"}, Rows: [][]any{{"<b>AAAA</b>", 1234.0}}, Text: [][]string{{"<b>AAAA</b>", "1,234"}}},
	} {
		var d display.Data
		if err := json.Unmarshal([]byte(got[i].Data[display.DataMIME]), &d); err != nil {
			t.Errorf("output %d: %s: %v (MIME types %v)", i, display.DataMIME, err, mimeTypes(got[i]))
			continue
		}
		if diff := cmp.Diff(want, d); diff != "" {
			t.Errorf("output %d figures (-want +got):\n%s", i, diff)
		}
	}
	var bundle display.ChartBundle
	if err := json.Unmarshal([]byte(got[0].Data[display.ChartMIME]), &bundle); err != nil || len(bundle.Images) != 4 {
		t.Errorf("first output has no chart bundle (err %v, %d images); MIME types %v", err, len(bundle.Images), mimeTypes(got[0]))
	}
	if svg := string(got[0].Data["image/svg+xml"]); !strings.HasPrefix(svg, "<svg") {
		t.Errorf("first output has no SVG for Jupyter; MIME types %v", mimeTypes(got[0]))
	}
	if alt := string(got[0].Data["text/plain"]); alt != "Chart: Outcomes" {
		t.Errorf("chart text/plain = %q", alt)
	}
	if h := string(got[4].Data[display.HeadlineMIME]); h != "12.9% of requests failed" {
		t.Errorf("headline output = %q; MIME types %v", h, mimeTypes(got[4]))
	}
	if svg := string(got[1].Data["text/html"]); !strings.HasPrefix(svg, "<div><svg") {
		t.Errorf("second output is not an inline SVG: %.60q", svg)
	}
	table := string(got[2].Data["text/html"])
	if strings.Contains(table, "<script>") || !strings.Contains(table, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("table HTML not escaped: %s", table)
	}
	if md := string(got[3].Data["text/markdown"]); md != "**in a notebook:** yes" {
		t.Errorf("Markdown output = %q", md)
	}
	if os.Getenv("LENSBOOK_KEEP_NOTEBOOK") != "" {
		_ = res.Notebook.WriteFile(os.Getenv("LENSBOOK_KEEP_NOTEBOOK"))
	}
}

func mimeTypes(o ipynb.Output) []string {
	var out []string
	for k := range o.Data {
		out = append(out, k)
	}
	return out
}
