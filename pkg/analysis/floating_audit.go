package analysis

import (
	"cmp"
	"slices"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// FloatingLookBack is how far before the window's start the floating audit
// reads rows: Cryptolens's maxFloatingInterval of 10000 seconds.
const FloatingLookBack = 10000 * time.Second

// AuditAction is what an activity of the floating audit did to a seat.
type AuditAction string

// The actions of the floating audit, named as in Cryptolens's
// FloatingLicenseAudit.
const (
	ActionActivation         AuditAction = "Activation"         // a machine took a seat
	ActionVerification       AuditAction = "Verification"       // a machine holding a seat renewed it
	ActionDeactivation       AuditAction = "Deactivation"       // a seat was released or expired
	ActionDeviceLimitReached AuditAction = "DeviceLimitReached" // an activation failed: no free seat (2024)
)

// AuditActivity is one line of the floating audit.
type AuditActivity struct {
	Time         time.Time
	Action       AuditAction
	FreeSeats    int // seats free after the activity; negative during an overdraft
	MachineCode  string
	FriendlyName string
	// ID is the Web API Log row's id. For an expiry deactivation it is the
	// id of the row that set the expiry that ran out.
	ID int64
	// Expired marks a deactivation that no row logged: the machine's seat
	// expired (FloatingExpires passed) without a release.
	Expired bool
}

// AuditSummary is the header of the floating audit.
type AuditSummary struct {
	MaxNoOfMachines int
	// ActiveNow is the number of machines whose seat is still held at asOf
	// (expiry after asOf); SeatsAvailableNow is MaxNoOfMachines - ActiveNow
	// ("At this point, N seats are available.").
	ActiveNow         int
	SeatsAvailableNow int
	// Overdrafts counts the 2015 rows processed (activations over the seat
	// limit); DeviceLimitReached counts the 2024 rows.
	Overdrafts         int
	DeviceLimitReached int
	// Counts of the activities by action; ExpiryDeactivations is the part of
	// Deactivations that are expiries.
	Activations, Verifications, Deactivations, ExpiryDeactivations int
}

// FloatingAudit is the result of [AuditFloatingLicense].
type FloatingAudit struct {
	Summary    AuditSummary
	Activities []AuditActivity // by Time, then ID, logged before expired, then machine code
}

// auditStates are the states the audit reads (its GetWebAPILog States filter).
var auditStates = map[cryptolens.State]bool{
	cryptolens.StateFloatingActivation: true, cryptolens.StateFloatingOverdraft: true,
	cryptolens.StateFloatingDeactivation: true, cryptolens.StateSeatLimitReached: true,
}

// KeyRows returns the Web API Log rows of one license key (product id and
// key string both equal), in their original order: the input of
// [AuditFloatingLicense].
func KeyRows(logs []cryptolens.WebAPILog, productID int, key string) []cryptolens.WebAPILog {
	var out []cryptolens.WebAPILog
	for i := range logs {
		if logs[i].ProductID == productID && logs[i].Key == key {
			out = append(out, logs[i])
		}
	}
	return out
}

// seat is a machine holding a floating seat.
type seat struct {
	expires      int64 // Unix seconds; 0 = none
	friendlyName string
	id           int64 // row that set expires
}

// AuditFloatingLicense is Cryptolens's FloatingLicenseAudit (reporting-tools,
// FloatingLicenseAudit/Program.cs) ported to Go, over logs, the rows of one
// license key (see [KeyRows]), with maxMachines its MaxNoOfMachines.
//
// Rows read: states 2014, 2015, 6011 and 2024 only, with Time before
// w.Until (when set), not after asOf, and not before w.Since -
// [FloatingLookBack] (when Since is set). The original crawls pages of 1000
// rows newest first and stops at the first page whose newest row is older
// than that look-back; this reads exactly the rows the look-back guarantees,
// whatever the page size.
//
// Keep rule (as the original): a row is kept when FloatingExpires >=
// w.Since, Time >= w.Since, its state is 6011, or its state is 2024. Kept
// rows are processed in ascending id order against a set of machines
// holding a seat, each with an expiry (machine codes compared exactly):
//   - a failed row other than 2024, and states 2010-2013, are skipped;
//   - 2024 gives DeviceLimitReached and changes no seat;
//   - 2014 or 2015 gives Verification and renews the expiry when the
//     machine holds a seat, otherwise Activation and a new seat with that
//     expiry; each 2015 adds one to Overdrafts;
//   - 6011 gives Deactivation and releases the machine's seat, if any;
//   - FreeSeats = maxMachines - the machines whose expiry is after the row's
//     time;
//   - then every machine with 0 < expiry <= the row's time loses its seat,
//     and a Deactivation with Expired set is emitted at its expiry time.
//
// After the last row, machines with 0 < expiry <= asOf expire the same way.
// Activities are sorted by Time, then ID, logged rows before expiries, then
// machine code. An expiry's FreeSeats is min(previous activity's FreeSeats
// + 1, maxMachines), maxMachines when it comes first, filled in that order
// as the original does. SeatsAvailableNow is maxMachines - the machines whose
// expiry is after asOf.
//
// Two deliberate differences from the original: an expiry deactivation
// carries the expired machine's own friendly name (from the row that set its
// expiry; the original copies the current row's name), and a 2024 row keeps
// the action DeviceLimitReached (the documented intent; in the versions of
// Program.cs read, the "State/1000 == 2" branch that follows overwrites it
// with Activation). Expiry uses "expiry <= time", as the code does (the
// prose of the API notes says "<").
func AuditFloatingLicense(logs []cryptolens.WebAPILog, maxMachines int, w cryptolens.Window, asOf time.Time) FloatingAudit {
	rows := auditRows(logs, w, asOf)
	seats := map[string]*seat{}
	var acts []AuditActivity
	sum := AuditSummary{MaxNoOfMachines: maxMachines}
	for i := range rows {
		r := &rows[i]
		if (r.State.Failed() && r.State != cryptolens.StateSeatLimitReached) ||
			(r.State >= cryptolens.StateActivation && r.State <= cryptolens.StateActivation3) {
			continue
		}
		var action AuditAction
		switch {
		case r.State == cryptolens.StateSeatLimitReached:
			action = ActionDeviceLimitReached
			sum.DeviceLimitReached++
		case r.State.Group() == cryptolens.GroupActivation:
			action = ActionActivation
			if r.State == cryptolens.StateFloatingActivation || r.State == cryptolens.StateFloatingOverdraft {
				if r.State == cryptolens.StateFloatingOverdraft {
					sum.Overdrafts++
				}
				s := seats[r.MachineCode]
				if s != nil {
					action = ActionVerification
				} else {
					s = &seat{}
					seats[r.MachineCode] = s
				}
				*s = seat{expires: unixOrZero(r.FloatingExpires), friendlyName: r.FriendlyName, id: r.ID}
			}
		case r.State.Group() == cryptolens.GroupDeactivation:
			action = ActionDeactivation
			if r.State == cryptolens.StateFloatingDeactivation {
				delete(seats, r.MachineCode)
			}
		default:
			continue
		}
		now := r.Time.Unix()
		acts = append(acts, AuditActivity{Time: r.Time, Action: action,
			FreeSeats: maxMachines - activeSeats(seats, now), MachineCode: r.MachineCode,
			FriendlyName: r.FriendlyName, ID: r.ID})
		acts = expireSeats(seats, now, acts)
	}
	acts = expireSeats(seats, asOf.Unix(), acts)
	sortActivities(acts)
	for i := range acts {
		if !acts[i].Expired {
			continue
		}
		prev := maxMachines
		if i > 0 {
			prev = acts[i-1].FreeSeats + 1
		}
		acts[i].FreeSeats = min(prev, maxMachines)
	}
	sum.ActiveNow = activeSeats(seats, asOf.Unix())
	sum.SeatsAvailableNow = maxMachines - sum.ActiveNow
	for _, a := range acts {
		switch a.Action {
		case ActionActivation:
			sum.Activations++
		case ActionVerification:
			sum.Verifications++
		case ActionDeactivation:
			sum.Deactivations++
			if a.Expired {
				sum.ExpiryDeactivations++
			}
		}
	}
	return FloatingAudit{Summary: sum, Activities: acts}
}

// auditRows applies the state filter, the look-back and the keep rule, and
// sorts by id.
func auditRows(logs []cryptolens.WebAPILog, w cryptolens.Window, asOf time.Time) []cryptolens.WebAPILog {
	var rows []cryptolens.WebAPILog
	for _, r := range logs {
		switch {
		case !auditStates[r.State],
			!w.Until.IsZero() && !r.Time.Before(w.Until),
			r.Time.After(asOf),
			!w.Since.IsZero() && r.Time.Before(w.Since.Add(-FloatingLookBack)):
			continue
		}
		keep := w.Since.IsZero() || !r.FloatingExpires.Before(w.Since) || !r.Time.Before(w.Since) ||
			r.State == cryptolens.StateFloatingDeactivation || r.State == cryptolens.StateSeatLimitReached
		if keep {
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(a, b cryptolens.WebAPILog) int { return cmp.Compare(a.ID, b.ID) })
	return rows
}

// activeSeats counts the machines whose expiry is after now.
func activeSeats(seats map[string]*seat, now int64) int {
	n := 0
	for _, s := range seats {
		if s.expires > now {
			n++
		}
	}
	return n
}

// expireSeats removes the machines with 0 < expiry <= now and appends an
// expiry deactivation for each, in machine-code order.
func expireSeats(seats map[string]*seat, now int64, acts []AuditActivity) []AuditActivity {
	var expired []string
	for mc, s := range seats {
		if s.expires > 0 && s.expires <= now {
			expired = append(expired, mc)
		}
	}
	slices.Sort(expired)
	for _, mc := range expired {
		s := seats[mc]
		acts = append(acts, AuditActivity{Time: time.Unix(s.expires, 0).UTC(), Action: ActionDeactivation,
			MachineCode: mc, FriendlyName: s.friendlyName, ID: s.id, Expired: true})
		delete(seats, mc)
	}
	return acts
}

func sortActivities(acts []AuditActivity) {
	slices.SortFunc(acts, func(a, b AuditActivity) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		if a.Expired != b.Expired {
			if a.Expired {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.MachineCode, b.MachineCode)
	})
}

// unixOrZero returns t's Unix seconds, or 0 for the zero time.
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// SeatPoint is one step of the free-seats-over-time series.
type SeatPoint struct {
	Time      time.Time
	FreeSeats int
}

// FreeSeatsOverTime returns the audit's free seats as a step series: one
// point per distinct activity time, in time order, holding the FreeSeats of
// the last activity at that time (in the audit's order). The value holds
// until the next point.
func FreeSeatsOverTime(a FloatingAudit) []SeatPoint {
	var out []SeatPoint
	for _, act := range a.Activities {
		if n := len(out); n > 0 && out[n-1].Time.Equal(act.Time) {
			out[n-1].FreeSeats = act.FreeSeats
			continue
		}
		out = append(out, SeatPoint{Time: act.Time, FreeSeats: act.FreeSeats})
	}
	return out
}
