package charts

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"
)

func renderPNG(t *testing.T, c *Chart) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.PNG(&b); err != nil {
		t.Fatalf("PNG: %v", err)
	}
	return b.Bytes()
}

func renderSVG(t *testing.T, c *Chart) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.SVG(&b); err != nil {
		t.Fatalf("SVG: %v", err)
	}
	return b.Bytes()
}

func TestRenderingIsDeterministic(t *testing.T) {
	for name, c := range samples(t) {
		t.Run(name, func(t *testing.T) {
			if !bytes.Equal(renderPNG(t, c), renderPNG(t, c)) {
				t.Error("two PNG renders differ")
			}
			if !bytes.Equal(renderSVG(t, c), renderSVG(t, c)) {
				t.Error("two SVG renders differ")
			}
		})
	}
}

func TestPNGSize(t *testing.T) {
	c := samples(t)["bar-outcome"]
	tests := []struct{ w, h, wantW, wantH int }{
		{0, 0, 800, 450},
		{400, 300, 400, 300},
		{1200, 0, 1200, 450},
	}
	for _, tt := range tests {
		c.Width, c.Height = tt.w, tt.h
		img, err := png.Decode(bytes.NewReader(renderPNG(t, c)))
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got != (image.Point{X: tt.wantW, Y: tt.wantH}) {
			t.Errorf("Width=%d Height=%d gives %v px, want %dx%d", tt.w, tt.h, got, tt.wantW, tt.wantH)
		}
	}
}

func TestSizeErrors(t *testing.T) {
	c := samples(t)["bar-outcome"]
	for _, size := range [][2]int{{-1, 450}, {800, -5}, {100, 450}, {800, 50}} {
		c.Width, c.Height = size[0], size[1]
		if err := c.PNG(io.Discard); err == nil || !strings.Contains(err.Error(), "Activation outcomes") {
			t.Errorf("PNG at %v: error %v, want one naming the chart", size, err)
		}
		if err := c.SVG(io.Discard); err == nil {
			t.Errorf("SVG at %v: no error", size)
		}
	}
}

// countColor counts pixels within a small distance of want.
func countColor(img image.Image, want color.Color) int {
	wr, wg, wb, _ := want.RGBA()
	near := func(a, b uint32) bool { return a>>8+6 >= b>>8 && b>>8+6 >= a>>8 }
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if near(r, wr) && near(g, wg) && near(b, wb) {
				n++
			}
		}
	}
	return n
}

func TestRoleColoursAndBarAreas(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(renderPNG(t, samples(t)["bar-outcome"])))
	if err != nil {
		t.Fatal(err)
	}
	green, red := countColor(img, Success), countColor(img, Failure)
	if green == 0 || red == 0 {
		t.Fatalf("success pixels %d, failure pixels %d: want both", green, red)
	}
	// Equal widths, so the areas follow the values 87.14 : 12.86.
	if ratio := float64(green) / float64(red); ratio < 6.0 || ratio > 7.6 {
		t.Errorf("success/failure area ratio %.2f, want about %.2f", ratio, 87.14/12.86)
	}
}

func TestNoDataChart(t *testing.T) {
	c := samples(t)["bar-empty"]
	svg := string(renderSVG(t, c))
	for _, want := range []string{">No data</text>", ">Nothing here</text>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("empty chart SVG lacks %q", want)
		}
	}
	if _, err := png.Decode(bytes.NewReader(renderPNG(t, c))); err != nil {
		t.Errorf("empty chart PNG: %v", err)
	}
}

func TestSVGIsStandaloneXML(t *testing.T) {
	for name, c := range samples(t) {
		svg := renderSVG(t, c)
		d := xml.NewDecoder(bytes.NewReader(svg))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: SVG is not well-formed XML: %v", name, err)
			}
		}
		// The only URLs are the XML namespaces: nothing to fetch.
		urls := regexp.MustCompile(`https?://[^"]*`).FindAllString(string(svg), -1)
		for _, u := range urls {
			if u != "http://www.w3.org/2000/svg" && u != "http://www.w3.org/1999/xlink" {
				t.Errorf("%s: SVG refers to %s", name, u)
			}
		}
		if strings.Contains(string(svg), "font-family:Liberation Sans;") {
			t.Errorf("%s: a font-family without fallback", name)
		}
		if !strings.Contains(string(svg), "font-family:Liberation Sans"+fontFallback+";") {
			t.Errorf("%s: no Liberation Sans with fallbacks", name)
		}
	}
}

func TestSVGEmbedFonts(t *testing.T) {
	c, err := Bar(BarData{Title: "Embedded", Categories: []string{"a"}, Values: []float64{1}})
	if err != nil {
		t.Fatal(err)
	}
	plain := renderSVG(t, c)
	c.EmbedFonts = true
	embedded := renderSVG(t, c)
	if n := bytes.Count(embedded, []byte("@font-face")); n != 2 {
		t.Errorf("embedded SVG has %d @font-face rules, want 2 (regular and bold)", n)
	}
	if bytes.Contains(plain, []byte("@font-face")) {
		t.Error("plain SVG embeds fonts")
	}
	if !bytes.Contains(embedded, []byte("font-family:Liberation Sans"+fontFallback+";")) {
		t.Error("embedded SVG has no fallback fonts")
	}
	t.Logf("SVG sizes: plain %d B, embedded %d B", len(plain), len(embedded))
}

func TestHostileTextIsEscapedAndKeptOnOneLine(t *testing.T) {
	title := "<script>alert(1)</script> & \"quotes\"\nsecond line"
	c, err := HorizontalBar(HorizontalBarData{Title: title, Categories: []string{"<b>bold</b>\r\nkey"}, Values: []float64{3},
		Labels: []string{"<i>x</i>"}})
	if err != nil {
		t.Fatal(err)
	}
	svg := string(renderSVG(t, c))
	for _, bad := range []string{"<script>", "<b>", "<i>"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains raw %q", bad)
		}
	}
	if !strings.Contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34; second line") {
		t.Errorf("escaped one-line title not found in SVG")
	}
	if c.Title() != title {
		t.Errorf("Title() = %q, want the title as given", c.Title())
	}
}

func TestConstructorsCopyTheirInput(t *testing.T) {
	values := []float64{1, 2}
	c, err := Bar(BarData{Title: "copy", Categories: []string{"a", "b"}, Values: values})
	if err != nil {
		t.Fatal(err)
	}
	before := renderSVG(t, c)
	values[0] = 1000
	if !bytes.Equal(before, renderSVG(t, c)) {
		t.Error("changing the caller's slice changed the chart")
	}
}
