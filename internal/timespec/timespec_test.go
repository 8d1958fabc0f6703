package timespec_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/timespec"
)

var now = time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-10-01T12:00:00Z", time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)},
		{"2026-10-01T14:00:00+02:00", time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)},
		{"2026-10-01", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		{"30d", now.Add(-30 * 24 * time.Hour)},
		{"0d", now},
		{"12h", now.Add(-12 * time.Hour)},
		{"1h30m", now.Add(-90 * time.Minute)},
	}
	for _, tt := range tests {
		got, err := timespec.Parse(tt.in, now)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-3d", "3x", "2026-13-01", "d"} {
		if _, err := timespec.Parse(bad, now); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func ExampleParse() {
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"30d", "2026-10-15", "2026-10-15T08:00:00+02:00"} {
		t, _ := timespec.Parse(s, now)
		fmt.Println(t.Format(time.RFC3339))
	}
	// Output:
	// 2026-10-02T00:00:00Z
	// 2026-10-15T00:00:00Z
	// 2026-10-15T06:00:00Z
}
