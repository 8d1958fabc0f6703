package notebook

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

func TestMeasure(t *testing.T) {
	code := func(src string, tags ...any) ipynb.Cell {
		c := ipynb.Cell{CellType: "code", Source: ipynb.MultilineText(src)}
		if len(tags) > 0 {
			c.Metadata = map[string]any{"tags": tags}
		}
		return c
	}
	nb := &ipynb.Notebook{Cells: []ipynb.Cell{
		{CellType: "markdown", Source: "# Title\n\nvar x = 1\n"},
		code(SetupCellSource), // 5 lines, all boilerplate
		code("// Parameters\nvar (\n\tdays = 30 // window\n\n\tasOf = \"\"\n)\n", ParametersTag),                                                                                                                     // 5 lines, 3 boilerplate
		code("import (\n\t\"fmt\"\n\n\t\"github.com/lensbook/lensbook/pkg/report\"\n)\n\nvar s = report.Must(report.Open(report.Params{Days: days}))\n\n%%\nreport.Must(s.Sync(store.WebAPILog))\nfmt.Println(s)\n"), // 7 lines, 5 boilerplate, 1 sync
		code("import \"github.com/lensbook/lensbook/pkg/display\"\n%%\n// Keys\nweb := report.Must(s.WebAPILogFrame())\nreport.Check(display.Frame(web, display.Options{}))\ngonbui.Sync()\n"),                       // 5 lines, 2 boilerplate
		code("\n%%\n\n"), // no code line
	}}
	got := Measure(nb)
	want := Stats{CodeCells: 4, CodeLines: 22, Boilerplate: 15, SyncLines: 1, LongestCell: 7, LongestAt: 4}
	if got != want {
		t.Errorf("Measure = %+v, want %+v", got, want)
	}
	sum := got.Add(Stats{CodeCells: 1, CodeLines: 9, Boilerplate: 0, LongestCell: 9, LongestAt: 2})
	if sum.CodeLines != 31 || sum.Boilerplate != 15 || sum.SyncLines != 1 || sum.LongestCell != 9 || sum.LongestAt != 2 {
		t.Errorf("Add = %+v", sum)
	}

	// The idiom: the session opens in the parameters cell on the parameters
	// its literal declares, an input line; the fetch cell prints the sync.
	idiom := &ipynb.Notebook{Cells: []ipynb.Cell{
		code("var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: \"\", LookBackDays: 6})) // window\nvar topN = 10 // rows\n", ParametersTag), // 2 lines, inputs
		code("%%\nfmt.Println(report.Must(s.Sync(store.WebAPILog, store.Events)))\n"),                                                                                  // 1 sync line
	}}
	if got, want := Measure(idiom), (Stats{CodeCells: 2, CodeLines: 3, SyncLines: 1, LongestCell: 2, LongestAt: 1}); got != want {
		t.Errorf("Measure(the idiom) = %+v, want %+v", got, want)
	}
	// A session line whose literal declares no parameter is plumbing, in
	// the parameters cell too.
	plumbing := &ipynb.Notebook{Cells: []ipynb.Cell{
		code("var days = 30\nvar s = report.Must(report.Open(report.Params{Days: days, LookBackDays: 6}))\n", ParametersTag),
	}}
	if got, want := Measure(plumbing), (Stats{CodeCells: 1, CodeLines: 2, Boilerplate: 1, LongestCell: 2, LongestAt: 1}); got != want {
		t.Errorf("Measure(a session line without parameters) = %+v, want %+v", got, want)
	}
}

// printedFigures matches a line printed for a test, such as
// fmt.Printf("keys=%d top=%d\n", ...).
var printedFigures = regexp.MustCompile(`fmt\.Print(f|ln)\("\w+=`)

// The standard notebooks meet the targets of the notebook idiom: all
// together at most MaxTotalCodeLines code lines, no code cell over
// MaxCellCodeLines, boilerplate at most MaxBoilerplateShare of them and at
// most one line in any notebook (go run ./cmd/notebookstats prints the
// figures), and none prints figures for a test.
func TestStandardNotebooksMeetTheTargets(t *testing.T) {
	paths, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, err := List(filepath.Join(paths.Root, "notebooks"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	var total Stats
	for _, f := range files {
		nb, err := ipynb.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".ipynb")
		st := Measure(nb)
		total = total.Add(st)
		for i, c := range nb.Cells {
			if m := printedFigures.FindString(string(c.Source)); c.CellType == "code" && m != "" {
				t.Errorf("%s: cell %d prints figures for a test (%s): checks read them from the data channel (display.DataMIME)", name, i+1, m)
			}
		}
		if st.Boilerplate > 1 {
			t.Errorf("%s: %d boilerplate lines, at most one", name, st.Boilerplate)
		}
		if st.LongestCell > MaxCellCodeLines {
			t.Errorf("%s: cell %d has %d code lines, at most %d", name, st.LongestAt, st.LongestCell, MaxCellCodeLines)
		}
	}
	t.Logf("%d notebooks: %d code lines, %d boilerplate (%.1f%%), longest cell %d", len(files), total.CodeLines, total.Boilerplate, 100*total.BoilerplateShare(), total.LongestCell)
	if total.CodeLines > MaxTotalCodeLines {
		t.Errorf("%d code lines in the %d notebooks, at most %d", total.CodeLines, len(files), MaxTotalCodeLines)
	}
	if total.BoilerplateShare() > MaxBoilerplateShare {
		t.Errorf("boilerplate is %.1f%% of the code lines (%d of %d), at most %.0f%%", 100*total.BoilerplateShare(), total.Boilerplate, total.CodeLines, 100*MaxBoilerplateShare)
	}
}

// Measure counts a notebook's code lines and boilerplate.
func ExampleMeasure() {
	nb := &ipynb.Notebook{Cells: []ipynb.Cell{
		{CellType: "code", Metadata: map[string]any{"tags": []any{ParametersTag}}, Source: "var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: \"\"}))\n"},
		{CellType: "code", Source: "%%\nfmt.Println(report.Must(s.Sync(store.WebAPILog)))\n"},
		{CellType: "code", Source: "var s2 = report.Must(report.Open(report.Params{Days: 7}))\n\n%%\nweb := report.Must(s2.WebAPILogFrame())\nreport.Check(display.Frame(frames.CountBy(web, \"method\"), display.Options{Title: \"Requests per method\"}))\n"},
	}}
	st := Measure(nb)
	fmt.Printf("%d code lines, %d boilerplate, %d sync, longest cell %d\n", st.CodeLines, st.Boilerplate, st.SyncLines, st.LongestCell)
	// Output: 5 code lines, 1 boilerplate, 1 sync, longest cell 3
}
