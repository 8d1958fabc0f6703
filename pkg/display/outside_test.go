package display

import (
	"os"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/lensbook/lensbook/pkg/charts"
)

// TestOutsideAKernel checks that display calls are harmless without GoNB:
// nothing is written, nil is returned, bad input still fails.
func TestOutsideAKernel(t *testing.T) {
	if os.Getenv(protocol.GONB_PIPE_ENV) != "" {
		t.Skip("running under GoNB")
	}
	if InNotebook() {
		t.Fatal("InNotebook() is true outside GoNB")
	}
	c, err := charts.Bar(charts.BarData{Title: "t", Categories: []string{"Success"}, Values: []float64{1}})
	if err != nil {
		t.Fatal(err)
	}
	stdout := captureStdout(t, func() {
		for name, err := range map[string]error{
			"Chart":            Chart(c),
			"ChartSVG":         ChartSVG(c),
			"Table":            Table([]string{"a"}, [][]string{{"<b>"}}),
			"TableWithCaption": TableWithCaption("c", nil, nil),
			"Markdown":         Markdown("# hi"),
			"HTML":             HTML("<p>hi</p>"),
		} {
			if err != nil {
				t.Errorf("%s outside a kernel: %v", name, err)
			}
		}
	})
	if stdout != "" {
		t.Errorf("display calls wrote %q to stdout outside a kernel", stdout)
	}

	if err := Chart(nil); err == nil {
		t.Error("Chart(nil): no error")
	}
	c.Width = -1
	// Chart draws at its own sizes; ChartSVG at the chart's.
	if err := Chart(c); err != nil {
		t.Errorf("Chart ignores the chart's size, but failed: %v", err)
	}
	for name, err := range map[string]error{"ChartSVG": ChartSVG(c)} {
		if err == nil || !strings.Contains(err.Error(), "negative") {
			t.Errorf("%s of an unrenderable chart: error %v, want the render error", name, err)
		}
	}
}

func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = saved }()
	f()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1<<16)
	n, _ := r.Read(buf)
	return string(buf[:max(n, 0)])
}
