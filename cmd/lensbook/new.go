package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/lensbook/lensbook/pkg/ipynb"
	"github.com/lensbook/lensbook/pkg/notebook"
)

const newUsage = `NAME [--from NOTEBOOK] [--dir notebooks]

Writes notebooks/NAME.ipynb from the report template, or from a copy of an
existing report (outputs stripped), ready to edit. It never overwrites.`

var reportName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("new", newUsage, stderr)
	from := fset.String("from", "", "copy this notebook instead of the template")
	dir := fset.String("dir", "notebooks", "folder of the notebooks")
	pos, err := parseFlags(fset, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one NAME, such as churn-by-product")
	}
	name := strings.TrimSuffix(pos[0], ".ipynb")
	if !reportName.MatchString(name) {
		return usagef("NAME %q: use lower-case letters, digits and dashes, such as churn-by-product", name)
	}
	var nb *ipynb.Notebook
	if *from != "" {
		if nb, err = ipynb.ReadFile(*from); err != nil {
			return err
		}
		notebook.Strip(nb)
	} else {
		nb = templateNotebook(name)
	}
	for i := range nb.Cells {
		nb.Cells[i].ID = fmt.Sprintf("%s-%02d", name, i)
	}
	data, err := nb.Marshal()
	if err != nil {
		return err
	}
	path := filepath.Join(*dir, name+".ipynb")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s exists: choose another NAME (lensbook new never overwrites)", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: edit its title and description, then `make notebook` to open it, and `lensbook render %s` to render it\n", path, path)
	return nil
}

// templateNotebook is the standard structure of a report: title and
// description, the parameters, the fetch, a first chart.
func templateNotebook(name string) *ipynb.Notebook {
	title := strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
	md := func(s string) ipynb.Cell { return ipynb.Cell{CellType: "markdown", Source: ipynb.MultilineText(s)} }
	code := func(s string) ipynb.Cell { return ipynb.Cell{CellType: "code", Source: ipynb.MultilineText(s)} }
	params := code(`// Parameters: edit them and re-run the notebook (lensbook render --param name=value overrides them).
var (
	days      = 30 // length of the window in days, ending at asOf
	productID = 0  // one product's requests; 0 means every product
	asOf      = "" // end of the window, RFC 3339 or a date; "" means up to the fetch cell's sync (render pins one instant)
)`)
	params.Metadata = map[string]any{"tags": []any{"parameters"}}
	return &ipynb.Notebook{
		Cells: []ipynb.Cell{
			md("# " + title + "\n\nOne or two sentences on the question this report answers: the gallery shows them under the title."),
			params,
			md("## Fetch the window\n\nSyncs the local store: the first run downloads the window, later runs only what is new."),
			code(`import (
	"fmt"

	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// session opens the report's window; every later cell calls it.
func session() *report.Session {
	return report.Must(report.Open(report.Params{Days: days, ProductID: productID, AsOf: asOf}))
}

%%
s := session()
report.Must(s.Sync(store.WebLog))
fmt.Printf("Web API Log, %s: %d requests\n", s, len(report.Must(s.WebLog())))`),
			md("## Requests per day\n\nA first chart to replace with your own: the window's requests per UTC day, successes and failures stacked."),
			code(`import (
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/charts"
	"github.com/lensbook/lensbook/pkg/display"
)

%%
s := session()
days := analysis.RequestsPerDay(report.Must(s.WebLog()), s.Window)
data := charts.StackedBarData{Title: "Requests per day", XLabel: "Day (UTC)", YLabel: "Requests"}
succeeded := charts.Series{Name: "Success"}
failed := charts.Series{Name: "Failure"}
for _, d := range days {
	data.Days = append(data.Days, d.Day)
	succeeded.Values = append(succeeded.Values, float64(d.Succeeded))
	failed.Values = append(failed.Values, float64(d.Failed))
}
data.Series = []charts.Series{succeeded, failed}
report.Check(display.Chart(report.Must(charts.StackedBar(data))))`),
		},
		Metadata: map[string]any{
			"kernelspec":    map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
			"language_info": gonbLanguageInfo(),
			"lensbook":      map[string]any{"group": "Web API Log"},
		},
		NBFormat:      4,
		NBFormatMinor: 5,
	}
}
