package charts

import (
	"bytes"
	"image/color"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/browsertest"
)

// TestThemeTextContrast checks every text colour of both themes against the
// theme's background: WCAG AA, 4.5:1.
func TestThemeTextContrast(t *testing.T) {
	rgb := func(c color.Color) [3]float64 {
		r, g, b, _ := c.RGBA()
		return [3]float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)}
	}
	for _, th := range []Theme{LightTheme, DarkTheme} {
		for name, c := range map[string]color.Color{"Title": th.Title, "Label": th.Label, "Tick": th.Tick, "Muted": th.Muted} {
			if r := browsertest.ContrastRatio(rgb(c), rgb(th.Background)); r < 4.5 {
				t.Errorf("%s theme: %s text contrast %.2f, want at least 4.5", th.Name, name, r)
			}
		}
	}
}

// TestDarkThemeSVG draws a chart in the dark theme: dark background, light
// text, and the same data colours as in the light theme.
func TestDarkThemeSVG(t *testing.T) {
	c, err := Bar(BarData{Title: "Outcomes", Categories: []string{"Success", "Failure", "Other"}, Values: []float64{9, 1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	c.Theme = &DarkTheme
	var dark, light bytes.Buffer
	if err := c.SVG(&dark); err != nil {
		t.Fatal(err)
	}
	c.Theme = nil
	if err := c.SVG(&light); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fill:#0D1117", "fill:#E6EDF3", "fill:#009E73", "fill:#D55E00"} {
		if !strings.Contains(dark.String(), want) {
			t.Errorf("dark SVG has no %s", want)
		}
	}
	if strings.Contains(dark.String(), "fill:#FFFFFF") {
		t.Error("dark SVG paints white")
	}
	// Value labels: "9" and "1", none for the empty bar.
	for _, svg := range []string{light.String(), dark.String()} {
		if strings.Contains(svg, ">0</text>") && strings.Count(svg, ">0</text>") > 1 {
			t.Errorf("the empty bar is labelled 0")
		}
	}
}
