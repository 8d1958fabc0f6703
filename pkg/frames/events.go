package frames

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of an Events Log frame besides the shared ones.
const (
	ColFeatureName = "featureName"
	ColEventName   = "eventName"
	ColValue       = "value"
	ColCurrency    = "currency"
	// ColMetadata is the event's metadata, JSON text kept as sent; see
	// [JSONField] to pull a field out of it.
	ColMetadata = "metadata"
)

// EventsColumns returns the column names of an [Events] frame, in order: the
// API's fields, then day.
func EventsColumns() []string {
	return []string{ColID, ColProductID, ColKey, ColMachineCode, ColFeatureName,
		ColEventName, ColValue, ColCurrency, ColTime, ColMetadata, ColDay}
}

// Events returns a frame of Events Log rows with the columns of
// [EventsColumns]: id, productId and value are ints, time is RFC 3339 UTC
// text, metadata is the JSON text as sent. An empty slice gives an empty
// frame with the same columns.
func Events(rows []cryptolens.Event) dataframe.DataFrame {
	n := len(rows)
	var (
		id, product, key = intColumn(ColID, n), intColumn(ColProductID, n), stringColumn(ColKey, n)
		machine, feature = stringColumn(ColMachineCode, n), stringColumn(ColFeatureName, n)
		event, value     = stringColumn(ColEventName, n), intColumn(ColValue, n)
		currency, tm     = stringColumn(ColCurrency, n), stringColumn(ColTime, n)
		metadata, day    = stringColumn(ColMetadata, n), stringColumn(ColDay, n)
		days             dayCache
	)
	for i := range rows {
		r := &rows[i]
		id.ints = append(id.ints, int(r.ID))
		product.ints = append(product.ints, r.ProductID)
		key.strings = append(key.strings, r.Key)
		machine.strings = append(machine.strings, r.MachineCode)
		feature.strings = append(feature.strings, r.FeatureName)
		event.strings = append(event.strings, r.EventName)
		value.ints = append(value.ints, int(r.Value))
		currency.strings = append(currency.strings, r.Currency)
		tm.strings = append(tm.strings, timeText(r.Time))
		metadata.strings = append(metadata.strings, r.Metadata)
		day.strings = append(day.strings, days.day(r.Time))
	}
	return frame([]*column{id, product, key, machine, feature, event, value, currency,
		tm, metadata, day})
}
