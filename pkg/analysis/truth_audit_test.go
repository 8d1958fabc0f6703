package analysis

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// TestTruthFloatingAudit checks the audit of every floating key of the
// emulator's data against facts derived row by row from the kept rows.
func TestTruthFloatingAudit(t *testing.T) {
	for _, data := range []*emulator.Dataset{demoData(), hostileData()} {
		start := data.Config.Start()
		windows := []cryptolens.Window{
			{Since: start.Add(10*24*time.Hour + 5*time.Hour), Until: start.Add(13 * 24 * time.Hour)},
			{Since: start, Until: data.Config.End},
		}
		audited := 0
		for _, lic := range data.Licenses {
			if !lic.Floating {
				continue
			}
			for wi, w := range windows {
				name := fmt.Sprintf("%s/hostile=%v/window%d", lic.Key, data.Config.Hostile, wi)
				rows := data.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
					return r.ProductID == lic.ProductID && r.Key == lic.Key
				})
				asOf := w.Until
				audit := AuditFloatingLicense(rows, lic.MaxNoOfMachines, w, asOf)
				checkAudit(t, name, plainKeptRows(rows, w, asOf), lic, audit, w, asOf)
				if len(audit.Activities) > 0 {
					audited++
				}
			}
		}
		if audited < 10 {
			t.Errorf("only %d audits had activities: the test data changed", audited)
		}
	}
}

