package publish_test

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/internal/publish"
)

// Render the project's notebooks against the configured account into
// reports/; the credentials' redactor keeps the token, and the base URL's
// user name and password, off every page.
func ExampleRender() {
	creds, err := credentials.Load()
	if err != nil {
		log.Fatal(err)
	}
	summary, err := publish.Render(context.Background(), publish.Options{
		Notebooks: []string{"notebooks/weblog-overview.ipynb", "notebooks/events-features.ipynb"},
		OutDir:    "reports",
		Params:    map[string]string{"days": "30"},
		Jobs:      2,
		Timeout:   5 * time.Minute,
		Env: map[string]string{
			"CRYPTOLENS_BASE_URL": creds.BaseURL,
			"CRYPTOLENS_TOKEN":    creds.Token,
			"LENSBOOK_AS_OF":      "2026-11-01T00:00:00Z",
		},
		Token:    creds.Token,
		Redactor: creds.Redactor(),
		Now:      time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = summary.WriteText(os.Stdout)
	if err := summary.Err(); err != nil {
		log.Fatal(err) // names each failed notebook, its cell and error
	}
}
