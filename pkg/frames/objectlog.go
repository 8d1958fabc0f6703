package frames

import (
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of an Object Log frame besides the shared ones. The field columns
// are named by [cryptolens.ObjectLogSchema]; these constants spell the names
// for callers (a deliberate list of names, as for the Events Log).
// Alike in shape to the Events Log's list only: each names its own log's columns.
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

type objectRow = cryptolens.ObjectLogEntry

// objectLogColumns are the columns of an ObjectLog frame: the fields of
// [cryptolens.ObjectLogSchema], then the derived ones.
func objectLogColumns() []column[objectRow] {
	return append(schemaColumns(cryptolens.ObjectLogSchema),
		dayColumn(func(r *objectRow) time.Time { return r.Created }),
		textColumn(ColResourceTypeName, func(r *objectRow) string { return r.ResourceType.String() }),
		textColumn(ColResourceActionName, func(r *objectRow) string { return r.ResourceAction.String() }),
	)
}

// ObjectLogColumns returns the column names of an [ObjectLog] frame, in
// order: the API's fields, then day, resourceTypeName and resourceActionName.
func ObjectLogColumns() []string { return names(objectLogColumns()) }

// ObjectLog returns a frame of Object Log entries with the columns of
// [ObjectLogColumns]: id, resourceType, resourceAction, affectedObjectId and
// objectOwnerUserId are ints; created is RFC 3339 UTC text; performedByUserId
// is text as the API documents it; data is the JSON text as sent. The day
// column is the UTC day of created. An empty slice gives an empty frame with
// the same columns.
func ObjectLog(rows []cryptolens.ObjectLogEntry) dataframe.DataFrame {
	return build(rows, objectLogColumns())
}
