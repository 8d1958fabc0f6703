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
	Share   float64 // of all events inside the window
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

// FeatureUsage counts the events inside w per feature and event name (both
// compared exactly; empty ones as [NoneLabel]), sorted by Count
// (descending), then feature, then event name.
func FeatureUsage(events []cryptolens.Event, w cryptolens.Window) []FeatureEventCount {
	type pair struct{ feature, event string }
	counts := map[pair]int{}
	total := 0
	for i := range events {
		e := &events[i]
		if w.Contains(e.Time) {
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

// FeatureUsagePerDay counts the events inside w per UTC day and feature, for
// every day of w and every feature that has an event inside w (zero-filled),
// sorted by day and then feature.
func FeatureUsagePerDay(events []cryptolens.Event, w cryptolens.Window) []FeatureDay {
	slot := map[string]int{}
	for i := range events {
		if w.Contains(events[i].Time) {
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
	out := make([]FeatureDay, axis.n*len(features))
	for d := range axis.n {
		for i, f := range features {
			out[d*len(features)+i] = FeatureDay{Day: axis.day(d), Feature: f}
		}
	}
	for i := range events {
		e := &events[i]
		if !w.Contains(e.Time) {
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
