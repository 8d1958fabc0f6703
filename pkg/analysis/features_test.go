package analysis

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func event(id int64, t time.Time, feature, name string, value int64, currency, metadata string) cryptolens.Event {
	return cryptolens.Event{ID: id, ProductID: 3, Key: "K", Time: t, FeatureName: feature, EventName: name,
		Value: value, Currency: currency, Metadata: metadata}
}

func TestFeatureUsage(t *testing.T) {
	events := []cryptolens.Event{
		event(1, at(0, 1), "Export", "start", 0, "", ""),
		event(2, at(0, 2), "Export", "start", 0, "", ""),
		event(3, at(0, 3), "Export", "stop", 0, "", ""),
		event(4, at(2, 3), "Render", "start", 0, "", ""),
		event(5, at(2, 4), "", "", 0, "", ""),
		event(6, at(3, 0), "Late", "start", 0, "", ""), // outside
	}
	want := []FeatureEventCount{
		{"Export", "start", 2, 0.4}, {NoneLabel, NoneLabel, 1, 0.2}, {"Export", "stop", 1, 0.2}, {"Render", "start", 1, 0.2},
	}
	if diff := cmp.Diff(want, FeatureUsage(events, days(3))); diff != "" {
		t.Errorf("FeatureUsage (-want +got):\n%s", diff)
	}
	fd := func(d int, f string, n int) FeatureDay { return FeatureDay{at(d, 0), f, n} }
	wantDays := []FeatureDay{
		fd(0, NoneLabel, 0), fd(0, "Export", 3), fd(0, "Render", 0),
		fd(1, NoneLabel, 0), fd(1, "Export", 0), fd(1, "Render", 0),
		fd(2, NoneLabel, 1), fd(2, "Export", 0), fd(2, "Render", 1),
	}
	if diff := cmp.Diff(wantDays, FeatureUsagePerDay(events, days(3))); diff != "" {
		t.Errorf("FeatureUsagePerDay (-want +got):\n%s", diff)
	}
	if got := FeatureUsagePerDay(nil, days(3)); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
}

func TestMetadataOS(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"OS":"Windows"}`, "Windows"},
		{`{"os":" Linux "}`, "Linux"},
		{`{"OS":"macOS","Version":14}`, "macOS"},
		{`{"OS":""}`, UnknownOS},
		{`{"OS":null}`, UnknownOS},
		{`{"OS":11}`, UnknownOS},
		{`{"Platform":"x"}`, UnknownOS},
		{`["OS"]`, UnknownOS},
		{`not json`, UnknownOS},
		{``, UnknownOS},
	}
	for _, tt := range tests {
		if got := MetadataOS(tt.in); got != tt.want {
			t.Errorf("MetadataOS(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEventsByOS(t *testing.T) {
	events := []cryptolens.Event{
		event(1, at(0, 1), "F", "start", 0, "", `{"OS":"Windows"}`),
		event(2, at(0, 1), "F", "start", 0, "", `{"OS":"Linux"}`),
		event(3, at(0, 1), "F", "start", 0, "", `{"OS":"Windows"}`),
		event(4, at(0, 1), "F", "start", 0, "", `{}`),
		event(5, at(0, 1), "F", "start", 0, "", `{"OS":"Linux"}`),
		event(6, at(1, 1), "F", "start", 0, "", `{"OS":"Linux"}`), // outside
	}
	want := []NameCount{{"Linux", 2, 0.4}, {"Windows", 2, 0.4}, {UnknownOS, 1, 0.2}}
	if diff := cmp.Diff(want, EventsByOS(events, days(1))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestUsageEventsLeavesPurchasesOut(t *testing.T) {
	events := []cryptolens.Event{
		event(1, at(0, 1), "Export", "click", 0, "", ""),
		event(2, at(0, 2), "Credits", " Purchase ", 500, "EUR", ""),
		event(3, at(0, 3), "Upgrade", "purchase", 900, "USD", ""),
		event(4, at(0, 4), "Export", "purchased", 0, "", ""),
	}
	var ids []int64
	for _, e := range UsageEvents(events) {
		ids = append(ids, e.ID)
	}
	if diff := cmp.Diff([]int64{1, 4}, ids); diff != "" {
		t.Errorf("UsageEvents (-want +got):\n%s", diff)
	}
	got := FeatureUsage(events, days(1))
	if len(got) != 2 || got[0].Feature != "Export" || got[1].Feature != "Export" || got[0].Share != 0.5 {
		t.Errorf("FeatureUsage = %+v, want the two Export events only", got)
	}
}
