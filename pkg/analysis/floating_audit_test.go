package analysis

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// seatRow builds a floating row of key K at t0+offset seconds.
func seatRow(id int64, t0 time.Time, offset int, state cryptolens.State, machine, friendly string, expiresOffset int) cryptolens.WebAPILog {
	r := row(id, t0.Add(time.Duration(offset)*time.Second), state, "K", machine, friendly)
	if expiresOffset != 0 {
		r.FloatingExpires = t0.Add(time.Duration(expiresOffset) * time.Second)
	}
	return r
}

func TestAuditFloatingLicense(t *testing.T) {
	t0 := at(1, 0)
	w := cryptolens.Window{Since: t0, Until: at(2, 0)}
	asOf := at(2, 0)
	day := 24 * 3600
	logs := []cryptolens.WebAPILog{
		// out of order on purpose: the audit sorts by id
		seatRow(9, t0, 3000, 2014, "C", "carol", 3600),
		seatRow(1, t0, -20000, 2014, "OLD", "old", 100),    // before the look-back
		seatRow(2, t0, -5000, 2014, "PRE", "pre", 1000),    // kept: expires inside the window
		seatRow(3, t0, -4000, 2014, "PRE2", "pre2", -100),  // dropped by the keep rule
		seatRow(4, t0, -3000, 2024, "Z", "zed", 0),         // kept: 2024
		seatRow(5, t0, 2000, 2014, "A", "alice", 2600),     // PRE expires before this row
		seatRow(6, t0, 2100, 2015, "B", "bob", 2700),       // overdraft
		seatRow(7, t0, 2200, 2014, "A", "alice", 2800),     // verification
		seatRow(8, t0, 2300, 6011, "B", "bob", 0),          // release
		seatRow(10, t0, 3100, 2014, "D", "dave", day+3600), // still held at asOf
		seatRow(11, t0, 3200, 6011, "X", "xavier", 0),      // release of an unknown machine
		seatRow(12, t0, 3300, 2020, "Y", "yan", 0),         // not an audit state
		seatRow(13, t0, 3400, 2010, "Y", "yan", 0),         // node-locked
		seatRow(14, t0, day, 2014, "E", "eve", day+100),    // at Until: outside
	}
	act := func(offset int, a AuditAction, free int, machine, friendly string, id int64, expired bool) AuditActivity {
		return AuditActivity{Time: t0.Add(time.Duration(offset) * time.Second), Action: a, FreeSeats: free,
			MachineCode: machine, FriendlyName: friendly, ID: id, Expired: expired}
	}
	want := FloatingAudit{
		// The look-back's rows (ids 2 and 4) set who holds a seat at t0 but
		// are neither listed nor counted.
		Summary: AuditSummary{MaxNoOfMachines: 2, ActiveNow: 1, SeatsAvailableNow: 1, Overdrafts: 1,
			DeviceLimitReached: 0, Activations: 4, Verifications: 1, Deactivations: 5, ExpiryDeactivations: 3},
		Start: t0, FreeSeatsAtStart: 1,
		Activities: []AuditActivity{
			act(1000, ActionDeactivation, 2, "PRE", "pre", 2, true), // its own name, not alice's
			act(2000, ActionActivation, 1, "A", "alice", 5, false),
			act(2100, ActionActivation, 0, "B", "bob", 6, false),
			act(2200, ActionVerification, 0, "A", "alice", 7, false),
			act(2300, ActionDeactivation, 1, "B", "bob", 8, false),
			act(2800, ActionDeactivation, 2, "A", "alice", 7, true),
			act(3000, ActionActivation, 1, "C", "carol", 9, false),
			act(3100, ActionActivation, 0, "D", "dave", 10, false),
			act(3200, ActionDeactivation, 0, "X", "xavier", 11, false),
			act(3600, ActionDeactivation, 1, "C", "carol", 9, true),
		},
	}
	got := AuditFloatingLicense(logs, 2, w, asOf)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	wantSeries := []SeatPoint{
		{t0, 1}, {t0.Add(1000 * time.Second), 2},
		{t0.Add(2000 * time.Second), 1}, {t0.Add(2100 * time.Second), 0}, {t0.Add(2200 * time.Second), 0},
		{t0.Add(2300 * time.Second), 1}, {t0.Add(2800 * time.Second), 2}, {t0.Add(3000 * time.Second), 1},
		{t0.Add(3100 * time.Second), 0}, {t0.Add(3200 * time.Second), 0}, {t0.Add(3600 * time.Second), 1},
	}
	if diff := cmp.Diff(wantSeries, FreeSeatsOverTime(got)); diff != "" {
		t.Errorf("FreeSeatsOverTime (-want +got):\n%s", diff)
	}
}

