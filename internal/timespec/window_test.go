package timespec

import (
	"testing"
	"time"
)

func TestWindowText(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	for _, c := range []struct {
		since, until string
		days         int
		want         string
	}{
		{"2026-10-02T00:00:00Z", "2026-11-01T00:00:00Z", 30, "2 Oct – 31 Oct 2026 (30 days, UTC)"},
		{"2025-12-25T00:00:00Z", "2026-01-08T00:00:00Z", 14, "25 Dec 2025 – 7 Jan 2026 (14 days, UTC)"},
		{"2026-10-31T00:00:00Z", "2026-11-01T00:00:00Z", 1, "31 Oct 2026 (1 day, UTC)"},
		{"2026-10-26T23:34:36Z", "2026-11-25T23:34:36Z", 30, "26 Oct 2026 23:34 – 25 Nov 2026 23:34 UTC (30 days)"},
	} {
		if got := WindowText(day(c.since), day(c.until), c.days); got != c.want {
			t.Errorf("WindowText(%s, %s, %d) = %q, want %q", c.since, c.until, c.days, got, c.want)
		}
	}
}
