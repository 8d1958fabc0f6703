package analysis

import "github.com/lensbook/lensbook/pkg/cryptolens"

// Outcome is the result class of a request by the Cryptolens documentation's
// rule, state%100/10 - 1: [cryptolens.RequestOutcome], where the rule lives
// ([cryptolens.State.Result]). Its String gives "Success", "Failure" or
// "Other", the labels of the reference notebook.
type Outcome = cryptolens.RequestOutcome

// The outcome classes ([cryptolens.OutcomeSuccess] and the others).
const (
	OutcomeSuccess = cryptolens.OutcomeSuccess // the rule gives 0: third digit 1
	OutcomeFailure = cryptolens.OutcomeFailure // the rule gives 1: third digit 2
	OutcomeOther   = cryptolens.OutcomeOther   // any other third digit
)

// OutcomeOf classifies a state code ([cryptolens.State.Result]):
// [OutcomeSuccess] when state%100/10 - 1 == 0, [OutcomeFailure] when it is
// 1, [OutcomeOther] otherwise.
func OutcomeOf(s cryptolens.State) Outcome { return s.Result() }

// OutcomeSummary holds the counts of the "successful vs. unsuccessful"
// report and their shares of Total.
type OutcomeSummary struct {
	Total, Succeeded, Failed, Other         int
	SucceededShare, FailedShare, OtherShare float64
}

// RequestOutcomes counts the Web API Log rows inside w by [OutcomeOf] their
// state. Total counts every row inside w, key creations and data-object
// operations included; each share is its count divided by Total (all 0 when
// Total is 0). [LicensingRequestOutcomes] leaves those out.
func RequestOutcomes(logs []cryptolens.WebAPILog, w cryptolens.Window) OutcomeSummary {
	var counts [3]int
	for i := range logs {
		if w.Contains(logs[i].Time) {
			counts[OutcomeOf(logs[i].State)]++
		}
	}
	return summary(counts)
}

// summary turns counts by outcome into an OutcomeSummary.
func summary(counts [3]int) OutcomeSummary {
	total := counts[0] + counts[1] + counts[2]
	return OutcomeSummary{
		Total: total, Succeeded: counts[OutcomeSuccess], Failed: counts[OutcomeFailure],
		Other:          counts[OutcomeOther],
		SucceededShare: share(counts[OutcomeSuccess], total),
		FailedShare:    share(counts[OutcomeFailure], total),
		OtherShare:     share(counts[OutcomeOther], total),
	}
}

// IsLicensingRequest reports whether a state code is a licensing request:
// one that an application sends to take, check or release a license. Key
// creations (30xx) and data-object operations (80xx) are not: your store
// integration or back office makes them, not a customer's machine. Every
// other group is.
func IsLicensingRequest(s cryptolens.State) bool {
	g := s.Group()
	return g != cryptolens.GroupKeyCreation && g != cryptolens.GroupDataObject
}

// LicensingRequestOutcomes is [RequestOutcomes] over the licensing requests
// ([IsLicensingRequest]) inside w only: Total counts those rows, and each
// share is of them.
func LicensingRequestOutcomes(logs []cryptolens.WebAPILog, w cryptolens.Window) OutcomeSummary {
	var counts [3]int
	for i := range logs {
		if IsLicensingRequest(logs[i].State) && w.Contains(logs[i].Time) {
			counts[OutcomeOf(logs[i].State)]++
		}
	}
	return summary(counts)
}
