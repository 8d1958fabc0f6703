package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestEventsShape(t *testing.T) {
	t.Parallel()
	d := demoData()
	if ratio := float64(len(d.Events)) / float64(len(d.WebAPILog)); ratio < 0.2 || ratio > 0.4 {
		t.Errorf("%d events for %d rows, want about 30%%", len(d.Events), len(d.WebAPILog))
	}
	machinesOfKey := map[string][]string{}
	for _, r := range d.WebAPILog {
		if r.MachineCode != "" && !slices.Contains(machinesOfKey[r.Key], r.MachineCode) {
			machinesOfKey[r.Key] = append(machinesOfKey[r.Key], r.MachineCode)
		}
	}
	purchases, features := 0, map[string]bool{}
	for i, e := range d.Events {
		if i > 0 && (e.ID <= d.Events[i-1].ID || e.Time.Before(d.Events[i-1].Time)) {
			t.Fatalf("event %d (id %d) out of order", i, e.ID)
		}
		if l, ok := d.License(e.ProductID, e.Key); !ok || !slices.Contains(machinesOfKey[l.Key], e.MachineCode) {
			t.Fatalf("event %d: key %q / machine %q never appear in the Web API Log", e.ID, e.Key, e.MachineCode)
		}
		if e.Metadata != "" && !json.Valid([]byte(e.Metadata)) {
			t.Fatalf("event %d: metadata %q is not JSON", e.ID, e.Metadata)
		}
		if e.EventName == "purchase" {
			purchases++
			if e.Value <= 0 || !slices.Contains([]string{"USD", "EUR", "SEK"}, e.Currency) {
				t.Fatalf("purchase %d: value %d currency %q", e.ID, e.Value, e.Currency)
			}
		} else {
			features[e.FeatureName] = true
		}
	}
	if purchases == 0 || !features["VideoRecorder"] || !features["ReportGenerator"] {
		t.Errorf("%d purchases, features %v", purchases, features)
	}
}

func TestObjectLogShape(t *testing.T) {
	t.Parallel()
	d := demoData()
	if n := len(d.ObjectLog); n < 300 || n > 5000 {
		t.Errorf("%d Object Log entries, want a few hundred to thousands", n)
	}
	members := map[string]bool{}
	for _, m := range d.TeamMembers {
		members[m.UserID] = true
	}
	added := map[int64]string{}
	actions := map[cryptolens.ResourceAction]int{}
	for i, o := range d.ObjectLog {
		if i > 0 && (o.ID <= d.ObjectLog[i-1].ID || o.Created.Before(d.ObjectLog[i-1].Created)) {
			t.Fatalf("entry %d (id %d) out of order", i, o.ID)
		}
		if o.ResourceType < 0 || o.ResourceType > 6 || o.ResourceAction < 1 || o.ResourceAction > 3 {
			t.Fatalf("entry %d: type %d action %d", o.ID, o.ResourceType, o.ResourceAction)
		}
		if !members[o.PerformedByUserID] {
			t.Fatalf("entry %d: performed by %q, not a team member", o.ID, o.PerformedByUserID)
		}
		if o.ResourceAction != cryptolens.ActionDeleted && !json.Valid([]byte(o.Data)) {
			t.Fatalf("entry %d: data %q is not JSON", o.ID, o.Data)
		}
		actions[o.ResourceAction]++
		if o.ResourceType == cryptolens.ResourceLicenseKey && o.ResourceAction == cryptolens.ActionAdded {
			added[o.AffectedObjectID] = o.Data
			if o.Created.IsZero() {
				t.Fatal("zero time")
			}
		}
	}
	for _, l := range d.Licenses {
		var data struct{ Key string }
		if err := json.Unmarshal([]byte(added[l.ID]), &data); err != nil || data.Key != l.Key {
			t.Fatalf("license %s (id %d): Object Log data %q", l.Key, l.ID, added[l.ID])
		}
	}
	if actions[cryptolens.ActionUpdated] == 0 || actions[cryptolens.ActionDeleted] == 0 {
		t.Errorf("actions %v: want updates and deletions too", actions)
	}
}

// hostileMarkers are fragments of the hostile strings.
var hostileMarkers = []string{"<script>", "onerror=", "javascript:", "{{", "\n", ","}

