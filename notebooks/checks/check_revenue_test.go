package checks_test

import (
	"strings"
	"testing"
)

func init() {
	checks["revenue"] = func(t *testing.T, d *demo, r *run) {
		perCurrency, count := map[string]int64{}, map[string]int64{}
		want := map[string]int{}
		for _, e := range d.data.Events {
			if !window.Contains(e.Time) || !strings.EqualFold(strings.TrimSpace(e.EventName), "purchase") {
				continue
			}
			want["purchases"]++
			cur := strings.ToUpper(strings.TrimSpace(e.Currency))
			perCurrency[cur] += e.Value
			count[cur]++
		}
		want["currencies"] = len(perCurrency)
		for _, amount := range perCurrency {
			want["largest"] = max(want["largest"], int(amount))
		}
		table := r.figures(t, "Revenue by currency")
		got := map[string]int{"currencies": table.len()}
		for i := range table.len() {
			cur, amount, n := table.str(i, "currency"), table.int(i, "revenue"), table.int(i, "purchases")
			got["purchases"] += n
			got["largest"] = max(got["largest"], amount)
			// The mean purchase is rounded to the cent, not cut.
			if mean, truth := table.int(i, "meanPurchase"), (2*perCurrency[cur]+count[cur])/(2*count[cur]); int64(mean) != truth {
				t.Errorf("%s: mean purchase %d cents, ground truth %d (%d / %d rounded)", cur, mean, truth, perCurrency[cur], count[cur])
			}
			// One chart per currency, on its own axis.
			if days := r.figures(t, "Revenue per day, "+cur); days.len() != 30 || len(days.Columns) != 2 {
				t.Errorf("%s per day: %d days, columns %q", cur, days.len(), days.Columns)
			}
		}
		for _, k := range []string{"purchases", "currencies", "largest"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
