package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/pkg/display"
)

// editNotebook applies replacements to the code cells of the notebook at
// path and returns how many source lines changed.
func editNotebook(t *testing.T, path string, replacements ...string) int {
	t.Helper()
	nb, err := ipynb.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	r := strings.NewReplacer(replacements...)
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		before := strings.Split(string(c.Source), "\n")
		after := strings.Split(r.Replace(string(c.Source)), "\n")
		if len(before) != len(after) {
			t.Fatalf("cell %d: an edit changed the number of lines", i+1)
		}
		for j := range before {
			if before[j] != after[j] {
				changed++
			}
		}
		nb.Cells[i].Source = ipynb.MultilineText(strings.Join(after, "\n"))
	}
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	return changed
}

// figuresTitled returns the rows of the figures (display.DataMIME) titled
// title in an executed notebook, keyed by their first column.
func figuresTitled(t *testing.T, nb *ipynb.Notebook, title string) map[string]int {
	t.Helper()
	var titles []string
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			raw, ok := o.Data[display.DataMIME]
			if !ok {
				continue
			}
			dec := json.NewDecoder(strings.NewReader(string(raw)))
			dec.UseNumber()
			var d display.Data
			if err := dec.Decode(&d); err != nil {
				t.Fatal(err)
			}
			titles = append(titles, d.Title)
			if d.Title != title {
				continue
			}
			got := map[string]int{}
			for _, row := range d.Rows {
				n, err := row[1].(json.Number).Int64()
				if err != nil {
					t.Fatalf("%q: row %v: %v", title, row, err)
				}
				got[row[0].(string)] = int(n)
			}
			return got
		}
	}
	t.Fatalf("no figures titled %q; titles: %q", title, titles)
	return nil
}

// A new report made from most-active-keys with `lensbook new --from` and an
// edit of a few lines (another grouping column, a filter, a title) renders,
// and its figures, read from the data channel, match the ground truth. The
// template renders too.
func TestNewReportFromACopyEditedAndRendered(t *testing.T) {
	kerneltest.Paths(t)
	_, ds, _ := startEmulator(t, emulator.Config{})
	t.Setenv("LENSBOOK_AS_OF", emulator.DemoEnd.Format(time.RFC3339))
	dir := copyNotebooks(t, "most-active-keys")
	if code, out, errs := runCLI(t, "new", "failing-machines", "--from", "most-active-keys", "--dir", dir); code != 0 {
		t.Fatalf("new: exit %d: %s %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "new", "first-report", "--dir", dir); code != 0 {
		t.Fatalf("new from the template: exit %d: %s %s", code, out, errs)
	}
	path := filepath.Join(dir, "failing-machines.ipynb")
	changed := editNotebook(t, path,
		`frames.HasKey()), "key")`, `frames.HasMachine(), frames.Failed()), "machineCode")`,
		`display.Bars(top, "key", "count", display.Options{Title: "Most active license keys"`, `display.Bars(top, "machineCode", "count", display.Options{Title: "Machines with the most failed requests"`,
		`YLabel: "License key"`, `YLabel: "Machine code"`,
	)
	if changed == 0 || changed > 10 {
		t.Fatalf("the edit changed %d lines, want 1 to 10", changed)
	}
	t.Logf("edited %d lines", changed)

	out := t.TempDir()
	code, stdout, errs := runCLI(t, "render", "--out", out, path, filepath.Join(dir, "first-report.ipynb"))
	if code != 0 {
		t.Fatalf("render: exit %d: %s %s", code, stdout, errs)
	}
	gallery, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Failing machines", "First report"} {
		if !strings.Contains(string(gallery), title) {
			t.Errorf("the gallery has no card %q", title)
		}
	}
	if strings.Contains(string(gallery), "Most active license keys") {
		t.Error("the gallery shows the copy under its source's title")
	}

	res, err := notebook.Execute(t.Context(), path, notebook.ExecOptions{Timeout: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	window := emulator.DemoEnd.AddDate(0, 0, -30)
	perMachine, counted := map[string]int{}, 0
	for _, r := range ds.WebAPILog {
		if !r.Time.Before(window) && r.Time.Before(emulator.DemoEnd) && r.MachineCode != "" && int(r.State)%100/10 == 2 {
			perMachine[r.MachineCode]++
			counted++
		}
	}
	want := map[string]int{}
	for m, n := range perMachine {
		if n*100 > counted { // above 1% of the failed requests that name a machine
			want[m] = n
		}
	}
	got := figuresTitled(t, res.Notebook, "Machines with the most failed requests")
	if len(want) == 0 || len(got) != len(want) {
		t.Errorf("%d machines charted, ground truth %d", len(got), len(want))
	}
	for m, n := range want {
		if got[m] != n {
			t.Errorf("machine %s: %d failed requests, ground truth %d", m, got[m], n)
		}
	}
}
