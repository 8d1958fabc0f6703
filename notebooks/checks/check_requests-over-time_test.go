package checks_test

import (
	"testing"
)

func init() {
	checks["requests-over-time"] = func(t *testing.T, d *demo, r *run) {
		// Per UTC day from six days before the window: the 7-day average of
		// the window's first day reads them.
		const lookBack = 6
		perDay := make([]int, 30+lookBack)
		since := window.Since.AddDate(0, 0, -lookBack)
		want := map[string]int{}
		for _, row := range d.data.WebAPILog {
			if row.Time.Before(since) || !row.Time.Before(window.Until) {
				continue
			}
			perDay[int(row.Time.Sub(since).Hours()/24)]++
			if !window.Contains(row.Time) {
				continue
			}
			want["requests"]++
			switch int(row.State) % 100 / 10 {
			case 1:
				want["succeeded"]++
			case 2:
				want["failed"]++
			}
		}
		days := r.figures(t, "Requests per day")
		if days.len() != 30 {
			t.Fatalf("%d days on the chart, want 30", days.len())
		}
		busiest, quietest := 0, perDay[lookBack]
		for i := range days.len() {
			total := 0
			for _, c := range days.Columns {
				if c != "day" && c != "total, 7-day average" {
					total += days.int(i, c)
				}
			}
			if total != perDay[lookBack+i] {
				t.Errorf("%s: %d requests, ground truth %d", days.str(i, "day"), total, perDay[lookBack+i])
			}
			sum := 0
			for _, n := range perDay[i : lookBack+i] {
				sum += n
			}
			if avg, want := days.float(i, "total, 7-day average"), float64(sum+perDay[lookBack+i])/7; !near(avg, want) {
				t.Errorf("%s: 7-day average %v, ground truth %v (the six days before it and the day)", days.str(i, "day"), avg, want)
			}
			busiest, quietest = max(busiest, perDay[lookBack+i]), min(quietest, perDay[lookBack+i])
		}
		want["days"], want["busiest day"], want["quietest day"] = 30, busiest, quietest
		table := r.figures(t, "Requests in the window")
		for _, k := range []string{"days", "requests", "succeeded", "failed", "busiest day", "quietest day"} {
			if got := table.int(0, k); got != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got, want[k])
			}
		}
	}
}
