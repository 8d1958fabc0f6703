// Command notebookstats measures the code of lensbook notebooks against the
// targets of the notebook idiom (docs/notebook-setup.md): code lines per
// notebook and in total, the longest code cell, boilerplate lines and their
// share. It reads notebooks/*.ipynb unless given paths:
//
//	go run ./cmd/notebookstats [notebook.ipynb ...]
//
// It exits with status 1 when a target is missed (notebook.MaxTotalCodeLines,
// notebook.MaxCellCodeLines, notebook.MaxBoilerplateShare), 2 on a file it
// cannot read. notebook.Measure defines what a code line and a boilerplate
// line are.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
)

func main() {
	paths := os.Args[1:]
	if len(paths) == 0 {
		paths, _ = notebook.List("notebooks")
		if len(paths) == 0 {
			fmt.Fprintln(os.Stderr, "notebookstats: no notebooks/*.ipynb here: run it from the checkout, or name the notebooks")
			os.Exit(2)
		}
	}
	ok, err := report(os.Stdout, paths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "notebookstats:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// report writes the measures of the notebooks at paths to w and says
// whether every target holds.
func report(w io.Writer, paths []string) (bool, error) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "notebook\tcode cells\tcode lines\tlongest cell\tboilerplate\tsync lines\t")
	var total notebook.Stats
	ok := true
	var misses []string
	for _, p := range paths {
		nb, err := ipynb.ReadFile(p)
		if err != nil {
			return false, err
		}
		st := notebook.Measure(nb)
		name := strings.TrimSuffix(filepath.Base(p), ".ipynb")
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d (cell %d)\t%d\t%d\t\n", name, st.CodeCells, st.CodeLines, st.LongestCell, st.LongestAt, st.Boilerplate, st.SyncLines)
		if st.LongestCell > notebook.MaxCellCodeLines {
			misses = append(misses, fmt.Sprintf("%s: cell %d has %d code lines (at most %d)", name, st.LongestAt, st.LongestCell, notebook.MaxCellCodeLines))
		}
		total = total.Add(st)
	}
	fmt.Fprintf(tw, "total (%d notebooks)\t%d\t%d\t%d\t%d\t%d\t\n", len(paths), total.CodeCells, total.CodeLines, total.LongestCell, total.Boilerplate, total.SyncLines)
	if err := tw.Flush(); err != nil {
		return false, err
	}
	fmt.Fprintf(w, "boilerplate share: %.1f%% (%d of %d code lines); with the sync lines: %.1f%% (%d)\n", 100*total.BoilerplateShare(), total.Boilerplate, total.CodeLines,
		100*float64(total.Boilerplate+total.SyncLines)/float64(max(total.CodeLines, 1)), total.Boilerplate+total.SyncLines)
	fmt.Fprintf(w, "targets: total <= %d code lines, no code cell over %d, boilerplate <= %.0f%%\n",
		notebook.MaxTotalCodeLines, notebook.MaxCellCodeLines, 100*notebook.MaxBoilerplateShare)
	if total.CodeLines > notebook.MaxTotalCodeLines {
		misses = append(misses, fmt.Sprintf("%d code lines in total (at most %d)", total.CodeLines, notebook.MaxTotalCodeLines))
	}
	if total.BoilerplateShare() > notebook.MaxBoilerplateShare {
		misses = append(misses, fmt.Sprintf("boilerplate %.1f%% (at most %.0f%%)", 100*total.BoilerplateShare(), 100*notebook.MaxBoilerplateShare))
	}
	for _, m := range misses {
		fmt.Fprintln(w, "missed:", m)
		ok = false
	}
	if ok {
		fmt.Fprintln(w, "every target holds")
	}
	return ok, nil
}
