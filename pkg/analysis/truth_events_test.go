package analysis

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestTruthFeatures(t *testing.T) {
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			pairs, perDay, oses := map[[2]string]int{}, map[[2]string]int{}, map[string]int{}
			features := map[string]bool{}
			all, usage, purchases := 0, 0, 0
			for _, e := range tc.data.Events {
				if !inWindow(tc.w, e.Time) {
					continue
				}
				all++
				f, ev := e.FeatureName, e.EventName
				var meta map[string]any
				os := "(unknown)"
				if json.Unmarshal([]byte(e.Metadata), &meta) == nil {
					for k, v := range meta { // the field name without regard to case
						if s, ok := v.(string); ok && strings.EqualFold(k, "OS") && strings.TrimSpace(s) != "" {
							os = strings.TrimSpace(s)
						}
					}
				}
				oses[os]++
				// Purchases are not feature usage.
				if strings.EqualFold(strings.TrimSpace(ev), "purchase") {
					purchases++
					continue
				}
				usage++
				if f == "" {
					f = "(none)"
				}
				if ev == "" {
					ev = "(none)"
				}
				pairs[[2]string{f, ev}]++
				features[f] = true
				perDay[[2]string{dayKey(e.Time), f}]++
			}
			if usage == 0 || purchases == 0 {
				t.Fatalf("%d usage events, %d purchases in the window: the test data changed", usage, purchases)
			}
			var want []FeatureEventCount
			for k, n := range pairs {
				want = append(want, FeatureEventCount{k[0], k[1], n, float64(n) / float64(usage)})
			}
			sort.Slice(want, func(i, j int) bool {
				a, b := want[i], want[j]
				if a.Count != b.Count {
					return a.Count > b.Count
				}
				if a.Feature != b.Feature {
					return a.Feature < b.Feature
				}
				return a.Event < b.Event
			})
			if diff := cmp.Diff(want, FeatureUsage(tc.data.Events, tc.w), approx); diff != "" {
				t.Errorf("FeatureUsage (-want +got):\n%s", diff)
			}

			var wantDays []FeatureDay
			for _, d := range truthDays(tc.w) {
				for _, f := range sortedKeys(features) {
					wantDays = append(wantDays, FeatureDay{mustDay(d), f, perDay[[2]string{d, f}]})
				}
			}
			if diff := cmp.Diff(wantDays, FeatureUsagePerDay(tc.data.Events, tc.w)); diff != "" {
				t.Errorf("FeatureUsagePerDay (-want +got):\n%s", diff)
			}

			var wantOS []NameCount
			for _, os := range sortedKeys(oses) {
				wantOS = append(wantOS, NameCount{os, oses[os], float64(oses[os]) / float64(all)})
			}
			sort.SliceStable(wantOS, func(i, j int) bool { return wantOS[i].Count > wantOS[j].Count })
			if len(wantOS) < 2 {
				t.Errorf("only %v: the test data changed", wantOS)
			}
			if diff := cmp.Diff(wantOS, EventsByOS(tc.data.Events, tc.w), approx); diff != "" {
				t.Errorf("EventsByOS (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTruthRevenue(t *testing.T) {
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			type sum struct {
				amount int64
				n      int
			}
			byCur, byDay, byFeature := map[string]*sum{}, map[[2]string]*sum{}, map[[2]string]*sum{}
			add := func(m map[[2]string]*sum, k [2]string, v int64) {
				if m[k] == nil {
					m[k] = &sum{}
				}
				m[k].amount += v
				m[k].n++
			}
			for _, e := range tc.data.Events {
				if !inWindow(tc.w, e.Time) || strings.ToLower(strings.TrimSpace(e.EventName)) != "purchase" {
					continue
				}
				cur := strings.ToUpper(strings.TrimSpace(e.Currency))
				if cur == "" {
					cur = "(none)"
				}
				f := e.FeatureName
				if f == "" {
					f = "(none)"
				}
				if byCur[cur] == nil {
					byCur[cur] = &sum{}
				}
				byCur[cur].amount += e.Value
				byCur[cur].n++
				add(byDay, [2]string{dayKey(e.Time), cur}, e.Value)
				add(byFeature, [2]string{cur, f}, e.Value)
			}
			if len(byCur) < 2 {
				t.Fatalf("currencies %v: the test needs several", sortedKeys(byCur))
			}
			var wantCur []CurrencyRevenue
			for _, c := range sortedKeys(byCur) {
				wantCur = append(wantCur, CurrencyRevenue{c, byCur[c].amount, byCur[c].n})
			}
			if diff := cmp.Diff(wantCur, RevenueByCurrency(tc.data.Events, tc.w)); diff != "" {
				t.Errorf("RevenueByCurrency (-want +got):\n%s", diff)
			}
			// The mean purchase, rounded to the cent (half away from zero).
			truncated := 0
			for _, c := range RevenueByCurrency(tc.data.Events, tc.w) {
				want := int64(math.Round(float64(c.Amount) / float64(c.Purchases)))
				if got := c.MeanPurchase(); got != want {
					t.Errorf("%s: mean purchase %d, want %d (%d / %d)", c.Currency, got, want, c.Amount, c.Purchases)
				}
				if want != c.Amount/int64(c.Purchases) {
					truncated++
				}
			}
			if truncated == 0 {
				t.Error("no mean differs from its truncation: the test does not discriminate")
			}
			var wantDays []DailyRevenue
			for _, d := range truthDays(tc.w) {
				for _, c := range sortedKeys(byCur) {
					s := byDay[[2]string{d, c}]
					if s == nil {
						s = &sum{}
					}
					wantDays = append(wantDays, DailyRevenue{mustDay(d), c, s.amount, s.n})
				}
			}
			if diff := cmp.Diff(wantDays, RevenuePerDay(tc.data.Events, tc.w)); diff != "" {
				t.Errorf("RevenuePerDay (-want +got):\n%s", diff)
			}
			var wantFeat []FeatureRevenue
			for k, s := range byFeature {
				wantFeat = append(wantFeat, FeatureRevenue{k[1], k[0], s.amount, s.n})
			}
			sort.Slice(wantFeat, func(i, j int) bool {
				a, b := wantFeat[i], wantFeat[j]
				if a.Currency != b.Currency {
					return a.Currency < b.Currency
				}
				if a.Amount != b.Amount {
					return a.Amount > b.Amount
				}
				return a.Feature < b.Feature
			})
			if diff := cmp.Diff(wantFeat, RevenueByFeature(tc.data.Events, tc.w)); diff != "" {
				t.Errorf("RevenueByFeature (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTruthTeamAudit(t *testing.T) {
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			cells, perf, perDay := map[[3]string]int{}, map[string]int{}, map[string]*DailyChanges{}
			for _, d := range truthDays(tc.w) {
				perDay[d] = &DailyChanges{Day: mustDay(d)}
			}
			var inside []cryptolens.ObjectLogEntry
			for _, o := range tc.data.ObjectLog {
				if !inWindow(tc.w, o.Created) {
					continue
				}
				inside = append(inside, o)
				p := o.PerformedByUserID
				if p == "" {
					p = "(none)"
				}
				perf[p]++
				cells[[3]string{p, string(rune('0' + o.ResourceType)), string(rune('0' + o.ResourceAction))}]++
				dc := perDay[dayKey(o.Created)]
				dc.Total++
				switch o.ResourceAction {
				case cryptolens.ActionAdded:
					dc.Added++
				case cryptolens.ActionUpdated:
					dc.Updated++
				case cryptolens.ActionDeleted:
					dc.Deleted++
				default:
					dc.Other++
				}
			}
			var wantTeam []TeamCount
			for k, n := range cells {
				wantTeam = append(wantTeam, TeamCount{k[0], cryptolens.ResourceType(k[1][0] - '0'),
					cryptolens.ResourceAction(k[2][0] - '0'), n})
			}
			sort.Slice(wantTeam, func(i, j int) bool {
				a, b := wantTeam[i], wantTeam[j]
				if a.Performer != b.Performer {
					return a.Performer < b.Performer
				}
				if a.ResourceType != b.ResourceType {
					return a.ResourceType < b.ResourceType
				}
				return a.Action < b.Action
			})
			if diff := cmp.Diff(wantTeam, TeamChanges(tc.data.ObjectLog, tc.w)); diff != "" {
				t.Errorf("TeamChanges (-want +got):\n%s", diff)
			}
			byRes := map[[2]int]int{}
			for k, n := range cells {
				byRes[[2]int{int(k[1][0] - '0'), int(k[2][0] - '0')}] += n
			}
			var wantRes []ResourceCount
			for typ := 0; typ < 10; typ++ {
				for act := 0; act < 10; act++ {
					if n := byRes[[2]int{typ, act}]; n > 0 {
						wantRes = append(wantRes, ResourceCount{cryptolens.ResourceType(typ), cryptolens.ResourceAction(act),
							n, float64(n) / float64(len(inside))})
					}
				}
			}
			if diff := cmp.Diff(wantRes, ChangesByResource(tc.data.ObjectLog, tc.w), approx); diff != "" {
				t.Errorf("ChangesByResource (-want +got):\n%s", diff)
			}
			var wantPerf []NameCount
			for _, p := range sortedKeys(perf) {
				wantPerf = append(wantPerf, NameCount{p, perf[p], float64(perf[p]) / float64(len(inside))})
			}
			sort.SliceStable(wantPerf, func(i, j int) bool { return wantPerf[i].Count > wantPerf[j].Count })
			if diff := cmp.Diff(wantPerf, ChangesByPerformer(tc.data.ObjectLog, tc.w), approx); diff != "" {
				t.Errorf("ChangesByPerformer (-want +got):\n%s", diff)
			}
			var wantDays []DailyChanges
			for _, d := range truthDays(tc.w) {
				wantDays = append(wantDays, *perDay[d])
			}
			if diff := cmp.Diff(wantDays, ChangesPerDay(tc.data.ObjectLog, tc.w)); diff != "" {
				t.Errorf("ChangesPerDay (-want +got):\n%s", diff)
			}

			// The latest 15: the dataset is ascending by id and never goes
			// back in time, so they are the last 15 inside the window, reversed.
			latest := LatestChanges(tc.data.ObjectLog, tc.w, 15)
			if len(latest) != min(15, len(inside)) {
				t.Fatalf("got %d changes, want %d", len(latest), min(15, len(inside)))
			}
			updates := 0
			for i, c := range latest {
				o := inside[len(inside)-1-i]
				if c.ID != o.ID || !c.Created.Equal(o.Created) || c.Data != o.Data {
					t.Errorf("change %d is %d, want %d", i, c.ID, o.ID)
				}
				if o.ResourceAction != cryptolens.ActionUpdated {
					if c.Fields != nil {
						t.Errorf("change %d (%v) has fields %v", c.ID, o.ResourceAction, c.Fields)
					}
					continue
				}
				updates++
				var raw map[string][]any
				if json.Unmarshal([]byte(o.Data), &raw) != nil {
					continue // hostile data: checked by the table test
				}
				var want []FieldChange
				for _, f := range sortedKeys(raw) {
					if len(raw[f]) == 2 {
						want = append(want, FieldChange{f, plainText(raw[f][0]), plainText(raw[f][1])})
					}
				}
				if diff := cmp.Diff(want, c.Fields); diff != "" {
					t.Errorf("change %d fields (-want +got):\n%s", c.ID, diff)
				}
			}
			if updates == 0 {
				t.Error("no updates among the latest changes: the test does not check field parsing")
			}
		})
	}
}

// plainText renders a decoded JSON value as the reports show it.
func plainText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
