package checks_test

import "testing"

func init() {
	checks["success-vs-failure"] = func(t *testing.T, d *demo, r *run) {
		want := map[string]int{}
		for _, r := range d.data.WebLog {
			if !window.Contains(r.Time) {
				continue
			}
			want["total"]++
			switch int(r.State) % 100 / 10 {
			case 1:
				want["succeeded"]++
			case 2:
				want["failed"]++
			default:
				want["other"]++
			}
		}
		got := r.printed(t, "succeeded")
		for _, k := range []string{"succeeded", "failed", "other", "total"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
