package analysis

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestNormalizeMachineCode(t *testing.T) {
	long := strings.Repeat("é", 300)
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \t\n", ""},
		{"abc-123", "ABC-123"},
		{" a\x00b\x7fc\r\n ", "ABC"},
		{"\x01 a b \x02", "A B"},
		{long, strings.Repeat("É", 256)},
		{strings.Repeat("x", 256) + " tail", strings.Repeat("X", 256)},
	}
	for _, tt := range tests {
		if got := NormalizeMachineCode(tt.in); got != tt.want {
			t.Errorf("NormalizeMachineCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestActivePerDay(t *testing.T) {
	floating := func(id int64, ts time.Time, expires time.Time, key, machine string) cryptolens.WebAPILog {
		r := row(id, ts, 2014, key, machine, "")
		r.FloatingExpires = expires
		return r
	}
	logs := []cryptolens.WebAPILog{
		row(1, at(0, 1), 2010, "A", "m1", ""),
		row(2, at(0, 2), 2010, "A", " M1 ", ""), // same machine after normalising
		row(3, at(0, 3), 2020, "B", "m2", ""),   // failed requests count
		row(4, at(0, 4), 3010, "", "", ""),      // no key, no machine
		// a seat from day 1 22:00 to day 3 01:00: active on days 1, 2 and 3
		floating(5, at(1, 22), at(3, 1), "C", "m3"),
		// a seat that ends exactly at midnight is not active on the next day
		floating(6, at(2, 23), at(3, 0), "D", "m4"),
		// a seat running past Until is cut at Until
		floating(7, at(4, 12), at(9, 0), "E", "m5"),
		row(8, at(5, 0), 2010, "F", "m6", ""), // outside
	}
	want := []DailyActive{
		{Day: at(0, 0), Keys: 2, Machines: 2},
		{Day: at(1, 0), Keys: 1, Machines: 1},
		{Day: at(2, 0), Keys: 2, Machines: 2},
		{Day: at(3, 0), Keys: 1, Machines: 1},
		{Day: at(4, 0), Keys: 1, Machines: 1},
	}
	if diff := cmp.Diff(want, ActivePerDay(logs, days(5))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// An open Until ends the series at the last row's day, cutting seats there too.
	open := ActivePerDay(logs[:7], cryptolens.Window{Since: base})
	if len(open) != 5 || open[4].Keys != 1 {
		t.Errorf("open window = %+v, want 5 days ending with one key", open)
	}
	if got := ActivePerDay(nil, days(2)); len(got) != 2 || got[0].Keys != 0 {
		t.Errorf("empty input = %+v, want two zero days", got)
	}
}
