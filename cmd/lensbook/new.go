package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/pagerender"
)

const newUsage = `NAME [--from NOTEBOOK] [--title TITLE] [--dir notebooks]

Writes notebooks/NAME.ipynb from the report template (cmd/lensbook/templates/report.ipynb),
or from a copy of an existing report (--from: a path, or the name of a notebook in --dir;
outputs stripped), ready to edit. Its title is TITLE, else one made from NAME
("churn-by-product": "Churn by product"); a title that another notebook in --dir
already has is refused, so the gallery never shows two cards with one name.
It never overwrites.`

var reportName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// reportTemplate is the notebook `lensbook new` starts from: a real .ipynb,
// reviewed, checked and executed by the tests like the standard reports.
//
//go:embed templates/report.ipynb
var reportTemplate []byte

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("new", newUsage, stderr)
	from := fset.String("from", "", "copy this notebook (a path, or a name in --dir) instead of the template")
	title := fset.String("title", "", "the report's title (default: made from NAME)")
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
	if *title == "" {
		*title = titleOf(name)
	}
	*title = strings.Join(strings.Fields(*title), " ")
	var nb *ipynb.Notebook
	if *from != "" {
		src, err := sourcePath(*from, *dir)
		if err != nil {
			return err
		}
		if nb, err = ipynb.ReadFile(src); err != nil {
			return err
		}
		notebook.Strip(nb)
	} else {
		if nb, err = ipynb.Parse(reportTemplate); err != nil {
			return fmt.Errorf("the report template: %w", err)
		}
		nb.Metadata["language_info"] = gonbLanguageInfo()
	}
	path := filepath.Join(*dir, name+".ipynb")
	if _, err := os.Stat(path); err == nil {
		return usagef("%s exists: choose another NAME (lensbook new never overwrites)", path)
	}
	setTitle(nb, *title)
	if other, err := titleTaken(*dir, *title); err != nil {
		return err
	} else if other != "" {
		return usagef("%s already has the title %q: give another with --title (the gallery names reports by their titles)", other, *title)
	}
	for i := range nb.Cells {
		nb.Cells[i].ID = fmt.Sprintf("%s-%02d", name, i)
	}
	data, err := nb.Marshal()
	if err != nil {
		return err
	}
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
	fmt.Fprintf(stdout, "wrote %s (%q): edit its description and cells, then `make notebook` to open it, and `lensbook render %s` to render it\n", path, *title, path)
	return nil
}

// titleOf makes a report's title from its file name: "churn-by-product"
// gives "Churn by product".
func titleOf(name string) string {
	return strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
}

// sourcePath resolves --from: a notebook file, else the notebook of that
// name in dir.
func sourcePath(from, dir string) (string, error) {
	if _, err := os.Stat(from); err == nil {
		return from, nil
	}
	named := filepath.Join(dir, strings.TrimSuffix(from, ".ipynb")+".ipynb")
	if _, err := os.Stat(named); err == nil {
		return named, nil
	}
	return "", usagef("--from %s: no such notebook, and no %s", from, named)
}

// setTitle replaces the first level-1 heading of nb's first markdown cell
// with title; a notebook without one gets it as a first line.
func setTitle(nb *ipynb.Notebook, title string) {
	for i, c := range nb.Cells {
		if c.CellType != "markdown" {
			continue
		}
		lines := strings.SplitAfter(string(c.Source), "\n")
		for j, l := range lines {
			if strings.HasPrefix(l, "# ") {
				end := l[len(strings.TrimRight(l, "\n")):]
				lines[j] = "# " + title + end
				nb.Cells[i].Source = ipynb.MultilineText(strings.Join(lines, ""))
				return
			}
		}
		nb.Cells[i].Source = ipynb.MultilineText("# " + title + "\n\n" + string(c.Source))
		return
	}
	nb.Cells = append([]ipynb.Cell{{CellType: "markdown", Metadata: map[string]any{}, Source: ipynb.MultilineText("# " + title)}}, nb.Cells...)
}

// titleTaken returns the notebook in dir whose title (as the gallery reads
// it) is title, regardless of case, or "".
func titleTaken(dir, title string) (string, error) {
	paths, err := notebook.List(dir)
	if err != nil {
		return "", err
	}
	for _, p := range paths {
		nb, err := ipynb.ReadFile(p)
		if err != nil {
			continue // not ours to judge: render reports it
		}
		if t, _ := pagerender.TitleAndDescription(nb); strings.EqualFold(t, title) {
			return p, nil
		}
	}
	return "", nil
}