func isHostile(s string) bool {
	for _, m := range hostileMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

func TestHostileDataset(t *testing.T) {
	t.Parallel()
	d := emulator.Generate(emulator.Config{Seed: 11, Rows: 20_000, Hostile: true})
	found := map[string]bool{}
	for _, r := range d.WebAPILog {
		found["friendlyName"] = found["friendlyName"] || isHostile(r.FriendlyName)
		found["machineCode"] = found["machineCode"] || isHostile(r.MachineCode)
		if r.Key != "" && !keyShape.MatchString(r.Key) {
			t.Fatalf("row %d: key %q is not key-shaped", r.ID, r.Key)
		}
	}
	for _, e := range d.Events {
		found["featureName"] = found["featureName"] || isHostile(e.FeatureName)
		found["eventName"] = found["eventName"] || isHostile(e.EventName)
		found["metadata"] = found["metadata"] || strings.Contains(e.Metadata, "<") || strings.Contains(e.Metadata, "{{")
		found["currency"] = found["currency"] || (e.Currency != "" && !slices.Contains([]string{"USD", "EUR", "SEK"}, e.Currency))
	}
	for _, o := range d.ObjectLog {
		found["object log data"] = found["object log data"] || strings.Contains(o.Data, `\u003cscript`) || strings.Contains(o.Data, "{{")
	}
	for _, p := range d.Products {
		found["product name"] = found["product name"] || isHostile(p.Name)
	}
	for _, field := range []string{"friendlyName", "machineCode", "featureName", "eventName", "metadata", "currency",
		"object log data", "product name"} {
		if !found[field] {
			t.Errorf("no hostile %s", field)
		}
	}

	// The server still answers valid JSON, and filters by hostile text.
	h := newHarness(t, d)
	for _, r := range d.WebAPILog {
		if strings.Contains(r.FriendlyName, "<script>") {
			a := h.call(t, "GetWebAPILog", "FriendlyName", r.FriendlyName, "Limit", "1000")
			if len(a.env.Logs) == 0 || a.env.Logs[0].FriendlyName != r.FriendlyName {
				t.Errorf("filtering by %q found %d rows", r.FriendlyName, len(a.env.Logs))
			}
			if strings.Contains(string(a.body), "<script>") {
				t.Errorf("the JSON answer carries raw markup: %.200s", a.body)
			}
			break
		}
	}
	form := url.Values{"token": {h.token}, "Limit": {"100"}}
	for _, method := range []string{"GetEvents", "GetObjectLog"} {
		for after := int64(0); ; {
			form.Set("StartingAfter", itoa(int(after)))
			a := h.do(t, http.MethodPost, "/ai/"+method, form)
			var page []struct{ ID int64 }
			if err := json.Unmarshal(a.env.Events, &page); err != nil {
				t.Fatalf("%s: %v", method, err)
			}
			if len(page) == 0 {
				break
			}
			after = page[len(page)-1].ID
		}
	}
}

func TestPlainDatasetHasNoMarkup(t *testing.T) {
	t.Parallel()
	d := testData()
	for _, r := range d.WebAPILog {
		if isHostile(r.FriendlyName) || isHostile(r.MachineCode) {
			t.Fatalf("row %d has hostile text: %q %q", r.ID, r.FriendlyName, r.MachineCode)
		}
	}
	for _, e := range d.Events {
		if isHostile(e.FeatureName) || isHostile(e.EventName) || strings.ContainsAny(e.Metadata, "<>\n") {
			t.Fatalf("event %d has hostile text", e.ID)
		}
	}
}

// Every hostile machine code and friendly name can be used as a filter and
// finds exactly its rows.
func TestHostileFilters(t *testing.T) {
	t.Parallel()
	d := emulator.Generate(emulator.Config{Seed: 12, Rows: 10_000, Hostile: true})
	h := newHarness(t, d)
	codes, names := map[string]bool{}, map[string]bool{}
	for _, r := range d.WebAPILog {
		if isHostile(r.MachineCode) {
			codes[r.MachineCode] = true
		}
		if isHostile(r.FriendlyName) {
			names[r.FriendlyName] = true
		}
	}
	if len(codes) == 0 || len(names) == 0 {
		t.Fatalf("%d hostile machine codes, %d hostile friendly names", len(codes), len(names))
	}
	for code := range codes {
		want := wantLogs(d, logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.MachineCode == code }, limit: 1000})
		checkRows(t, want, h.call(t, "GetWebAPILog", "MachineCode", code, "Limit", "1000").env.Logs)
	}
	for name := range names {
		want := wantLogs(d, logQuery{keep: func(r cryptolens.WebAPILog) bool {
			return strings.Contains(strings.ToLower(r.FriendlyName), strings.ToLower(name))
		}, limit: 1000})
		checkRows(t, want, h.call(t, "GetWebAPILog", "FriendlyName", name, "Limit", "1000").env.Logs)
	}
}
