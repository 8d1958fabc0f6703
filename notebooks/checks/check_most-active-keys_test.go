package checks_test

import "testing"

func init() {
	checks["most-active-keys"] = func(t *testing.T, d *demo, r *run) {
		perKey := map[string]int{}
		want := map[string]int{}
		for _, r := range d.data.WebLog {
			if window.Contains(r.Time) && r.Key != "" {
				perKey[r.Key]++
				want["requests"]++
			}
		}
		for _, n := range perKey {
			if n*100 > want["requests"] {
				want["keys"]++
				want["covered"] += n
				want["top"] = max(want["top"], n)
			}
		}
		got := r.printed(t, "keys")
		for _, k := range []string{"keys", "top", "covered", "requests"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
