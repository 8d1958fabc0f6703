package cryptolens

import (
	"fmt"
	"strconv"
)

// State is the four-digit state code of a Web API Log row, read as GG R X:
// GG is the method group (see [Group]), R is 1 for a successful request and 2
// for an unsuccessful one, and X is an optional detail digit.
type State int

// Documented state codes.
const (
	StateValidation           State = 1010 // successful validation request
	StateActivation           State = 2010 // successful node-locked activation
	StateActivationNewMachine State = 2011 // successful activation, detail 1
	StateActivation2          State = 2012 // successful node-locked activation, detail 2
	StateActivation3          State = 2013 // successful node-locked activation, detail 3
	StateFloatingActivation   State = 2014 // successful floating activation or heartbeat
	StateFloatingOverdraft    State = 2015 // successful floating activation over the seat limit
	StateActivationFailed     State = 2020 // failed activation
	StateSeatLimitReached     State = 2024 // failed activation: the floating seat limit was reached
	StateKeyCreated           State = 3010 // successful key creation (CreateKey)
	StateKeyCreateFailed      State = 3020 // failed key creation
	StateDeactivation         State = 6010 // successful node-locked deactivation
	StateFloatingDeactivation State = 6011 // successful floating deactivation (seat released)
	StateDeactivationFailed   State = 6020 // failed deactivation
	StateDataObjectChanged    State = 8010 // successful data-object operation
	StateDataObjectFailed     State = 8020 // failed data-object operation
)

// StateGroup is the method group of a state code: its first two digits.
type StateGroup int

// The documented method groups.
const (
	GroupValidation    StateGroup = 10
	GroupActivation    StateGroup = 20
	GroupKeyCreation   StateGroup = 30
	GroupOptionalField StateGroup = 40
	GroupNoRequest     StateGroup = 50
	GroupDeactivation  StateGroup = 60
	GroupLicenseChange StateGroup = 70
	GroupDataObject    StateGroup = 80
)

// groupNames and stateNames (below) are two tables of readable names, read
// the same way by design (a deliberate pair of lookups, not one rule twice).
var groupNames = map[StateGroup]string{
	GroupValidation:    "validation",
	GroupActivation:    "activation",
	GroupKeyCreation:   "key creation",
	GroupOptionalField: "optional field",
	GroupNoRequest:     "no request",
	GroupDeactivation:  "deactivation",
	GroupLicenseChange: "license change",
	GroupDataObject:    "data object",
}

// String returns the group's readable name, such as "activation", or
// "group NN" for an undocumented group.
func (g StateGroup) String() string {
	if n, ok := groupNames[g]; ok {
		return n
	}
	return "group " + strconv.Itoa(int(g))
}

// Group returns the method group: the first two digits of the code.
func (s State) Group() StateGroup { return StateGroup(int(s) / 100) }

// Outcome returns the third digit: 1 for a successful request, 2 for an
// unsuccessful one.
func (s State) Outcome() int { return (int(s) / 10) % 10 }

// Succeeded reports whether the request succeeded: [State.Result] is
// [OutcomeSuccess] (the third digit is 1).
func (s State) Succeeded() bool { return s.Result() == OutcomeSuccess }

// Failed reports whether the request failed: [State.Result] is
// [OutcomeFailure] (the third digit is 2).
func (s State) Failed() bool { return s.Result() == OutcomeFailure }

// Detail returns the optional fourth digit.
func (s State) Detail() int { return int(s) % 10 }

// Failure returns the Cryptolens documentation's success rule,
// state%100/10 - 1: 0 for a successful request and 1 for a failed one.
// Codes with another third digit give -1 or more than 1.
func (s State) Failure() int { return int(s)%100/10 - 1 }

// RequestOutcome is the result class of a request. It is the one place of
// the success/failure rule: [State.Result] classifies, and pkg/analysis
// (its Outcome) and pkg/frames (the outcome column) both call it.
type RequestOutcome int

// The outcome classes, by the Cryptolens documentation's rule
// state%100/10 - 1 ([State.Failure]).
const (
	OutcomeSuccess RequestOutcome = iota // the rule gives 0: third digit 1
	OutcomeFailure                       // the rule gives 1: third digit 2
	OutcomeOther                         // any other third digit
)

var outcomeNames = [...]string{"Success", "Failure", "Other"}

// String returns "Success", "Failure" or "Other", the labels of the
// reference notebook.
func (o RequestOutcome) String() string {
	if o >= 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Other"
}

// Result classifies the request: [OutcomeSuccess] when
// state%100/10 - 1 == 0, [OutcomeFailure] when it is 1, [OutcomeOther]
// otherwise.
func (s State) Result() RequestOutcome {
	switch s.Failure() {
	case 0:
		return OutcomeSuccess
	case 1:
		return OutcomeFailure
	default:
		return OutcomeOther
	}
}

var stateNames = map[State]string{
	StateValidation:           "validation",
	StateActivation:           "activation (node-locked)",
	StateActivationNewMachine: "activation (new machine)",
	StateActivation2:          "activation (node-locked, detail 2)",
	StateActivation3:          "activation (node-locked, detail 3)",
	StateFloatingActivation:   "floating activation",
	StateFloatingOverdraft:    "floating activation (overdraft)",
	StateActivationFailed:     "activation failed",
	StateSeatLimitReached:     "activation failed: seat limit reached",
	StateKeyCreated:           "key created",
	StateKeyCreateFailed:      "key creation failed",
	StateDeactivation:         "deactivation (node-locked)",
	StateFloatingDeactivation: "floating deactivation",
	StateDeactivationFailed:   "deactivation failed",
	StateDataObjectChanged:    "data object changed",
	StateDataObjectFailed:     "data object change failed",
}

// Name returns a readable name for the code: the documented meaning where one
// is known, otherwise the group and outcome, such as "activation failed (2027)".
func (s State) Name() string {
	if n, ok := stateNames[s]; ok {
		return n
	}
	outcome := "other"
	switch {
	case s.Succeeded():
		outcome = "succeeded"
	case s.Failed():
		outcome = "failed"
	}
	return fmt.Sprintf("%s %s (%d)", s.Group(), outcome, int(s))
}

// String returns the code and its name, such as "2024 activation failed: seat
// limit reached".
func (s State) String() string { return strconv.Itoa(int(s)) + " " + s.Name() }
