package checks_test

import "testing"

func init() {
	checks["most-active-keys"] = func(t *testing.T, d *demo, r *run) {
		perKey := map[string]int{}
		withKey := 0
		for _, row := range d.data.WebAPILog {
			if window.Contains(row.Time) && row.Key != "" {
				perKey[row.Key]++
				withKey++
			}
		}
		want := map[string]int{}
		covered := 0
		for k, n := range perKey {
			if n*100 > withKey { // above 1% of the requests that carry a key
				want[k] = n
				covered += n
			}
		}
		got := r.figures(t, "Most active license keys").ints("key", "count")
		if len(got) != len(want) {
			t.Errorf("%d keys on the chart, ground truth %d", len(got), len(want))
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("key %s: %d requests on the chart, ground truth %d", k, got[k], n)
			}
		}
		together := r.figures(t, "The ")
		if together.int(0, "keys") != len(want) || together.int(0, "requests") != covered {
			t.Errorf("headline figures %v, ground truth %d keys, %d requests", together.Rows, len(want), covered)
		}
		table := r.figures(t, "Requests per license key")
		last := table.len() - 1
		if table.str(last, "key") != "All requests with a key" || table.int(last, "count") != withKey {
			t.Errorf("last row %v, want All requests with a key: %d", table.Rows[last], withKey)
		}
		if others := table.int(last-1, "count"); others != withKey-covered {
			t.Errorf("the other keys: %d requests, ground truth %d", others, withKey-covered)
		}
	}
}
