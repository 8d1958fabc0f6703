package checks_test

import (
	"testing"

	"github.com/lensbook/lensbook/pkg/analysis"
)

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
		figs := r.figures(t, "The figures").ints("figure", "value")
		got := map[string]int{
			"changes": figs[analysis.FigureChanges], "added": figs[analysis.FigureAdded],
			"updated": figs[analysis.FigureUpdated], "deleted": figs[analysis.FigureDeleted],
			"performers": figs[analysis.FigureTeamMembers],
			"resources":  r.figures(t, "Changes by resource type and action").len(),
		}
		for _, k := range []string{"changes", "added", "updated", "deleted", "performers", "resources"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
		if n := r.figures(t, "Changes by team member").len(); n != want["performers"] {
			t.Errorf("%d team members on the chart, ground truth %d", n, want["performers"])
		}
		perDay, sum := r.figures(t, "Changes per day"), 0
		for i := range perDay.len() {
			sum += perDay.int(i, "Added") + perDay.int(i, "Updated") + perDay.int(i, "Deleted")
		}
		if perDay.len() != 30 || sum != want["added"]+want["updated"]+want["deleted"] {
			t.Errorf("changes per day: %d days, %d changes; ground truth 30 days, %d", perDay.len(), sum, want["added"]+want["updated"]+want["deleted"])
		}
	}
}
