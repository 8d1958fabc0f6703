package checks_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func init() {
	checks["floating-license-audit"] = func(t *testing.T, d *demo, r *run) {
		floating := func(s cryptolens.State) bool { return s == 2014 || s == 2015 || s == 6011 || s == 2024 }
		// The audited key: the most seat-limit refusals (2024) in the
		// window, then the most floating rows, then the lower product id,
		// then the key.
		type productKey struct {
			product int
			key     string
		}
		count, refusals := map[productKey]int{}, map[productKey]int{}
		for _, r := range d.data.WebAPILog {
			if window.Contains(r.Time) && floating(r.State) && r.Key != "" {
				count[productKey{r.ProductID, r.Key}]++
				if r.State == 2024 {
					refusals[productKey{r.ProductID, r.Key}]++
				}
			}
		}
		var best productKey
		for k, n := range count {
			m, f, bf := count[best], refusals[k], refusals[best]
			if f > bf || f == bf && (n > m || n == m && (k.product < best.product || k.product == best.product && k.key < best.key)) {
				best = k
			}
		}
		if refusals[best] == 0 {
			t.Errorf("the audited key %s has no seat-limit refusal: the demo data changed", best.key)
		}
		audited := r.figures(t, "The audited key")
		if audited.len() != 1 || audited.str(0, "key") != best.key || audited.str(0, "productId") != strconv.Itoa(best.product) {
			t.Errorf("audited key %v, ground truth %s of product %d", audited.Rows, best.key, best.product)
		}
		// Its rows: from 10000 s before the window, kept as FloatingLicenseAudit keeps them.
		var rows []cryptolens.WebAPILog
		for _, r := range d.data.WebAPILog {
			if r.ProductID != best.product || r.Key != best.key || !floating(r.State) ||
				!r.Time.Before(window.Until) || r.Time.Before(window.Since.Add(-10000*time.Second)) {
				continue
			}
			if !r.FloatingExpires.Before(window.Since) || !r.Time.Before(window.Since) || r.State == 6011 || r.State == 2024 {
				rows = append(rows, r)
			}
		}
		slices.SortFunc(rows, func(a, b cryptolens.WebAPILog) int { return int(a.ID - b.ID) })

		// Replay the seats: machine code -> expiry. A seat lapses at its
		// expiry, before any later row; only what happens inside the window
		// is counted.
		want := map[string]int{}
		held := map[string]time.Time{}
		in := func(t time.Time) bool { return !t.Before(window.Since) }
		expire := func(now time.Time) {
			for mc, exp := range held {
				if !exp.IsZero() && !exp.After(now) {
					delete(held, mc)
					if in(exp) {
						want["expiries"]++
					}
				}
			}
		}
		for _, r := range rows {
			expire(r.Time)
			switch r.State {
			case 2024:
				if in(r.Time) {
					want["limitreached"]++
				}
			case 6011:
				if in(r.Time) {
					want["releases"]++
				}
				delete(held, r.MachineCode)
			case 2014, 2015:
				if r.State == 2015 && in(r.Time) {
					want["overdrafts"]++
				}
				_, ok := held[r.MachineCode]
				switch {
				case !in(r.Time):
				case ok:
					want["verifications"]++
				default:
					want["activations"]++
				}
				held[r.MachineCode] = r.FloatingExpires
			}
			inUse := 0
			for _, exp := range held {
				if exp.After(r.Time) {
					inUse++
				}
			}
			if in(r.Time) {
				want["seats"] = max(want["seats"], inUse)
			}
		}
		expire(emulator.DemoEnd)

		figs := r.figures(t, "The figures").ints("figure", "value")
		got := map[string]int{
			"activations": figs[analysis.FigureActivations], "verifications": figs[analysis.FigureVerifications],
			"releases": figs[analysis.FigureReleases], "expiries": figs[analysis.FigureExpiries],
			"overdrafts": figs[analysis.FigureOverdrafts], "limitreached": figs[analysis.FigureLimitReached],
			"seats": figs[analysis.FigureSeatLimit],
		}
		for _, k := range []string{"activations", "verifications", "releases", "expiries", "overdrafts", "limitreached", "seats"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
		// The seats held, drawn as steps, reach the estimated limit and
		// never pass it; the limit is drawn with them.
		steps, most := r.figures(t, "Seats held"), 0
		for i := range steps.len() {
			most = max(most, steps.int(i, "seatsHeld"))
			if steps.int(i, "seatLimit") != want["seats"] {
				t.Fatalf("step %d: seat limit %d, ground truth %d", i, steps.int(i, "seatLimit"), want["seats"])
			}
		}
		if most != want["seats"] {
			t.Errorf("most seats held on the steps %d, ground truth %d", most, want["seats"])
		}
		if days := r.figures(t, "Free seats per day").len(); days != 30 {
			t.Errorf("free seats on %d days, want 30", days)
		}
	}
}
