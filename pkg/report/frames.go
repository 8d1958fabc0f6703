package report

import (
	"errors"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// errNotYet marks a function whose body is not written yet.
var errNotYet = errors.New("report: not yet implemented")

// WebAPILogFrame returns the window's Web API Log rows (as [Session.WebLog]
// reads them: the session's product and key, ascending by id) as a Gota
// DataFrame with the columns of [NewWebAPILogFrame].
//
//	web := report.Must(s.WebAPILogFrame())
//	keys := frames.Top(frames.CountBy(frames.Where(web, frames.HasKey()), "key"), 20, "Other keys")
func (s *Session) WebAPILogFrame() (dataframe.DataFrame, error) {
	return dataframe.DataFrame{}, errNotYet
}

// WebAPILogFrameWithLookBack is [Session.WebAPILogFrame] over the window and
// the Params.LookBackDays days before it (as [Session.WebLogWithLookBack]):
// the rows a trailing average needs. Count the window alone with
// frames.PerDay or frames.Where(df, frames.During(s.Window)).
func (s *Session) WebAPILogFrameWithLookBack() (dataframe.DataFrame, error) {
	return dataframe.DataFrame{}, errNotYet
}

// WebAPILogHistoryFrame is [Session.WebAPILogFrame] over every row the store
// holds from before the window's end, however old (as
// [Session.WebLogHistory]): a report on keys that fell silent finds keys
// last seen before the window.
func (s *Session) WebAPILogHistoryFrame() (dataframe.DataFrame, error) {
	return dataframe.DataFrame{}, errNotYet
}

// EventsFrame returns the window's Events Log rows (as [Session.Events])
// as a DataFrame with the columns of [NewEventsFrame].
func (s *Session) EventsFrame() (dataframe.DataFrame, error) {
	return dataframe.DataFrame{}, errNotYet
}

// ObjectLogFrame returns the window's Object Log entries (as
// [Session.ObjectLog]) as a DataFrame with the columns of
// [NewObjectLogFrame].
func (s *Session) ObjectLogFrame() (dataframe.DataFrame, error) {
	return dataframe.DataFrame{}, errNotYet
}

// LookBackWindow is the session's window with the Params.LookBackDays days
// before it: what [Session.WebAPILogFrameWithLookBack] reads.
func (s *Session) LookBackWindow() cryptolens.Window { return s.reach() }

// NewWebAPILogFrame makes the frame of Web API Log rows that
// [Session.WebAPILogFrame] returns. Its columns, in order, with their Gota
// types:
//
//	id               int     the row's id
//	productId        int
//	key              string  the license key; "" for rows without one
//	ip               string
//	time             string  RFC 3339, UTC, whole seconds: sorts as text
//	state            int     the state code, such as 1010
//	machineCode      string  as sent
//	friendlyName     string
//	floatingExpires  string  RFC 3339 UTC, or "" when the row has none
//	doIntValue       int
//	doId             int
//	day              string  the UTC day of time, YYYY-MM-DD
//	method           string  the state's method group: "activation", "validation", ...
//	outcome          string  "Success", "Failure" or "Other", by analysis.OutcomeOf
//	week             string  the ISO week of time: its Monday, YYYY-MM-DD
//	licensing        bool    analysis.IsLicensingRequest: false for key
//	                         creation (30xx) and data-object (80xx) rows
//
// An empty rows slice gives an empty frame with the same columns and
// types.
func NewWebAPILogFrame(rows []cryptolens.WebAPILog) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
}

// NewEventsFrame makes the frame of Events Log rows that
// [Session.EventsFrame] returns. Its columns, in order, with their Gota
// types:
//
//	id           int
//	productId    int
//	key          string
//	machineCode  string
//	featureName  string
//	eventName    string
//	value        int     an amount in the currency's minor unit (cents) for a purchase
//	currency     string  as sent
//	time         string  RFC 3339, UTC
//	metadata     string  the metadata JSON as sent
//	day          string  the UTC day of time, YYYY-MM-DD
//	week         string  the ISO week of time: its Monday, YYYY-MM-DD
//	os           string  the metadata's "OS" field, trimmed; "(unknown)" when none
//	version      string  the metadata's "Version" field, trimmed; "" when none
//	purchase     bool    analysis.IsPurchase: a purchase, not a feature's use
func NewEventsFrame(rows []cryptolens.Event) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
}

// NewObjectLogFrame makes the frame of Object Log entries that
// [Session.ObjectLogFrame] returns. Its columns, in order, with their Gota
// types:
//
//	id                  int
//	created             string  RFC 3339, UTC
//	resourceType        int
//	resourceAction      int
//	affectedObjectId    int
//	objectOwnerUserId   int
//	performedByUserId   string  the team member's user id, as the API sends it
//	data                string  the entry's JSON as sent
//	day                 string  the UTC day of created, YYYY-MM-DD
//	resourceTypeName    string  such as "LicenseKey"
//	resourceActionName  string  such as "Updated"
//	week                string  the ISO week of created: its Monday, YYYY-MM-DD
func NewObjectLogFrame(rows []cryptolens.ObjectLogEntry) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
}
