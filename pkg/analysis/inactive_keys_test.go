package analysis

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestInactiveKeys(t *testing.T) {
	asOf := at(40, 0)
	logs := []cryptolens.WebAPILog{
		row(1, at(1, 0), 2010, "OLD", "", ""),
		row(2, at(5, 0), 2010, "OLD", "", ""),
		row(3, at(10, 0), 2010, "EDGE", "", ""),                   // exactly 30 days before asOf: active
		row(4, at(10, 0).Add(-time.Second), 2010, "JUST", "", ""), // 30 days and a second: shows 31
		row(5, at(39, 0), 2010, "RECENT", "", ""),
		row(6, at(41, 0), 2010, "FUTURE", "", ""), // after asOf: ignored
		row(7, at(2, 0), 2010, "", "", ""),
	}
	tests := []struct {
		name        string
		keys        []string
		includeSeen bool
		want        []InactiveKey
	}{
		{"seen keys", nil, true, []InactiveKey{
			{Key: "OLD", LastActivity: at(5, 0), Requests: 2, DaysSilent: 35},
			{Key: "JUST", LastActivity: at(10, 0).Add(-time.Second), Requests: 1, DaysSilent: 31},
		}},
		{"given keys only", []string{"NEVER", "OLD", "RECENT", "FUTURE", "NEVER"}, false, []InactiveKey{
			{Key: "FUTURE"}, {Key: "NEVER"},
			{Key: "OLD", LastActivity: at(5, 0), Requests: 2, DaysSilent: 35},
		}},
		{"both", []string{"NEVER"}, true, []InactiveKey{
			{Key: "NEVER"},
			{Key: "OLD", LastActivity: at(5, 0), Requests: 2, DaysSilent: 35},
			{Key: "JUST", LastActivity: at(10, 0).Add(-time.Second), Requests: 1, DaysSilent: 31},
		}},
		{"none", nil, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, InactiveKeys(logs, tt.keys, tt.includeSeen, 30, asOf)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if got := InactiveKeys([]cryptolens.WebAPILog(nil), []string{"X"}, true, 30, asOf); len(got) != 1 {
		t.Errorf("empty logs gave %v, want X", got)
	}
}
