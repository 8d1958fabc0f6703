package analysis

import (
	"math"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

var approx = cmpopts.EquateApprox(0, 1e-12)

func TestTruthOutcomesAndDays(t *testing.T) {
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			type counts struct{ ok, fail, other int }
			perDay := map[string]*counts{}
			for _, d := range truthDays(tc.w) {
				perDay[d] = &counts{}
			}
			var all counts
			for _, r := range tc.data.WebAPILog {
				if !inWindow(tc.w, r.Time) {
					continue
				}
				c := perDay[dayKey(r.Time)]
				switch int(r.State) % 100 / 10 {
				case 1:
					c.ok++
					all.ok++
				case 2:
					c.fail++
					all.fail++
				default:
					c.other++
					all.other++
				}
			}
			total := all.ok + all.fail + all.other
			if total == 0 {
				t.Fatal("no rows in the window: the test data changed")
			}
			want := OutcomeSummary{Total: total, Succeeded: all.ok, Failed: all.fail, Other: all.other,
				SucceededShare: float64(all.ok) / float64(total), FailedShare: float64(all.fail) / float64(total),
				OtherShare: float64(all.other) / float64(total)}
			if diff := cmp.Diff(want, RequestOutcomes(tc.data.WebAPILog, tc.w), approx); diff != "" {
				t.Errorf("RequestOutcomes (-want +got):\n%s", diff)
			}
			// Licensing requests: every row but key creations (30xx) and
			// data-object operations (80xx).
			var lic counts
			for _, r := range tc.data.WebAPILog {
				if g := int(r.State) / 100; !inWindow(tc.w, r.Time) || g == 30 || g == 80 {
					continue
				}
				switch int(r.State) % 100 / 10 {
				case 1:
					lic.ok++
				case 2:
					lic.fail++
				default:
					lic.other++
				}
			}
			lt := lic.ok + lic.fail + lic.other
			if lt == total {
				t.Error("no key creation or data-object row: the test does not discriminate")
			}
			wantLic := OutcomeSummary{Total: lt, Succeeded: lic.ok, Failed: lic.fail, Other: lic.other,
				SucceededShare: float64(lic.ok) / float64(lt), FailedShare: float64(lic.fail) / float64(lt),
				OtherShare: float64(lic.other) / float64(lt)}
			if diff := cmp.Diff(wantLic, LicensingRequestOutcomes(tc.data.WebAPILog, tc.w), approx); diff != "" {
				t.Errorf("LicensingRequestOutcomes (-want +got):\n%s", diff)
			}

			days := truthDays(tc.w)
			got := RequestsPerDay(tc.data.WebAPILog, tc.w)
			if len(got) != len(days) {
				t.Fatalf("RequestsPerDay gave %d days, want %d", len(got), len(days))
			}
			// The trailing average reads the six whole days before the
			// window's first day: every row of those days in the data.
			before := map[string]int{}
			first := mustDay(days[0])
			for _, r := range tc.data.WebAPILog {
				if r.Time.Before(first) {
					before[dayKey(r.Time)]++
				}
			}
			for i, d := range days {
				c := perDay[d]
				sum := 0
				for j := i - 6; j <= i; j++ {
					if j < 0 {
						sum += before[dayKey(first.AddDate(0, 0, j))]
						continue
					}
					pc := perDay[days[j]]
					sum += pc.ok + pc.fail + pc.other
				}
				want := DailyRequests{Succeeded: c.ok, Failed: c.fail, Other: c.other, Total: c.ok + c.fail + c.other,
					Trailing7: float64(sum) / 7, TrailingDays: 7}
				g := got[i]
				if dayKey(g.Day) != d {
					t.Errorf("day %d is %s, want %s", i, dayKey(g.Day), d)
				}
				g.Day = want.Day
				if diff := cmp.Diff(want, g, approx); diff != "" {
					t.Errorf("day %s (-want +got):\n%s", d, diff)
				}
			}
		})
	}
}

