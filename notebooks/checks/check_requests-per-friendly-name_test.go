package checks_test

import (
	"slices"
	"strings"
	"testing"
)

func init() {
	checks["requests-per-friendly-name"] = func(t *testing.T, d *demo, r *run) {
		const topN = 10 // the notebook's default
		perName := map[string]int{}
		want := map[string]int{}
		for _, r := range d.data.WebLog {
			// Only the rows that name a machine are ranked.
			if window.Contains(r.Time) && strings.TrimSpace(r.MachineCode) != "" {
				perName[r.FriendlyName]++
				want["total"]++
			}
		}
		var counts []int
		for _, n := range perName {
			counts = append(counts, n)
		}
		slices.Sort(counts)
		slices.Reverse(counts)
		want["names"] = len(counts)
		want["top"] = counts[0]
		want["rest"] = want["total"]
		for _, n := range counts[:topN] {
			want["rest"] -= n
		}
		got := r.printed(t, "names")
		for _, k := range []string{"names", "top", "rest", "total"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
