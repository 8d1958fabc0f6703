package report_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/display"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

func ExampleSession_WebAPILogFrame() {
	s := report.Must(report.Open(report.Params{Days: 30}))
	web := report.Must(s.WebAPILogFrame())
	keys := frames.Top(frames.CountBy(frames.Where(web, frames.HasKey()), frames.ColKey), 20, "%d other keys")
	report.Check(display.Bars(keys, frames.ColKey, frames.ColCount, display.Options{Title: "Most active keys", Labels: frames.ColShare}))
}

func ExampleNewWebAPILogFrame() {
	df := report.NewWebAPILogFrame([]cryptolens.WebAPILog{
		{ID: 1, Key: "AAAA", Time: time.Date(2026, 10, 4, 9, 0, 0, 0, time.UTC), State: 2024},
		{ID: 2, Time: time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC), State: 3010},
	})
	fmt.Println(df.Select([]string{"day", "week", "method", "outcome", "licensing"}).Records())
	// Output:
	// [[day week method outcome licensing] [2026-10-04 2026-09-28 activation Failure true] [2026-10-05 2026-10-05 key creation Success false]]
}

func ExampleNewEventsFrame() {
	df := report.NewEventsFrame([]cryptolens.Event{
		{ID: 1, FeatureName: "Export", EventName: "start", Metadata: `{"OS":"Linux","Version":"2.1"}`},
		{ID: 2, FeatureName: "Credits", EventName: "purchase", Value: 4900, Currency: "EUR"},
	})
	fmt.Println(df.Select([]string{"featureName", "os", "version", "purchase"}).Records())
	// Output:
	// [[featureName os version purchase] [Export Linux 2.1 false] [Credits (unknown)  true]]
}

// A notebook's parameters cell opens the session on its parameters; its
// fetch cell syncs the store and prints one line per log, the window's rows
// ("Web API Log, 2 Oct – 31 Oct 2026 (30 days, UTC), all products: 24,159
// requests"), the same on every run over the same data.
func ExampleSession_Sync() {
	var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: ""}))
	fmt.Println(report.Must(s.Sync(store.WebAPILog)))
}
