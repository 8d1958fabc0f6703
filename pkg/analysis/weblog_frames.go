package analysis

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of the frames that [StateCodesFrame] and [FriendlyNamesFrame]
// return.
const (
	wfMethod   = "method"       // a state code's method group, such as "activation"
	wfState    = "state"        // the state code, such as 2024 (int)
	wfCode     = "code"         // the code and its documented name, such as "2024 seat limit reached"
	wfOutcome  = "outcome"      // "Success", "Failure" or "Other" ([OutcomeOf])
	wfRequests = "requests"     // rows counted (int)
	wfShare    = "share"        // a count's share of the rows counted, 0 to 1 (float)
	wfName     = "friendlyName" // a friendly name, [NoneLabel] or [RestLabel]
	wfMachines = "machines"     // distinct normalised machine codes (int)
	wfNames    = "names"        // friendly names in the row: 1, or how many the rest row sums (int)
	wfRest     = "rest"         // true for the row that sums the names beyond the top (bool)
)

// StateCodesFrame counts the rows of a Web API Log frame (the window, as
// report's Session.WebAPILogFrame gives it) per state code: one row per
// code with its method group, its name ([cryptolens.State.String]), its
// outcome, its count and its share of all the frame's rows. Rows come
// grouped by method in group order (validation 10, activation 20, key
// creation 30, ...), then by count, most first, then by code: the order of
// [StatesByGroup]. Columns: method, state (int), code (such as "2024 seat
// limit reached"), outcome, requests (int), share (float). It reads the
// state column (int).
func StateCodesFrame(web dataframe.DataFrame) dataframe.DataFrame {
	states, err := frameInts(web, "StateCodesFrame", "state")
	if err != nil {
		return dataframe.DataFrame{Err: err}
	}
	logs := make([]cryptolens.WebAPILog, len(states))
	for i, s := range states {
		logs[i].State = cryptolens.State(s)
	}
	// Alike in shape to FriendlyNamesFrame only: each fills its own frame's columns.
	var method, code, outcome []string
	var state, count []int
	var shares []float64
	for _, g := range StatesByGroup(logs, cryptolens.Window{}) {
		for _, c := range g.States {
			method = append(method, g.Name)
			state = append(state, int(c.State))
			code = append(code, c.State.String())
			outcome = append(outcome, OutcomeOf(c.State).String())
			count = append(count, c.Count)
			shares = append(shares, c.Share)
		}
	}
	return dataframe.New(
		series.New(method, series.String, wfMethod),
		series.New(state, series.Int, wfState),
		series.New(code, series.String, wfCode),
		series.New(outcome, series.String, wfOutcome),
		series.New(count, series.Int, wfRequests),
		series.New(shares, series.Float, wfShare),
	)
}

// FriendlyNamesFrame ranks the friendly names of a Web API Log frame (the
// window) by the rows that name a machine, by the rules of
// [RequestsPerFriendlyName]: rows whose machine code is empty after
// [NormalizeMachineCode] are left out of the ranking and of its total; an
// empty name of a row with a machine counts as [NoneLabel]; machines are the
// distinct normalised codes behind a name. The top n names come first
// (requests, most first, then name), then, when any remain, one row
// [RestLabel] that sums the others (rest true, names the number of names it
// sums, machines distinct over them). n <= 0 lists every name. Columns:
// friendlyName, requests, share (of the rows ranked), machines, names, rest.
// It reads the machineCode and friendlyName columns.
func FriendlyNamesFrame(web dataframe.DataFrame, n int) dataframe.DataFrame {
	codes, err := frameStrings(web, "FriendlyNamesFrame", "machineCode")
	if err != nil {
		return dataframe.DataFrame{Err: err}
	}
	names, err := frameStrings(web, "FriendlyNamesFrame", "friendlyName")
	if err != nil {
		return dataframe.DataFrame{Err: err}
	}
	logs := make([]cryptolens.WebAPILog, len(codes))
	for i := range logs {
		logs[i].MachineCode, logs[i].FriendlyName = codes[i], names[i]
	}
	// Alike in shape to StateCodesFrame only: each fills its own frame's columns.
	var name []string
	var requests, machines, count []int
	var shares []float64
	var rest []bool
	for _, c := range RequestsPerFriendlyName(logs, cryptolens.Window{}, n) {
		name = append(name, c.Name)
		requests = append(requests, c.Count)
		shares = append(shares, c.Share)
		machines = append(machines, c.Machines)
		count = append(count, c.Names)
		rest = append(rest, c.Rest)
	}
	return dataframe.New(
		series.New(name, series.String, wfName),
		series.New(requests, series.Int, wfRequests),
		series.New(shares, series.Float, wfShare),
		series.New(machines, series.Int, wfMachines),
		series.New(count, series.Int, wfNames),
		series.New(rest, series.Bool, wfRest),
	)
}

// frameStrings returns df's string column col, or an error naming fn and
// the columns df has.
func frameStrings(df dataframe.DataFrame, fn, col string) ([]string, error) {
	if err := frameColumn(df, fn, col); err != nil {
		return nil, err
	}
	return df.Col(col).Records(), nil
}

// frameInts returns df's int column col, or an error naming fn and the
// columns df has.
func frameInts(df dataframe.DataFrame, fn, col string) ([]int, error) {
	if err := frameColumn(df, fn, col); err != nil {
		return nil, err
	}
	v, err := df.Col(col).Int()
	if err != nil {
		return nil, fmt.Errorf("analysis.%s: column %s: %w", fn, col, err)
	}
	return v, nil
}

// frameColumn checks that df holds no error and has the column col.
func frameColumn(df dataframe.DataFrame, fn, col string) error {
	if df.Err != nil {
		return fmt.Errorf("analysis.%s: %w", fn, df.Err)
	}
	for _, n := range df.Names() {
		if n == col {
			return nil
		}
	}
	return fmt.Errorf("analysis.%s: the frame has no %s column (it has %v): give it a Web API Log frame, such as Session.WebAPILogFrame's", fn, col, df.Names())
}
