package pagerender

import "time"

// Param is one notebook parameter. The page header shows those whose Value
// differs from their Default, as name=value.
type Param struct {
	Name, Value string
	// Default is the value the notebook declares; a parameter set to it
	// is not shown.
	Default string `json:",omitempty"`
}

// Status values of PageMeta.Status.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

// PageMeta describes the page around the notebook: what the header shows.
type PageMeta struct {
	// Title is the page title; empty means the notebook's own title
	// (TitleAndDescription).
	Title string
	// Description is the line under the title; empty means the notebook's
	// own description.
	Description string
	// Source names the notebook the page was rendered from, e.g.
	// "notebooks/weblog-overview.ipynb".
	Source string
	// Params are the parameters the notebook ran with, shown in this order.
	Params []Param
	// DataWindow names the data source the report read, e.g. "lensbook
	// emulator demo data (seed 1)" or "Cryptolens account at ...": the
	// header shows it as "Data source". The report's own window is read
	// from its days, asOf and productID parameters.
	DataWindow string
	// GalleryHref links the page back to its gallery, e.g. "index.html";
	// empty shows no link.
	GalleryHref string
	// PDFHref links to the page's PDF, e.g. "requests-over-time.pdf";
	// empty shows no link.
	PDFHref string
	// RenderedAt is shown in UTC; the caller pins it so that pages are
	// reproducible. A zero time is not shown.
	RenderedAt time.Time
	// Status is StatusOK or StatusFailed; a failed page shows a banner
	// with Error.
	Status string
	// Error is the failure shown in the banner of a failed page.
	Error string
	// Secrets (the access token, the base URL's user name and password:
	// credentials.Credentials.Redactor().Secrets()) are replaced by Redacted
	// everywhere on the page. Nothing is read from the environment.
	Secrets []string
}

// failed reports whether the header shows the failure banner.
func (m PageMeta) failed() bool {
	return m.Status == StatusFailed
}
