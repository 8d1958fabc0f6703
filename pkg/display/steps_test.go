package display

import (
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
)

// seats is a floating key's seats held over time, as steps, with its limit.
func seats() dataframe.DataFrame {
	return dataframe.New(
		series.New([]string{"2026-10-02T00:00:00Z", "2026-10-02T09:00:00Z", "2026-10-03T17:30:00Z", "2026-10-05T00:00:00Z"}, series.String, "time"),
		series.New([]int{0, 2, 1, 1}, series.Int, "seatsHeld"),
		series.New([]int{2, 2, 2, 2}, series.Int, "seatLimit"),
	)
}

func TestStepsDrawsTheFrameWithItsLimit(t *testing.T) {
	opts := Options{Title: "Seats held", Overlay: "seatLimit", Columns: map[string]string{"seatsHeld": "Seats held", "seatLimit": "Seat limit"}}
	c, title, cols, err := stepsChart(seats(), "time", []string{"seatsHeld"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if title != "Seats held" || !cmp.Equal(cols, []string{"time", "seatsHeld", "seatLimit"}) {
		t.Errorf("figures %q of columns %q", title, cols)
	}
	// The chart's own figures carry the page names; the figures sent are
	// the frame's columns (sendChart, FrameData).
	names, rows := c.Figures()
	if !cmp.Equal(names, []string{"time", "Seats held", "Seat limit"}) || len(rows) != 4 || rows[1][1] != 2.0 {
		t.Errorf("chart figures %q %v", names, rows)
	}
	d, err := FrameData(title, seats(), cols...)
	if err != nil || d.Rows[2][0] != "2026-10-03T17:30:00Z" || d.Rows[2][1] != 1 {
		t.Errorf("figures %v, %v", d, err)
	}
	if _, _, all, err := stepsChart(seats(), "time", nil, Options{Overlay: "seatLimit"}); err != nil || !cmp.Equal(all, []string{"time", "seatsHeld", "seatLimit"}) {
		t.Errorf("every numeric column: %q, %v", all, err)
	}
	if err := Steps(seats(), "time", []string{"seatsHeld"}, opts); err != nil {
		t.Errorf("Steps outside a kernel: %v", err)
	}
}

func TestStepsNamesWhatIsWrong(t *testing.T) {
	for _, c := range []struct {
		name string
		df   dataframe.DataFrame
		x    string
		ys   []string
		want string
	}{
		{"missing column", seats(), "time", []string{"seats"}, `"seats"`},
		{"text values", seats(), "seatsHeld", []string{"time"}, `column "time" is string`},
		{"not times", seats(), "seatsHeld", []string{"seatLimit"}, `column "seatsHeld", row 0: "0" is not an RFC 3339 time`},
		{"times out of order", seats().Subset([]int{1, 0}), "time", []string{"seatsHeld"}, "sort the times"},
	} {
		if _, _, _, err := stepsChart(c.df, c.x, c.ys, Options{Title: "Seats"}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error containing %s", c.name, err, c.want)
		}
	}
}
