package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/secret"
)

func TestCheckCleanTestdataNotebooks(t *testing.T) {
	for _, name := range []string{"hello", "fails", "hangs", "params"} {
		probs, err := CheckFile(filepath.Join("testdata", name+".ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		if len(probs) > 0 {
			t.Errorf("%s.ipynb: %v", name, probs)
		}
	}
}

func TestCheckFindsProblems(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb.Metadata["kernelspec"] = map[string]any{"name": "python3"}
	nb.Cells[1].ID = "c1"
	nb.Cells = append(nb.Cells,
		ipynb.Cell{CellType: "code", ID: "secret", Metadata: map[string]any{}, Source: `token := "WyIwIiwibGVuc2Jvb2stZmFrZS10b2tlbi1mb3ItdGVzdHMtb25seSJd"`},
		ipynb.Cell{CellType: "heading", ID: "old", Metadata: map[string]any{}},
		ipynb.Cell{CellType: "code", ID: "leak", Metadata: map[string]any{}, Outputs: []ipynb.Output{
			{OutputType: "stream", Name: "stdout", Text: "GET /api/ai/GetEvents?token=abcdefghijklmnopqrstuvwxyz123456\n"},
			{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"image/png": "WyIabcdefghijklmnopqrstuvwxyz0123456789"}},
		}},
	)
	var got []string
	for _, p := range Check(nb) {
		got = append(got, p.String())
	}
	want := []string{
		`metadata.kernelspec.name is "python3", want "gonb"`,
		"cell 1: has execution count 1 (run make clean-notebooks)",
		`cell 2: id "c1" repeats cell 1`,
		"cell 2: has 1 outputs (run make clean-notebooks)",
		"cell 2: has execution count 2 (run make clean-notebooks)",
		"cell 3: has 2 outputs (run make clean-notebooks)",
		"cell 3: has execution count 3 (run make clean-notebooks)",
		"cell 4: has 2 outputs (run make clean-notebooks)",
		"cell 4: has execution count 4 (run make clean-notebooks)",
		"cell 5: has 2 outputs (run make clean-notebooks)",
		"cell 5: has execution count 5 (run make clean-notebooks)",
		"cell 6: has 1 outputs (run make clean-notebooks)",
		"cell 6: has execution count 6 (run make clean-notebooks)",
		"cell 7: has 1 outputs (run make clean-notebooks)",
		"cell 7: has execution count 7 (run make clean-notebooks)",
		"cell 10: source holds what looks like a Cryptolens access token",
		`cell 11: cell_type "heading", want code, markdown or raw`,
		"cell 12: has 2 outputs (run make clean-notebooks)",
		"cell 12: an output holds what looks like a token in a URL",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}

// A notebook needs no setup cell: Check accepts one without it.
func TestCheckNeedsNoSetupCell(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/hello.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if probs := Check(nb); len(probs) != 0 {
		t.Errorf("Check = %v, want none", probs)
	}
}

func TestCheckFileMissingKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.ipynb")
	data := `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "metadata": {}}]}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	probs, err := CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range probs[:4] {
		got = append(got, p.String())
	}
	want := []string{`no "metadata" key`, `no "nbformat_minor" key`, `cell 1: no "outputs" key`, `cell 1: no "execution_count" key`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckFile (-want +got):\n%s", diff)
	}
	if _, err := CheckFile(filepath.Join(t.TempDir(), "missing.ipynb")); err == nil {
		t.Errorf("CheckFile of a missing file: no error")
	}
}

func TestStripLeavesACleanNotebook(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := InjectParameters(paramsNotebook(t), map[string]string{"days": "1"}); err != nil {
		t.Fatal(err)
	}
	withParams := paramsNotebook(t)
	if err := InjectParameters(withParams, map[string]string{"days": "1"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []*ipynb.Notebook{nb, withParams} {
		if !Strip(n) {
			t.Errorf("Strip reported no change")
		}
		if probs := Check(n); len(probs) > 0 {
			t.Errorf("after Strip: %v", probs)
		}
		if Strip(n) {
			t.Errorf("a second Strip reported a change")
		}
	}
	want := paramsNotebook(t)
	if diff := cmp.Diff(want, withParams); diff != "" {
		t.Errorf("stripped notebook differs from the original (-want +got):\n%s", diff)
	}
}

// TestCommittedNotebooksAreClean checks every notebooks/*.ipynb of the
// project: nbformat 4, gonb kernelspec, setup cell first, no outputs, no
// secrets.
func TestCommittedNotebooksAreClean(t *testing.T) {
	paths, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, err := List(filepath.Join(paths.Root, "notebooks"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no notebooks/*.ipynb yet")
	}
	for _, f := range files {
		probs, err := CheckFile(f)
		if err != nil {
			t.Error(err)
			continue
		}
		for _, p := range probs {
			t.Errorf("%s: %s", filepath.Base(f), p)
		}
	}
}

func TestContainsToken(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		token string
		where func(*ipynb.Notebook, string)
		want  bool
	}{
		{"empty token", "", func(*ipynb.Notebook, string) {}, false},
		{"absent", "tok<&>en-1234567890", func(*ipynb.Notebook, string) {}, false},
		{"stream", "tok<&>en-1234567890", func(nb *ipynb.Notebook, tok string) {
			nb.Cells[6].Outputs[0].Text += ipynb.MultilineText("x" + tok + "\n")
		}, true},
		{"html data", "tok<&>en-1234567890", func(nb *ipynb.Notebook, tok string) {
			nb.Cells[6].Outputs = append(nb.Cells[6].Outputs, ipynb.Output{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"text/html": ipynb.MultilineText("<p>" + tok + "</p>")}})
		}, true},
		{"traceback", "tok\"en-1234567890", func(nb *ipynb.Notebook, tok string) {
			nb.Cells[1].Outputs[0].Traceback = append(nb.Cells[1].Outputs[0].Traceback, tok)
		}, true},
		{"metadata", "tok<&>en-1234567890", func(nb *ipynb.Notebook, tok string) {
			nb.Metadata["papermill"] = map[string]any{"parameters": []any{tok}}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := nb.Marshal()
			copyNB, _ := ipynb.Parse(data)
			tt.where(copyNB, tt.token)
			if got := ContainsSecret(copyNB, secret.NewRedactor(tt.token)); got != tt.want {
				t.Errorf("ContainsSecret = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsSetupCell(t *testing.T) {
	tests := []struct {
		source string
		want   bool
	}{
		{SetupCellSource, true},
		{"\n" + SetupCellSource + "\n\n", true},
		{legacySetupCellSources[0], true},
		{legacySetupCellSources[1], true},
		{strings.Replace(SetupCellSource, "v0.0.0", "v0.0.1", 1), false},
		{"", false},
	}
	for i, tt := range tests {
		if got := IsSetupCell(tt.source); got != tt.want {
			t.Errorf("case %d: IsSetupCell = %v, want %v", i, got, tt.want)
		}
	}
}
