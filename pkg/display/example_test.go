package display_test

import (
	"fmt"
	"log"
	"time"

	"github.com/lensbook/lensbook/pkg/charts"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/display"
	"github.com/lensbook/lensbook/pkg/frames"
)

func ExampleChart() {
	c, err := charts.Bar(charts.BarData{
		Title: "Activation outcomes", XLabel: "Outcome", YLabel: "Requests",
		Categories: []string{"Success", "Failure"}, Values: []float64{871, 129},
	})
	if err != nil {
		log.Fatal(err)
	}
	// In a GoNB cell this shows the chart; elsewhere it only renders it.
	if err := display.Chart(c); err != nil {
		log.Fatal(err)
	}
	fmt.Println("in a notebook:", display.InNotebook())
	// Output: in a notebook: false
}

func ExampleTableHTML() {
	html := display.TableHTML("Top keys", []string{"key", "requests"},
		[][]string{{"<AAAA>", "1,234"}, {"BBBB", "56"}}, 10, nil)
	fmt.Println(html)
	// Output:
	// <figure class="lensbook-table" style="margin:0">
	// <figcaption class="lensbook-caption" style="text-align:left;font-weight:bold;padding:4px 0">Top keys</figcaption>
	// <div class="lensbook-scroll" style="overflow-x:auto">
	// <table style="border-collapse:collapse;font-variant-numeric:tabular-nums">
	// <thead><tr><th style="text-align:left;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">key</th><th style="text-align:right;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">requests</th></tr></thead>
	// <tbody>
	// <tr><td style="text-align:left;padding:2px 8px;white-space:nowrap">&lt;AAAA&gt;</td><td style="text-align:right;padding:2px 8px;white-space:nowrap">1,234</td></tr>
	// <tr><td style="text-align:left;padding:2px 8px;white-space:nowrap">BBBB</td><td style="text-align:right;padding:2px 8px;white-space:nowrap">56</td></tr>
	// </tbody>
	// <tfoot><tr><td colspan="2" style="text-align:left;padding:2px 8px;font-style:italic">10 more rows</td></tr></tfoot>
	// </table>
	// </div>
	// </figure>
}

func ExampleFrameTable() {
	df := frames.WebAPILog([]cryptolens.WebAPILog{
		{ID: 1, Key: "AAAA", State: 1010, Time: time.Date(2026, 10, 31, 9, 0, 0, 0, time.UTC)},
		{ID: 2, Key: "AAAA", State: 2024, Time: time.Date(2026, 10, 31, 9, 5, 0, 0, time.UTC)},
	})
	// Shows the first 20 rows in a GoNB cell.
	if err := display.FrameTable(df, 20); err != nil {
		log.Fatal(err)
	}
	fmt.Print(display.TableText("outcomes", df.Names()[12:], df.Select([]int{12, 13}).Records()[1:], 0))
	// Output:
	// outcomes
	// method      outcome
	// validation  Success
	// activation  Failure
}

func ExampleMarkdown() {
	if err := display.Markdown("**87.1%** of activations succeeded."); err != nil {
		log.Fatal(err)
	}
}

func ExampleTable() {
	// In a GoNB cell this shows a captioned HTML table; "1,234" and "56"
	// are right-aligned, "<AAAA>" is escaped.
	if err := display.Table([]string{"key", "requests"}, [][]string{{"<AAAA>", "1,234"}, {"BBBB", "56"}}); err != nil {
		log.Fatal(err)
	}
	fmt.Print(display.TableText("2 rows × 2 columns", []string{"key", "requests"}, [][]string{{"<AAAA>", "1,234"}, {"BBBB", "56"}}, 0))
	// Output:
	// 2 rows × 2 columns
	// key     requests
	// <AAAA>  1,234
	// BBBB    56
}
