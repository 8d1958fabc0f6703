package checks_test

import (
	"testing"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func init() {
	checks["success-vs-failure"] = func(t *testing.T, d *demo, r *run) {
		all, licensing := map[string]int{}, map[string]int{}
		for _, row := range d.data.WebAPILog {
			if !window.Contains(row.Time) {
				continue
			}
			outcome := map[int]string{1: "Success", 2: "Failure"}[int(row.State)%100/10]
			if outcome == "" {
				outcome = "Other"
			}
			all[outcome]++
			all["Total"]++
			// Key creations (30xx) and data-object operations (80xx) are not licensing requests.
			if g := row.State.Group(); g != cryptolens.GroupKeyCreation && g != cryptolens.GroupDataObject {
				licensing[outcome]++
				licensing["Total"]++
			}
		}
		table := r.figures(t, "Requests by outcome, ")
		gotAll, gotLicensing := table.ints("outcome", "count"), table.ints("outcome", "licensing")
		for _, o := range []string{"Success", "Failure", "Other", "Total"} {
			if gotAll[o] != all[o] || gotLicensing[o] != licensing[o] {
				t.Errorf("%s: %d requests, %d licensing; ground truth %d, %d", o, gotAll[o], gotLicensing[o], all[o], licensing[o])
			}
		}
		for i := range table.len() {
			o := table.str(i, "outcome")
			if share, want := table.float(i, "share"), float64(all[o])/float64(all["Total"]); !near(share, want) {
				t.Errorf("%s: share %v of all requests, ground truth %v", o, share, want)
			}
			if share, want := table.float(i, "licensing share"), float64(licensing[o])/float64(licensing["Total"]); !near(share, want) {
				t.Errorf("%s: share %v of licensing requests, ground truth %v", o, share, want)
			}
		}
	}
}
