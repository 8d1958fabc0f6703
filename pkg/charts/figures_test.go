package charts

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFiguresAreTheNumbersDrawn(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC) }
	bar, err := Bar(BarData{XLabel: "Outcome", Categories: []string{"Success", "Failure"}, Values: []float64{9, 1}})
	if err != nil {
		t.Fatal(err)
	}
	hbar, err := HorizontalBar(HorizontalBarData{XLabel: "Requests", YLabel: "Key", Categories: []string{"AAAA"}, Values: []float64{3}})
	if err != nil {
		t.Fatal(err)
	}
	avg := Series{Name: "7-day average", Values: []float64{2.5, 3}}
	stacked, err := StackedBar(StackedBarData{Days: []time.Time{day(2), day(3)},
		Series: []Series{{Name: "Success", Values: []float64{2, 3}}}, Overlay: &avg})
	if err != nil {
		t.Fatal(err)
	}
	lines, err := TimeSeries(TimeSeriesData{Days: []time.Time{day(2)}, Series: []Series{{Name: "Failure", Values: []float64{math.NaN()}}}})
	if err != nil {
		t.Fatal(err)
	}
	type figs struct {
		Columns []string
		Rows    [][]any
	}
	of := func(c *Chart) figs { cols, rows := c.Figures(); return figs{cols, rows} }
	got := []figs{of(bar), of(hbar), of(stacked), of(lines)}
	want := []figs{
		{[]string{"Outcome", "value"}, [][]any{{"Success", 9.0}, {"Failure", 1.0}}},
		{[]string{"Key", "Requests"}, [][]any{{"AAAA", 3.0}}},
		{[]string{"day", "Success", "7-day average"}, [][]any{{"2026-10-02", 2.0, 2.5}, {"2026-10-03", 3.0, 3.0}}},
		{[]string{"day", "Failure"}, [][]any{{"2026-10-02", nil}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
}
