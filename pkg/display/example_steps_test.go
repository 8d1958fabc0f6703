package display_test

import (
	"log"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/display"
)

// A floating key's seats held, as steps, with its seat limit as a dashed
// line; in a notebook the frame comes from analysis.FloatingLicenseReport.
func ExampleSteps() {
	seats := dataframe.New(
		series.New([]string{"2026-10-02T00:00:00Z", "2026-10-02T09:00:00Z", "2026-10-03T17:30:00Z", "2026-10-05T00:00:00Z"}, series.String, "time"),
		series.New([]int{0, 2, 1, 1}, series.Int, "seatsHeld"),
		series.New([]int{2, 2, 2, 2}, series.Int, "seatLimit"),
	)
	err := display.Steps(seats, "time", []string{"seatsHeld"}, display.Options{Title: "Seats held", Overlay: "seatLimit",
		Columns: map[string]string{"seatsHeld": "Seats held", "seatLimit": "Seat limit"}})
	if err != nil {
		log.Fatal(err)
	}
}
