package analysis

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// UnknownOS is the OS label of an event whose metadata names no OS.
const UnknownOS = "(unknown)"

// FeatureEventCount is the number of events of one feature and event name.
type FeatureEventCount struct {
	Feature string // FeatureName, or [NoneLabel] when empty
	Event   string // EventName, or [NoneLabel] when empty
	Count   int
	Share   float64 // of the usage events (all but purchases) inside the window
}

// FeatureDay is the number of events of one feature on one day.
type FeatureDay struct {
	Day     time.Time // 00:00 UTC
	Feature string    // FeatureName, or [NoneLabel] when empty
	Count   int
}

func featureLabel(e *cryptolens.Event) string { return labelOrNone(e.FeatureName) }

func labelOrNone(s string) string {
	if s == "" {
		return NoneLabel
	}
	return s
}

// UsageEvents returns the events that are not purchases ([IsPurchase]), in
// their order: the events that record the use of a feature.
func UsageEvents(events []cryptolens.Event) []cryptolens.Event {
	out := make([]cryptolens.Event, 0, len(events))
	for i := range events {
		if !IsPurchase(&events[i]) {
			out = append(out, events[i])
		}
	}
	return out
}

// isUsage reports whether e lies inside w and is not a purchase.
func isUsage(e *cryptolens.Event, w cryptolens.Window) bool {
	return w.Contains(e.Time) && !IsPurchase(e)
}

// FeatureUsage counts the usage events inside w (every event but purchases,
// [IsPurchase]: buying credits or an upgrade is not using a feature; the
// revenue reports count them) per feature and event name (both compared
// exactly; empty ones as [NoneLabel]), sorted by Count (descending), then
// feature, then event name. Share is of the usage events inside w.
func FeatureUsage(events []cryptolens.Event, w cryptolens.Window) []FeatureEventCount {
	type pair struct{ feature, event string }
	counts := map[pair]int{}
	total := 0
	for i := range events {
		e := &events[i]
		if isUsage(e, w) {
			counts[pair{featureLabel(e), labelOrNone(e.EventName)}]++
			total++
		}
	}
	out := make([]FeatureEventCount, 0, len(counts))
	for p, n := range counts {
		out = append(out, FeatureEventCount{Feature: p.feature, Event: p.event, Count: n, Share: share(n, total)})
	}
	slices.SortFunc(out, func(a, b FeatureEventCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Feature, b.Feature); c != 0 {
			return c
		}
		return cmp.Compare(a.Event, b.Event)
	})
	return out
}

// FeatureUsagePerDay counts the usage events inside w (purchases left out,
// as in [FeatureUsage]) per UTC day and feature, for every day of w and
// every feature that has a usage event inside w (zero-filled), sorted by
// day and then feature.
func FeatureUsagePerDay(events []cryptolens.Event, w cryptolens.Window) []FeatureDay {
	slot := map[string]int{}
	for i := range events {
		if isUsage(&events[i], w) {
			slot[featureLabel(&events[i])] = 0
		}
	}
	features := make([]string, 0, len(slot))
	for f := range slot {
		features = append(features, f)
	}
	slices.Sort(features)
	for i, f := range features {
		slot[f] = i
	}
	axis := axisFor(events, w, eventTime)
	out := grid(axis, features, func(day time.Time, f string) FeatureDay { return FeatureDay{Day: day, Feature: f} })
	for i := range events {
		e := &events[i]
		if !isUsage(e, w) {
			continue
		}
		if d := axis.index(e.Time); d >= 0 {
			out[d*len(features)+slot[featureLabel(e)]].Count++
		}
	}
	return out
}

// MetadataOS returns the "OS" field of an event's Metadata JSON, trimmed.
// The field name is matched without regard to case, as encoding/json does.
// It returns [UnknownOS] when the metadata is not a JSON object, has no such
// field, or the field is not a non-empty string.
func MetadataOS(metadata string) string {
	var m struct {
		OS *string `json:"OS"`
	}
	if err := json.Unmarshal([]byte(metadata), &m); err != nil || m.OS == nil {
		return UnknownOS
	}
	if os := strings.TrimSpace(*m.OS); os != "" {
		return os
	}
	return UnknownOS
}

// EventsByOS counts the events inside w per operating system, read from
// their metadata by [MetadataOS], sorted by Count (descending) and then OS
// name. Share is of all events inside w.
func EventsByOS(events []cryptolens.Event, w cryptolens.Window) []NameCount {
	counts := map[string]int{}
	total := 0
	for i := range events {
		if w.Contains(events[i].Time) {
			counts[MetadataOS(events[i].Metadata)]++
			total++
		}
	}
	return sortedCounts(counts, total)
}
