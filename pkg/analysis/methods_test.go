package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestMethodActivityPerDay(t *testing.T) {
	logs := []cryptolens.WebAPILog{
		row(1, at(0, 1), 2010, "K", "", ""),
		row(2, at(0, 2), 2020, "K", "", ""),
		row(3, at(0, 3), 3010, "K", "", ""),
		row(4, at(2, 3), 6010, "K", "", ""),
		row(5, at(2, 4), 8010, "K", "", ""), // data object: not a report method
		row(6, at(3, 0), 2010, "K", "", ""), // outside
	}
	md := func(d int, g cryptolens.StateGroup, s, f int) MethodDay {
		return MethodDay{Day: at(d, 0), Group: g, Method: g.String(), Succeeded: s, Failed: f, Total: s + f}
	}
	want := []MethodDay{
		md(0, 20, 1, 1), md(0, 30, 1, 0), md(0, 60, 0, 0),
		md(1, 20, 0, 0), md(1, 30, 0, 0), md(1, 60, 0, 0),
		md(2, 20, 0, 0), md(2, 30, 0, 0), md(2, 60, 1, 0),
	}
	if diff := cmp.Diff(want, MethodActivityPerDay(logs, days(3), nil)); diff != "" {
		t.Errorf("default groups (-want +got):\n%s", diff)
	}
	want = []MethodDay{md(0, 80, 0, 0), md(1, 80, 0, 0), md(2, 80, 1, 0)}
	if diff := cmp.Diff(want, MethodActivityPerDay(logs, days(3), []cryptolens.StateGroup{80, 80})); diff != "" {
		t.Errorf("data objects (-want +got):\n%s", diff)
	}
}

func TestMethodFailureRates(t *testing.T) {
	logs := []cryptolens.WebAPILog{
		row(1, at(0, 1), 2010, "K", "", ""),
		row(2, at(0, 2), 2020, "K", "", ""),
		row(3, at(0, 3), 2024, "K", "", ""),
		row(4, at(0, 3), 2014, "K", "", ""),
		row(5, at(0, 4), 6020, "K", "", ""),
		row(6, at(1, 4), 6020, "K", "", ""), // outside
	}
	want := []MethodFailures{
		{Group: 20, Method: "activation", Total: 4, Succeeded: 2, Failed: 2, FailureRate: 0.5},
		{Group: 30, Method: "key creation"},
		{Group: 60, Method: "deactivation", Total: 1, Failed: 1, FailureRate: 1},
	}
	if diff := cmp.Diff(want, MethodFailureRates(logs, days(1), nil)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSeatLimitFailuresByKey(t *testing.T) {
	logs := []cryptolens.WebAPILog{
		row(1, at(0, 5), 2024, "B", "m1", ""),
		row(2, at(0, 1), 2024, "B", " M1\n", ""),
		row(3, at(0, 3), 2024, "A", "m2", ""),
		row(4, at(0, 4), 2024, "A", "", ""),
		row(5, at(0, 2), 2024, "C", "m3", ""),
		row(6, at(0, 2), 2020, "C", "m3", ""), // another failure
		row(7, at(1, 2), 2024, "C", "m3", ""), // outside
	}
	want := []KeySeatLimit{
		{Key: "A", Count: 2, First: at(0, 3), Last: at(0, 4), Machines: 1},
		{Key: "B", Count: 2, First: at(0, 1), Last: at(0, 5), Machines: 1},
		{Key: "C", Count: 1, First: at(0, 2), Last: at(0, 2), Machines: 1},
	}
	if diff := cmp.Diff(want, SeatLimitFailuresByKey(logs, days(1))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := SeatLimitFailuresByKey(nil, cryptolens.Window{Until: at(5, 0)}); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
}
