package analysis_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

// windowFrame returns the rows of ds inside w and their frame.
func windowFrame(ds *emulator.Dataset, w cryptolens.Window) ([]cryptolens.WebAPILog, dataframe.DataFrame) {
	rows := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return w.Contains(r.Time) })
	return rows, frames.WebAPILog(rows)
}

// StateCodesFrame holds the figures of StatesByGroup, in its order, from a
// frame of the window's rows (hostile data: undocumented codes, odd names).
func TestStateCodesFrameMatchesStatesByGroup(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 11, Days: 20, Hostile: true})
	w := cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -12), Until: emulator.DemoEnd.AddDate(0, 0, -2)}
	rows, web := windowFrame(ds, w)
	got := analysis.StateCodesFrame(web)
	if got.Err != nil {
		t.Fatal(got.Err)
	}
	var want [][]string
	for _, g := range analysis.StatesByGroup(rows, w) {
		for _, c := range g.States {
			want = append(want, []string{g.Name, c.State.String(), analysis.OutcomeOf(c.State).String(), strconv.Itoa(c.Count)})
		}
	}
	var have [][]string
	for _, m := range got.Maps() {
		have = append(have, []string{m["method"].(string), m["code"].(string), m["outcome"].(string), strconv.Itoa(m["requests"].(int))})
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("StateCodesFrame (-StatesByGroup +frame):\n%s", diff)
	}
	if sum := got.Col("share").Sum(); sum < 0.999999 || sum > 1.000001 {
		t.Errorf("shares add up to %v", sum)
	}
}

// FriendlyNamesFrame ranks as RequestsPerFriendlyName does: machine codes
// normalised, rows without one left out, the rest summed.
func TestFriendlyNamesFrame(t *testing.T) {
	web := dataframe.New(
		series.New([]string{"pc-1", " PC-1 ", "pc-2", "", "\t", "pc-3", "pc-4", "pc-4"}, series.String, "machineCode"),
		series.New([]string{"alice", "alice", "alice", "creator", "blank", "", "bob", "bob"}, series.String, "friendlyName"),
	)
	got := analysis.FriendlyNamesFrame(web, 1)
	if got.Err != nil {
		t.Fatal(got.Err)
	}
	want := []map[string]any{
		{"friendlyName": "alice", "requests": 3, "share": 0.5, "machines": 2, "names": 1, "rest": false},
		{"friendlyName": analysis.RestLabel, "requests": 3, "share": 0.5, "machines": 2, "names": 2, "rest": true},
	}
	if diff := cmp.Diff(want, got.Maps()); diff != "" {
		t.Errorf("FriendlyNamesFrame (-want +got):\n%s", diff)
	}
	if got := analysis.FriendlyNamesFrame(web, 0); got.Nrow() != 3 || got.Elem(2, 0).String() != analysis.NoneLabel {
		t.Errorf("every name: %v", got)
	}
}

// A frame without the columns the function reads is an error that names
// them.
func TestWebAPILogFramesNameMissingColumns(t *testing.T) {
	df := dataframe.New(series.New([]int{1}, series.Int, "id"))
	for name, got := range map[string]dataframe.DataFrame{
		"StateCodesFrame":    analysis.StateCodesFrame(df),
		"FriendlyNamesFrame": analysis.FriendlyNamesFrame(df, 10),
	} {
		if got.Err == nil || !strings.Contains(got.Err.Error(), "analysis."+name+": the frame has no") {
			t.Errorf("%s: err = %v", name, got.Err)
		}
	}
}
