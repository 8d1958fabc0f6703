package charts

import (
	"math"
	"testing"
	"time"
)

// samples returns one chart of each kind and shape that the tests render.
func samples(t *testing.T) map[string]*Chart {
	t.Helper()
	must := func(c *Chart, err error) *Chart {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	return map[string]*Chart{
		"bar-outcome": must(Bar(BarData{Title: "Activation outcomes, October 2026", XLabel: "Outcome", YLabel: "Share of requests",
			Categories: []string{"Success", "Failure"}, Values: []float64{87.14, 12.86}, ValueFormat: Percent})),
		"bar-methods": must(Bar(BarData{Title: "Requests by method", XLabel: "Method", YLabel: "Requests",
			Categories: []string{"validation", "activation", "deactivation", "data object", "a very long method name that will not fit"},
			Values:     []float64{120345, 40210, 3300, 120, 7}})),
		"bar-empty": must(Bar(BarData{Title: "Nothing here", XLabel: "x", YLabel: "y"})),
		"stacked-31": must(StackedBar(StackedBarData{Title: "Activations per day", YLabel: "Requests",
			Days: dayRange(oct1, 31), Series: []Series{{Name: "Success", Values: success31}, {Name: "Failure", Values: failure31}},
			Overlay: &Series{Name: "7-day average", Values: average7(success31, failure31)}})),
		"stacked-90": must(StackedBar(StackedBarData{Title: "Requests per day, last 90 days", YLabel: "Requests",
			Days: dayRange(oct1.AddDate(0, 0, -59), 90), Series: []Series{{Name: "Success", Values: wave(90, 300, 80, 0)},
				{Name: "Failure", Values: wave(90, 30, 10, 2)}, {Name: "Other", Values: wave(90, 5, 3, 5)}}})),
		"hbar-keys": must(HorizontalBar(HorizontalBarData{Title: "Top keys by requests", XLabel: "Requests", YLabel: "Key",
			Categories: []string{"ABCDE-FGHIJ-KLMNO-PQRST", "QWERT-YUIOP-ASDFG-HJKLZ", "a customer with a very long friendly name <b>&amp;</b>", "ZXCVB-NMQWE-RTYUI-OPASD", "short"},
			Values:     []float64{48210, 20110, 9050, 1200, 33},
			Labels:     []string{"61.1%", "25.5%", "11.5%", "1.5%", "0.0%"}})),
		"ts-2": must(TimeSeries(TimeSeriesData{Title: "Active machines per day", YLabel: "Machines",
			Days: dayRange(oct1, 31), Series: []Series{{Name: "Product 3", Values: wave(31, 120, 30, 0)}, {Name: "Product 4", Values: gappy(wave(31, 60, 20, 4))}}})),
		"ts-year": must(TimeSeries(TimeSeriesData{Title: "Validations per day over a year", YLabel: "Requests",
			Days: dayRange(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), 365), Series: []Series{{Name: "Validations", Values: wave(365, 1000, 300, 1)}}})),
	}
}

var (
	oct1      = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	success31 = wave(31, 120, 40, 0)
	failure31 = wave(31, 14, 6, 3)
)

// average7 is the trailing 7-day average of a+b, NaN for the first six days.
func average7(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range out {
		if i < 6 {
			out[i] = math.NaN()
			continue
		}
		sum := 0.0
		for j := i - 6; j <= i; j++ {
			sum += a[j] + b[j]
		}
		out[i] = sum / 7
	}
	return out
}

// gappy blanks a few values, leaving one isolated point.
func gappy(v []float64) []float64 {
	for _, i := range []int{10, 11, 13, 14} {
		v[i] = math.NaN()
	}
	return v
}

func dayRange(start time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = start.AddDate(0, 0, i)
	}
	return out
}

// wave makes n deterministic, plausible daily counts.
func wave(n int, base, amp float64, phase int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Round(base + amp*math.Sin(float64(i+phase)/3.1) + float64((i*7+phase*13)%11))
	}
	return out
}