func TestTruthKeysNamesStates(t *testing.T) {
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			keyCounts, nameCounts, stateCounts := map[string]int{}, map[string]int{}, map[cryptolens.State]int{}
			keyed, all, withMachine := 0, 0, 0
			nameMachines := map[string]map[string]bool{}
			for _, r := range tc.data.WebAPILog {
				if !inWindow(tc.w, r.Time) {
					continue
				}
				all++
				if r.Key != "" {
					keyCounts[r.Key]++
					keyed++
				}
				stateCounts[r.State]++
				// Friendly names: only rows that name a machine.
				m := plainNormalize(r.MachineCode)
				if m == "" {
					continue
				}
				name := r.FriendlyName
				if name == "" {
					name = "(none)"
				}
				nameCounts[name]++
				withMachine++
				if nameMachines[name] == nil {
					nameMachines[name] = map[string]bool{}
				}
				nameMachines[name][m] = true
			}

			// Most active keys, with pandas' float comparison.
			var wantKeys []NameCount
			for _, k := range sortedKeys(keyCounts) {
				if float64(keyCounts[k]) > 0.01*float64(keyed) {
					wantKeys = append(wantKeys, NameCount{k, keyCounts[k], float64(keyCounts[k]) / float64(keyed)})
				}
			}
			sort.SliceStable(wantKeys, func(i, j int) bool { return wantKeys[i].Count > wantKeys[j].Count })
			if len(wantKeys) == 0 || len(wantKeys) == len(keyCounts) {
				t.Errorf("the 1%% cut kept %d of %d keys: the test does not exercise it", len(wantKeys), len(keyCounts))
			}
			if diff := cmp.Diff(wantKeys, MostActiveKeys(tc.data.WebAPILog, tc.w), approx); diff != "" {
				t.Errorf("MostActiveKeys (-want +got):\n%s", diff)
			}

			// Friendly names: top 10 and the rest.
			names := sortedKeys(nameCounts)
			sort.SliceStable(names, func(i, j int) bool { return nameCounts[names[i]] > nameCounts[names[j]] })
			var wantNames []FriendlyNameCount
			rest, restNames, several := 0, 0, 0
			restMachines := map[string]bool{}
			for i, n := range names {
				if len(nameMachines[n]) > 1 {
					several++
				}
				if i < 10 {
					wantNames = append(wantNames, FriendlyNameCount{n, nameCounts[n], float64(nameCounts[n]) / float64(withMachine),
						len(nameMachines[n]), 1, false})
				} else {
					rest += nameCounts[n]
					restNames++
					for m := range nameMachines[n] {
						restMachines[m] = true
					}
				}
			}
			if restNames > 0 {
				wantNames = append(wantNames, FriendlyNameCount{"(rest)", rest, float64(rest) / float64(withMachine), len(restMachines), restNames, true})
			}
			if several == 0 || withMachine == all {
				t.Errorf("%d names with several machines, %d of %d rows with a machine: the test does not discriminate", several, withMachine, all)
			}
			if diff := cmp.Diff(wantNames, RequestsPerFriendlyName(tc.data.WebAPILog, tc.w, 10), approx); diff != "" {
				t.Errorf("RequestsPerFriendlyName (-want +got):\n%s", diff)
			}

			// States, grouped by their first two digits.
			groups := map[int][]StateCount{}
			for s, n := range stateCounts {
				g := int(s) / 100
				groups[g] = append(groups[g], StateCount{s, s.Name(), cryptolens.StateGroup(g), cryptolens.StateGroup(g).String(),
					n, float64(n) / float64(all)})
			}
			var gnums []int
			for g := range groups {
				gnums = append(gnums, g)
			}
			sort.Ints(gnums)
			var wantGroups []GroupStates
			for _, g := range gnums {
				sc := groups[g]
				sort.Slice(sc, func(i, j int) bool {
					if sc[i].Count != sc[j].Count {
						return sc[i].Count > sc[j].Count
					}
					return sc[i].State < sc[j].State
				})
				gs := GroupStates{Group: cryptolens.StateGroup(g), Name: cryptolens.StateGroup(g).String(), States: sc}
				for _, s := range sc {
					gs.Count += s.Count
					switch int(s.State) % 100 / 10 {
					case 1:
						gs.Succeeded += s.Count
					case 2:
						gs.Failed += s.Count
					default:
						gs.Other += s.Count
					}
				}
				gs.Share = float64(gs.Count) / float64(all)
				wantGroups = append(wantGroups, gs)
			}
			if diff := cmp.Diff(wantGroups, StatesByGroup(tc.data.WebAPILog, tc.w), approx); diff != "" {
				t.Errorf("StatesByGroup (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTruthMethods(t *testing.T) {
	methods := map[int]bool{20: true, 30: true, 60: true}
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			type cell struct{ ok, fail, other int }
			perDay := map[string]*cell{}
			perMethod := map[int]*cell{20: {}, 30: {}, 60: {}}
			seatLimit := map[string][]cryptolens.WebAPILog{}
			for _, r := range tc.data.WebAPILog {
				if !inWindow(tc.w, r.Time) {
					continue
				}
				g := int(r.State) / 100
				if r.State == 2024 {
					seatLimit[r.Key] = append(seatLimit[r.Key], r)
				}
				if !methods[g] {
					continue
				}
				k := dayKey(r.Time) + "/" + string(rune('0'+g/10))
				if perDay[k] == nil {
					perDay[k] = &cell{}
				}
				for _, c := range []*cell{perDay[k], perMethod[g]} {
					switch int(r.State) % 100 / 10 {
					case 1:
						c.ok++
					case 2:
						c.fail++
					default:
						c.other++
					}
				}
			}
			var want []MethodDay
			for _, d := range truthDays(tc.w) {
				for _, g := range []int{20, 30, 60} {
					c := perDay[d+"/"+string(rune('0'+g/10))]
					if c == nil {
						c = &cell{}
					}
					want = append(want, MethodDay{Group: cryptolens.StateGroup(g), Method: cryptolens.StateGroup(g).String(),
						Succeeded: c.ok, Failed: c.fail, Other: c.other, Total: c.ok + c.fail + c.other})
				}
			}
			got := MethodActivityPerDay(tc.data.WebAPILog, tc.w, nil)
			if len(got) != len(want) {
				t.Fatalf("MethodActivityPerDay gave %d cells, want %d", len(got), len(want))
			}
			for i := range got {
				if dayKey(got[i].Day) != truthDays(tc.w)[i/3] {
					t.Errorf("cell %d day %s", i, dayKey(got[i].Day))
				}
				got[i].Day = want[i].Day
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("MethodActivityPerDay (-want +got):\n%s", diff)
			}

			var wantRates []MethodFailures
			for _, g := range []int{20, 30, 60} {
				c := perMethod[g]
				total := c.ok + c.fail + c.other
				rate := 0.0
				if total > 0 {
					rate = float64(c.fail) / float64(total)
				}
				wantRates = append(wantRates, MethodFailures{cryptolens.StateGroup(g), cryptolens.StateGroup(g).String(),
					total, c.ok, c.fail, c.other, rate})
			}
			if diff := cmp.Diff(wantRates, MethodFailureRates(tc.data.WebAPILog, tc.w, nil), approx); diff != "" {
				t.Errorf("MethodFailureRates (-want +got):\n%s", diff)
			}

			var wantSeat []KeySeatLimit
			for _, k := range sortedKeys(seatLimit) {
				rows := seatLimit[k]
				ks := KeySeatLimit{Key: k, Count: len(rows), First: rows[0].Time, Last: rows[len(rows)-1].Time}
				machines := map[string]bool{}
				for _, r := range rows {
					if m := plainNormalize(r.MachineCode); m != "" {
						machines[m] = true
					}
				}
				ks.Machines = len(machines)
				wantSeat = append(wantSeat, ks)
			}
			sort.SliceStable(wantSeat, func(i, j int) bool { return wantSeat[i].Count > wantSeat[j].Count })
			if diff := cmp.Diff(wantSeat, SeatLimitFailuresByKey(tc.data.WebAPILog, tc.w)); diff != "" {
				t.Errorf("SeatLimitFailuresByKey (-want +got):\n%s", diff)
			}
		})
	}
}

