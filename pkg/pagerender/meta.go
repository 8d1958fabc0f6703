package pagerender

import "time"

// Param is one notebook parameter shown in the page header as name=value.
type Param struct {
	Name, Value string
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
	// DataWindow describes the data the report covers, e.g.
	// "2026-10-01 to 2026-11-01".
	DataWindow string
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
