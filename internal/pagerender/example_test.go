package pagerender_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
)

func exampleNotebook() *ipynb.Notebook {
	count := 1
	return &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5, Cells: []ipynb.Cell{
		{CellType: "markdown", Source: "# Daily activations\n\nActivations per day, from the Web API Log.\n\n## Totals"},
		{CellType: "code", ExecutionCount: &count, Source: "%%\nfmt.Println(total)", Outputs: []ipynb.Output{
			{OutputType: "stream", Name: "stdout", Text: "1204 <activations>\n"},
		}},
	}}
}

func ExampleRender() {
	page, err := pagerender.Render(exampleNotebook(), pagerender.PageMeta{
		Params:     []pagerender.Param{{Name: "asOf", Value: "2026-11-01"}},
		DataWindow: "2026-10-01 to 2026-11-01",
		RenderedAt: time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC),
		Status:     pagerender.StatusOK,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(string(page), "\n") {
		if strings.Contains(line, "<title>") || strings.HasPrefix(line, "<div class=\"output ") || strings.HasPrefix(line, "<li class=\"toc-") {
			fmt.Println(line)
		}
	}
	// Output:
	// <title>Daily activations</title>
	// <li class="toc-2"><a href="#sec-totals">Totals</a></li>
	// <div class="output output-stdout"><pre>1204 &lt;activations&gt;
}

func ExampleTitleAndDescription() {
	title, description := pagerender.TitleAndDescription(exampleNotebook())
	fmt.Println(title)
	fmt.Println(description)
	// Output:
	// Daily activations
	// Activations per day, from the Web API Log.
}

func ExampleFirstImage() {
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{{CellType: "code", Outputs: []ipynb.Output{{
		OutputType: "display_data",
		Data:       map[string]ipynb.MultilineText{"text/html": `<div><svg viewBox="0 0 2 1"><rect width="2" height="1"/></svg></div>`},
	}}}}}
	mime, data, ok := pagerender.FirstImage(nb)
	fmt.Println(mime, ok)
	fmt.Println(string(data))
	// Output:
	// image/svg+xml true
	// <svg viewBox="0 0 2 1"><rect width="2" height="1"/></svg>
}
