// Package timespec reads the instants that lensbook's commands and notebooks
// take: an RFC 3339 time, a date (UTC midnight), or a span back from now such
// as "30d", "12h" or "90m".
package timespec

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parse reads s as an RFC 3339 time ("2026-10-01T12:00:00Z"), a date
// ("2026-10-01", UTC midnight), or a span back from now: a whole number
// followed by d (days of 24 hours), h, m or s ("30d", "12h"), or any
// time.ParseDuration string ("1h30m"). The result is in UTC.
func Parse(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time: want an RFC 3339 time, a date such as 2026-10-01, or a span such as 30d")
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if d, err := ParseSpan(s); err == nil {
		return now.Add(-d).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("bad time %q: want an RFC 3339 time (2026-10-01T12:00:00Z), a date (2026-10-01) or a span back from now (30d, 12h)", s)
}

// ParseSpan reads a span: a whole number of days ("30d") or a
// time.ParseDuration string ("12h", "90m", "1h30m"). Negative spans are
// refused.
func ParseSpan(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days > 100000 {
			return 0, fmt.Errorf("bad span %q: want a whole number of days such as 30d", s)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("bad span %q: want 30d, 12h, 90m or 1h30m", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("bad span %q: must not be negative", s)
	}
	return d, nil
}
