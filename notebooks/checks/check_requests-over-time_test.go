package checks_test

import "testing"

func init() {
	checks["requests-over-time"] = func(t *testing.T, d *demo, r *run) {
		perDay := make([]int, 30)
		want := map[string]int{"days": len(perDay)}
		for _, r := range d.data.WebLog {
			if !window.Contains(r.Time) {
				continue
			}
			perDay[int(r.Time.Sub(window.Since).Hours()/24)]++
			want["total"]++
			switch int(r.State) % 100 / 10 {
			case 1:
				want["succeeded"]++
			case 2:
				want["failed"]++
			}
		}
		want["busiest"], want["quietest"] = perDay[0], perDay[0]
		for _, n := range perDay {
			want["busiest"] = max(want["busiest"], n)
			want["quietest"] = min(want["quietest"], n)
		}
		got := r.printed(t, "days")
		for _, k := range []string{"days", "total", "succeeded", "failed", "busiest", "quietest"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