// plainNormalize is the documented machine-code normalisation written out
// rune by rune.
func plainNormalize(code string) string {
	var kept []rune
	for _, r := range code {
		if !unicode.IsControl(r) {
			kept = append(kept, r)
		}
	}
	s := strings.TrimSpace(string(kept))
	if r := []rune(s); len(r) > 256 {
		s = string(r[:256])
	}
	return strings.ToUpper(s)
}

func TestTruthActivePerDay(t *testing.T) {
	held := 0
	defer func() {
		if held == 0 {
			t.Error("no seat held across a window's start is the only activity of its machine on the first day: the test does not exercise the rule")
		}
	}()
	// The demo's own data and window (seed 1, 90 days, the last 30), where
	// one machine counts on the first day only by a seat taken before it.
	demo := emulator.Generate(emulator.Config{})
	cases := append(truthCases(t), truthCase{"demo/last30", demo,
		cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -30), Until: emulator.DemoEnd}})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			keys, machines := map[string]map[string]bool{}, map[string]map[string]bool{}
			days := truthDays(tc.w)
			for _, d := range days {
				keys[d], machines[d] = map[string]bool{}, map[string]bool{}
			}
			for _, r := range tc.data.WebAPILog {
				start := r.Time.Unix()
				end := start + 1 // an instant
				if r.FloatingExpires.Unix() > r.Time.Unix() {
					end = min(r.FloatingExpires.Unix(), tc.w.Until.Unix())
				}
				if !inWindow(tc.w, r.Time) {
					// A seat taken before the window and still held
					// counts from the window's start.
					if r.Time.Unix() >= tc.w.Until.Unix() || end <= tc.w.Since.Unix() {
						continue
					}
					start = tc.w.Since.Unix()
				}
				for _, d := range days {
					dayStart := mustDay(d).Unix()
					if start < dayStart+86400 && end > dayStart { // [start, end) overlaps the day
						if r.Key != "" {
							keys[d][r.Key] = true
						}
						if m := plainNormalize(r.MachineCode); m != "" {
							machines[d][m] = true
						}
					}
				}
			}
			got := ActivePerDay(tc.data.WebAPILog, tc.w)
			if len(got) != len(days) {
				t.Fatalf("got %d days, want %d", len(got), len(days))
			}
			spans := 0
			held += heldAlone(tc.data.WebAPILog, tc.w)
			for i, d := range days {
				if dayKey(got[i].Day) != d || got[i].Keys != len(keys[d]) || got[i].Machines != len(machines[d]) {
					t.Errorf("day %d = %s keys %d machines %d, want %s keys %d machines %d", i, dayKey(got[i].Day),
						got[i].Keys, got[i].Machines, d, len(keys[d]), len(machines[d]))
				}
				spans += len(machines[d])
			}
			if spans == 0 {
				t.Error("no machines at all: the test data changed")
			}
		})
	}
}

