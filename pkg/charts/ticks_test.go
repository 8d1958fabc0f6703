package charts

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func labels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		out = append(out, t.Label)
	}
	return out
}

func day(y int, m time.Month, d int) float64 {
	return dayNumber(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func TestDayTicker(t *testing.T) {
	tests := []struct {
		name      string
		from, to  float64
		maxLabels int
		want      []string
	}{
		{"daily", day(2026, 10, 30), day(2026, 11, 2), 10, []string{"30 Oct", "31 Oct", "1 Nov", "2 Nov"}},
		{"every other day, on even day numbers", day(2026, 10, 1), day(2026, 10, 9), 5,
			[]string{"2 Oct", "4 Oct", "6 Oct", "8 Oct"}},
		{"Mondays", day(2026, 10, 1), day(2026, 10, 31), 6, []string{"5 Oct", "12 Oct", "19 Oct", "26 Oct"}},
		{"every other Monday", day(2026, 8, 1), day(2026, 10, 31), 8,
			[]string{"3 Aug", "17 Aug", "31 Aug", "14 Sep", "28 Sep", "12 Oct", "26 Oct"}},
		{"months", day(2026, 1, 15), day(2026, 6, 15), 6, []string{"Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026"}},
		{"quarters", day(2025, 11, 1), day(2026, 10, 31), 5, []string{"Jan 2026", "Apr 2026", "Jul 2026", "Oct 2026"}},
		{"fractional ends", day(2026, 10, 30) - 0.5, day(2026, 10, 31) + 0.5, 10, []string{"30 Oct", "31 Oct"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dayTicker(tt.maxLabels, 0).Ticks(tt.from, tt.to)
			if diff := cmp.Diff(tt.want, labels(got)); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			for _, tk := range got {
				if d := dayTime(tk.Value); d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 {
					t.Errorf("tick %q is not at a UTC midnight: %v", tk.Label, d)
				}
			}
		})
	}
}

func TestDayTickerDropsTicksAtTheEdges(t *testing.T) {
	got := dayTicker(10, 1).Ticks(day(2026, 10, 30), day(2026, 11, 2))
	if diff := cmp.Diff([]string{"31 Oct", "1 Nov"}, labels(got)); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestScaleFor(t *testing.T) {
	tests := []struct {
		lo, hi, headroom float64
		whole            bool
		want             valueScale
	}{
		{0, 87.14, 0.12, false, valueScale{0, 100, 20}},
		{0, 120345, 0.12, true, valueScale{0, 150000, 50000}},
		{0, 3, 0, true, valueScale{0, 3, 1}},
		{0, 0, 0, true, valueScale{0, 1, 1}},
		{-3, 0, 0.05, true, valueScale{-3, 1, 1}},
		{0, 0.3, 0, false, valueScale{0, 0.3, 0.1}},
	}
	for _, tt := range tests {
		got := scaleFor(tt.lo, tt.hi, tt.headroom, tt.whole)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(valueScale{}), cmp.Comparer(func(a, b float64) bool {
			return a-b < 1e-9 && b-a < 1e-9
		})); diff != "" {
			t.Errorf("scaleFor(%v, %v, %v, %v) (-want +got):\n%s", tt.lo, tt.hi, tt.headroom, tt.whole, diff)
		}
	}
}

func TestValueTickLabels(t *testing.T) {
	s := valueScale{lo: 0, hi: 0.3, step: 0.1}
	got := labels(s.ticker(Number).Ticks(0, 0.3))
	if diff := cmp.Diff([]string{"0", "0.1", "0.2", "0.3"}, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		f    func(float64) string
		v    float64
		want string
	}{
		{Count, 0, "0"}, {Count, 999, "999"}, {Count, 1000, "1,000"}, {Count, 1234567.4, "1,234,567"},
		{Count, -1234, "-1,234"}, {Count, -0.2, "0"},
		{Percent, 87.14, "87.1%"}, {Percent, 100, "100.0%"},
		{Number, 0.25, "0.25"}, {Number, 1234.5, "1,234.5"}, {Number, 12, "12"}, {Number, -0.001, "-0.001"},
		{Number, 0.30000000000000004, "0.3"}, {Number, 0.000125, "0.000125"}, {Number, 2.499999, "2.5"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.v); got != tt.want {
			t.Errorf("format(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestFitText(t *testing.T) {
	sty := textStyle(tickSize, LightTheme.Tick, false)
	long := "a customer with a very long friendly name"
	tests := []struct {
		max  float64
		want string
	}{
		{1000, long},
		{float64(sty.Width("a customer…")), "a customer…"},
		{1, "…"},
	}
	for _, tt := range tests {
		if got := fitText(sty, long, vgLen(tt.max)); got != tt.want {
			t.Errorf("fitText(max %.1f) = %q, want %q", tt.max, got, tt.want)
		}
	}
	if got := oneLine("a\nb\r\tc"); got != "a b  c" {
		t.Errorf("oneLine = %q", got)
	}
}

func vgLen(v float64) vg.Length { return vg.Length(v) }

func TestParseDays(t *testing.T) {
	got, err := ParseDays([]string{"2026-10-31", "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseDays (-want +got):\n%s", diff)
	}
	if _, err := ParseDays([]string{"2026-10-31", "31/10/2026"}); err == nil || err.Error() != `charts: ParseDays: day 1 ("31/10/2026") is not YYYY-MM-DD` {
		t.Errorf("error = %v", err)
	}
}
