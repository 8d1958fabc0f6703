package checks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/analysis"
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
			if !window.Contains(e.Time) {
				continue
			}
			// Purchases are not feature usage: the page leaves them out.
			if strings.EqualFold(strings.TrimSpace(e.EventName), "purchase") {
				want["purchases"]++
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
		figs := r.figures(t, "The figures").ints("figure", "value")
		byFeature := r.figures(t, "Events per feature")
		got := map[string]int{
			"events": figs[analysis.FigureUsageEvents], "features": figs[analysis.FigureFeatures],
			"purchases": figs[analysis.FigurePurchaseEvents],
			"pairs":     r.figures(t, "Events per feature and event name").len(),
			"top":       byFeature.int(0, "events"),
			"systems":   r.figures(t, "Events by operating system").len(),
			"unknownos": r.figures(t, "Events by operating system").ints("os", "events")["(unknown)"],
		}
		for _, k := range []string{"events", "features", "purchases", "pairs", "top", "systems", "unknownos"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
		for i := range byFeature.len() {
			if f := byFeature.str(i, "feature"); f == "Credits" || f == "Upgrade" || f == "ExtraSeat" {
				t.Errorf("purchase feature %s counted as usage", f)
			}
		}
	}
}
