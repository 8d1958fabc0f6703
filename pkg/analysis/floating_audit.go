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
	// Overdrafts counts the 2015 rows inside the window (activations over
	// the seat limit); DeviceLimitReached counts the 2024 rows inside it.
	Overdrafts         int
	DeviceLimitReached int
	// Counts of the activities inside the window by action;
	// ExpiryDeactivations is the part of Deactivations that are expiries.
	Activations, Verifications, Deactivations, ExpiryDeactivations int
}

// FloatingAudit is the result of [AuditFloatingLicense].
type FloatingAudit struct {
	Summary AuditSummary
	// Start is the window's start (zero for an open window) and
	// FreeSeatsAtStart the seats free then, after the look-back's rows:
	// MaxNoOfMachines when none is held.
	Start            time.Time
	FreeSeatsAtStart int
	// Activities are the activities inside the window, by Time, then ID,
	// logged before expired, then machine code.
	Activities []AuditActivity
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

// AuditFloatingLicense replays the floating seats of one license key, after
// Cryptolens's FloatingLicenseAudit (reporting-tools,
// FloatingLicenseAudit/Program.cs), over logs, the rows of one license key
// (see [KeyRows]), with maxMachines its MaxNoOfMachines.
//
// Rows read (Cryptolens's rule): states 2014, 2015, 6011 and 2024 only,
// with Time before w.Until (when set), not after asOf, and not before
// w.Since - [FloatingLookBack] (when Since is set). The original crawls
// pages of 1000 rows newest first and stops at the first page whose newest
// row is older than that look-back; this reads exactly the rows the
// look-back guarantees, whatever the page size. Keep rule (Cryptolens's): a
// row is kept when FloatingExpires >= w.Since, Time >= w.Since, its state is
// 6011, or its state is 2024.
//
// Kept rows are processed in ascending id order against a set of machines
// holding a seat, each with an expiry (machine codes compared exactly):
//   - first, every seat whose expiry (0 < expiry <= the row's time) has
//     passed lapses at its expiry time: a Deactivation with Expired set,
//     in expiry order (then machine code);
//   - a failed row other than 2024, and states 2010-2013, are skipped;
//   - 2024 gives DeviceLimitReached and changes no seat;
//   - 2014 or 2015 gives Verification and renews the expiry when the
//     machine holds a seat, otherwise Activation and a new seat with that
//     expiry; 2015 is an overdraft;
//   - 6011 gives Deactivation and releases the machine's seat, if any.
//
// After the last row, the seats with 0 < expiry <= asOf lapse the same way.
// Every activity's FreeSeats is maxMachines minus the seats whose expiry
// lies after the activity's time, once the activity is applied.
//
// Only the window is reported: Activities lists the activities at or after
// w.Since (the look-back's rows only decide who holds a seat when the window
// begins; FreeSeatsAtStart is the seats free then), sorted by Time, then ID,
// logged rows before expiries, then machine code, and the Summary counts
// those activities and the 2015 and 2024 rows among them. SeatsAvailableNow
// is maxMachines minus the seats whose expiry is after asOf.
//
// Where this differs from Cryptolens's tool: the tool checks for lapsed
// seats only after processing each row, so a machine whose seat lapsed
// before its own next heartbeat is counted as a Verification and no expiry
// is shown; here the seat lapses at its expiry time and the heartbeat is a
// new Activation. The tool also lists and counts the look-back's rows. An
// expiry carries the expired machine's own friendly name (from the row that
// set its expiry; the tool copies the current row's name), and a 2024 row
// keeps the action DeviceLimitReached (the documented intent; in the
// versions of Program.cs read, the "State/1000 == 2" branch that follows
// overwrites it with Activation). Expiry uses "expiry <= time", as the tool
// does (the prose of the API notes says "<").
func AuditFloatingLicense(logs []cryptolens.WebAPILog, maxMachines int, w cryptolens.Window, asOf time.Time) FloatingAudit {
	rows := auditRows(logs, w, asOf)
	seats := map[string]*seat{}
	var acts []AuditActivity
	overdraft := map[int64]bool{}
	for i := range rows {
		r := &rows[i]
		now := r.Time.Unix()
		acts = expireSeats(seats, now, maxMachines, acts)
		if (r.State.Failed() && r.State != cryptolens.StateSeatLimitReached) ||
			(r.State >= cryptolens.StateActivation && r.State <= cryptolens.StateActivation3) {
			continue
		}
		var action AuditAction
		switch {
		case r.State == cryptolens.StateSeatLimitReached:
			action = ActionDeviceLimitReached
		case r.State.Group() == cryptolens.GroupActivation:
			action = ActionActivation
			if r.State == cryptolens.StateFloatingActivation || r.State == cryptolens.StateFloatingOverdraft {
				if r.State == cryptolens.StateFloatingOverdraft {
					overdraft[r.ID] = true
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
		acts = append(acts, AuditActivity{Time: r.Time, Action: action,
			FreeSeats: maxMachines - activeSeats(seats, now), MachineCode: r.MachineCode,
			FriendlyName: r.FriendlyName, ID: r.ID})
	}
	acts = expireSeats(seats, asOf.Unix(), maxMachines, acts)
	sortActivities(acts)
	out := FloatingAudit{Start: w.Since, FreeSeatsAtStart: maxMachines}
	first := 0
	if !w.Since.IsZero() {
		for first < len(acts) && acts[first].Time.Before(w.Since) {
			out.FreeSeatsAtStart = acts[first].FreeSeats
			first++
		}
	}
	out.Activities = acts[first:]
	sum := AuditSummary{MaxNoOfMachines: maxMachines, ActiveNow: activeSeats(seats, asOf.Unix())}
	sum.SeatsAvailableNow = maxMachines - sum.ActiveNow
	for _, a := range out.Activities {
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
		case ActionDeviceLimitReached:
			sum.DeviceLimitReached++
		}
		if !a.Expired && overdraft[a.ID] {
			sum.Overdrafts++
		}
	}
	out.Summary = sum
	return out
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
// expiry deactivation for each at its expiry time, in expiry order and then
// machine-code order, with the seats free at that instant.
func expireSeats(seats map[string]*seat, now int64, maxMachines int, acts []AuditActivity) []AuditActivity {
	type lapse struct {
		machine string
		s       *seat
	}
	var expired []lapse
	for mc, s := range seats {
		if s.expires > 0 && s.expires <= now {
			expired = append(expired, lapse{mc, s})
		}
	}
	slices.SortFunc(expired, func(a, b lapse) int {
		if c := cmp.Compare(a.s.expires, b.s.expires); c != 0 {
			return c
		}
		return cmp.Compare(a.machine, b.machine)
	})
	for _, l := range expired {
		delete(seats, l.machine)
		acts = append(acts, AuditActivity{Time: time.Unix(l.s.expires, 0).UTC(), Action: ActionDeactivation,
			FreeSeats: maxMachines - activeSeats(seats, l.s.expires), MachineCode: l.machine,
			FriendlyName: l.s.friendlyName, ID: l.s.id, Expired: true})
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

// FreeSeatsOverTime returns the audit's free seats as a step series: a
// first point at the window's start with FreeSeatsAtStart (when the window
// has a start), then one point per distinct activity time, in time order,
// holding the FreeSeats of the last activity at that time (in the audit's
// order). The value holds until the next point; the seats held are
// Summary.MaxNoOfMachines minus the free seats, and the seat limit is
// MaxNoOfMachines.
func FreeSeatsOverTime(a FloatingAudit) []SeatPoint {
	var out []SeatPoint
	if !a.Start.IsZero() {
		out = append(out, SeatPoint{Time: a.Start, FreeSeats: a.FreeSeatsAtStart})
	}
	for _, act := range a.Activities {
		if n := len(out); n > 0 && out[n-1].Time.Equal(act.Time) {
			out[n-1].FreeSeats = act.FreeSeats
			continue
		}
		out = append(out, SeatPoint{Time: act.Time, FreeSeats: act.FreeSeats})
	}
	return out
}

// DefaultAuditKey returns the license key the floating audit reads when the
// report names none: the key with the most seat-limit refusals (state 2024)
// inside w, the key most short of seats. Among keys with as many refusals
// (or when no key has any), the one with the most rows of the audit's
// states (2014, 2015, 6011, 2024) inside w wins, then the lower product id,
// then the key in byte order. Rows without a key are ignored; ok is false
// when no row inside w has a key and one of those states.
func DefaultAuditKey(logs []cryptolens.WebAPILog, w cryptolens.Window) (productID int, key string, ok bool) {
	type productKey struct {
		product int
		key     string
	}
	type tally struct{ refusals, rows int }
	counts := map[productKey]*tally{}
	for i := range logs {
		r := &logs[i]
		if r.Key == "" || !auditStates[r.State] || !w.Contains(r.Time) {
			continue
		}
		k := productKey{r.ProductID, r.Key}
		c := counts[k]
		if c == nil {
			c = &tally{}
			counts[k] = c
		}
		c.rows++
		if r.State == cryptolens.StateSeatLimitReached {
			c.refusals++
		}
	}
	var best productKey
	var most *tally
	for k, c := range counts {
		better := most == nil || c.refusals > most.refusals ||
			c.refusals == most.refusals && (c.rows > most.rows || c.rows == most.rows &&
				(k.product < best.product || k.product == best.product && k.key < best.key))
		if better {
			best, most = k, c
		}
	}
	return best.product, best.key, most != nil
}
