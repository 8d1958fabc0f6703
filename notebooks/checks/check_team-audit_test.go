package checks_test

import "testing"

func init() {
	checks["team-audit"] = func(t *testing.T, d *demo, r *run) {
		performers, resources := map[string]bool{}, map[[2]int]bool{}
		want := map[string]int{}
		for _, e := range d.data.ObjectLog {
			if !window.Contains(e.Created) {
				continue
			}
			want["changes"]++
			switch e.ResourceAction {
			case 1:
				want["added"]++
			case 2:
				want["updated"]++
			case 3:
				want["deleted"]++
			}
			performers[e.PerformedByUserID] = true
			resources[[2]int{int(e.ResourceType), int(e.ResourceAction)}] = true
		}
		want["performers"], want["resources"] = len(performers), len(resources)
		got := r.printed(t, "changes")
		for _, k := range []string{"changes", "added", "updated", "deleted", "performers", "resources"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