// heldAlone counts the machines that hold a seat across w.Since and make
// no request inside w on its first day: the machines that count on that day
// only by a seat taken before the window.
func heldAlone(logs []cryptolens.WebAPILog, w cryptolens.Window) int {
	firstDay := map[string]bool{}
	dayEnd := mustDay(dayKey(w.Since)).Unix() + 86400
	for _, r := range logs {
		if inWindow(w, r.Time) && r.Time.Unix() < dayEnd {
			firstDay[plainNormalize(r.MachineCode)] = true
		}
	}
	alone := map[string]bool{}
	for _, r := range logs {
		m := plainNormalize(r.MachineCode)
		if r.Time.Unix() < w.Since.Unix() && r.FloatingExpires.Unix() > w.Since.Unix() && m != "" && !firstDay[m] {
			alone[m] = true
		}
	}
	return len(alone)
}

func TestTruthInactiveKeys(t *testing.T) {
	d := demoData()
	asOf := d.Config.End
	var listed []string
	for _, l := range d.Licenses {
		listed = append(listed, l.Key)
	}
	listed = append(listed, "NEVER-SEEN-KEY")
	truncatedAtThreshold := 0 // listed keys whose whole days silent equal the threshold
	defer func() {
		if truncatedAtThreshold == 0 {
			t.Error("no listed key is silent for the threshold and a fraction of a day: the test does not discriminate")
		}
	}()
	for _, days := range []int{1, 3, 7, 14} {
		last, n := map[string]int64{}, map[string]int{}
		for _, k := range listed {
			last[k] = math.MinInt64
		}
		for _, r := range d.WebAPILog {
			if r.Key == "" || r.Time.Unix() >= asOf.Unix() {
				continue
			}
			n[r.Key]++
			if r.Time.Unix() > last[r.Key] || n[r.Key] == 1 {
				last[r.Key] = r.Time.Unix()
			}
		}
		cutoff := asOf.Unix() - int64(days)*86400
		var want []string
		for _, k := range sortedKeys(last) {
			if n[k] == 0 || last[k] < cutoff {
				want = append(want, k)
			}
		}
		var got []string
		for _, k := range InactiveKeys(d.WebAPILog, listed, true, days, asOf) {
			got = append(got, k.Key)
			// Days silent: rounded up, so that every listed key shows more
			// than the threshold.
			if n[k.Key] > 0 {
				silent := asOf.Unix() - last[k.Key]
				want := int((silent + 86399) / 86400)
				if k.DaysSilent != want || k.DaysSilent <= days {
					t.Errorf("%d days: %s silent %ds shows %d days, want %d (> %d)", days, k.Key, silent, k.DaysSilent, want, days)
				}
				if int(silent/86400) == days {
					truncatedAtThreshold++
				}
			}
			if (n[k.Key] == 0) != k.LastActivity.IsZero() || (n[k.Key] > 0 && k.LastActivity.Unix() != last[k.Key]) || k.Requests != n[k.Key] {
				t.Errorf("%d days: %+v, want last %d requests %d", days, k, last[k.Key], n[k.Key])
			}
		}
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%d days: inactive keys (-want +got):\n%s", days, diff)
		}
		if days == 1 && (len(want) < 2 || len(want) == len(listed)) {
			t.Errorf("%d of %d keys inactive for a day: the test does not discriminate", len(want), len(listed))
		}
	}
}

