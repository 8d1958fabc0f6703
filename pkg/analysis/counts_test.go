package analysis

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestMostActiveKeys(t *testing.T) {
	// 200 keyed rows: A 50, B 50, C 3 (1.5%), D 2 (exactly 1%: out), 95 keys with one row each,
	// plus rows with no key (not counted) and a row outside the window.
	var logs []cryptolens.WebAPILog
	add := func(key string, n int) {
		for range n {
			logs = append(logs, row(int64(len(logs)+1), at(0, 1), 2010, key, "", ""))
		}
	}
	add("B", 50)
	add("A", 50)
	add("C", 3)
	add("D", 2)
	for i := range 95 {
		add(fmt.Sprintf("single-%02d", i), 1)
	}
	add("", 40)
	logs = append(logs, row(999, at(5, 0), 2010, "D", "", ""))
	want := []NameCount{{"A", 50, 0.25}, {"B", 50, 0.25}, {"C", 3, 0.015}}
	if diff := cmp.Diff(want, MostActiveKeys(logs, days(1))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := MostActiveKeys(nil, days(1)); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
	one := []cryptolens.WebAPILog{row(1, at(0, 0), 2010, "K", "", "")}
	if diff := cmp.Diff([]NameCount{{"K", 1, 1}}, MostActiveKeys(one, days(1))); diff != "" {
		t.Errorf("single row (-want +got):\n%s", diff)
	}
}

func TestRequestsPerFriendlyName(t *testing.T) {
	var logs []cryptolens.WebAPILog
	add := func(name string, machines ...string) {
		for _, m := range machines {
			logs = append(logs, row(int64(len(logs)+1), at(0, 1), 2010, "K", m, name))
		}
	}
	add("bob", "M1", "M2", "M1")
	add("", "M3", "M3", "", " ") // rows without a machine are left out
	add("alice", "m4", "M4 ", "M5")
	add("Alice", "M6")
	add("carol", "M1", "M1")
	logs = append(logs, row(99, at(2, 0), 2010, "K", "M9", "outside"))
	const all = 11.0 // rows with a machine inside the window
	alice := FriendlyNameCount{"alice", 3, 3 / all, 2, 1, false}
	bob := FriendlyNameCount{"bob", 3, 3 / all, 2, 1, false}
	none := FriendlyNameCount{NoneLabel, 2, 2 / all, 1, 1, false}
	carol := FriendlyNameCount{"carol", 2, 2 / all, 1, 1, false}
	alice2 := FriendlyNameCount{"Alice", 1, 1 / all, 1, 1, false}
	tests := []struct {
		n    int
		want []FriendlyNameCount
	}{
		{2, []FriendlyNameCount{alice, bob, {RestLabel, 5, 5 / all, 3, 3, true}}},
		{4, []FriendlyNameCount{alice, bob, none, carol, {RestLabel, 1, 1 / all, 1, 1, true}}},
		{5, []FriendlyNameCount{alice, bob, none, carol, alice2}},
		{0, []FriendlyNameCount{alice, bob, none, carol, alice2}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("top", tt.n), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, RequestsPerFriendlyName(logs, days(1), tt.n)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if got := RequestsPerFriendlyName(nil, days(1), 3); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
}
