package charts

import (
	"image/color"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The Okabe–Ito colours: a categorical palette that stays distinct under
// the common colour-vision deficiencies.
var (
	Blue          = rgb(0x00, 0x72, 0xB2)
	Orange        = rgb(0xE6, 0x9F, 0x00)
	SkyBlue       = rgb(0x56, 0xB4, 0xE9)
	ReddishPurple = rgb(0xCC, 0x79, 0xA7)
	BluishGreen   = rgb(0x00, 0x9E, 0x73)
	Vermillion    = rgb(0xD5, 0x5E, 0x00)
	Yellow        = rgb(0xF0, 0xE4, 0x42)
	Grey          = rgb(0x8C, 0x8C, 0x8C)
)

// Role colours: a series or category named after a role gets its colour
// (see [RoleColor]).
var (
	Success = BluishGreen
	Failure = Vermillion
	Other   = Grey
)

// Palette is the order in which series and categories without a role get
// their colours. Green and red come late, so that they keep meaning success
// and failure in most charts.
var Palette = []color.Color{Blue, Orange, SkyBlue, ReddishPurple, BluishGreen, Vermillion, Yellow, Grey}

// RoleColor returns the role colour for a name, case-insensitively:
// "success"/"succeeded" give [Success], "failure"/"failed" give [Failure],
// "other" gives [Other]. ok is false for any other name.
func RoleColor(name string) (c color.Color, ok bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "success", "succeeded", "successful":
		return Success, true
	case "failure", "failed", "unsuccessful":
		return Failure, true
	case "other":
		return Other, true
	}
	return nil, false
}

// categoryColor picks the colour of the i-th bar of a single series: an
// explicit colour, then the name's role colour, then the first palette
// colour, so that plain categories share one colour.
func categoryColor(i int, name string, explicit []color.Color) color.Color {
	if i < len(explicit) && explicit[i] != nil {
		return explicit[i]
	}
	if c, ok := RoleColor(name); ok {
		return c
	}
	return Palette[0]
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// Theme is the paint of everything around the data: the background and the
// greys of text, grid and axis. Data colours (the palette, the role
// colours) are the same in every theme, so that a colour keeps its meaning.
type Theme struct {
	Name       string // "light" or "dark", for alternative texts and tests
	Background color.Color
	Title      color.Color // title, and the default overlay line
	Label      color.Color // axis labels, value labels, legend
	Tick       color.Color // tick labels
	Muted      color.Color // "No data"
	Grid, Axis color.Color
}

// LightTheme is dark text on white, for light pages and print; text
// contrast is at least 4.5:1 (WCAG AA).
var LightTheme = Theme{
	Name:       "light",
	Background: rgb(0xFF, 0xFF, 0xFF),
	Title:      rgb(0x22, 0x22, 0x22),
	Label:      rgb(0x33, 0x33, 0x33),
	Tick:       rgb(0x4D, 0x4D, 0x4D),
	Muted:      rgb(0x6E, 0x6E, 0x6E),
	Grid:       rgb(0xE3, 0xE3, 0xE3),
	Axis:       rgb(0xB0, 0xB0, 0xB0),
}

// DarkTheme is light text on the dark page background (#0d1117) of the
// report pages' dark theme; text contrast is at least 4.5:1.
var DarkTheme = Theme{
	Name:       "dark",
	Background: rgb(0x0D, 0x11, 0x17),
	Title:      rgb(0xE6, 0xED, 0xF3),
	Label:      rgb(0xD1, 0xD7, 0xE0),
	Tick:       rgb(0xB1, 0xBA, 0xC4),
	Muted:      rgb(0x91, 0x98, 0xA1),
	Grid:       rgb(0x2A, 0x31, 0x3C),
	Axis:       rgb(0x6E, 0x76, 0x81),
}

// Sizes of the house style, in points (a 96 dpi pixel is 0.75 pt).
const (
	titleSize  = 16
	labelSize  = 12
	tickSize   = 11
	valueSize  = 11
	legendSize = 11
	margin     = vg.Length(12)
)

// DefaultWidth and DefaultHeight are a chart's size in pixels at [DPI]
// when its Width and Height are zero.
const (
	DefaultWidth  = 800
	DefaultHeight = 450
	// DPI is the resolution of PNG output; SVG sizes use the same scale.
	DPI = 96
)

// houseFont is Liberation Sans, the one typeface of every chart.
var houseFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle returns a Liberation Sans style of the given size and colour.
func textStyle(size vg.Length, c color.Color, bold bool) text.Style {
	f := houseFont
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}
