package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/notebook"
)

func TestRenderRejectsBadRequestsBeforeRunning(t *testing.T) {
	dup := filepath.Join(t.TempDir(), "broken.ipynb")
	data, err := os.ReadFile("testdata/broken.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dup, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no notebooks", Options{OutDir: t.TempDir()}, "no notebooks to render"},
		{"no out dir", Options{Notebooks: []string{"testdata/broken.ipynb"}}, "no output folder"},
		{"same name twice", Options{Notebooks: []string{"testdata/broken.ipynb", dup}, OutDir: t.TempDir()}, "would both render to broken.html"},
		{"missing file", Options{Notebooks: []string{"testdata/nope.ipynb"}, OutDir: t.TempDir()}, "nope.ipynb"},
		{"undeclared parameter", Options{Notebooks: []string{"testdata/weblog-chart.ipynb", "testdata/broken.ipynb"}, OutDir: t.TempDir(), Params: map[string]string{"width": "10", "days": "3"}}, `unknown parameter "days": the parameters are width (int, default 640), label (string, default "calls")`},
		{"bad value", Options{Notebooks: []string{"testdata/weblog-chart.ipynb"}, OutDir: t.TempDir(), Params: map[string]string{"width": "wide"}}, `testdata/weblog-chart.ipynb: parameter width=wide: width is an int; want a whole number, such as 640`},
		{"empty window", Options{Notebooks: []string{"testdata/broken.ipynb", "testdata/window.ipynb"}, OutDir: t.TempDir(), Params: map[string]string{"days": "-1"}}, `testdata/window.ipynb: parameter days=-1: the window would be empty or inverted`},
		{"bad asOf", Options{Notebooks: []string{"testdata/window.ipynb"}, OutDir: t.TempDir(), Params: map[string]string{"asOf": "last tuesday"}}, `parameter asOf=last tuesday: want an RFC 3339 time`},
		{"negative product", Options{Notebooks: []string{"testdata/window.ipynb"}, OutDir: t.TempDir(), Params: map[string]string{"productID": "-5"}}, `parameter productID=-5: want a product id (a positive number), or 0 for every product`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render(t.Context(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(tt.name, "parameter") || strings.Contains(tt.name, "value") || strings.Contains(tt.name, "window") {
				if !errors.Is(err, notebook.ErrParam) {
					t.Errorf("err = %v: want it to wrap notebook.ErrParam (lensbook render exits 2)", err)
				}
			}
		})
	}
}

