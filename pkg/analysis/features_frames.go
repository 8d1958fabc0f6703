package analysis

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of the frames of a [FeatureReport].
const (
	ColEvent  = "event"  // an event name, or (none)
	ColEvents = "events" // a number of events
	ColOS     = "os"     // the operating system of an event's metadata ([MetadataOS])
)

// Names of the figures of [FeatureReport.Figures], in their order.
const (
	FigureUsageEvents    = "Usage events"
	FigureFeatures       = "Features"
	FigurePurchaseEvents = "Purchase events (not usage: see Revenue)"
)

// FeatureReport is the feature usage of a window of the Events Log, as
// DataFrames: what the feature-usage report shows. It counts usage events
// only: every event but purchases ([IsPurchase]), which record a sale, not
// the use of a feature; shares are of the usage events in the window.
type FeatureReport struct {
	// Events is the number of usage events in the window, Features the
	// number of distinct features among them, and Purchases the number of
	// purchase events left out.
	Events, Features, Purchases int
	// ByFeature: feature, events, share; most events first, then feature.
	ByFeature dataframe.DataFrame
	// ByEvent: event, events, share; most events first, then event name.
	ByEvent dataframe.DataFrame
	// ByFeatureAndEvent: feature, event, events, share; most events first,
	// then feature, then event name.
	ByFeatureAndEvent dataframe.DataFrame
	// TopPerDay: day, then one column per feature of the topN with the most
	// events (named by the feature, in ByFeature's order), each day's events.
	TopPerDay dataframe.DataFrame
	// TopFeatures are the column names of TopPerDay after day.
	TopFeatures []string
	// ByOS: os, events, share; most events first, then name.
	ByOS dataframe.DataFrame
	// Figures: figure, value: the usage events, the features, and the
	// purchase events left out.
	Figures dataframe.DataFrame
}

// FeatureUsageReport counts the usage events of events, an Events Log frame,
// inside w: per feature, per event name, per feature and event name
// ([FeatureUsage]), per day for the topN features with the most events, and
// per operating system ([MetadataOS]). It fails when the frame carries an
// error or lacks the columns time, featureName or eventName.
func FeatureUsageReport(events dataframe.DataFrame, w cryptolens.Window, topN int) (FeatureReport, error) {
	rows, err := eventRows("FeatureUsageReport", events, inFeatureName, inEventName)
	if err != nil {
		return FeatureReport{}, err
	}
	var r FeatureReport
	pairs := FeatureUsage(rows, w)
	perFeature, perEvent := map[string]int{}, map[string]int{}
	total := 0
	var features, names []string
	var counts []int
	var shares []float64
	for _, p := range pairs {
		perFeature[p.Feature] += p.Count
		perEvent[p.Event] += p.Count
		total += p.Count
		features, names = append(features, p.Feature), append(names, p.Event)
		counts, shares = append(counts, p.Count), append(shares, p.Share)
	}
	r.ByFeatureAndEvent = dataframe.New(textSeries(ColFeature, features), textSeries(ColEvent, names),
		intSeries(ColEvents, counts), floatSeries(ColShare, shares))
	byFeature := sortedCounts(perFeature, total)
	r.ByFeature = nameCounts(ColFeature, ColEvents, byFeature)
	r.ByEvent = nameCounts(ColEvent, ColEvents, sortedCounts(perEvent, total))

	top := map[string]int{}
	for i := range min(max(topN, 0), len(byFeature)) {
		top[byFeature[i].Name] = i
		name := byFeature[i].Name
		if name == ColDay { // a feature named "day" keeps the day column
			name += " (feature)"
		}
		r.TopFeatures = append(r.TopFeatures, name)
	}
	var days []string
	perDay := make([][]int, len(r.TopFeatures))
	for _, d := range FeatureUsagePerDay(rows, w) {
		if day := dayText(d.Day); len(days) == 0 || days[len(days)-1] != day {
			days = append(days, day)
			for i := range perDay {
				perDay[i] = append(perDay[i], 0)
			}
		}
		if i, ok := top[d.Feature]; ok {
			perDay[i][len(days)-1] = d.Count
		}
	}
	r.TopPerDay = dataframe.New(textSeries(ColDay, days))
	for i, f := range r.TopFeatures {
		r.TopPerDay = r.TopPerDay.Mutate(intSeries(f, perDay[i]))
	}

	usage := UsageEvents(rows)
	r.ByOS = nameCounts(ColOS, ColEvents, EventsByOS(usage, w))
	purchases := 0
	for i := range rows {
		if w.Contains(rows[i].Time) && IsPurchase(&rows[i]) {
			purchases++
		}
	}
	r.Events, r.Features, r.Purchases = total, len(byFeature), purchases
	r.Figures = figures([]string{FigureUsageEvents, FigureFeatures, FigurePurchaseEvents}, []int{total, len(byFeature), purchases})
	return r, nil
}
