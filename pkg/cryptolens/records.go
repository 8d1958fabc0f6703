package cryptolens

import (
	"slices"
	"strconv"
	"time"
)

// WebAPILog is one row of the Web API Log: one logged Web API request.
// Times are in UTC; a zero FloatingExpires means the row has none. A null
// machineCode in the API's answer becomes "".
type WebAPILog struct {
	ID              int64
	ProductID       int
	Key             string
	IP              string
	Time            time.Time
	State           State
	MachineCode     string
	FriendlyName    string
	FloatingExpires time.Time
	DOIntValue      int
	DOID            int64
}

// WebAPILogFields are the API's field names of a Web API Log row, in the
// API's order: the names of [WebAPILogSchema].
var WebAPILogFields = slices.Clone(WebAPILogSchema.Names())

// Event is one row of the Events Log, registered by a vendor's application
// through RegisterEvent or RegisterEvents. Value is an integer amount, such
// as cents; Metadata is JSON text, kept as sent. Its fields from FeatureName
// on are those of [BatchEvent], the shape an event is registered in; the two
// types stay apart by design (a registered event has no id of its own).
type Event struct {
	ID          int64
	ProductID   int
	Key         string
	MachineCode string
	FeatureName string
	EventName   string
	Value       int64
	Currency    string
	Time        time.Time
	Metadata    string
}

// EventFields are the API's field names of an Events Log row, in the API's
// order: the names of [EventSchema].
var EventFields = slices.Clone(EventSchema.Names())

// ResourceType is the kind of object an Object Log entry is about.
type ResourceType int

// Resource types, in the order of the API documentation (their numbers are
// inferred from that order).
const (
	ResourceUnspecified ResourceType = iota
	ResourceCustomer
	ResourceIssuedLicense
	ResourceLicenseKey
	ResourceLicenseIssuance
	ResourceProduct
	ResourceDataObject
)

var resourceTypeNames = []string{"Unspecified", "Customer", "IssuedLicense",
	"LicenseKey", "LicenseIssuance", "Product", "DataObject"}

// String returns the documented name of the resource type, such as
// "LicenseKey".
func (r ResourceType) String() string {
	if r >= 0 && int(r) < len(resourceTypeNames) {
		return resourceTypeNames[r]
	}
	return "ResourceType(" + itoa(int64(r)) + ")"
}

// ResourceAction is what was done to the object of an Object Log entry.
type ResourceAction int

// Resource actions, in the order of the API documentation.
const (
	ActionNone ResourceAction = iota
	ActionAdded
	ActionUpdated
	ActionDeleted
)

var resourceActionNames = []string{"None", "Added", "Updated", "Deleted"}

// String returns the documented name of the action, such as "Updated".
func (a ResourceAction) String() string {
	if a >= 0 && int(a) < len(resourceActionNames) {
		return resourceActionNames[a]
	}
	return "ResourceAction(" + itoa(int64(a)) + ")"
}

// ObjectLogEntry is one row of the Object Log: a change that a team member
// made to a customer, key, product or data object. Data is JSON text: the
// whole object when it was added, {"Field":[old,new],...} when it was updated.
type ObjectLogEntry struct {
	ID                int64
	Created           time.Time
	ResourceType      ResourceType
	ResourceAction    ResourceAction
	AffectedObjectID  int64
	ObjectOwnerUserID int64
	PerformedByUserID string
	Data              string
}

// ObjectLogFields are the API's field names of an Object Log row, in the
// API's order: the names of [ObjectLogSchema].
var ObjectLogFields = slices.Clone(ObjectLogSchema.Names())

// unixTime converts API seconds to a UTC time; 0 gives the zero time.
func unixTime(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// unixSeconds converts a time to API seconds; the zero time gives 0.
func unixSeconds(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// Window is a span of time: Since <= t < Until. A zero Since reaches back to
// the first row; a zero Until has no end.
type Window struct {
	Since time.Time
	Until time.Time
}

// Contains reports whether t lies in the window.
func (w Window) Contains(t time.Time) bool {
	return (w.Since.IsZero() || !t.Before(w.Since)) && (w.Until.IsZero() || t.Before(w.Until))
}
