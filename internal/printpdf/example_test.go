package printpdf_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/lensbook/lensbook/internal/printpdf"
)

// Example prints two rendered report pages to PDFs beside them.
func Example() {
	pdfs, err := printpdf.Pages(context.Background(), []string{"reports/requests-over-time.html", "reports/team-audit.html"}, time.Minute)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pdfs)
}
