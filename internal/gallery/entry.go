package gallery

import (
	"time"

	"github.com/lensbook/lensbook/internal/pagerender"
)

// Entry is one report in the gallery.
type Entry struct {
	// Slug identifies the report, e.g. "weblog-overview"; entries are
	// ordered by Title, then Slug, within a group.
	Slug string
	// Title and Description are shown on the card.
	Title, Description string
	// Group is the section the card appears in, e.g. "Web API Log",
	// "Events Log", "Object Log"; empty means "Other reports".
	Group string
	// Params are the parameters the report ran with.
	Params []pagerender.Param
	// Status is "ok", "failed", or another word for a render that did not
	// go well (such as "refused"), which the card shows as a failure; Error
	// is the failure: the failing cell and its error.
	Status, Error string
	// RenderedAt is when the page linked was rendered, shown in UTC.
	RenderedAt time.Time
	// FailedAt is when the latest render failed, for a Status other than
	// "ok"; the card shows it beside Error.
	FailedAt time.Time
	// LastGood is set, for a failed report, when the page linked is of the
	// last render that went well (at RenderedAt): the card says so. When it
	// is not set, the report has never rendered well.
	LastGood bool
	// NoPage is set when the report has no page at all: its card shows the
	// failure without a link.
	NoPage bool
	// Duration is how long rendering took.
	Duration time.Duration
	// Thumbnail is a PNG image, scaled down to ThumbnailWidth when wider;
	// an SVG document (as pagerender.FirstImage may return) is accepted too.
	// A neutral placeholder is shown when it is empty.
	Thumbnail []byte
	// ThumbnailDark, optional, is shown instead of Thumbnail on screens in
	// dark mode: a PNG or an SVG document, as Thumbnail.
	ThumbnailDark []byte
	// Headline is the report's headline figure, such as "12.3% of
	// requests failed" (pagerender.FirstHeadline); empty shows none.
	Headline string
	// PDF, optional, links to the report's PDF, relative to the gallery,
	// e.g. "weblog-overview.pdf".
	PDF string
	// Href links to the report page, relative to the gallery and
	// URL-escaped, e.g. "weblog-overview.html" or "my%20report%20%231.html";
	// empty means the escaped Slug + ".html".
	Href string
}

// KnownGroups are the groups shown first, in this order; other groups
// follow in alphabetical order, and entries without a group come last.
var KnownGroups = []string{"Web API Log", "Events Log", "Object Log"}

// OtherGroup is the heading of entries without a group.
const OtherGroup = "Other reports"
