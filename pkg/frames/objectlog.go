package frames

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of an Object Log frame besides the shared ones.
const (
	ColCreated           = "created"
	ColResourceType      = "resourceType"
	ColResourceAction    = "resourceAction"
	ColAffectedObjectID  = "affectedObjectId"
	ColObjectOwnerUserID = "objectOwnerUserId"
	ColPerformedByUserID = "performedByUserId"
	// ColData is the entry's data, JSON text kept as sent.
	ColData = "data"
	// ColResourceTypeName is the derived name of the resource type, such as
	// "LicenseKey".
	ColResourceTypeName = "resourceTypeName"
	// ColResourceActionName is the derived name of the action, such as
	// "Updated".
	ColResourceActionName = "resourceActionName"
)

// ObjectLogColumns returns the column names of an [ObjectLog] frame, in
// order: the API's fields, then day, resourceTypeName and resourceActionName.
func ObjectLogColumns() []string {
	return []string{ColID, ColCreated, ColResourceType, ColResourceAction,
		ColAffectedObjectID, ColObjectOwnerUserID, ColPerformedByUserID, ColData,
		ColDay, ColResourceTypeName, ColResourceActionName}
}

// ObjectLog returns a frame of Object Log entries with the columns of
// [ObjectLogColumns]: id, resourceType, resourceAction, affectedObjectId and
// objectOwnerUserId are ints; created is RFC 3339 UTC text; performedByUserId
// is text as the API documents it; data is the JSON text as sent. The day
// column is the UTC day of created. An empty slice gives an empty frame with
// the same columns.
func ObjectLog(rows []cryptolens.ObjectLogEntry) dataframe.DataFrame {
	n := len(rows)
	var (
		id, created      = intColumn(ColID, n), stringColumn(ColCreated, n)
		rtype, raction   = intColumn(ColResourceType, n), intColumn(ColResourceAction, n)
		affected, owner  = intColumn(ColAffectedObjectID, n), intColumn(ColObjectOwnerUserID, n)
		performer, data  = stringColumn(ColPerformedByUserID, n), stringColumn(ColData, n)
		day              = stringColumn(ColDay, n)
		typeName, action = stringColumn(ColResourceTypeName, n), stringColumn(ColResourceActionName, n)
		days             dayCache
	)
	for i := range rows {
		r := &rows[i]
		id.ints = append(id.ints, int(r.ID))
		created.strings = append(created.strings, timeText(r.Created))
		rtype.ints = append(rtype.ints, int(r.ResourceType))
		raction.ints = append(raction.ints, int(r.ResourceAction))
		affected.ints = append(affected.ints, int(r.AffectedObjectID))
		owner.ints = append(owner.ints, int(r.ObjectOwnerUserID))
		performer.strings = append(performer.strings, r.PerformedByUserID)
		data.strings = append(data.strings, r.Data)
		day.strings = append(day.strings, days.day(r.Created))
		typeName.strings = append(typeName.strings, r.ResourceType.String())
		action.strings = append(action.strings, r.ResourceAction.String())
	}
	return frame([]*column{id, created, rtype, raction, affected, owner, performer, data,
		day, typeName, action})
}
