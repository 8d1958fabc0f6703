package analysis

import (
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of the frames of a [TeamReport].
const (
	ColPerformer    = "performer"    // performedByUserId, or (none)
	ColResourceType = "resourceType" // the resource type's name, such as LicenseKey
	ColResource     = "resource"     // resource type and action, such as "LicenseKey Updated"
	ColChanges      = "changes"      // a number of Object Log changes
	ColObjectID     = "objectId"     // affectedObjectId, as text (an identifier, not a quantity)
	ColOldValue     = "oldValue"     // the changed fields' old values ("field: value; ...")
	ColNewValue     = "newValue"     // the changed fields' new values, or the added object's data
	ColAdded        = "Added"        // changes per action, in ChangesPerDay
	ColUpdated      = "Updated"
	ColDeleted      = "Deleted"
	ColOther        = "Other"
)

// Names of the figures of [TeamReport.Figures], in their order.
const (
	FigureChanges     = "Changes"
	FigureAdded       = "Added"
	FigureUpdated     = "Updated"
	FigureDeleted     = "Deleted"
	FigureTeamMembers = "Team members"
)

// TeamReport is the team audit of a window of the Object Log, as
// DataFrames: what the team-audit report shows. Every count is of the
// changes created inside the window; a share is of all of them.
type TeamReport struct {
	// Changes is the number of changes in the window and TeamMembers the
	// number of distinct performers among them.
	Changes, TeamMembers int
	// ByPerformer: performer, changes, share; most changes first, then
	// performer.
	ByPerformer dataframe.DataFrame
	// ByResource: resource, changes, share; by resource type, then action
	// (their numeric order).
	ByResource dataframe.DataFrame
	// PerDay: day, Added, Updated, Deleted, and Other when some change has
	// another action; every day of the window.
	PerDay dataframe.DataFrame
	// WhoChangedWhat: performer, resourceType, action, changes; by
	// performer, resource type, action.
	WhoChangedWhat dataframe.DataFrame
	// Latest: time, performer, resourceType, objectId, action, oldValue,
	// newValue; the newest latestN changes, newest first. An update lists
	// its changed fields ("field: value; ..."), values cut to 40
	// characters; another change shows its data, cut to 80.
	Latest dataframe.DataFrame
	// Figures: figure, value.
	Figures dataframe.DataFrame
}

// TeamAudit computes the team audit of the changes of objectLog, an Object
// Log frame, created inside w, listing the latest latestN (all when
// latestN <= 0). It fails when the frame carries an error or lacks the
// created column.
func TeamAudit(objectLog dataframe.DataFrame, w cryptolens.Window, latestN int) (TeamReport, error) {
	entries, err := objectLogRows("TeamAudit", objectLog, inResourceType, inResourceAction, inPerformedBy)
	if err != nil {
		return TeamReport{}, err
	}
	var r TeamReport
	performers := ChangesByPerformer(entries, w)
	r.ByPerformer = nameCounts(ColPerformer, ColChanges, performers)

	var resources []string
	var counts []int
	var shares []float64
	for _, c := range ChangesByResource(entries, w) {
		resources = append(resources, c.ResourceType.String()+" "+c.Action.String())
		counts, shares = append(counts, c.Count), append(shares, c.Share)
	}
	r.ByResource = dataframe.New(textSeries(ColResource, resources), intSeries(ColChanges, counts), floatSeries(ColShare, shares))

	var days []string
	var added, updated, deleted, other []int
	total, anyOther := 0, false
	for _, d := range ChangesPerDay(entries, w) {
		days = append(days, dayText(d.Day))
		added, updated, deleted, other = append(added, d.Added), append(updated, d.Updated), append(deleted, d.Deleted), append(other, d.Other)
		total += d.Total
		anyOther = anyOther || d.Other > 0
	}
	r.PerDay = dataframe.New(textSeries(ColDay, days), intSeries(ColAdded, added), intSeries(ColUpdated, updated), intSeries(ColDeleted, deleted))
	if anyOther {
		r.PerDay = r.PerDay.Mutate(intSeries(ColOther, other))
	}

	var who, types, actions []string
	var n []int
	for _, c := range TeamChanges(entries, w) {
		who, types, actions, n = append(who, c.Performer), append(types, c.ResourceType.String()), append(actions, c.Action.String()), append(n, c.Count)
	}
	r.WhoChangedWhat = dataframe.New(textSeries(ColPerformer, who), textSeries(ColResourceType, types), textSeries(ColAction, actions), intSeries(ColChanges, n))

	r.Latest = latestChanges(LatestChanges(entries, w, latestN))
	r.Changes, r.TeamMembers = total, len(performers)
	r.Figures = figures([]string{FigureChanges, FigureAdded, FigureUpdated, FigureDeleted, FigureTeamMembers},
		[]int{total, sum(added), sum(updated), sum(deleted), len(performers)})
	return r, nil
}

// latestChanges is the Latest frame of a team audit.
func latestChanges(changes []Change) dataframe.DataFrame {
	var times, who, types, actions, olds, news, ids []string
	for _, c := range changes {
		var oldValues, newValues []string
		for _, f := range c.Fields {
			oldValues = append(oldValues, f.Field+": "+shorten(f.Old, 40))
			newValues = append(newValues, f.Field+": "+shorten(f.New, 40))
		}
		if c.Fields == nil {
			newValues = []string{shorten(c.Data, 80)}
		}
		times, who, types = append(times, timeText(c.Created)), append(who, c.Performer), append(types, c.ResourceType.String())
		ids, actions = append(ids, strconv.FormatInt(c.ObjectID, 10)), append(actions, c.Action.String())
		olds, news = append(olds, strings.Join(oldValues, "; ")), append(news, strings.Join(newValues, "; "))
	}
	return dataframe.New(textSeries(ColTime, times), textSeries(ColPerformer, who), textSeries(ColResourceType, types),
		textSeries(ColObjectID, ids), textSeries(ColAction, actions), textSeries(ColOldValue, olds), textSeries(ColNewValue, news))
}

// shorten cuts text to n characters, marking the cut with an ellipsis.
func shorten(text string, n int) string {
	if r := []rune(text); len(r) > n {
		return string(r[:n]) + "…"
	}
	return text
}

// nameCounts is a frame of name counts: name, count and share columns.
func nameCounts(nameCol, countCol string, counts []NameCount) dataframe.DataFrame {
	var names []string
	var n []int
	var shares []float64
	for _, c := range counts {
		names, n, shares = append(names, c.Name), append(n, c.Count), append(shares, c.Share)
	}
	return dataframe.New(textSeries(nameCol, names), intSeries(countCol, n), floatSeries(ColShare, shares))
}

func sum(v []int) int {
	t := 0
	for _, x := range v {
		t += x
	}
	return t
}
