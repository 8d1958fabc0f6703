// Command cleannotebooks strips outputs, execution counts and injected
// parameter cells from the notebooks named on the command line (make
// clean-notebooks), rewriting only those that change, and then reports any
// problem notebook.Check still finds. Exit status 1 when a notebook cannot
// be read or written, or still has problems.
package main

import (
	"fmt"
	"os"

	"github.com/lensbook/lensbook/pkg/ipynb"
	"github.com/lensbook/lensbook/pkg/notebook"
)

func main() {
	failed := false
	for _, path := range os.Args[1:] {
		if err := clean(path); err != nil {
			fmt.Fprintln(os.Stderr, "clean-notebooks:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func clean(path string) error {
	nb, err := ipynb.ReadFile(path)
	if err != nil {
		return err
	}
	if notebook.Strip(nb) {
		if err := nb.WriteFile(path); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Println("cleaned", path)
	}
	if probs := notebook.Check(nb); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintf(os.Stderr, "%s: %s\n", path, p)
		}
		return fmt.Errorf("%s: %d problems left", path, len(probs))
	}
	return nil
}
