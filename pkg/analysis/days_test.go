package analysis

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestDay(t *testing.T) {
	tests := []struct {
		in, want time.Time
	}{
		{time.Date(2026, 10, 1, 23, 59, 59, 999, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 2, 1, 0, 0, 0, time.FixedZone("CEST", 2*3600)), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(1969, 12, 31, 12, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := Day(tt.in); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("Day(%v) = %v, want %v in UTC", tt.in, got, tt.want)
		}
	}
}

func TestDayAxis(t *testing.T) {
	logs := []cryptolens.WebAPILog{{Time: at(2, 5)}, {Time: at(4, 23)}, {Time: at(9, 0)}}
	tests := []struct {
		name string
		w    cryptolens.Window
		want []time.Time
	}{
		{"closed window", days(3), []time.Time{at(0, 0), at(1, 0), at(2, 0)}},
		{"until at midnight excludes that day", cryptolens.Window{Since: at(1, 12), Until: at(3, 0)},
			[]time.Time{at(1, 0), at(2, 0)}},
		{"until just after midnight includes that day", cryptolens.Window{Since: at(1, 0), Until: at(3, 0).Add(time.Second)},
			[]time.Time{at(1, 0), at(2, 0), at(3, 0)}},
		{"open since from first row", cryptolens.Window{Until: at(6, 0)},
			[]time.Time{at(2, 0), at(3, 0), at(4, 0), at(5, 0)}},
		{"open until from last row in window", cryptolens.Window{Since: at(3, 0)},
			[]time.Time{at(3, 0), at(4, 0), at(5, 0), at(6, 0), at(7, 0), at(8, 0), at(9, 0)}},
		{"open window", cryptolens.Window{}, dayRange(2, 9)},
		{"empty window", cryptolens.Window{Since: at(3, 0), Until: at(3, 0)}, nil},
		{"open with no rows inside", cryptolens.Window{Since: at(10, 0)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := axisFor(logs, tt.w, logTime)
			var got []time.Time
			for i := range a.n {
				got = append(got, a.day(i))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("days (-want +got):\n%s", diff)
			}
		})
	}
}

// dayRange returns the days from..to (inclusive) after base.
func dayRange(from, to int) []time.Time {
	var out []time.Time
	for d := from; d <= to; d++ {
		out = append(out, at(d, 0))
	}
	return out
}
