package charts_test

import (
	"bytes"
	"fmt"
	"log"
	"time"

	"github.com/lensbook/lensbook/pkg/charts"
)

func ExampleSteps() {
	at := func(day, hour int) time.Time { return time.Date(2026, 10, day, hour, 0, 0, 0, time.UTC) }
	c, err := charts.Steps(charts.StepsData{
		Title:  "Seats held",
		YLabel: "Seats",
		Times:  []time.Time{at(2, 0), at(2, 9), at(2, 17), at(3, 8), at(4, 0)}, // the last time ends the chart
		Series: []charts.Series{{Name: "Seats held", Values: []float64{0, 2, 1, 3, 3}}},
		Limits: []charts.Series{{Name: "Seat limit", Values: []float64{3, 3, 3, 3, 3}}}, // dashed
	})
	if err != nil {
		log.Fatal(err)
	}
	var svg bytes.Buffer
	if err := c.SVG(&svg); err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Title(), bytes.Contains(svg.Bytes(), []byte("stroke-dasharray")))
	// Output: Seats held true
}
