package checks_test

import (
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
)

func init() {
	checks["inactive-keys"] = func(t *testing.T, d *demo, r *run) {
		const days, inactiveDays = 90, 30 // the notebook's defaults
		since := emulator.DemoEnd.AddDate(0, 0, -days)
		activeSince := emulator.DemoEnd.Add(-inactiveDays * 24 * time.Hour)
		last := map[string]time.Time{}
		for _, r := range d.data.WebAPILog {
			if r.Key != "" && !r.Time.Before(since) && r.Time.Before(emulator.DemoEnd) && r.Time.After(last[r.Key]) {
				last[r.Key] = r.Time
			}
		}
		want := map[string]int{"seen": len(last)}
		for _, t := range last {
			if t.Before(activeSince) {
				want["inactive"]++
			}
		}
		keys := r.figures(t, "Inactive keys")
		got := map[string]int{"inactive": keys.len(), "seen": r.figures(t, "The figures").ints("figure", "value")["Keys the store has seen"]}
		for _, k := range []string{"inactive", "seen"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
		// Every listed key's days silent agree with the threshold and with
		// its last request, rounded up.
		for i := range keys.len() {
			key, silent := keys.str(i, "key"), keys.int(i, "daysSilent")
			truth := int((emulator.DemoEnd.Sub(last[key]) + 24*time.Hour - 1) / (24 * time.Hour))
			if silent <= inactiveDays || silent != truth {
				t.Errorf("%s: %d days silent, ground truth %d (threshold %d)", key, silent, truth, inactiveDays)
			}
		}
	}
}