// plainKeptRows applies the audit's row rules written out one by one.
func plainKeptRows(rows []cryptolens.WebAPILog, w cryptolens.Window, asOf time.Time) []cryptolens.WebAPILog {
	since := w.Since.Unix()
	var kept []cryptolens.WebAPILog
	for _, r := range rows {
		s := int(r.State)
		if s != 2014 && s != 2015 && s != 6011 && s != 2024 {
			continue
		}
		if r.Time.Unix() >= w.Until.Unix() || r.Time.Unix() > asOf.Unix() || r.Time.Unix() < since-10000 {
			continue
		}
		if r.FloatingExpires.Unix() >= since || r.Time.Unix() >= since || s == 6011 || s == 2024 {
			kept = append(kept, r)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
	return kept
}

func isSeatRow(r cryptolens.WebAPILog) bool { return r.State == 2014 || r.State == 2015 }

// holdsSeat reports whether machine holds a seat at row index i of kept
// (after processing it): its last seat row up to i has no 6011 after it up
// to i, and expires after kept[i].Time.
func holdsSeat(kept []cryptolens.WebAPILog, i int, machine string, at int64) bool {
	for j := i; j >= 0; j-- {
		r := kept[j]
		if r.MachineCode != machine {
			continue
		}
		if r.State == 6011 {
			return false
		}
		if isSeatRow(r) {
			return r.FloatingExpires.Unix() > at
		}
	}
	return false
}

// checkAudit checks an audit against the rules written out row by row:
// every kept row is processed (the look-back's rows only set who holds a
// seat when the window begins), but only the activities inside the window
// are listed and counted; a seat lapses at its expiry time, before any
// later row is processed.
func checkAudit(t *testing.T, name string, kept []cryptolens.WebAPILog, lic emulator.License, a FloatingAudit, w cryptolens.Window, asOf time.Time) {
	t.Helper()
	fail := func(format string, args ...any) { t.Errorf("%s: "+format, append([]any{name}, args...)...) }
	since := w.Since.Unix()
	machines := map[string]bool{}
	overdrafts, limits := 0, 0
	for _, r := range kept {
		machines[r.MachineCode] = true
		if r.Time.Unix() < since {
			continue
		}
		switch r.State {
		case 2015:
			overdrafts++
		case 2024:
			limits++
		}
	}
	if a.Summary.Overdrafts != overdrafts || a.Summary.DeviceLimitReached != limits {
		fail("overdrafts %d, limits %d; want %d, %d (rows inside the window only)", a.Summary.Overdrafts, a.Summary.DeviceLimitReached, overdrafts, limits)
	}

	// Logged activities: one per kept row inside the window, in id order.
	var logged, expired []AuditActivity
	counts := map[AuditAction]int{}
	for i, act := range a.Activities {
		if act.Time.Unix() < since {
			fail("activity %+v lies before the window", act)
		}
		counts[act.Action]++
		if act.Expired {
			expired = append(expired, act)
		} else {
			logged = append(logged, act)
		}
		if i > 0 {
			p := a.Activities[i-1]
			if act.Time.Before(p.Time) || (act.Time.Equal(p.Time) && act.ID < p.ID) {
				fail("activities %d and %d out of order", i-1, i)
			}
		}
	}
	s := a.Summary
	if s.Activations != counts[ActionActivation] || s.Verifications != counts[ActionVerification] ||
		s.Deactivations != counts[ActionDeactivation] || s.ExpiryDeactivations != len(expired) {
		fail("summary %+v does not count the listed activities %v (%d expiries)", s, counts, len(expired))
	}
	var inWindow []int // indexes into kept
	for i, r := range kept {
		if r.Time.Unix() >= since {
			inWindow = append(inWindow, i)
		}
	}
	if len(logged) != len(inWindow) {
		fail("%d logged activities, want %d (the kept rows inside the window)", len(logged), len(inWindow))
		return
	}
	sort.SliceStable(logged, func(i, j int) bool { return logged[i].ID < logged[j].ID })
	for li, i := range inWindow {
		r, act := kept[i], logged[li]
		if act.ID != r.ID || !act.Time.Equal(r.Time) || act.MachineCode != r.MachineCode || act.FriendlyName != r.FriendlyName {
			fail("activity %+v does not match row %+v", act, r)
			continue
		}
		var want AuditAction
		switch {
		case r.State == 2024:
			want = ActionDeviceLimitReached
		case r.State == 6011:
			want = ActionDeactivation
		default:
			want = ActionActivation
			// Verification when the machine still holds its seat at this
			// row's time: a seat that lapsed before it is a new activation.
			if i > 0 && holdsSeatOrNoExpiry(kept, i-1, r.MachineCode, r.Time.Unix()) {
				want = ActionVerification
			}
		}
		if act.Action != want {
			fail("row %d (state %d) action %s, want %s", r.ID, r.State, act.Action, want)
		}
		active := 0
		for m := range machines {
			if holdsSeat(kept, i, m, r.Time.Unix()) {
				active++
			}
		}
		if act.FreeSeats != lic.MaxNoOfMachines-active {
			fail("row %d free seats %d, want %d - %d", r.ID, act.FreeSeats, lic.MaxNoOfMachines, active)
		}
		// The emulator logs 2024 only while every seat (and the allowed
		// overdraft) is held.
		if r.State == 2024 && act.FreeSeats > -lic.AllowedOverdraft {
			fail("row %d: seat limit reached with %d free seats (overdraft %d)", r.ID, act.FreeSeats, lic.AllowedOverdraft)
		}
	}

	// Expiries: exactly the seat rows whose expiry came before the
	// machine's next row (or before asOf when there is none), and inside
	// the window, each at its expiry time, with that row's machine and
	// friendly name, and the seats free at that instant.
	wantExpired := map[int64]bool{}
	for i, r := range kept {
		exp := r.FloatingExpires.Unix()
		if !isSeatRow(r) || exp <= 0 || exp < since {
			continue
		}
		next := len(kept)
		for j := i + 1; j < len(kept); j++ {
			if kept[j].MachineCode == r.MachineCode && kept[j].State != 2024 {
				next = j
				break
			}
		}
		if next == len(kept) && exp <= asOf.Unix() || next < len(kept) && exp <= kept[next].Time.Unix() {
			wantExpired[r.ID] = true
		}
	}
	byID := map[int64]int{}
	for i, r := range kept {
		byID[r.ID] = i
	}
	for _, act := range expired {
		i, ok := byID[act.ID]
		if !ok || !wantExpired[act.ID] {
			fail("unexpected expiry %+v", act)
			continue
		}
		s := kept[i]
		if act.Action != ActionDeactivation || act.MachineCode != s.MachineCode ||
			act.FriendlyName != s.FriendlyName || !act.Time.Equal(s.FloatingExpires) {
			fail("expiry %+v does not match row %+v", act, s)
		}
		// Seats held at the expiry instant: the rows before it decide.
		e := act.Time.Unix()
		last := -1
		for j, r := range kept {
			if r.Time.Unix() < e {
				last = j
			}
		}
		active := 0
		for m := range machines {
			if last >= 0 && holdsSeat(kept, last, m, e) {
				active++
			}
		}
		if act.FreeSeats != lic.MaxNoOfMachines-active {
			fail("expiry %+v: free seats %d, want %d - %d", act, act.FreeSeats, lic.MaxNoOfMachines, active)
		}
		delete(wantExpired, act.ID)
	}
	if len(wantExpired) > 0 {
		fail("missing expiries of rows %v", wantExpired)
	}

	active := 0
	for m := range machines {
		if holdsSeat(kept, len(kept)-1, m, asOf.Unix()) {
			active++
		}
	}
	if a.Summary.ActiveNow != active || a.Summary.SeatsAvailableNow != lic.MaxNoOfMachines-active {
		fail("summary %+v, want %d active now", a.Summary, active)
	}
}

// holdsSeatOrNoExpiry is holdsSeat where a seat without expiry (0) never
// runs out.
func holdsSeatOrNoExpiry(kept []cryptolens.WebAPILog, i int, machine string, at int64) bool {
	for j := i; j >= 0; j-- {
		r := kept[j]
		if r.MachineCode != machine {
			continue
		}
		if r.State == 6011 {
			return false
		}
		if isSeatRow(r) {
			return r.FloatingExpires.IsZero() || r.FloatingExpires.Unix() > at
		}
	}
	return false
}

// TestTruthDefaultAuditKey checks the key the audit reads by default: the
// most seat-limit refusals (2024) inside the window, then the most floating
// rows, then product id and key.
func TestTruthDefaultAuditKey(t *testing.T) {
	differs := 0
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			refusals, rows := map[string]int{}, map[string]int{}
			product := map[string]int{}
			for _, r := range tc.data.WebAPILog {
				s := int(r.State)
				if r.Key == "" || !inWindow(tc.w, r.Time) || (s != 2014 && s != 2015 && s != 6011 && s != 2024) {
					continue
				}
				k := fmt.Sprintf("%010d/%s", r.ProductID, r.Key)
				product[k] = r.ProductID
				rows[k]++
				if s == 2024 {
					refusals[k]++
				}
			}
			keys := sortedKeys(rows) // by product id, then key
			sort.SliceStable(keys, func(i, j int) bool {
				a, b := keys[i], keys[j]
				if refusals[a] != refusals[b] {
					return refusals[a] > refusals[b]
				}
				return rows[a] > rows[b]
			})
			if len(keys) == 0 || refusals[keys[0]] == 0 {
				t.Fatal("no seat-limit refusal in the window: the test data changed")
			}
			busiest := keys[0]
			for _, k := range keys {
				if rows[k] > rows[busiest] {
					busiest = k
				}
			}
			if busiest != keys[0] {
				differs++
			}
			p, key, ok := DefaultAuditKey(tc.data.WebAPILog, tc.w)
			if got := fmt.Sprintf("%010d/%s", p, key); !ok || got != keys[0] {
				t.Errorf("DefaultAuditKey = %s (ok %v), want %s (%d refusals, %d rows)", got, ok, keys[0], refusals[keys[0]], rows[keys[0]])
			}
		})
	}
	if differs < 2 {
		t.Errorf("the key with the most refusals is the busiest key in %d cases of 4: the test does not discriminate", 4-differs)
	}
}
