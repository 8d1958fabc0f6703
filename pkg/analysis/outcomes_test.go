package analysis

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		state cryptolens.State
		want  Outcome
	}{
		{1010, OutcomeSuccess}, {2011, OutcomeSuccess}, {2015, OutcomeSuccess},
		{2020, OutcomeFailure}, {2024, OutcomeFailure}, {8020, OutcomeFailure},
		{2000, OutcomeOther}, {2030, OutcomeOther}, {2099, OutcomeOther}, {0, OutcomeOther},
	}
	for _, tt := range tests {
		if got := OutcomeOf(tt.state); got != tt.want {
			t.Errorf("OutcomeOf(%d) = %v, want %v", tt.state, got, tt.want)
		}
	}
}

func TestRequestOutcomes(t *testing.T) {
	logs := []cryptolens.WebAPILog{
		row(1, at(0, 0), 2010, "A", "", ""),
		row(2, at(0, 1), 2024, "A", "", ""),
		row(3, at(1, 0), 2010, "A", "", ""),
		row(4, at(1, 0), 2030, "A", "", ""),
		row(5, at(2, 0), 2020, "A", "", ""), // at Until: outside
		row(6, at(0, 0).Add(-1), 2020, "A", "", ""),
	}
	tests := []struct {
		name string
		logs []cryptolens.WebAPILog
		w    cryptolens.Window
		want OutcomeSummary
	}{
		{"empty", nil, days(2), OutcomeSummary{}},
		{"window edges", logs, days(2), OutcomeSummary{Total: 4, Succeeded: 2, Failed: 1, Other: 1,
			SucceededShare: 0.5, FailedShare: 0.25, OtherShare: 0.25}},
		{"open window", logs, cryptolens.Window{}, OutcomeSummary{Total: 6, Succeeded: 2, Failed: 3, Other: 1,
			SucceededShare: 2.0 / 6, FailedShare: 0.5, OtherShare: 1.0 / 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, RequestOutcomes(tt.logs, tt.w)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequestsPerDay(t *testing.T) {
	var logs []cryptolens.WebAPILog
	// Day d has d+1 successes; day 3 is empty; day 8 has one failure and one other.
	for d := range 10 {
		if d == 3 {
			continue
		}
		for i := range d + 1 {
			logs = append(logs, row(int64(len(logs)+1), at(d, i%24), 2010, "K", "", ""))
		}
	}
	logs = append(logs, row(100, at(8, 3), 2020, "K", "", ""), row(101, at(8, 4), 5000, "K", "", ""))
	// Before the window: 4 rows two days before it (inside the look-back)
	// and 3 rows seven days before it (outside); after it: 2 rows.
	for i := range 4 {
		logs = append(logs, row(int64(200+i), at(-2, i), 2010, "K", "", ""))
	}
	for i := range 3 {
		logs = append(logs, row(int64(300+i), at(-7, i), 2020, "K", "", ""))
	}
	logs = append(logs, row(400, at(10, 1), 2010, "K", "", ""), row(401, at(11, 1), 2010, "K", "", ""))
	got := RequestsPerDay(logs, days(10))
	if len(got) != 10 {
		t.Fatalf("got %d days, want 10", len(got))
	}
	totals := []int{1, 2, 3, 0, 5, 6, 7, 8, 11, 10}
	for d, g := range got {
		if !g.Day.Equal(at(d, 0)) || g.Total != totals[d] || g.Succeeded+g.Failed+g.Other != g.Total {
			t.Errorf("day %d = %+v, want day %v total %d", d, g, at(d, 0), totals[d])
		}
		sum := 0
		for i := d - 6; i <= d; i++ {
			switch {
			case i == -2:
				sum += 4
			case i >= 0:
				sum += totals[i]
			}
		}
		want := float64(sum) / 7
		if math.Abs(g.Trailing7-want) > 1e-12 || g.TrailingDays != 7 {
			t.Errorf("day %d trailing = %v over %d days, want %v over 7", d, g.Trailing7, g.TrailingDays, want)
		}
	}
	if got[8].Failed != 1 || got[8].Other != 1 || got[8].Succeeded != 9 {
		t.Errorf("day 8 = %+v, want 9/1/1", got[8])
	}
	if got := RequestsPerDay(nil, days(2)); len(got) != 2 || got[1].Total != 0 || got[1].TrailingDays != 7 {
		t.Errorf("empty input = %+v, want two zero days", got)
	}
	if got := RequestsPerDay(nil, cryptolens.Window{}); len(got) != 0 {
		t.Errorf("empty input, open window = %+v, want no days", got)
	}
}
