package checks_test

import "testing"

func init() {
	checks["activity-by-method"] = func(t *testing.T, d *demo, r *run) {
		requests, failed := map[string]int{}, map[string]int{}
		perKey := map[string]int{}
		limits := 0
		for _, row := range d.data.WebAPILog {
			if !window.Contains(row.Time) {
				continue
			}
			method := map[int]string{20: "activation", 60: "deactivation", 30: "key creation"}[int(row.State)/100]
			if method != "" {
				requests[method]++
				if int(row.State)%100/10 == 2 {
					failed[method]++
				}
			}
			if row.State == 2024 {
				perKey[row.Key]++
				limits++
			}
		}
		rates := r.figures(t, "Requests and failures per method")
		gotRequests, gotFailed := rates.ints("method", "requests"), rates.ints("method", "failed")
		for _, m := range []string{"activation", "deactivation", "key creation"} {
			if gotRequests[m] != requests[m] || gotFailed[m] != failed[m] {
				t.Errorf("%s: %d requests, %d failed; ground truth %d, %d", m, gotRequests[m], gotFailed[m], requests[m], failed[m])
			}
		}
		keys := r.figures(t, "Seat-limit failures (2024) by key").ints("key", "failures")
		if len(keys) != len(perKey) {
			t.Errorf("%d keys with seat-limit failures, ground truth %d", len(keys), len(perKey))
		}
		for k, n := range perKey {
			if keys[k] != n {
				t.Errorf("key %s: %d seat-limit failures, ground truth %d", k, keys[k], n)
			}
		}
		if limits == 0 {
			t.Error("the demo window has no seat-limit failure: the check proves nothing")
		}
	}
}
