package checks_test

import (
	"strings"
	"testing"
	"time"
	"unicode"
)

func init() {
	checks["active-keys-and-machines"] = func(t *testing.T, d *demo, r *run) {
		normalise := func(code string) string {
			code = strings.TrimSpace(strings.Map(func(r rune) rune {
				if unicode.IsControl(r) {
					return -1
				}
				return r
			}, code))
			if r := []rune(code); len(r) > 256 {
				code = string(r[:256])
			}
			return strings.ToUpper(code)
		}
		const days = 30
		keysOn := make([]map[string]bool, days)
		machinesOn := make([]map[string]bool, days)
		for i := range days {
			keysOn[i], machinesOn[i] = map[string]bool{}, map[string]bool{}
		}
		allKeys, allMachines := map[string]bool{}, map[string]bool{}
		for _, r := range d.data.WebAPILog {
			from := r.Time
			if !window.Contains(r.Time) {
				// A seat taken before the window and held into it counts
				// from the window's start, on the daily lines only.
				if !r.Time.Before(window.Since) || !r.FloatingExpires.After(window.Since) {
					continue
				}
				from = window.Since
			}
			end := r.Time.Add(time.Nanosecond) // a single instant
			if r.FloatingExpires.After(r.Time) {
				end = r.FloatingExpires
				if end.After(window.Until) {
					end = window.Until
				}
			}
			mc := normalise(r.MachineCode)
			for day := 0; day < days; day++ {
				start := window.Since.AddDate(0, 0, day)
				if !start.Before(end) || !start.AddDate(0, 0, 1).After(from) {
					continue
				}
				if r.Key != "" {
					keysOn[day][r.Key] = true
				}
				if mc != "" {
					machinesOn[day][mc] = true
				}
			}
			if !window.Contains(r.Time) {
				continue
			}
			if r.Key != "" {
				allKeys[r.Key] = true
			}
			if mc != "" {
				allMachines[mc] = true
			}
		}
		want := map[string]int{"days": days, "keys": len(allKeys), "machines": len(allMachines)}
		for day := range days {
			want["peakkeys"] = max(want["peakkeys"], len(keysOn[day]))
			want["peakmachines"] = max(want["peakmachines"], len(machinesOn[day]))
			want["sumkeys"] += len(keysOn[day])
			want["summachines"] += len(machinesOn[day])
		}
		perDay := r.figures(t, "Active license keys and machines per day")
		figs := r.figures(t, "The figures")
		got := map[string]int{"days": perDay.len(), "keys": int(figs.floats("figure", "keys")["Distinct in the whole window"]),
			"machines": int(figs.floats("figure", "machines")["Distinct in the whole window"])}
		for i := range perDay.len() {
			k, m := perDay.int(i, "keys"), perDay.int(i, "machines")
			got["peakkeys"], got["peakmachines"] = max(got["peakkeys"], k), max(got["peakmachines"], m)
			got["sumkeys"], got["summachines"] = got["sumkeys"]+k, got["summachines"]+m
		}
		for _, k := range []string{"days", "keys", "machines", "peakkeys", "peakmachines", "sumkeys", "summachines"} {
			if got[k] != want[k] {
				t.Errorf("%s = %d, ground truth %d", k, got[k], want[k])
			}
		}
		if peak := figs.floats("figure", "keys")["Busiest day"]; int(peak) != want["peakkeys"] {
			t.Errorf("busiest day's keys %v, ground truth %d", peak, want["peakkeys"])
		}
	}
}
