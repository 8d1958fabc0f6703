package frames_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
)

// exampleLog is a week of Web API Log rows, as a session's frame holds them.
func exampleLog() []cryptolens.WebAPILog {
	day := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, time.UTC) }
	return []cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "AAAA", Time: day(1, 9), State: 1010, MachineCode: "m1"},
		{ID: 2, ProductID: 3, Key: "BBBB", Time: day(1, 10), State: 2024, MachineCode: "m2"},
		{ID: 3, ProductID: 3, Key: "AAAA", Time: day(3, 11), State: 2010, MachineCode: "m1"},
		{ID: 4, ProductID: 3, Time: day(3, 12), State: 3010},
		{ID: 5, ProductID: 3, Key: "CCCC", Time: day(5, 13), State: 1010, MachineCode: "m3"},
		{ID: 6, ProductID: 3, Key: "AAAA", Time: day(6, 14), State: 1020, MachineCode: "m4"},
	}
}

func ExampleCountBy() {
	web := report.NewWebAPILogFrame(exampleLog())
	fmt.Println(frames.CountBy(frames.Where(web, frames.HasKey()), frames.ColKey))
	// Output:
	// [3x3] DataFrame
	//
	//     key      count share
	//  0: AAAA     3     0.600000
	//  1: BBBB     1     0.200000
	//  2: CCCC     1     0.200000
	//     <string> <int> <float>
}

func ExampleTop() {
	web := report.NewWebAPILogFrame(exampleLog())
	keys := frames.CountBy(frames.Where(web, frames.HasKey()), frames.ColKey)
	fmt.Println(frames.Top(keys, 1, "%d other keys").Records())
	// Output:
	// [[key count share] [AAAA 3 0.600000] [2 other keys 2 0.400000]]
}

func ExampleWhere() {
	web := report.NewWebAPILogFrame(exampleLog())
	failed := frames.Where(web, frames.Failed(), frames.Method("validation", "activation"))
	fmt.Println(failed.Col(frames.ColID).Records())
	// Output:
	// [2 6]
}

func ExampleSummarize() {
	web := report.NewWebAPILogFrame(exampleLog())
	perMethod := frames.Summarize(web, []string{frames.ColMethod},
		frames.Count("requests"), frames.CountWhere("failed", frames.Failed()),
		frames.Distinct(frames.ColMachineCode, "machines"))
	fmt.Println(frames.WithTotal(frames.Ratio(perMethod, "failed", "requests", "failure rate"), "Total", "failure rate").Records())
	// Output:
	// [[method requests failed machines failure rate] [activation 2 1 2 0.500000] [key creation 1 0 0 0.000000] [validation 3 1 3 0.333333] [Total 6 2 5 NaN]]
}

func ExamplePerDay() {
	web := report.NewWebAPILogFrame(exampleLog())
	w := cryptolens.Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 7, 0, 0, 0, 0, time.UTC)}
	fmt.Println(frames.PerDay(web, w, frames.ColOutcome).Records())
	// Output:
	// [[day Success Failure total] [2026-10-01 1 1 2] [2026-10-02 0 0 0] [2026-10-03 2 0 2] [2026-10-04 0 0 0] [2026-10-05 1 0 1] [2026-10-06 0 1 1]]
}

func ExampleTrailing() {
	web := report.NewWebAPILogFrame(exampleLog())
	w := cryptolens.Window{Since: time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 7, 0, 0, 0, 0, time.UTC)}
	// Count 2 days before the window too, so that each of its days has a
	// whole 3-day average, then keep the window's days.
	daily := frames.Trailing(frames.PerDay(web, frames.LookBack(w, 2)), frames.ColCount, 3)
	fmt.Println(frames.Where(daily, frames.During(w)).Records())
	// Output:
	// [[day count count, 3-day average] [2026-10-04 0 0.666667] [2026-10-05 1 1.000000] [2026-10-06 1 0.666667]]
}

func ExamplePerWeek() {
	web := report.NewWebAPILogFrame(exampleLog())
	w := cryptolens.Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 8, 0, 0, 0, 0, time.UTC)}
	fmt.Println(frames.PerWeek(web, w).Records())
	// Output:
	// [[week count] [2026-09-28 4] [2026-10-05 2]]
}

func ExampleDistinctPerDay() {
	web := report.NewWebAPILogFrame(exampleLog())
	w := cryptolens.Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC)}
	fmt.Println(frames.DistinctPerDay(web, w, frames.ColKey).Records())
	// Output:
	// [[day key] [2026-10-01 2] [2026-10-02 0] [2026-10-03 1]]
}

func ExampleSumPerDay() {
	events := report.NewEventsFrame([]cryptolens.Event{
		{ID: 1, EventName: "purchase", Value: 4900, Currency: "EUR", Time: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)},
		{ID: 2, EventName: "purchase", Value: 1500, Currency: "USD", Time: time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)},
		{ID: 3, EventName: "purchase", Value: 100, Currency: "EUR", Time: time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)},
	})
	w := cryptolens.Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC)}
	eur := frames.Where(events, frames.Purchases(), frames.Eq(frames.ColCurrency, "EUR"))
	fmt.Println(frames.SumPerDay(eur, w, frames.ColValue).Records())
	// Output:
	// [[day value] [2026-10-01 4900] [2026-10-02 100]]
}

func ExampleSumOf() {
	web := report.NewWebAPILogFrame(exampleLog())
	outcomes := frames.CountBy(web, frames.ColOutcome)
	fmt.Printf("%.1f%% of requests failed\n", 100*frames.SumOf(outcomes, frames.ColShare, frames.Failed()))
	// Output:
	// 33.3% of requests failed
}

func ExampleLabel() {
	web := report.NewWebAPILogFrame(exampleLog())
	codes := frames.Label(frames.CountBy(web, frames.ColState, frames.ColMethod), "code", "%d (%s)", frames.ColState, frames.ColMethod)
	fmt.Println(codes.Col("code").Records())
	// Output:
	// [1010 (validation) 1020 (validation) 2010 (activation) 2024 (activation) 3010 (key creation)]
}
