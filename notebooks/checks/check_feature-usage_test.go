package checks_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func init() {
	checks["feature-usage"] = func(t *testing.T, d *demo, r *run) {
		// osOf reads the OS field of an event's metadata as encoding/json
		// matches names: exactly first, else without regard to case.
		osOf := func(metadata string) string {
			var m map[string]any
			if json.Unmarshal([]byte(metadata), &m) != nil {
				return "(unknown)"
			}
			v, ok := m["OS"]
			for k, kv := range m {
				if !ok && strings.EqualFold(k, "OS") {
					v, ok = kv, true
				}
			}
			if s, isText := v.(string); isText && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
			return "(unknown)"
		}
		perFeature, pairs, systems := map[string]int{}, map[[2]string]bool{}, map[string]bool{}
		want := map[string]int{}
		for _, e := range d.data.Events {
			// Purchases are not feature usage: the page leaves them out.
			if !window.Contains(e.Time) || strings.EqualFold(strings.TrimSpace(e.EventName), "purchase") {
				continue
			}
			want["events"]++
			perFeature[e.FeatureName]++
			pairs[[2]string{e.FeatureName, e.EventName}] = true
			os := osOf(e.Metadata)
			systems[os] = true
			if os == "(unknown)" {
				want["unknownos"]++
			}
		}
		want["features"], want["pairs"], want["systems"] = len(perFeature), len(pairs), len(systems)
		for _, n := range perFeature {
			want["top"] = max(want["top"], n)
		}
		got := r.printed(t, "events")
		for _, k := range []string{"events", "features", "pairs", "top", "systems", "unknownos"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
	}
}
