package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
)

// tinyNotebook is a report that prints one line.
const tinyNotebook = `{
 "cells": [
  {"cell_type": "markdown", "id": "t1", "metadata": {}, "source": ["# Tiny\n", "\n", "One line."]},
  {"cell_type": "code", "execution_count": null, "id": "t2", "metadata": {}, "outputs": [], "source": SETUP},
  {"cell_type": "code", "execution_count": null, "id": "t3", "metadata": {}, "outputs": [], "source": ["%%\n", "fmt.Println(\"tiny report\")"]}
 ],
 "metadata": {"kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}, "language_info": {"name": "go"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

// TestRenderOfAnAccountWritesOutsideTheCheckout: render without --out of the
// configured account writes ~/lensbook-reports, never the committed demo
// gallery reports/; only --demo defaults to reports/.
func TestRenderOfAnAccountWritesOutsideTheCheckout(t *testing.T) {
	// The kernel's go commands keep their caches and settings, which live
	// under the real home folder.
	goenv, err := exec.Command("go", "env", "-json", "GOCACHE", "GOMODCACHE", "GOPATH", "GOFLAGS", "GOTOOLCHAIN", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	var vars map[string]string
	if err := json.Unmarshal(goenv, &vars); err != nil {
		t.Fatal(err)
	}
	for k, v := range vars {
		t.Setenv(k, v)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	if dir, err := defaultReportsDir(false); err != nil || dir != filepath.Join(home, "lensbook-reports") {
		t.Errorf("live default = %q, %v; want %s", dir, err, filepath.Join(home, "lensbook-reports"))
	}
	if dir, _ := defaultReportsDir(true); dir != "reports" {
		t.Errorf("--demo default = %q, want reports", dir)
	}

	kerneltest.Paths(t)
	startEmulator(t, emulator.Config{Seed: 5, Days: 3})
	setup, _ := jsonString(notebook.SetupCellSource)
	nb := filepath.Join(t.TempDir(), "tiny-live-default.ipynb")
	if err := os.WriteFile(nb, []byte(strings.Replace(tinyNotebook, "SETUP", setup, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "render", nb)
	if code != 0 {
		t.Fatalf("render: exit %d\n%s\n%s", code, out, errs)
	}
	page := filepath.Join(home, "lensbook-reports", "tiny-live-default.html")
	if data, err := os.ReadFile(page); err != nil || !strings.Contains(string(data), "tiny report") {
		t.Errorf("%s: %v (%d bytes)", page, err, len(data))
	}
	if _, err := os.Stat(filepath.Join("..", "..", "reports", "tiny-live-default.html")); !os.IsNotExist(err) {
		t.Errorf("a render of an account wrote into the committed gallery reports/ (%v)", err)
	}
}

// jsonString is s as a JSON string.
func jsonString(s string) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}
