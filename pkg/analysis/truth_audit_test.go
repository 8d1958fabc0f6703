package analysis

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/emulator"
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
				rows := data.WebLogWhere(func(r cryptolens.WebAPILog) bool {
					return r.ProductID == lic.ProductID && r.Key == lic.Key
				})
				asOf := w.Until
				audit := AuditFloatingLicense(rows, lic.MaxNoOfMachines, w, asOf)
				checkAudit(t, name, plainKeptRows(rows, w, asOf), lic, audit, asOf)
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

func checkAudit(t *testing.T, name string, kept []cryptolens.WebAPILog, lic emulator.License, a FloatingAudit, asOf time.Time) {
	t.Helper()
	fail := func(format string, args ...any) { t.Errorf("%s: "+format, append([]any{name}, args...)...) }
	machines := map[string]bool{}
	overdrafts, limits := 0, 0
	for _, r := range kept {
		machines[r.MachineCode] = true
		switch r.State {
		case 2015:
			overdrafts++
		case 2024:
			limits++
		}
	}
	if a.Summary.Overdrafts != overdrafts || a.Summary.DeviceLimitReached != limits {
		fail("overdrafts %d, limits %d; want %d, %d", a.Summary.Overdrafts, a.Summary.DeviceLimitReached, overdrafts, limits)
	}

	// Logged activities: one per kept row, in id order.
	var logged, expired []AuditActivity
	for i, act := range a.Activities {
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
	if len(logged) != len(kept) {
		fail("%d logged activities, want %d", len(logged), len(kept))
		return
	}
	sort.SliceStable(logged, func(i, j int) bool { return logged[i].ID < logged[j].ID })
	for i, r := range kept {
		act := logged[i]
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
			// Verification when the machine still held its seat after the
			// row before this one.
			if i > 0 && holdsSeatOrNoExpiry(kept, i-1, r.MachineCode, kept[i-1].Time.Unix()) {
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

	// Expiries: exactly the seat rows whose expiry passed before the
	// machine's next row, each with that row's machine and friendly name.
	wantExpired := map[int64]bool{}
	for i, s := range kept {
		exp := s.FloatingExpires.Unix()
		if !isSeatRow(s) || exp <= 0 {
			continue
		}
		next := len(kept)
		for j := i + 1; j < len(kept); j++ {
			if kept[j].MachineCode == s.MachineCode && kept[j].State != 2024 {
				next = j
				break
			}
		}
		detected := next == len(kept) && exp <= asOf.Unix()
		for q := i; q < next && !detected; q++ {
			detected = kept[q].Time.Unix() >= exp
		}
		if detected {
			wantExpired[s.ID] = true
		}
	}
	byID := map[int64]cryptolens.WebAPILog{}
	for _, r := range kept {
		byID[r.ID] = r
	}
	for _, act := range expired {
		s, ok := byID[act.ID]
		if !ok || !wantExpired[act.ID] || act.Action != ActionDeactivation || act.MachineCode != s.MachineCode ||
			act.FriendlyName != s.FriendlyName || !act.Time.Equal(s.FloatingExpires) ||
			act.FreeSeats > lic.MaxNoOfMachines {
			fail("unexpected expiry %+v (row %+v)", act, s)
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
