package frames

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// A Cond is a condition on a frame's rows, for [Where] and [CountWhere].
// Build one with [Eq], [Ne], [In], [Not], [Or], [During] or a shorthand
// such as [Failed] or [HasKey].
type Cond struct {
	desc  string // for errors: `outcome = "Failure"`
	match func(df dataframe.DataFrame) ([]bool, error)
}

// String describes the condition, as in `outcome = "Failure"`.
func (c Cond) String() string { return c.desc }

// Where keeps df's rows that match every one of conds, in order. A
// condition on a column df lacks is an error in the result's Err that names
// the column and the columns df has. With no conds, df comes back as is.
//
//	frames.Where(web, frames.Failed(), frames.Method("activation"))
func Where(df dataframe.DataFrame, conds ...Cond) dataframe.DataFrame {
	for _, c := range conds {
		if c.match == nil {
			return dataframe.DataFrame{Err: errNotYet}
		}
	}
	return dataframe.DataFrame{Err: errNotYet}
}

// Eq matches the rows whose col equals value: a string for a string
// column, an int for an int column (any Go integer type, such as a
// [cryptolens.State]), a float or a bool.
func Eq(col string, value any) Cond { return Cond{desc: col + " = ?"} }

// Ne matches the rows whose col does not equal value; see [Eq].
func Ne(col string, value any) Cond { return Cond{desc: col + " != ?"} }

// In matches the rows whose col equals one of values; see [Eq]. With no
// values it matches no row.
func In(col string, values ...any) Cond { return Cond{desc: col + " in ?"} }

// Not matches the rows that c does not match.
func Not(c Cond) Cond { return Cond{desc: "not " + c.desc} }

// Or matches the rows that at least one of conds matches.
func Or(conds ...Cond) Cond { return Cond{desc: "or"} }

// During matches the rows inside the window w: by their time column (time,
// or created for the Object Log) when df has one, else by their day (a day
// matches when it overlaps w) or week column, as [PerDay] and [PerWeek]
// make them.
func During(w cryptolens.Window) Cond { return Cond{desc: "during"} }

// Succeeded matches the Web API Log rows whose outcome is
// [OutcomeSuccess].
func Succeeded() Cond { return Eq(ColOutcome, OutcomeSuccess) }

// Failed matches the Web API Log rows whose outcome is [OutcomeFailure].
func Failed() Cond { return Eq(ColOutcome, OutcomeFailure) }

// OutcomeIn matches the rows whose outcome is one of outcomes
// ([OutcomeSuccess], [OutcomeFailure], [OutcomeOther]).
func OutcomeIn(outcomes ...string) Cond { return In(ColOutcome, strings2any(outcomes)...) }

// Method matches the Web API Log rows of one of the method groups, named as
// the method column names them ("activation", "validation", "key creation",
// ...; see [cryptolens.StateGroup]).
func Method(methods ...string) Cond { return In(ColMethod, strings2any(methods)...) }

// State matches the Web API Log rows with one of the state codes.
func State(states ...cryptolens.State) Cond {
	vs := make([]any, len(states))
	for i, s := range states {
		vs[i] = int(s)
	}
	return In(ColState, vs...)
}

// Product matches the rows of product id; 0 matches every row, as a
// report's productId parameter means.
func Product(id int) Cond { return Cond{desc: "product"} }

// Key matches the rows of one of the license keys.
func Key(keys ...string) Cond { return In(ColKey, strings2any(keys)...) }

// HasKey matches the rows that carry a license key (key is not empty):
// the Web API Log's key creations and data-object rows may have none.
func HasKey() Cond { return Ne(ColKey, "") }

// HasMachine matches the rows that carry a machine code (machineCode is
// not empty).
func HasMachine() Cond { return Ne(ColMachineCode, "") }

// Licensing matches the Web API Log rows that are licensing requests: the
// licensing column is true (see [ColLicensing]).
func Licensing() Cond { return Eq(ColLicensing, true) }

// Purchases matches the purchase events: the purchase column is true (see
// [ColPurchase]).
func Purchases() Cond { return Eq(ColPurchase, true) }

func strings2any(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
