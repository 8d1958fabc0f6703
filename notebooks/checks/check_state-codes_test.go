package checks_test

import "testing"

func init() {
	checks["state-codes"] = func(t *testing.T, d *demo, r *run) {
		perCode := map[int]int{}
		groups := map[int]bool{}
		want := map[string]int{}
		for _, r := range d.data.WebLog {
			if !window.Contains(r.Time) {
				continue
			}
			perCode[int(r.State)]++
			groups[int(r.State)/100] = true
			want["total"]++
			if int(r.State)%100/10 == 2 {
				want["failed"]++
			}
		}
		want["codes"], want["groups"] = len(perCode), len(groups)
		for _, n := range perCode {
			want["top"] = max(want["top"], n)
		}
		got := r.printed(t, "codes")
		for _, k := range []string{"codes", "groups", "total", "top", "failed"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
