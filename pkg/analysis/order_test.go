package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
)

// TestInputOrderDoesNotMatter runs every computation on the emulator's data
// and on a shuffled copy, twice each, and requires identical results.
func TestInputOrderDoesNotMatter(t *testing.T) {
	d := hostileData()
	w := truthCases(t)[3].w // the hostile dataset's offset window
	logs, events, entries := slices.Clone(d.WebAPILog), slices.Clone(d.Events), slices.Clone(d.ObjectLog)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(logs), func(i, j int) { logs[i], logs[j] = logs[j], logs[i] })
	rng.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })
	rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	var floating []string
	var lic emulator.License
	for _, l := range d.Licenses {
		if l.Floating {
			floating = append(floating, l.Key)
			lic = l
		}
	}
	run := func(src int) []any {
		l, e, o := d.WebAPILog, d.Events, d.ObjectLog
		if src == 1 {
			l, e, o = logs, events, entries
		}
		return []any{
			RequestOutcomes(l, w), RequestsPerDay(l, w), MostActiveKeys(l, w),
			RequestsPerFriendlyName(l, w, 8), StateCounts(l, w), StatesByGroup(l, w),
			MethodActivityPerDay(l, w, nil), MethodFailureRates(l, w, nil), SeatLimitFailuresByKey(l, w),
			InactiveKeys(l, floating, true, 3, w.Until), ActivePerDay(l, w),
			AuditFloatingLicense(KeyRows(l, lic.ProductID, lic.Key), lic.MaxNoOfMachines, w, w.Until),
			FeatureUsage(e, w), FeatureUsagePerDay(e, w), EventsByOS(e, w),
			RevenueByCurrency(e, w), RevenuePerDay(e, w), RevenueByFeature(e, w),
			TeamChanges(o, w), ChangesByPerformer(o, w), ChangesPerDay(o, w), LatestChanges(o, w, 20),
		}
	}
	want := run(0)
	for _, src := range []int{0, 1, 1} {
		if diff := cmp.Diff(want, run(src)); diff != "" {
			t.Errorf("source %d differs (-want +got):\n%s", src, diff)
		}
	}
}
