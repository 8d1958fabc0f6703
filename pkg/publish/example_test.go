package publish_test

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/lensbook/lensbook/pkg/publish"
)

// Render the project's notebooks against the emulator into reports/.
func ExampleRender() {
	summary, err := publish.Render(context.Background(), publish.Options{
		Notebooks: []string{"notebooks/weblog-overview.ipynb", "notebooks/events-features.ipynb"},
		OutDir:    "reports",
		Params:    map[string]string{"days": "30"},
		Jobs:      2,
		Timeout:   5 * time.Minute,
		Env: map[string]string{
			"CRYPTOLENS_BASE_URL": "http://127.0.0.1:8470/api",
			"CRYPTOLENS_TOKEN":    os.Getenv("CRYPTOLENS_TOKEN"),
			"LENSBOOK_AS_OF":      "2026-11-01T00:00:00Z",
		},
		Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = summary.WriteText(os.Stdout)
	if err := summary.Err(); err != nil {
		log.Fatal(err) // names each failed notebook, its cell and error
	}
}
