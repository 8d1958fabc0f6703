package checks_test

import "testing"

func init() {
	checks["activity-by-method"] = func(t *testing.T, d *demo, r *run) {
		want := map[string]int{}
		limitKeys := map[string]bool{}
		for _, r := range d.data.WebLog {
			if !window.Contains(r.Time) {
				continue
			}
			switch int(r.State) / 100 {
			case 20:
				want["activations"]++
				if int(r.State)%100/10 == 2 {
					want["activationfailures"]++
				}
			case 60:
				want["deactivations"]++
			case 30:
				want["keycreations"]++
			}
			if r.State == 2024 {
				want["seatlimit"]++
				limitKeys[r.Key] = true
			}
		}
		want["seatlimitkeys"] = len(limitKeys)
		got := r.printed(t, "activations")
		for _, k := range []string{"activations", "deactivations", "keycreations", "activationfailures", "seatlimit", "seatlimitkeys"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
