package charts

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
)

func seatSteps() StepsData {
	start := time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)
	var d StepsData
	held := Series{Name: "Seats held"}
	limit := Series{Name: "Seat limit (5)"}
	for i := range 60 {
		d.Times = append(d.Times, start.Add(time.Duration(i)*11*time.Hour))
		held.Values = append(held.Values, float64((i*7)%6))
		limit.Values = append(limit.Values, 5)
	}
	d.Title, d.YLabel = "Seats held of KEY", "Seats"
	d.Series, d.Limits = []Series{held}, []Series{limit}
	d.ValueFormat = Count
	return d
}

func TestStepsDrawsStepsAndADashedLimit(t *testing.T) {
	c, err := Steps(seatSteps())
	if err != nil {
		t.Fatal(err)
	}
	svg := renderSVG(t, c)
	if !bytes.Equal(svg, renderSVG(t, c)) {
		t.Error("two SVG renders differ")
	}
	if !bytes.Contains(svg, []byte("stroke-dasharray")) {
		t.Error("the limit is not dashed")
	}
	for _, text := range []string{"Seats held of KEY", "Seat limit (5)", "Time (UTC)", "5 Oct"} {
		if !strings.Contains(string(svg), text) {
			t.Errorf("the SVG lacks %q", text)
		}
	}
	if len(renderPNG(t, c)) == 0 {
		t.Error("no PNG")
	}
}

func TestStepPointsHoldEachValueToTheNextTime(t *testing.T) {
	sx, sy := stepPoints([]float64{0, 1, 3}, []float64{2, 5, 1})
	wantX, wantY := []float64{0, 1, 1, 3, 3}, []float64{2, 2, 5, 5, 1}
	if !equalFloats(sx, wantX) || !equalFloats(sy, wantY) {
		t.Errorf("steps %v %v, want %v %v", sx, sy, wantX, wantY)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestStepsRefusesBadData(t *testing.T) {
	d := seatSteps()
	d.Times[3], d.Times[4] = d.Times[4], d.Times[3]
	if _, err := Steps(d); err == nil || !strings.Contains(err.Error(), "sort the times") {
		t.Errorf("times out of order: %v", err)
	}
	d = seatSteps()
	d.Limits[0].Values = d.Limits[0].Values[1:]
	if _, err := Steps(d); err == nil {
		t.Error("a limit shorter than the times was accepted")
	}
	d = seatSteps()
	d.Series[0].Values[2] = math.Inf(1)
	if _, err := Steps(d); err == nil {
		t.Error("an infinite value was accepted")
	}
	if c, err := Steps(StepsData{Title: "empty"}); err != nil || !c.empty {
		t.Errorf("no times: %v, empty %v", err, c != nil && c.empty)
	}
}

func TestStepsFigures(t *testing.T) {
	c, err := Steps(seatSteps())
	if err != nil {
		t.Fatal(err)
	}
	cols, rows := c.Figures()
	if len(cols) != 3 || cols[0] != "time" || cols[1] != "Seats held" || cols[2] != "Seat limit (5)" {
		t.Fatalf("columns %q", cols)
	}
	if len(rows) != 60 || rows[1][0] != "2026-10-02T11:00:00Z" || rows[1][1] != 1.0 || rows[1][2] != 5.0 {
		t.Errorf("%d rows, the second %v", len(rows), rows[1])
	}
}
