package charts

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestConstructorErrors(t *testing.T) {
	d1, d2 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		make func() (*Chart, error)
		want string
	}{
		{"bar lengths", func() (*Chart, error) {
			return Bar(BarData{Title: "T", Categories: []string{"a", "b", "c"}, Values: []float64{1, 2}})
		}, `charts: Bar "T": 2 values but 3 categories`},
		{"bar labels", func() (*Chart, error) {
			return Bar(BarData{Title: "T", Categories: []string{"a"}, Values: []float64{1}, Labels: []string{}})
		}, `0 labels but 1 categories`},
		{"bar NaN", func() (*Chart, error) {
			return Bar(BarData{Title: "T", Categories: []string{"a", "Failure"}, Values: []float64{1, math.NaN()}})
		}, `value 1 (Failure) is NaN`},
		{"bar negative", func() (*Chart, error) {
			return Bar(BarData{Title: "T", Categories: []string{"a"}, Values: []float64{-2}})
		}, `value 0 (a) is negative (-2)`},
		{"hbar infinite", func() (*Chart, error) {
			return HorizontalBar(HorizontalBarData{Title: "T", Categories: []string{"k"}, Values: []float64{math.Inf(1)}})
		}, `HorizontalBar "T": value 0 (k) is infinite`},
		{"stacked lengths", func() (*Chart, error) {
			return StackedBar(StackedBarData{Title: "T", Days: []time.Time{d1, d2}, Series: []Series{{Name: "Success", Values: []float64{1}}}})
		}, `1 values in series "Success" but 2 days`},
		{"stacked overlay lengths", func() (*Chart, error) {
			return StackedBar(StackedBarData{Title: "T", Days: []time.Time{d1}, Series: []Series{{Name: "S", Values: []float64{1}}},
				Overlay: &Series{Name: "avg", Values: []float64{1, 2}}})
		}, `2 values in overlay "avg" but 1 days`},
		{"stacked negative", func() (*Chart, error) {
			return StackedBar(StackedBarData{Title: "T", Days: []time.Time{d1, d2}, Series: []Series{{Name: "S", Values: []float64{1, -1}}}})
		}, `value 1 of series "S" (2026-10-02) is negative`},
		{"days out of order", func() (*Chart, error) {
			return TimeSeries(TimeSeriesData{Title: "T", Days: []time.Time{d2, d1}, Series: []Series{{Name: "S", Values: []float64{1, 2}}}})
		}, `day 1 (2026-10-01) does not come after day 0 (2026-10-02)`},
		{"same day twice", func() (*Chart, error) {
			return TimeSeries(TimeSeriesData{Title: "T", Days: []time.Time{d1, d1.Add(time.Hour)}, Series: []Series{{Name: "S", Values: []float64{1, 2}}}})
		}, `days must be distinct and increasing`},
		{"time series infinite", func() (*Chart, error) {
			return TimeSeries(TimeSeriesData{Title: "T", Days: []time.Time{d1}, Series: []Series{{Name: "S", Values: []float64{math.Inf(-1)}}}})
		}, `is infinite`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.make()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if c != nil {
				t.Error("a chart came with the error")
			}
		})
	}
}

func TestEmptyInputsGiveNoDataCharts(t *testing.T) {
	d1 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		make func() (*Chart, error)
	}{
		{"bar", func() (*Chart, error) { return Bar(BarData{Title: "T"}) }},
		{"hbar", func() (*Chart, error) { return HorizontalBar(HorizontalBarData{Title: "T"}) }},
		{"stacked no days", func() (*Chart, error) { return StackedBar(StackedBarData{Title: "T"}) }},
		{"stacked no series", func() (*Chart, error) { return StackedBar(StackedBarData{Title: "T", Days: []time.Time{d1}}) }},
		{"series all NaN", func() (*Chart, error) {
			return TimeSeries(TimeSeriesData{Title: "T", Days: []time.Time{d1}, Series: []Series{{Name: "S", Values: []float64{math.NaN()}}}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(renderSVG(t, c)), ">No data</text>") {
				t.Error(`no "No data" text`)
			}
		})
	}
}

func TestSingleValues(t *testing.T) {
	d1 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	// One day, one category, all zeros: each must still lay out and render.
	charts := []func() (*Chart, error){
		func() (*Chart, error) {
			return Bar(BarData{Title: "T", Categories: []string{"a"}, Values: []float64{0}})
		},
		func() (*Chart, error) {
			return HorizontalBar(HorizontalBarData{Title: "T", Categories: []string{"a"}, Values: []float64{0}})
		},
		func() (*Chart, error) {
			return StackedBar(StackedBarData{Title: "T", Days: []time.Time{d1}, Series: []Series{{Name: "S", Values: []float64{0}}}})
		},
		func() (*Chart, error) {
			return TimeSeries(TimeSeriesData{Title: "T", Days: []time.Time{d1}, Series: []Series{{Name: "S", Values: []float64{-3}}}})
		},
	}
	for i, make := range charts {
		c, err := make()
		if err != nil {
			t.Fatalf("chart %d: %v", i, err)
		}
		renderPNG(t, c)
		renderSVG(t, c)
	}
}
