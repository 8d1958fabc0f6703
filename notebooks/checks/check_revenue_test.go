package checks_test

import (
	"strings"
	"testing"
)

func init() {
	checks["revenue"] = func(t *testing.T, d *demo, r *run) {
		perCurrency := map[string]int64{}
		want := map[string]int{}
		for _, e := range d.data.Events {
			if !window.Contains(e.Time) || !strings.EqualFold(strings.TrimSpace(e.EventName), "purchase") {
				continue
			}
			want["purchases"]++
			perCurrency[strings.ToUpper(strings.TrimSpace(e.Currency))] += e.Value
		}
		want["currencies"] = len(perCurrency)
		for _, amount := range perCurrency {
			want["largest"] = max(want["largest"], int(amount))
		}
		got := r.printed(t, "purchases")
		for _, k := range []string{"purchases", "currencies", "largest"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
