package gallery_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/gallery"
	"github.com/lensbook/lensbook/internal/pagerender"
)

func ExampleIndex() {
	page, err := gallery.Index([]gallery.Entry{
		{Slug: "events-funnel", Title: "Events funnel", Group: "Events Log", Status: pagerender.StatusOK},
		{Slug: "weblog-overview", Title: "Web API Log overview", Group: "Web API Log", Status: pagerender.StatusFailed,
			Error: "cell 3: panic: store is empty", RenderedAt: time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC), Duration: 5 * time.Second},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(string(page), "\n") {
		if strings.HasPrefix(line, "<h2") || strings.HasPrefix(line, "<pre") {
			fmt.Println(line)
		}
	}
	// Output:
	// <h2 id="group-1-title">Web API Log</h2>
	// <pre class="card-error">cell 3: panic: store is empty</pre>
	// <h2 id="group-2-title">Events Log</h2>
}

func ExampleWrite() {
	dir, err := os.MkdirTemp("", "reports")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := gallery.Write(dir, []gallery.Entry{{Slug: "weblog-overview", Title: "Web API Log overview", Status: pagerender.StatusOK}}); err != nil {
		log.Fatal(err)
	}
	_, err = os.Stat(filepath.Join(dir, "index.html"))
	fmt.Println(err == nil)
	// Output: true
}
