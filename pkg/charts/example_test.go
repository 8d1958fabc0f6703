package charts_test

import (
	"bytes"
	"fmt"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lensbook/lensbook/pkg/charts"
)

func ExampleBar() {
	c, err := charts.Bar(charts.BarData{
		Title:       "Activation outcomes, October 2026",
		XLabel:      "Outcome",
		YLabel:      "Share of requests",
		Categories:  []string{"Success", "Failure"}, // green and red by role
		Values:      []float64{87.14, 12.86},
		ValueFormat: charts.Percent, // labels "87.1%" and "12.9%"
	})
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "charts-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	f, err := os.Create(filepath.Join(dir, "outcomes.png"))
	if err != nil {
		log.Fatal(err)
	}
	if err := c.PNG(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}

	f, _ = os.Open(filepath.Join(dir, "outcomes.png"))
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%dx%d PNG\n", cfg.Width, cfg.Height)
	// Output: 800x450 PNG
}

func ExampleStackedBar() {
	days := make([]time.Time, 14)
	success, failure, average := make([]float64, 14), make([]float64, 14), make([]float64, 14)
	for i := range days {
		days[i] = time.Date(2026, 10, 18+i, 0, 0, 0, 0, time.UTC)
		success[i], failure[i] = float64(100+i*3), float64(10+i%4)
		average[i] = math.NaN() // no 7-day average for the first six days
		if i >= 6 {
			average[i] = 118
		}
	}
	c, err := charts.StackedBar(charts.StackedBarData{
		Title:   "Activations per day",
		YLabel:  "Requests",
		Days:    days,
		Series:  []charts.Series{{Name: "Success", Values: success}, {Name: "Failure", Values: failure}},
		Overlay: &charts.Series{Name: "7-day average", Values: average},
	})
	if err != nil {
		log.Fatal(err)
	}
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(svg.String(), ">26 Oct</text>"))
	// Output: true
}

func ExampleHorizontalBar() {
	c, err := charts.HorizontalBar(charts.HorizontalBarData{
		Title:      "Top keys by requests",
		XLabel:     "Requests",
		YLabel:     "Key",
		Categories: []string{"ABCDE-FGHIJ-KLMNO-PQRST", "a customer with a very, very long friendly name", "ZXCVB-NMQWE"},
		Values:     []float64{4821, 2011, 905},
		Labels:     []string{"62.3%", "26.0%", "11.7%"},
	})
	if err != nil {
		log.Fatal(err)
	}
	c.Width, c.Height = 640, 360
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(svg.String(), "…</text>")) // the long name is shortened
	// Output: true
}

func ExampleTimeSeries() {
	days := make([]time.Time, 31)
	machines := make([]float64, 31)
	for i := range days {
		days[i] = time.Date(2026, 10, 1+i, 0, 0, 0, 0, time.UTC)
		machines[i] = float64(40 + i)
	}
	c, err := charts.TimeSeries(charts.TimeSeriesData{
		Title:  "Active machines per day",
		YLabel: "Machines",
		Days:   days,
		Series: []charts.Series{{Name: "Product 3", Values: machines}},
	})
	if err != nil {
		log.Fatal(err)
	}
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		log.Fatal(err)
	}
	for _, monday := range []string{"5 Oct", "12 Oct", "19 Oct", "26 Oct"} {
		fmt.Print(strings.Contains(svg.String(), ">"+monday+"</text>"), " ")
	}
	fmt.Println()
	// Output: true true true true
}

func ExampleChart_SVG() {
	c, err := charts.Bar(charts.BarData{Title: "Requests by method", XLabel: "Method", YLabel: "Requests",
		Categories: []string{"validation", "activation"}, Values: []float64{1200, 340}})
	if err != nil {
		log.Fatal(err)
	}
	c.Width, c.Height = 640, 360 // pixels at 96 dpi
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(svg.String(), `width="480pt" height="270pt"`))
	fmt.Println(strings.Contains(svg.String(), "font-family:Liberation Sans,Arial,Helvetica,sans-serif"))
	// Output:
	// true
	// true
}

func ExampleRoleColor() {
	c, ok := charts.RoleColor("Failure")
	fmt.Println(c == charts.Failure, ok)
	_, ok = charts.RoleColor("validation")
	fmt.Println(ok)
	// Output:
	// true true
	// false
}

func ExampleParseDays() {
	// Days as the frames package writes them, e.g. a grouped day column.
	days, err := charts.ParseDays([]string{"2026-10-30", "2026-10-31"})
	if err != nil {
		log.Fatal(err)
	}
	c, err := charts.TimeSeries(charts.TimeSeriesData{Title: "Requests", YLabel: "Requests", Days: days,
		Series: []charts.Series{{Name: "All", Values: []float64{120, 135}}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Title(), days[1].Format(time.RFC3339))
	// Output: Requests 2026-10-31T00:00:00Z
}
