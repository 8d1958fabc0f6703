package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/pagerender"
)

// copyNotebooks copies the standard notebooks named into a new folder.
func copyNotebooks(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("../../notebooks", n+".ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n+".ipynb"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func titleOfFile(t *testing.T, path string) string {
	t.Helper()
	nb, err := ipynb.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := pagerender.TitleAndDescription(nb)
	return title
}

// new --from gives the copy a title of its own, from its name or --title,
// and refuses a title another notebook of the folder has: the gallery never
// shows two cards with one name.
func TestNewFromGivesANewTitle(t *testing.T) {
	dir := copyNotebooks(t, "most-active-keys")
	if code, out, errs := runCLI(t, "new", "busiest-machines", "--from", "most-active-keys", "--dir", dir); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	path := filepath.Join(dir, "busiest-machines.ipynb")
	if got := titleOfFile(t, path); got != "Busiest machines" {
		t.Errorf("title = %q, want %q", got, "Busiest machines")
	}
	if problems, err := notebook.CheckFile(path); err != nil || len(problems) > 0 {
		t.Errorf("the copy has problems: %v %v", problems, err)
	}
	if code, _, errs := runCLI(t, "new", "keys-again", "--from", filepath.Join(dir, "most-active-keys.ipynb"), "--dir", dir, "--title", "Most active LICENSE keys"); code != 2 ||
		!strings.Contains(errs, `most-active-keys.ipynb already has the title "Most active LICENSE keys": give another with --title`) {
		t.Errorf("a taken title: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "keys-again.ipynb")); err == nil {
		t.Error("a notebook was written with a taken title")
	}
	if code, _, errs := runCLI(t, "new", "keys-again", "--from", "most-active-keys", "--dir", dir, "--title", "Keys  of the\tweek"); code != 0 {
		t.Fatalf("--title: exit %d, %s", code, errs)
	}
	if got := titleOfFile(t, filepath.Join(dir, "keys-again.ipynb")); got != "Keys of the week" {
		t.Errorf("title = %q", got)
	}
	if code, _, errs := runCLI(t, "new", "x", "--from", "no-such-report", "--dir", dir); code != 2 || !strings.Contains(errs, "--from no-such-report: no such notebook") {
		t.Errorf("--from a missing notebook: exit %d, %s", code, errs)
	}
}

// The template is a clean notebook in the idiom: no setup cell, a
// parameters cell, and no cell that declares a parameter's name again (a
// `days := ...` would hide the days parameter from every later line).
func TestTemplateIsCleanAndKeepsItsParameters(t *testing.T) {
	nb, err := ipynb.Parse(reportTemplate)
	if err != nil {
		t.Fatal(err)
	}
	if problems := notebook.Check(nb); len(problems) > 0 {
		t.Errorf("the template has problems: %v", problems)
	}
	params, err := notebook.Parameters(nb)
	if err != nil || len(params) == 0 {
		t.Fatalf("the template's parameters: %v %v", params, err)
	}
	for i, c := range nb.Cells {
		if c.CellType != "code" || c.HasTag(notebook.ParametersTag) {
			continue
		}
		for _, p := range params {
			shadow := regexp.MustCompile(`(?m)(^|[\s,(])` + p.Name + `\s*(,[\w\s,]*)?:=|\bvar\s+` + p.Name + `\b|\bfunc\s*\([^)]*\b` + p.Name + `\b`)
			if m := shadow.FindString(string(c.Source)); m != "" {
				t.Errorf("cell %d declares the parameter %s again: %q", i+1, p.Name, m)
			}
		}
		if notebook.IsSetupCell(string(c.Source)) {
			t.Errorf("cell %d is a setup cell", i+1)
		}
	}
	if st := notebook.Measure(nb); st.LongestCell > notebook.MaxCellCodeLines || st.BoilerplateShare() > 0.25 {
		t.Errorf("the template's measures: %+v", st)
	}
}