func TestAuditFloatingLicenseEdges(t *testing.T) {
	t0 := at(1, 0)
	act := func(offset int, a AuditAction, free int, machine string, id int64, expired bool) AuditActivity {
		return AuditActivity{Time: t0.Add(time.Duration(offset) * time.Second), Action: a, FreeSeats: free,
			MachineCode: machine, ID: id, Expired: expired}
	}
	tests := []struct {
		name string
		logs []cryptolens.WebAPILog
		max  int
		w    cryptolens.Window
		asOf time.Time
		want FloatingAudit
	}{
		{"no rows", nil, 3, cryptolens.Window{Since: t0}, t0,
			FloatingAudit{Summary: AuditSummary{MaxNoOfMachines: 3, SeatsAvailableNow: 3}, Start: t0, FreeSeatsAtStart: 3}},
		{"overdraft goes negative; expiries at one instant show the seats free at that instant",
			[]cryptolens.WebAPILog{
				seatRow(1, t0, 0, 2014, "A", "", 100),
				seatRow(2, t0, 10, 2015, "B", "", 100),
				seatRow(3, t0, 100, 2014, "C", "", 200),
			}, 1, cryptolens.Window{Since: t0}, t0.Add(150 * time.Second),
			FloatingAudit{
				Summary: AuditSummary{MaxNoOfMachines: 1, ActiveNow: 1, SeatsAvailableNow: 0, Overdrafts: 1,
					Activations: 3, Deactivations: 2, ExpiryDeactivations: 2},
				Start: t0, FreeSeatsAtStart: 1,
				Activities: []AuditActivity{
					act(0, ActionActivation, 0, "A", 1, false),
					act(10, ActionActivation, -1, "B", 2, false),
					act(100, ActionDeactivation, 1, "A", 1, true), // both seats are gone at 100
					act(100, ActionDeactivation, 1, "B", 2, true),
					act(100, ActionActivation, 0, "C", 3, false),
				},
			}},
		{"expiry before its own row comes first with all seats free; open window keeps everything",
			[]cryptolens.WebAPILog{
				seatRow(1, t0, -90000, 2014, "A", "", -90010),
				seatRow(2, t0, -80000, 2014, "B", "", 50),
			}, 2, cryptolens.Window{}, t0.Add(100 * time.Second),
			FloatingAudit{
				Summary: AuditSummary{MaxNoOfMachines: 2, ActiveNow: 0, SeatsAvailableNow: 2,
					Activations: 2, Deactivations: 2, ExpiryDeactivations: 2},
				FreeSeatsAtStart: 2,
				Activities: []AuditActivity{
					act(-90010, ActionDeactivation, 2, "A", 1, true),
					act(-90000, ActionActivation, 2, "A", 1, false),
					act(-80000, ActionActivation, 1, "B", 2, false),
					act(50, ActionDeactivation, 2, "B", 2, true),
				},
			}},
		{"a seat whose expiry equals a row's time is gone at that row",
			[]cryptolens.WebAPILog{
				seatRow(1, t0, 0, 2014, "A", "", 100),
				seatRow(2, t0, 100, 2014, "B", "", 200),
				seatRow(3, t0, 110, 2014, "A", "", 210),
			}, 2, cryptolens.Window{Since: t0}, t0.Add(120 * time.Second),
			FloatingAudit{
				Summary: AuditSummary{MaxNoOfMachines: 2, ActiveNow: 2, SeatsAvailableNow: 0,
					Activations: 3, Deactivations: 1, ExpiryDeactivations: 1},
				Start: t0, FreeSeatsAtStart: 2,
				Activities: []AuditActivity{
					act(0, ActionActivation, 1, "A", 1, false),
					act(100, ActionDeactivation, 2, "A", 1, true),
					act(100, ActionActivation, 1, "B", 2, false),
					act(110, ActionActivation, 0, "A", 3, false),
				},
			}},
		{"rows after asOf are ignored",
			[]cryptolens.WebAPILog{seatRow(1, t0, 10, 2014, "A", "", 500)}, 1,
			cryptolens.Window{Since: t0}, t0,
			FloatingAudit{Summary: AuditSummary{MaxNoOfMachines: 1, SeatsAvailableNow: 1}, Start: t0, FreeSeatsAtStart: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, AuditFloatingLicense(tt.logs, tt.max, tt.w, tt.asOf)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeyRows(t *testing.T) {
	logs := []cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "K"}, {ID: 2, ProductID: 4, Key: "K"}, {ID: 3, ProductID: 3, Key: "L"},
		{ID: 4, ProductID: 3, Key: "K"},
	}
	if diff := cmp.Diff([]cryptolens.WebAPILog{logs[0], logs[3]}, KeyRows(logs, 3, "K")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
