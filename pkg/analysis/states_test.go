package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestStatesByGroup(t *testing.T) {
	var logs []cryptolens.WebAPILog
	add := func(s cryptolens.State, n int) {
		for range n {
			logs = append(logs, row(int64(len(logs)+1), at(0, 2), s, "K", "", ""))
		}
	}
	add(6011, 2)
	add(2024, 2)
	add(2014, 3)
	add(2010, 2)
	add(3010, 1)
	logs = append(logs, row(50, at(1, 0), 8010, "K", "", "")) // outside
	sc := func(s cryptolens.State, n int) StateCount {
		return StateCount{State: s, Name: s.Name(), Group: s.Group(), GroupName: s.Group().String(),
			Count: n, Share: float64(n) / 10}
	}
	wantFlat := []StateCount{sc(2014, 3), sc(2010, 2), sc(2024, 2), sc(6011, 2), sc(3010, 1)}
	if diff := cmp.Diff(wantFlat, StateCounts(logs, days(1))); diff != "" {
		t.Errorf("StateCounts (-want +got):\n%s", diff)
	}
	want := []GroupStates{
		{Group: 20, Name: "activation", Count: 7, Share: 0.7, Succeeded: 5, Failed: 2,
			States: []StateCount{sc(2014, 3), sc(2010, 2), sc(2024, 2)}},
		{Group: 30, Name: "key creation", Count: 1, Share: 0.1, Succeeded: 1, States: []StateCount{sc(3010, 1)}},
		{Group: 60, Name: "deactivation", Count: 2, Share: 0.2, Succeeded: 2, States: []StateCount{sc(6011, 2)}},
	}
	if diff := cmp.Diff(want, StatesByGroup(logs, days(1))); diff != "" {
		t.Errorf("StatesByGroup (-want +got):\n%s", diff)
	}
	if got := StatesByGroup(nil, days(1)); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
}