func TestFingerprintIgnoresCredentials(t *testing.T) {
	base := fingerprint([]byte("nb"), map[string]string{"days": "7"}, map[string]string{"CRYPTOLENS_TOKEN": "a", "LENSBOOK_AS_OF": "x"}, "d", "w")
	same := fingerprint([]byte("nb"), map[string]string{"days": "7"}, map[string]string{"CRYPTOLENS_TOKEN": "b", "LENSBOOK_AS_OF": "x"}, "d", "w")
	if base != same {
		t.Errorf("changing the token changed the fingerprint")
	}
	moved := fingerprint([]byte("nb"), map[string]string{"days": "7"}, map[string]string{"CRYPTOLENS_TOKEN": "a", "LENSBOOK_AS_OF": "x",
		"CRYPTOLENS_BASE_URL": "http://127.0.0.1:41234/api", "LENSBOOK_STORE": "/tmp/demo-1/store.db"}, "d", "w")
	if moved != base {
		t.Errorf("serving the same data on another port or store changed the fingerprint")
	}
	for name, other := range map[string]string{
		"source": fingerprint([]byte("nb2"), map[string]string{"days": "7"}, map[string]string{"LENSBOOK_AS_OF": "x"}, "d", "w"),
		"param":  fingerprint([]byte("nb"), map[string]string{"days": "8"}, map[string]string{"LENSBOOK_AS_OF": "x"}, "d", "w"),
		"env":    fingerprint([]byte("nb"), map[string]string{"days": "7"}, map[string]string{"LENSBOOK_AS_OF": "y"}, "d", "w"),
		"data":   fingerprint([]byte("nb"), map[string]string{"days": "7"}, map[string]string{"LENSBOOK_AS_OF": "x"}, "e", "w"),
	} {
		if other == base {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}
}

func TestGroup(t *testing.T) {
	nb, err := parseNotebook([]byte(`{"nbformat": 4, "cells": [], "metadata": {"lensbook": {"group": "Custom"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := parseNotebook([]byte(`{"nbformat": 4, "cells": []}`))
	tests := []struct {
		slug string
		want string
	}{{"weblog-overview", "Web API Log"}, {"events-features", "Events Log"}, {"objectlog-audit", "Object Log"}, {"summary", ""}}
	for _, tt := range tests {
		if got := group(plain, tt.slug); got != tt.want {
			t.Errorf("group(%q) = %q, want %q", tt.slug, got, tt.want)
		}
	}
	if got := group(nb, "weblog-x"); got != "Custom" {
		t.Errorf("metadata group = %q", got)
	}
}

func TestRenderStoppedKeepsEarlierPages(t *testing.T) {
	out := t.TempDir()
	page := filepath.Join(out, "broken.html")
	if err := os.WriteFile(page, []byte("earlier page"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	dir := t.TempDir()
	summary, err := Render(ctx, Options{
		Notebooks: []string{"testdata/broken.ipynb"}, OutDir: out,
		Paths: &notebook.Paths{Root: dir, BuildDir: dir, JupyterDataDir: dir, Jupyter: "jupyter"},
	})
	if err == nil || !strings.Contains(err.Error(), "not rendered: context canceled") {
		t.Fatalf("err = %v", err)
	}
	if got := summary.Reports[0]; got.Status != StatusFailed {
		t.Errorf("report = %+v", got)
	}
	if data, _ := os.ReadFile(page); string(data) != "earlier page" {
		t.Errorf("a stopped render overwrote the earlier page: %q", data)
	}
}

// TestPlanBindsTheAsOfInstantOnce: Options.AsOf reaches every notebook that
// declares asOf as that parameter, bound once with the other values, and
// the same values are what the run and the page get; a notebook without
// asOf is not refused for it, and a given asOf wins.
func TestPlanBindsTheAsOfInstantOnce(t *testing.T) {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	p, err := NewPlan(Options{
		Notebooks: []string{"testdata/window.ipynb", "testdata/weblog-chart.ipynb"}, OutDir: t.TempDir(),
		Params: map[string]string{"days": "7"}, AsOf: at,
	})
	if err != nil {
		t.Fatal(err)
	}
	window, chart := p.jobs[0], p.jobs[1]
	if got := window.params; got["asOf"] != "2026-11-01T00:00:00Z" || got["days"] != "7" {
		t.Errorf("window.ipynb binds %v", got)
	}
	ran := map[string]string{}
	for _, d := range window.declared {
		ran[d.Name] = d.Value
	}
	if ran["asOf"] != "2026-11-01T00:00:00Z" || ran["days"] != "7" || ran["productID"] != "0" {
		t.Errorf("window.ipynb runs with %v", ran)
	}
	injected, err := notebook.Parameters(window.nb)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(injected, window.declared); diff != "" {
		t.Errorf("the injected notebook and the plan disagree (-cells +plan):\n%s", diff)
	}
	if _, ok := chart.params["asOf"]; ok {
		t.Errorf("weblog-chart.ipynb, which has no asOf, was given one: %v", chart.params)
	}

	p, err = NewPlan(Options{Notebooks: []string{"testdata/window.ipynb"}, OutDir: t.TempDir(),
		Params: map[string]string{"asOf": "2026-10-01"}, AsOf: at})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.jobs[0].params["asOf"]; got != "2026-10-01" {
		t.Errorf("--param asOf lost to Options.AsOf: %q", got)
	}

	// The days are checked against the instant the window ends at.
	_, err = NewPlan(Options{Notebooks: []string{"testdata/window.ipynb"}, OutDir: t.TempDir(),
		Params: map[string]string{"days": "30"}, AsOf: time.Date(1970, 1, 10, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, notebook.ErrParam) || !strings.Contains(err.Error(), "would start before 1970") {
		t.Errorf("30 days to 1970-01-10: %v", err)
	}
}
