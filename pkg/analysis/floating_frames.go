package analysis

import (
	"fmt"
	"strconv"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// FloatingParams are the parameters of [FloatingLicenseReport].
type FloatingParams struct {
	// Key is the license key to audit; "" audits the key [DefaultAuditKey]
	// picks: the most seat-limit refusals (2024) in the window.
	Key string
	// ProductID restricts the key to one product; 0 means the product the
	// key's rows name (the one [DefaultAuditKey] picks among them).
	ProductID int
	// MaxMachines is the key's MaxNoOfMachines, the seat limit; 0 means an
	// estimate: the most seats seen held at once in the window.
	MaxMachines int
	// Window is the audited window and AsOf the instant of "now".
	Window cryptolens.Window
	AsOf   time.Time
	// TimelineRows is how many of the latest activities Timeline lists;
	// 0 lists them all.
	TimelineRows int
}

// Columns of the frames of a [FloatingReport].
const (
	ColTime         = "time"         // an instant, RFC 3339 UTC
	ColAction       = "action"       // Activation, Verification, Deactivation, Expiry or Seat limit reached
	ColMachine      = "machine"      // a machine code, shortened to 12 characters
	ColFriendlyName = "friendlyName" // the machine's friendly name
	ColFreeSeats    = "freeSeats"    // seats free after the activity; negative in an overdraft
	ColRowID        = "rowId"        // the Web API Log row's id, as text (an identifier, not a quantity)
	ColSeatsHeld    = "seatsHeld"    // seats held from this instant to the next row's
	ColSeatLimit    = "seatLimit"    // the seat limit (MaxNoOfMachines, or its estimate)
	ColFewestFree   = "fewestFree"   // the fewest seats free at any moment of the day
	ColFreeAtEnd    = "freeAtEnd"    // the seats free when the day ended
	ColProductID    = "productId"    // a product id, as text
	ColEstimated    = "limitEstimated"
)

// Action names of the audit's timeline.
const (
	TimelineExpiry       = "Expiry"
	TimelineLimitReached = "Seat limit reached"
)

// FloatingReport is the floating-license audit of one key, as DataFrames:
// what the floating-license-audit report shows.
type FloatingReport struct {
	// ProductID and Key are the audited key; Key is "" when no key has a
	// row of the audit's states (2014, 2015, 6011, 2024) in the window, and
	// then every frame is empty.
	ProductID int
	Key       string
	// SeatLimit is the MaxNoOfMachines the audit ran with; LimitEstimated
	// says it is the most seats seen held at once (MaxMachines was 0).
	SeatLimit      int
	LimitEstimated bool
	// Activities is the number of activities in the window; Timeline lists
	// the latest TimelineRows of them.
	Activities int
	// Audit is the typed result, for library users.
	Audit FloatingAudit
	// Audited is the audited key, one row (none when there is nothing to
	// audit): key, productId (text), seatLimit, limitEstimated (bool).
	Audited dataframe.DataFrame
	// Timeline: time, action, machine, friendlyName, freeSeats, rowId
	// (text); in time order, newest last.
	Timeline dataframe.DataFrame
	// SeatSteps is the seats held as a step series: time, seatsHeld,
	// seatLimit; a value holds until the next row's time. It starts at the
	// window's start and ends at the window's end (or asOf, if earlier).
	SeatSteps dataframe.DataFrame
	// FreeSeatsPerDay: day, fewestFree, freeAtEnd, for every day of the
	// window.
	FreeSeatsPerDay dataframe.DataFrame
	// Figures: figure, value. The counts are of the window's activities
	// only (see [AuditFloatingLicense]).
	Figures dataframe.DataFrame

	asked string // the key asked for, for Describe
}

// Names of the figures of [FloatingReport.Figures], in their order.
const (
	FigureSeatLimit     = "Seats (MaxNoOfMachines)"
	FigureActivations   = "Activations"
	FigureVerifications = "Verifications (heartbeats)"
	FigureReleases      = "Released seats (6011)"
	FigureExpiries      = "Expired seats"
	FigureOverdrafts    = "Overdrafts (2015)"
	FigureLimitReached  = "Seat limit reached (2024)"
	FigureHeldNow       = "Machines holding a seat now"
	FigureFreeNow       = "Seats available now"
)

// FloatingLicenseReport audits the floating seats of one license key over
// p.Window from web, a Web API Log frame (pkg/frames or pkg/report's
// frames) that also holds the [FloatingLookBack] before the window (a
// look-back of one day holds it). The key is p.Key, or the one
// [DefaultAuditKey] picks among the window's rows; its rows go through
// [AuditFloatingLicense] with p.MaxMachines seats, or, when that is 0, with
// the most seats seen held at once in the window (LimitEstimated).
//
// It fails when web carries an error or lacks one of the columns time,
// key, productId, state, machineCode, floatingExpires and id.
func FloatingLicenseReport(web dataframe.DataFrame, p FloatingParams) (FloatingReport, error) {
	rows, err := webLogRows("FloatingLicenseReport", web, inKey, inProductID, inState, inMachineCode, inFloatingExpires, inID)
	if err != nil {
		return FloatingReport{}, err
	}
	candidates := rows
	if p.Key != "" || p.ProductID != 0 {
		candidates = nil
		for _, r := range rows {
			if (p.Key == "" || r.Key == p.Key) && (p.ProductID == 0 || r.ProductID == p.ProductID) {
				candidates = append(candidates, r)
			}
		}
	}
	out := FloatingReport{SeatLimit: p.MaxMachines, asked: p.Key}
	product, key, ok := DefaultAuditKey(candidates, p.Window)
	if !ok {
		out.SeatLimit = max(p.MaxMachines, 0)
		out.fill(p)
		return out, nil
	}
	out.ProductID, out.Key = product, key
	rows = KeyRows(rows, product, key)
	if out.SeatLimit <= 0 {
		// Audited with no seats, an activity's free seats are minus the seats held.
		out.SeatLimit = 0
		for _, act := range AuditFloatingLicense(rows, 0, p.Window, p.AsOf).Activities {
			out.SeatLimit = max(out.SeatLimit, -act.FreeSeats)
		}
		out.LimitEstimated = true
	}
	out.Audit = AuditFloatingLicense(rows, out.SeatLimit, p.Window, p.AsOf)
	out.fill(p)
	return out, nil
}

// fill builds the frames from the audit.
func (r *FloatingReport) fill(p FloatingParams) {
	acts := r.Audit.Activities
	r.Activities = len(acts)
	if p.TimelineRows > 0 && len(acts) > p.TimelineRows {
		acts = acts[len(acts)-p.TimelineRows:]
	}
	var (
		times, actions, machines, names []string
		free                            []int
		ids                             []string
	)
	for _, a := range acts {
		times = append(times, timeText(a.Time))
		actions = append(actions, timelineAction(a))
		machines = append(machines, shortMachineCode(a.MachineCode))
		names = append(names, a.FriendlyName)
		free = append(free, a.FreeSeats)
		ids = append(ids, strconv.FormatInt(a.ID, 10))
	}
	r.Timeline = dataframe.New(textSeries(ColTime, times), textSeries(ColAction, actions), textSeries(ColMachine, machines),
		textSeries(ColFriendlyName, names), intSeries(ColFreeSeats, free), textSeries(ColRowID, ids))
	r.SeatSteps = r.seatSteps(p)
	r.FreeSeatsPerDay = r.freeSeatsPerDay(p)
	sum := r.Audit.Summary
	if r.Key == "" {
		r.Audited = dataframe.New(textSeries(ColKey, nil), textSeries(ColProductID, nil), intSeries(ColSeatLimit, nil), boolSeries(ColEstimated, nil))
		r.Figures = figures(nil, nil)
		return
	}
	r.Audited = dataframe.New(textSeries(ColKey, []string{r.Key}), textSeries(ColProductID, []string{strconv.Itoa(r.ProductID)}),
		intSeries(ColSeatLimit, []int{r.SeatLimit}), boolSeries(ColEstimated, []bool{r.LimitEstimated}))
	r.Figures = figures(
		[]string{FigureSeatLimit, FigureActivations, FigureVerifications, FigureReleases,
			FigureExpiries, FigureOverdrafts, FigureLimitReached, FigureHeldNow, FigureFreeNow},
		[]int{r.SeatLimit, sum.Activations, sum.Verifications, sum.Deactivations - sum.ExpiryDeactivations,
			sum.ExpiryDeactivations, sum.Overdrafts, sum.DeviceLimitReached, sum.ActiveNow, sum.SeatsAvailableNow})
}

// seatSteps is the seats held over the window as steps.
func (r *FloatingReport) seatSteps(p FloatingParams) dataframe.DataFrame {
	var (
		times      []string
		held, caps []int
	)
	if r.Key != "" {
		for _, pt := range FreeSeatsOverTime(r.Audit) {
			times = append(times, timeText(pt.Time))
			held = append(held, r.SeatLimit-pt.FreeSeats)
			caps = append(caps, r.SeatLimit)
		}
		end := p.Window.Until
		if end.IsZero() || (!p.AsOf.IsZero() && p.AsOf.Before(end)) {
			end = p.AsOf
		}
		if n := len(times); n > 0 && !end.IsZero() && times[n-1] < timeText(end) {
			times = append(times, timeText(end))
			held = append(held, held[n-1])
			caps = append(caps, r.SeatLimit)
		}
	}
	return dataframe.New(textSeries(ColTime, times), intSeries(ColSeatsHeld, held), intSeries(ColSeatLimit, caps))
}

// freeSeatsPerDay is, per day of the window, the fewest seats free at any
// moment of the day and the seats free when it ended.
func (r *FloatingReport) freeSeatsPerDay(p FloatingParams) dataframe.DataFrame {
	var (
		days         []string
		fewest, ends []int
	)
	w := p.Window
	if r.Key != "" && !w.Since.IsZero() && !w.Until.IsZero() {
		points := FreeSeatsOverTime(r.Audit)
		free, next := r.SeatLimit, 0
		for day := Day(w.Since); day.Before(w.Until); day = day.AddDate(0, 0, 1) {
			for next < len(points) && points[next].Time.Before(day) { // before the day: the value it starts with
				free = points[next].FreeSeats
				next++
			}
			low := free
			for next < len(points) && points[next].Time.Before(day.AddDate(0, 0, 1)) {
				free = points[next].FreeSeats
				low = min(low, free)
				next++
			}
			days, fewest, ends = append(days, dayText(day)), append(fewest, low), append(ends, free)
		}
	}
	return dataframe.New(textSeries(ColDay, days), intSeries(ColFewestFree, fewest), intSeries(ColFreeAtEnd, ends))
}

// timelineAction is the timeline's name for an activity.
func timelineAction(a AuditActivity) string {
	switch {
	case a.Expired:
		return TimelineExpiry
	case a.Action == ActionDeviceLimitReached:
		return TimelineLimitReached
	}
	return string(a.Action)
}

// shortMachineCode shortens a machine code to its first 12 characters.
func shortMachineCode(code string) string {
	if r := []rune(code); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return code
}

// Describe returns a one-line description of the audited key and its seat
// limit, saying when the limit is an estimate, or that there is nothing to
// audit.
func (r FloatingReport) Describe() string {
	if r.Key == "" && r.asked != "" {
		return fmt.Sprintf("No floating activity (states 2014, 2015, 6011, 2024) of key %s in the window: nothing to audit.", r.asked)
	}
	if r.Key == "" {
		return "No floating activity (states 2014, 2015, 6011, 2024) in the window: nothing to audit."
	}
	limit := fmt.Sprintf("%d seats (MaxNoOfMachines)", r.SeatLimit)
	if r.LimitEstimated {
		limit = fmt.Sprintf("%d seats, an estimate: the most seen held at once (set maxMachines to the key's MaxNoOfMachines to see overdrafts as negative free seats)", r.SeatLimit)
	}
	return fmt.Sprintf("Key %s of product %d: %s.", r.Key, r.ProductID, limit)
}
