//go:build ignore

// gennotebooks writes the executed-notebook fixtures of internal/pagerender's
// tests: a report with a real gonum/plot PNG chart, a text/html table, an
// inline SVG, streams and an error, and a notebook full of hostile strings.
//
//	go run ./internal/pagerender/testdata/gennotebooks.go
//
// gonb-executed.ipynb is not generated here: it is a notebook executed by
// the real GoNB kernel through nbconvert, using lensbook's charts and
// display packages, kept as it came out.
package main

import (
	"bytes"
	"encoding/base64"
	"log"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func main() {
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Dir(self)
	png, svg := chart()
	write(filepath.Join(dir, "report.ipynb"), report(png, svg))
	write(filepath.Join(dir, "hostile.ipynb"), hostile(png))
}

func chart() (png, svg []byte) {
	p := plot.New()
	p.Title.Text = "Requests per day"
	p.X.Label.Text = "day"
	p.Y.Label.Text = "requests"
	pts := plotter.XYs{}
	for i, v := range []float64{120, 135, 128, 160, 190, 175, 210, 205, 230, 220} {
		pts = append(pts, plotter.XY{X: float64(i + 1), Y: v})
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		log.Fatal(err)
	}
	p.Add(line, plotter.NewGrid())
	var pngBuf, svgBuf bytes.Buffer
	for format, buf := range map[string]*bytes.Buffer{"png": &pngBuf, "svg": &svgBuf} {
		w, err := p.WriterTo(4*vg.Inch, 2.5*vg.Inch, format)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.WriteTo(buf); err != nil {
			log.Fatal(err)
		}
	}
	return pngBuf.Bytes(), svgBuf.Bytes()
}

func count(n int) *int { return &n }

func md(src string) ipynb.Cell {
	return ipynb.Cell{CellType: "markdown", Metadata: map[string]any{}, Source: ipynb.MultilineText(src)}
}

func code(n int, src string, outs ...ipynb.Output) ipynb.Cell {
	return ipynb.Cell{CellType: "code", ExecutionCount: count(n), Metadata: map[string]any{}, Source: ipynb.MultilineText(src), Outputs: outs}
}

func display(data map[string]string) ipynb.Output {
	d := map[string]ipynb.MultilineText{}
	for k, v := range data {
		d[k] = ipynb.MultilineText(v)
	}
	return ipynb.Output{OutputType: "display_data", Data: d, Metadata: map[string]any{}}
}

func stream(name, text string) ipynb.Output {
	return ipynb.Output{OutputType: "stream", Name: name, Text: ipynb.MultilineText(text)}
}

// wrapped is base64 with line breaks, as some kernels write it.
func wrapped(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	out.WriteString(s + "\n")
	return out.String()
}

func report(png, svg []byte) *ipynb.Notebook {
	inlineSVG := string(svg[bytes.Index(svg, []byte("<svg")):])
	return &ipynb.Notebook{
		NBFormat: 4, NBFormatMinor: 5,
		Metadata: map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
		Cells: []ipynb.Cell{
			md("# Web API Log overview\n\nRequests, errors and busiest methods of the Web API Log.\n\nThis report reads the local store and draws the daily request counts.\n"),
			code(1, "import (\n\t\"github.com/lensbook/lensbook/pkg/report\"\n)\n\nvar asOf = \"2026-11-01\""),
			md("## Requests per day\n\nThe chart below counts every request, successful or not.\n\n| method | requests |\n|---|---:|\n| Activate | 1204 |\n| GetKey | 311 |\n"),
			code(2, "%%\nchart := report.RequestsPerDay(logs)\ngonbui.DisplayPNG(chart)\ngonbui.Sync()",
				display(map[string]string{"image/png": wrapped(png), "text/plain": "Requests per day chart"})),
			md("## Busiest methods\n"),
			code(3, "%%\nreport.Table(top)",
				display(map[string]string{"text/html": `<table class="lensbook-table"><thead><tr><th>method</th><th style="text-align:right">requests</th></tr></thead><tbody><tr><td>Activate</td><td style="text-align:right">1204</td></tr><tr><td>GetKey</td><td style="text-align:right">311</td></tr><tr><td>&lt;unknown&gt;</td><td style="text-align:right">7</td></tr></tbody></table>`}),
				stream("stdout", "read 1522 requests from the store\n"),
				stream("stderr", "warning: 7 requests have no method\n")),
			md("### Chart as SVG\n\nThe same chart, drawn as SVG twice: as an image output and inline through DisplaySVG.\n"),
			code(4, "%%\ngonbui.DisplaySVG(svg)",
				display(map[string]string{"image/svg+xml": string(svg)}),
				display(map[string]string{"text/html": "<div>" + inlineSVG + "</div>"})),
			md("## Errors\n"),
			code(5, "%%\nfmt.Println(total)\ncount",
				stream("stdout", "total: \x1b[1m1522\x1b[0m\n"),
				ipynb.Output{OutputType: "execute_result", ExecutionCount: count(5), Data: map[string]ipynb.MultilineText{"text/plain": "1522"}, Metadata: map[string]any{}}),
			code(6, "%%\npanic(\"store is empty\")",
				ipynb.Output{OutputType: "error", EName: "ERROR", EValue: "panic: store is empty",
					Traceback: []string{"\x1b[0;31mpanic: store is empty\x1b[0m", "goroutine 1 [running]:", "main.main()", "\t/tmp/gonb/main.go:12 +0x25", "exit status 2"}}),
		},
	}
}

func hostile(png []byte) *ipynb.Notebook {
	return &ipynb.Notebook{
		NBFormat: 4, NBFormatMinor: 5,
		Metadata: map[string]any{},
		Cells: []ipynb.Cell{
			md("# Hostile <script>document.title='pwned-title'</script> strings\n\nDescription with <img src=x onerror=\"window.__pwned='md-img'\"> inside.\n"),
			md("## Markdown attacks\n\n<script>window.__pwned = 'md-script'</script>\n\nA [javascript link](javascript:window.__pwned='md-link') and an inline <b onclick=\"window.__pwned='md-b'\">bold</b>.\n\n![remote image](http://example.invalid/pixel.png)\n\n<div id=\"__pwned\">clobber</div>\n"),
			code(1, "%%\n// <script>window.__pwned='code'</script>\nfmt.Println(\"<script>window.__pwned='stdout'</script>\")",
				stream("stdout", "<script>window.__pwned='stdout'</script>\n"),
				stream("stderr", "<img src=x onerror=\"window.__pwned='stderr'\">\n")),
			code(2, "%%\ngonbui.DisplayHTML(hostile)",
				display(map[string]string{"text/html": `<table onclick="window.__pwned='table'"><tr><td onmouseover="window.__pwned='td'">visible cell text</td></tr></table>` +
					`<script>window.__pwned='html-script'</script><img src="x" onerror="window.__pwned='html-img'">` +
					`<a href="javascript:window.__pwned='html-a'">html link text</a><div id="__pwned" name="__pwned">clobber</div>` +
					`<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>` +
					`<p style="background:url(http://example.invalid/bg.png)">styled paragraph</p>` +
					`<svg width="40" height="20" onload="window.__pwned='svg-onload'"><script>window.__pwned='svg-script'</script><rect width="40" height="20" fill="teal"/><foreignObject><img src=x onerror="window.__pwned='fo'"></foreignObject></svg>` +
					`</div></main><script>window.__pwned='breakout'</script>` +
					`<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(png) + `" alt="kept data image">`}),
				display(map[string]string{"image/svg+xml": `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30" onload="window.__pwned='svg-img'"><script>window.__pwned='svg-img-script'</script><rect width="60" height="30" fill="orange"/></svg>`})),
			code(3, "%%\npanic(\"<img src=x onerror=alert(1)>\")",
				ipynb.Output{OutputType: "error", EName: "<script>window.__pwned='ename'</script>", EValue: "<img src=x onerror=\"window.__pwned='evalue'\">",
					Traceback: []string{"\x1b[31m<script>window.__pwned='traceback'</script>\x1b[0m"}}),
			code(4, "%%\nmd",
				display(map[string]string{"text/markdown": "Markdown output with <script>window.__pwned='md-output'</script> text", "text/plain": "md"})),
		},
	}
}

func write(path string, nb *ipynb.Notebook) {
	if err := nb.WriteFile(path); err != nil {
		log.Fatal(err)
	}
}
