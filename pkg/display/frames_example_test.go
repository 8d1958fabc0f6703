package display_test

import (
	"fmt"
	"log"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/display"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
)

// exampleWeb is a few Web API Log rows as a session's frame holds them.
func exampleWeb() dataframe.DataFrame {
	t := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, time.UTC) }
	return report.NewWebAPILogFrame([]cryptolens.WebAPILog{
		{ID: 1, Key: "AAAA", Time: t(2, 9), State: 1010}, {ID: 2, Key: "BBBB", Time: t(2, 10), State: 2024},
		{ID: 3, Key: "AAAA", Time: t(3, 11), State: 2010}, {ID: 4, Key: "AAAA", Time: t(4, 12), State: 1010},
	})
}

func ExampleBars() {
	keys := frames.CountBy(frames.Where(exampleWeb(), frames.HasKey()), frames.ColKey)
	err := display.Bars(keys, frames.ColKey, frames.ColCount, display.Options{
		Title: "Most active license keys", Labels: frames.ColShare,
		Columns: map[string]string{"key": "License key", "count": "Requests"},
	})
	if err != nil {
		log.Fatal(err)
	}
}

func ExampleStacked() {
	w := cryptolens.Window{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)}
	daily := frames.Trailing(frames.PerDay(exampleWeb(), w, frames.ColOutcome), frames.ColTotal, 7)
	err := display.Stacked(daily, frames.ColDay, nil, display.Options{
		Title: "Requests per day", YLabel: "Requests", Overlay: frames.TrailingColumn(frames.ColTotal, 7),
	})
	if err != nil {
		log.Fatal(err)
	}
}

func ExampleLines() {
	w := cryptolens.Window{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)}
	daily := frames.Ratio(frames.PerDay(exampleWeb(), w, frames.ColOutcome), frames.OutcomeFailure, frames.ColTotal, "failed")
	err := display.Lines(daily, frames.ColDay, []string{"failed"}, display.Options{
		Title: "Failed requests per day", Formats: map[string]display.Format{"failed": display.Share},
	})
	if err != nil {
		log.Fatal(err)
	}
}

func ExampleFrame() {
	web := exampleWeb()
	perKey := frames.WithTotal(frames.CountBy(web, frames.ColKey), "All requests")
	if err := display.Frame(perKey, display.Options{Title: "Requests per key"}); err != nil {
		log.Fatal(err)
	}
	d, err := display.FrameData("Requests per key", perKey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Columns, d.Rows)
	// Output:
	// [key count share] [[AAAA 3 0.75] [BBBB 1 0.25] [All requests 4 1]]
}

func ExampleMoneyIn() {
	purchases := dataframe.New(series.New([]string{"EUR", "USD"}, series.String, "currency"),
		series.New([]int{123450, 9900}, series.Int, "value"))
	err := display.Bars(purchases, "currency", "value", display.Options{Title: "Revenue",
		Formats: map[string]display.Format{"value": display.MoneyIn("currency")}})
	fmt.Println(err)
	// Output:
	// display: Bars "Revenue": the values are in 2 currencies (EUR, USD) and one value axis cannot carry two: draw one chart per currency (frames.Where(df, frames.Eq("currency", "EUR"))) or show a table
}

func ExampleHeadlineFrame() {
	outcomes := frames.CountBy(exampleWeb(), frames.ColOutcome)
	failed := frames.SumOf(outcomes, frames.ColShare, frames.Failed())
	text := display.Share.Text(failed) + " of requests failed"
	if err := display.HeadlineFrame(text, frames.Where(outcomes, frames.Failed())); err != nil {
		log.Fatal(err)
	}
	fmt.Println(text)
	// Output:
	// 25.0% of requests failed
}
