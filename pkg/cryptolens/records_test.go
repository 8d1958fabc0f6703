package cryptolens

import (
	"testing"
	"time"
)

func TestStateParts(t *testing.T) {
	tests := []struct {
		state                 State
		group                 StateGroup
		succeeded, failed     bool
		detail, failure       int
		name, text, groupText string
	}{
		{2011, GroupActivation, true, false, 1, 0, "activation (new machine)", "2011 activation (new machine)", "activation"},
		{2024, GroupActivation, false, true, 4, 1, "activation failed: seat limit reached", "2024 activation failed: seat limit reached", "activation"},
		{6011, GroupDeactivation, true, false, 1, 0, "floating deactivation", "6011 floating deactivation", "deactivation"},
		{2027, GroupActivation, false, true, 7, 1, "activation failed (2027)", "2027 activation failed (2027)", "activation"},
		{7015, GroupLicenseChange, true, false, 5, 0, "license change succeeded (7015)", "7015 license change succeeded (7015)", "license change"},
		{9030, 90, false, false, 0, 2, "group 90 other (9030)", "9030 group 90 other (9030)", "group 90"},
	}
	for _, tt := range tests {
		s := tt.state
		if s.Group() != tt.group || s.Succeeded() != tt.succeeded || s.Failed() != tt.failed ||
			s.Detail() != tt.detail || s.Failure() != tt.failure || s.Name() != tt.name ||
			s.String() != tt.text || s.Group().String() != tt.groupText {
			t.Errorf("%d: group %v succeeded %v failed %v detail %d failure %d name %q string %q",
				int(s), s.Group(), s.Succeeded(), s.Failed(), s.Detail(), s.Failure(), s.Name(), s.String())
		}
	}
}

func TestResourceNames(t *testing.T) {
	for v, want := range map[ResourceType]string{ResourceLicenseKey: "LicenseKey", ResourceDataObject: "DataObject", 9: "ResourceType(9)", -1: "ResourceType(-1)"} {
		if got := v.String(); got != want {
			t.Errorf("ResourceType %d: %q, want %q", int(v), got, want)
		}
	}
	for v, want := range map[ResourceAction]string{ActionUpdated: "Updated", ActionNone: "None", 4: "ResourceAction(4)"} {
		if got := v.String(); got != want {
			t.Errorf("ResourceAction %d: %q, want %q", int(v), got, want)
		}
	}
}

func TestWindowContains(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 10, 1, h, 0, 0, 0, time.UTC) }
	w := Window{Since: at(10), Until: at(12)}
	for h, want := range map[int]bool{9: false, 10: true, 11: true, 12: false} {
		if got := w.Contains(at(h)); got != want {
			t.Errorf("%d:00 in [10:00, 12:00): %v", h, got)
		}
	}
	if !(Window{}).Contains(at(0)) || !(Window{Until: at(1)}).Contains(time.Time{}) {
		t.Error("open windows must contain everything on their open side")
	}
}