// TestTruthShareConvention checks the one share convention on every
// ranking: each share is of the rows the ranking counts (those that carry
// what is ranked), so a complete ranking's counts add up to those rows and
// its shares to 1.
func TestTruthShareConvention(t *testing.T) {
	for _, tc := range truthCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			all, withKey, withMachine := 0, 0, 0
			for _, r := range tc.data.WebAPILog {
				if !inWindow(tc.w, r.Time) {
					continue
				}
				all++
				if r.Key != "" {
					withKey++
				}
				if plainNormalize(r.MachineCode) != "" {
					withMachine++
				}
			}
			usage, events := 0, 0
			for _, e := range tc.data.Events {
				if inWindow(tc.w, e.Time) {
					events++
					if !strings.EqualFold(strings.TrimSpace(e.EventName), "purchase") {
						usage++
					}
				}
			}
			entries := 0
			for _, o := range tc.data.ObjectLog {
				if inWindow(tc.w, o.Created) {
					entries++
				}
			}
			check := func(name string, counted int, counts []int, shares []float64) {
				t.Helper()
				n, sum := 0, 0.0
				for i := range counts {
					n += counts[i]
					sum += shares[i]
					if math.Abs(shares[i]-float64(counts[i])/float64(counted)) > 1e-12 {
						t.Errorf("%s: share %v of %d, want %d / %d", name, shares[i], counts[i], counts[i], counted)
					}
				}
				if n != counted || math.Abs(sum-1) > 1e-9 {
					t.Errorf("%s: counts add up to %d and shares to %v, want %d and 1", name, n, sum, counted)
				}
			}
			var counts []int
			var shares []float64
			reset := func() { counts, shares = nil, nil }
			add := func(c int, s float64) { counts, shares = append(counts, c), append(shares, s) }

			for _, k := range MostActiveKeys(tc.data.WebAPILog, tc.w) {
				if math.Abs(k.Share-float64(k.Count)/float64(withKey)) > 1e-12 {
					t.Errorf("MostActiveKeys: share %v of %d, want of %d rows with a key", k.Share, k.Count, withKey)
				}
			}
			reset()
			for _, n := range RequestsPerFriendlyName(tc.data.WebAPILog, tc.w, 5) {
				add(n.Count, n.Share)
			}
			check("RequestsPerFriendlyName (rows with a machine)", withMachine, counts, shares)
			reset()
			for _, g := range StatesByGroup(tc.data.WebAPILog, tc.w) {
				add(g.Count, g.Share)
			}
			check("StatesByGroup (all rows)", all, counts, shares)
			reset()
			for _, f := range FeatureUsage(tc.data.Events, tc.w) {
				add(f.Count, f.Share)
			}
			check("FeatureUsage (usage events)", usage, counts, shares)
			reset()
			for _, o := range EventsByOS(tc.data.Events, tc.w) {
				add(o.Count, o.Share)
			}
			check("EventsByOS (events given)", events, counts, shares)
			reset()
			for _, p := range ChangesByPerformer(tc.data.ObjectLog, tc.w) {
				add(p.Count, p.Share)
			}
			check("ChangesByPerformer (all entries)", entries, counts, shares)
			if withMachine == all || usage == events {
				t.Error("every row has a machine, or no event is a purchase: the test does not discriminate")
			}
		})
	}
}
