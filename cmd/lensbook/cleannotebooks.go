package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
)

const cleanUsage = `[NOTEBOOK...]

Strips outputs, execution counts and injected parameters from the notebooks
(default notebooks/*.ipynb) and rewrites them in the canonical layout, then
reports any problem left that would fail the tests (such as a token).`

func runCleanNotebooks(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("clean-notebooks", cleanUsage, stderr)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if paths, err = notebooksOrAll(paths); err != nil {
		return err
	}
	problems := 0
	for _, path := range paths {
		before, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		nb, err := ipynb.Parse(before)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		notebook.Strip(nb)
		after, err := nb.Marshal()
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if !bytes.Equal(before, after) {
			if err := os.WriteFile(path, after, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "cleaned %s\n", path)
		}
		ps, err := notebook.CheckFile(path)
		if err != nil {
			return err
		}
		for _, p := range ps {
			fmt.Fprintf(stderr, "%s: %s\n", path, p)
			problems++
		}
	}
	if problems > 0 {
		return fmt.Errorf("%d problems left to fix by hand", problems)
	}
	return nil
}
