package analysis

import (
	"cmp"
	"slices"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// InactiveKey is a license key without recent requests.
type InactiveKey struct {
	Key          string
	LastActivity time.Time // time of its last row before asOf; zero if it has none
	Requests     int       // its rows before asOf
	// DaysSilent is the time from LastActivity to asOf in days, rounded up:
	// a key silent for 30 days and 2 hours has been silent on part of 31
	// days and shows 31. So every key listed for a threshold of d days has
	// DaysSilent > d, as the threshold reads ("no request in the last d
	// days"). 0 when the key has no row.
	DaysSilent int
}

// InactiveKeys lists the license keys with no Web API Log row in the days
// before asOf: no row with asOf - days*24h <= Time < asOf. This is the rule
// of Cryptolens's block_inactive_licenses.py (last activity plus the window
// lies before now, or no activity at all), with the boundary made explicit:
// a key whose last row is exactly days*24h before asOf is active.
//
// The candidates are the keys in keys, plus, when includeSeen is true,
// every non-empty key that appears in logs before asOf: pass the store's
// whole history, not only a window, so that a key silent for longer than
// the window is found too. Rows at or after
// asOf are ignored. LastActivity is the latest row time before asOf (zero
// when the key has none). The result lists each key once, sorted by
// LastActivity (ascending, never-active keys first) and then key.
func InactiveKeys(logs []cryptolens.WebAPILog, keys []string, includeSeen bool, days int, asOf time.Time) []InactiveKey {
	type seen struct {
		last time.Time
		n    int
	}
	byKey := map[string]*seen{}
	for _, k := range keys {
		byKey[k] = &seen{}
	}
	for i := range logs {
		r := &logs[i]
		if !r.Time.Before(asOf) {
			continue
		}
		s := byKey[r.Key]
		if s == nil {
			if !includeSeen || r.Key == "" {
				continue
			}
			s = &seen{}
			byKey[r.Key] = s
		}
		s.n++
		if r.Time.After(s.last) {
			s.last = r.Time
		}
	}
	cutoff := asOf.Add(-time.Duration(days) * 24 * time.Hour)
	var out []InactiveKey
	for k, s := range byKey {
		if s.n > 0 && !s.last.Before(cutoff) {
			continue
		}
		ik := InactiveKey{Key: k, LastActivity: s.last, Requests: s.n}
		if s.n > 0 {
			ik.DaysSilent = int((asOf.Sub(s.last) + 24*time.Hour - 1) / (24 * time.Hour))
		}
		out = append(out, ik)
	}
	slices.SortFunc(out, func(a, b InactiveKey) int {
		if c := a.LastActivity.Compare(b.LastActivity); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}
