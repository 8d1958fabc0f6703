package analysis

import (
	"cmp"
	"slices"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// TeamCount is the number of Object Log changes of one performer, resource
// type and action.
type TeamCount struct {
	Performer    string // PerformedByUserID, or [NoneLabel] when empty
	ResourceType cryptolens.ResourceType
	Action       cryptolens.ResourceAction
	Count        int
}

// DailyChanges is the number of Object Log changes on one day, by action.
type DailyChanges struct {
	Day                                   time.Time // 00:00 UTC
	Added, Updated, Deleted, Other, Total int
}

// Change is one Object Log entry made readable.
type Change struct {
	ID           int64
	Created      time.Time
	Performer    string // PerformedByUserID, or [NoneLabel] when empty
	ResourceType cryptolens.ResourceType
	Action       cryptolens.ResourceAction
	ObjectID     int64 // AffectedObjectID
	OwnerID      int64 // ObjectOwnerUserID
	// Fields are the changed fields of an update ([ParseFieldChanges]); nil
	// for other actions and for update data that holds no field pairs.
	Fields []FieldChange
	Data   string // the entry's raw Data
}

func performerLabel(o *cryptolens.ObjectLogEntry) string { return labelOrNone(o.PerformedByUserID) }

// TeamChanges counts the Object Log entries created inside w per performer,
// resource type and action, sorted by performer, then resource type, then
// action (the types' numeric order).
func TeamChanges(entries []cryptolens.ObjectLogEntry, w cryptolens.Window) []TeamCount {
	type k struct {
		p string
		t cryptolens.ResourceType
		a cryptolens.ResourceAction
	}
	counts := map[k]int{}
	for i := range entries {
		o := &entries[i]
		if w.Contains(o.Created) {
			counts[k{performerLabel(o), o.ResourceType, o.ResourceAction}]++
		}
	}
	out := make([]TeamCount, 0, len(counts))
	for key, n := range counts {
		out = append(out, TeamCount{Performer: key.p, ResourceType: key.t, Action: key.a, Count: n})
	}
	slices.SortFunc(out, func(a, b TeamCount) int {
		if c := cmp.Compare(a.Performer, b.Performer); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ResourceType, b.ResourceType); c != 0 {
			return c
		}
		return cmp.Compare(a.Action, b.Action)
	})
	return out
}

// ChangesByPerformer counts the Object Log entries created inside w per
// performer (empty as [NoneLabel]), sorted by Count (descending) and then
// performer. Share is of all entries inside w.
func ChangesByPerformer(entries []cryptolens.ObjectLogEntry, w cryptolens.Window) []NameCount {
	counts := map[string]int{}
	total := 0
	for i := range entries {
		if w.Contains(entries[i].Created) {
			counts[performerLabel(&entries[i])]++
			total++
		}
	}
	return sortedCounts(counts, total)
}

// ResourceCount is the number of Object Log changes of one resource type
// and action.
type ResourceCount struct {
	ResourceType cryptolens.ResourceType
	Action       cryptolens.ResourceAction
	Count        int
	Share        float64 // of all entries inside the window
}

// ChangesByResource counts the Object Log entries created inside w per
// resource type and action, sorted by resource type and then action (the
// types' numeric order). Share is of all entries inside w.
func ChangesByResource(entries []cryptolens.ObjectLogEntry, w cryptolens.Window) []ResourceCount {
	type k struct {
		t cryptolens.ResourceType
		a cryptolens.ResourceAction
	}
	counts := map[k]int{}
	total := 0
	for i := range entries {
		o := &entries[i]
		if w.Contains(o.Created) {
			counts[k{o.ResourceType, o.ResourceAction}]++
			total++
		}
	}
	out := make([]ResourceCount, 0, len(counts))
	for key, n := range counts {
		out = append(out, ResourceCount{ResourceType: key.t, Action: key.a, Count: n, Share: share(n, total)})
	}
	slices.SortFunc(out, func(a, b ResourceCount) int {
		return cmp.Or(cmp.Compare(a.ResourceType, b.ResourceType), cmp.Compare(a.Action, b.Action))
	})
	return out
}

// ChangesPerDay counts the Object Log entries created inside w per UTC day
// and action, for every day of w (zero-filled), in day order. Other counts
// actions other than Added, Updated and Deleted.
func ChangesPerDay(entries []cryptolens.ObjectLogEntry, w cryptolens.Window) []DailyChanges {
	axis := axisFor(entries, w, entryTime)
	out := make([]DailyChanges, axis.n)
	for i := range out {
		out[i].Day = axis.day(i)
	}
	for i := range entries {
		o := &entries[i]
		if !w.Contains(o.Created) {
			continue
		}
		d := axis.index(o.Created)
		if d < 0 {
			continue
		}
		switch o.ResourceAction {
		case cryptolens.ActionAdded:
			out[d].Added++
		case cryptolens.ActionUpdated:
			out[d].Updated++
		case cryptolens.ActionDeleted:
			out[d].Deleted++
		default:
			out[d].Other++
		}
		out[d].Total++
	}
	return out
}

// LatestChanges returns the n most recent Object Log entries created inside
// w (all of them when n <= 0), newest first: by Created (descending) and
// then ID (descending). Updates have their Data parsed into Fields by
// [ParseFieldChanges]; data that is not of that shape leaves Fields nil.
func LatestChanges(entries []cryptolens.ObjectLogEntry, w cryptolens.Window, n int) []Change {
	var picked []*cryptolens.ObjectLogEntry
	for i := range entries {
		if w.Contains(entries[i].Created) {
			picked = append(picked, &entries[i])
		}
	}
	slices.SortFunc(picked, func(a, b *cryptolens.ObjectLogEntry) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	if n > 0 && n < len(picked) {
		picked = picked[:n]
	}
	out := make([]Change, len(picked))
	for i, o := range picked {
		out[i] = Change{ID: o.ID, Created: o.Created, Performer: performerLabel(o),
			ResourceType: o.ResourceType, Action: o.ResourceAction, ObjectID: o.AffectedObjectID,
			OwnerID: o.ObjectOwnerUserID, Data: o.Data}
		if o.ResourceAction == cryptolens.ActionUpdated {
			out[i].Fields, _ = ParseFieldChanges(o.Data)
		}
	}
	return out
}
