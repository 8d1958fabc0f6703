package frames

import (
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

// Values of the outcome column, by the Cryptolens documentation's rule
// state%100/10 - 1: 0 is a success, 1 a failure, anything else "Other".
const (
	OutcomeSuccess = "Success"
	OutcomeFailure = "Failure"
	OutcomeOther   = "Other"
)

// WebLogColumns returns the column names of a [WebLog] frame, in order: the
// API's fields, then day, method and outcome.
func WebLogColumns() []string {
	return []string{ColID, ColProductID, ColKey, ColIP, ColTime, ColState,
		ColMachineCode, ColFriendlyName, ColFloatingExpires, ColDOIntValue, ColDOID,
		ColDay, ColMethod, ColOutcome}
}

// Outcome returns the outcome column's value for a state code.
func Outcome(s cryptolens.State) string {
	switch s.Failure() {
	case 0:
		return OutcomeSuccess
	case 1:
		return OutcomeFailure
	default:
		return OutcomeOther
	}
}

// WebLog returns a frame of Web API Log rows with the columns of
// [WebLogColumns]: id, productId, state, doIntValue and doId are ints; time
// is RFC 3339 UTC text; floatingExpires is RFC 3339 UTC text or "" when the
// row has none. An empty slice gives an empty frame with the same columns.
func WebLog(rows []cryptolens.WebAPILog) dataframe.DataFrame {
	n := len(rows)
	var (
		id, product, key, ip = intColumn(ColID, n), intColumn(ColProductID, n), stringColumn(ColKey, n), stringColumn(ColIP, n)
		tm, state, machine   = stringColumn(ColTime, n), intColumn(ColState, n), stringColumn(ColMachineCode, n)
		friendly, floating   = stringColumn(ColFriendlyName, n), stringColumn(ColFloatingExpires, n)
		doInt, doID          = intColumn(ColDOIntValue, n), intColumn(ColDOID, n)
		day, method, outcome = stringColumn(ColDay, n), stringColumn(ColMethod, n), stringColumn(ColOutcome, n)
		days                 dayCache
		lastGroup            cryptolens.StateGroup = -1
		lastMethod           string
	)
	for i := range rows {
		r := &rows[i]
		id.ints = append(id.ints, int(r.ID))
		product.ints = append(product.ints, r.ProductID)
		key.strings = append(key.strings, r.Key)
		ip.strings = append(ip.strings, r.IP)
		tm.strings = append(tm.strings, timeText(r.Time))
		state.ints = append(state.ints, int(r.State))
		machine.strings = append(machine.strings, r.MachineCode)
		friendly.strings = append(friendly.strings, r.FriendlyName)
		floating.strings = append(floating.strings, timeText(r.FloatingExpires))
		doInt.ints = append(doInt.ints, r.DOIntValue)
		doID.ints = append(doID.ints, int(r.DOID))
		day.strings = append(day.strings, days.day(r.Time))
		if g := r.State.Group(); g != lastGroup {
			lastGroup, lastMethod = g, g.String()
		}
		method.strings = append(method.strings, lastMethod)
		outcome.strings = append(outcome.strings, Outcome(r.State))
	}
	return frame([]*column{id, product, key, ip, tm, state, machine, friendly, floating,
		doInt, doID, day, method, outcome})
}
