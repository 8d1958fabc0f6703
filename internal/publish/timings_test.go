package publish

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/notebook"
)

func TestLongestFirst(t *testing.T) {
	jobs := []job{{slug: "a"}, {slug: "b"}, {slug: "new"}, {slug: "c"}, {slug: "d"}}
	old := manifest{Pages: map[string]record{
		"a": {DurationMS: 5000},
		"b": {DurationMS: 12000},
		"c": {DurationMS: 5000},
		"d": {DurationMS: 0}, // a record without a duration is as good as none
	}}
	// Never timed first (in the order given), then longest first, ties in
	// the order given.
	if diff := cmp.Diff([]int{2, 4, 1, 0, 3}, longestFirst(jobs, old)); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 1, 2, 3, 4}, longestFirst(jobs, manifest{})); diff != "" {
		t.Errorf("order without a manifest (-want +got):\n%s", diff)
	}
}

func TestWriteTimings(t *testing.T) {
	s := time.Second
	tm := &notebook.Timings{
		Wall: 10 * s, CPU: 6 * s, KernelStart: 1 * s, Tail: s / 2,
		Startup: []notebook.Phase{{Name: "go mod", N: 1, Wall: s / 10}},
		Cells: []notebook.CellTimings{
			{Cell: 1, Wall: 4 * s, Phases: []notebook.Phase{
				{Name: notebook.PhaseBuild, N: 1, Wall: 3 * s, CPU: 2 * s},
				{Name: notebook.PhaseLink, N: 1, Wall: 2 * s, CPU: s},
				{Name: notebook.PhaseRun, N: 1, Wall: s / 2, CPU: s / 4},
			}},
			{Cell: 2, Wall: 4 * s, Phases: []notebook.Phase{
				{Name: notebook.PhaseBuild, N: 1, Wall: 3 * s, CPU: 2 * s},
				{Name: notebook.PhaseRun, N: 1, Wall: s, CPU: s / 2},
			}},
		},
	}
	sum := &Summary{Reports: []Report{
		{Slug: "revenue", Status: StatusOK, Timings: tm, PageDuration: s / 5},
		{Slug: "unchanged", Status: StatusUnchanged},
	}}
	var b strings.Builder
	if err := sum.WriteTimings(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"revenue  10.2    1.0    8.0", // wall with the page, start, cells
		"go build          2     6.0    4.0",
		"of which link          1     2.0    1.0",
		"gonb, messages          2     0.5",
		"go mod          1     0.1",
		"over the 1 notebooks (2 cells)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("timings lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "unchanged") {
		t.Errorf("a notebook that did not run is in the timings:\n%s", out)
	}
}
