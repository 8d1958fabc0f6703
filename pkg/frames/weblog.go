package frames

import (
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of a Web API Log frame besides the shared ones.
const (
	ColIP              = "ip"
	ColState           = "state"
	ColFriendlyName    = "friendlyName"
	ColFloatingExpires = "floatingExpires"
	ColDOIntValue      = "doIntValue"
	ColDOID            = "doId"
	// ColMethod is the derived method group of the state code, such as
	// "activation" (see [cryptolens.StateGroup]).
	ColMethod = "method"
	// ColOutcome is the derived outcome: [OutcomeSuccess], [OutcomeFailure]
	// or [OutcomeOther].
	ColOutcome = "outcome"
)

// Values of the outcome column: the labels of [cryptolens.RequestOutcome]
// (the documentation's rule state%100/10 - 1: 0 is a success, 1 a failure,
// anything else "Other").
const (
	OutcomeSuccess = "Success"
	OutcomeFailure = "Failure"
	OutcomeOther   = "Other"
)

// Outcome returns the outcome column's value for a state code: the label
// of [cryptolens.State.Result].
func Outcome(s cryptolens.State) string { return s.Result().String() }

// MethodOf is the value of the method column for a state code: the name of
// its method group (see [cryptolens.StateGroup]).
func MethodOf(s cryptolens.State) string { return s.Group().String() }

type webRow = cryptolens.WebAPILog

// webLogColumns are the columns of a WebAPILog frame: the fields of
// [cryptolens.WebAPILogSchema], then the derived ones. It is a function
// because derived columns keep per-frame caches.
func webLogColumns() []column[webRow] {
	var (
		lastGroup  cryptolens.StateGroup = -1
		lastMethod string
	)
	return append(schemaColumns(cryptolens.WebAPILogSchema),
		dayColumn(func(r *webRow) time.Time { return r.Time }),
		textColumn(ColMethod, func(r *webRow) string {
			if g := r.State.Group(); g != lastGroup {
				lastGroup, lastMethod = g, MethodOf(r.State)
			}
			return lastMethod
		}),
		textColumn(ColOutcome, func(r *webRow) string { return Outcome(r.State) }),
	)
}

// WebAPILogColumns returns the column names of a [WebAPILog] frame, in order: the
// API's fields, then day, method and outcome.
func WebAPILogColumns() []string { return names(webLogColumns()) }

// WebAPILog returns a frame of Web API Log rows with the columns of
// [WebAPILogColumns]: id, productId, state, doIntValue and doId are ints; time
// is RFC 3339 UTC text; floatingExpires is RFC 3339 UTC text or "" when the
// row has none. An empty slice gives an empty frame with the same columns.
func WebAPILog(rows []cryptolens.WebAPILog) dataframe.DataFrame {
	return build(rows, webLogColumns())
}
