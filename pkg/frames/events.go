package frames

import (
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of an Events Log frame besides the shared ones. The field columns
// are named by [cryptolens.EventSchema]; these constants spell the names for
// callers (a deliberate list of names, like the Object Log's and the Web API
// Log's, which TestSchemaConsumers holds to the schema through the frames).
// Alike in shape to the Object Log's list only: each names its own log's columns.
const (
	ColFeatureName = "featureName"
	ColEventName   = "eventName"
	ColValue       = "value"
	ColCurrency    = "currency"
	// ColMetadata is the event's metadata, JSON text kept as sent; see
	// [JSONField] to pull a field out of it.
	ColMetadata = "metadata"
)

type eventRow = cryptolens.Event

// eventsColumns are the columns of an Events frame: the fields of
// [cryptolens.EventSchema], then day.
func eventsColumns() []column[eventRow] {
	return append(schemaColumns(cryptolens.EventSchema),
		dayColumn(func(r *eventRow) time.Time { return r.Time }),
	)
}

// EventsColumns returns the column names of an [Events] frame, in order: the
// API's fields, then day.
func EventsColumns() []string { return names(eventsColumns()) }

// Events returns a frame of Events Log rows with the columns of
// [EventsColumns]: id, productId and value are ints, time is RFC 3339 UTC
// text, metadata is the JSON text as sent. An empty slice gives an empty
// frame with the same columns.
func Events(rows []cryptolens.Event) dataframe.DataFrame {
	return build(rows, eventsColumns())
}
