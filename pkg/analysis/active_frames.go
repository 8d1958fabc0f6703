package analysis

import (
	"math"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of the frames of an [ActiveReport].
const (
	ColMachines = "machines" // a number of distinct machine codes
)

// Names of the figures of [ActiveReport.Figures], in their order.
const (
	FigureDistinct = "Distinct in the whole window"
	FigureMean     = "Mean per day"
	FigureBusiest  = "Busiest day"
)

// ActiveReport is the active keys and machines of a window, as DataFrames:
// what the active-keys-and-machines report shows.
type ActiveReport struct {
	// PerDay: day, keys, machines: the distinct keys and machines active on
	// each day of the window ([ActivePerDay]).
	PerDay dataframe.DataFrame
	// Figures: figure, keys, machines: the distinct keys and machines of the
	// whole window, the mean per day (rounded to 0.1) and the busiest day's
	// count; BusiestKeysDay and BusiestMachinesDay are the busiest days
	// (the first of equals), "" when the window has no day.
	Figures                            dataframe.DataFrame
	BusiestKeysDay, BusiestMachinesDay string
	// Keys and Machines are the distinct keys and machine codes
	// (normalised, [NormalizeMachineCode]) of the rows inside the window.
	Keys, Machines int
}

// ActiveKeysAndMachines counts the keys and machines active per day of w
// in web, a Web API Log frame that also holds the day before the window
// (for the floating seats held across its start: see [ActivePerDay]), and
// the distinct ones of the whole window by the same definitions. It fails
// when the frame carries an error or lacks the columns time, key,
// machineCode or floatingExpires.
func ActiveKeysAndMachines(web dataframe.DataFrame, w cryptolens.Window) (ActiveReport, error) {
	rows, err := webLogRows("ActiveKeysAndMachines", web, inKey, inMachineCode, inFloatingExpires)
	if err != nil {
		return ActiveReport{}, err
	}
	var r ActiveReport
	var days []string
	var keys, machines []int
	var peakKeys, peakMachines, sumKeys, sumMachines int
	for _, d := range ActivePerDay(rows, w) {
		days, keys, machines = append(days, dayText(d.Day)), append(keys, d.Keys), append(machines, d.Machines)
		sumKeys, sumMachines = sumKeys+d.Keys, sumMachines+d.Machines
		if d.Keys > peakKeys || r.BusiestKeysDay == "" {
			peakKeys, r.BusiestKeysDay = d.Keys, dayText(d.Day)
		}
		if d.Machines > peakMachines || r.BusiestMachinesDay == "" {
			peakMachines, r.BusiestMachinesDay = d.Machines, dayText(d.Day)
		}
	}
	r.PerDay = dataframe.New(textSeries(ColDay, days), intSeries(ColKeys, keys), intSeries(ColMachines, machines))

	allKeys, allMachines := map[string]bool{}, map[string]bool{}
	for i := range rows {
		if !w.Contains(rows[i].Time) {
			continue
		}
		if k := rows[i].Key; k != "" {
			allKeys[k] = true
		}
		if mc := NormalizeMachineCode(rows[i].MachineCode); mc != "" {
			allMachines[mc] = true
		}
	}
	r.Keys, r.Machines = len(allKeys), len(allMachines)
	mean := func(sum int) float64 { return math.Round(float64(sum)*10/float64(max(len(days), 1))) / 10 }
	r.Figures = dataframe.New(textSeries(ColFigure, []string{FigureDistinct, FigureMean, FigureBusiest}),
		floatSeries(ColKeys, []float64{float64(r.Keys), mean(sumKeys), float64(peakKeys)}),
		floatSeries(ColMachines, []float64{float64(r.Machines), mean(sumMachines), float64(peakMachines)}))
	return r, nil
}
