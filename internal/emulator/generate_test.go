package emulator_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// demoData is the demo dataset, Config{}.
var demoData = sync.OnceValue(func() *emulator.Dataset { return emulator.Generate(emulator.Config{}) })

// datasetHash hashes the API JSON of every record and the account's
// products, licenses and team.
func datasetHash(t *testing.T, d *emulator.Dataset) string {
	t.Helper()
	h := sha256.New()
	fmt.Fprintf(h, "%+v\n%+v\n%+v\n%+v\n", d.Config, d.Products, d.Licenses, d.TeamMembers)
	write := func(b []byte, err error) {
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	for _, r := range d.WebAPILog {
		write(r.MarshalJSON())
	}
	for _, e := range d.Events {
		write(e.MarshalJSON())
	}
	for _, o := range d.ObjectLog {
		write(o.MarshalJSON())
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	cfg := emulator.Config{Seed: 3, Rows: 20_000}
	first := datasetHash(t, testData())
	if again := datasetHash(t, emulator.Generate(cfg)); again != first {
		t.Errorf("the same config gave another dataset: %s, then %s", first, again)
	}
	for _, other := range []emulator.Config{{Seed: 4, Rows: 20_000}, {Seed: 3, Rows: 20_000, Hostile: true},
		{Seed: 3, Rows: 20_000, Days: 60}} {
		if datasetHash(t, emulator.Generate(other)) == first {
			t.Errorf("config %+v gave the same dataset as %+v", other, cfg)
		}
	}
	h := emulator.Generate(emulator.Config{Seed: 5, Rows: 5_000, Hostile: true})
	if datasetHash(t, h) != datasetHash(t, emulator.Generate(emulator.Config{Seed: 5, Rows: 5_000, Hostile: true})) {
		t.Error("a hostile dataset is not deterministic")
	}
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	d := demoData()
	want := emulator.Config{Seed: 1, End: emulator.DemoEnd, Days: 90, Rows: 90 * emulator.DefaultRowsPerDay}
	if d.Config != want {
		t.Errorf("Config = %+v, want %+v", d.Config, want)
	}
	if got := d.Config.Start(); !got.Equal(time.Date(2026, 8, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Start() = %v", got)
	}
	local := time.Date(2026, 3, 1, 12, 0, 0, 500, time.FixedZone("X", 3600))
	if got := emulator.Generate(emulator.Config{End: local, Days: 2, Rows: 200}).Config.End; got != local.UTC().Truncate(time.Second) {
		t.Errorf("End = %v, want it in UTC, whole seconds", got)
	}
}

func TestSmallAndOddConfigs(t *testing.T) {
	t.Parallel()
	for _, cfg := range []emulator.Config{{Days: 1, Rows: 1}, {Days: 1, Rows: 100}, {Days: 3, Rows: 50_000},
		{Days: 400, Rows: 2_000}, {Seed: -8, Days: 7, Rows: 700, Hostile: true}} {
		d := emulator.Generate(cfg)
		start, end := d.Config.Start(), d.Config.End
		if len(d.WebAPILog) == 0 {
			t.Errorf("%+v: no rows", cfg)
		}
		for _, r := range d.WebAPILog {
			if r.Time.Before(start) || !r.Time.Before(end) {
				t.Fatalf("%+v: row %d at %v outside [%v, %v)", cfg, r.ID, r.Time, start, end)
			}
		}
		for _, e := range d.Events {
			if e.Time.Before(start) || !e.Time.Before(end) {
				t.Fatalf("%+v: event %d at %v outside the window", cfg, e.ID, e.Time)
			}
		}
		for _, o := range d.ObjectLog {
			if o.Created.Before(start) || !o.Created.Before(end) {
				t.Fatalf("%+v: object log entry %d at %v outside the window", cfg, o.ID, o.Created)
			}
		}
	}
}

var keyShape = regexp.MustCompile(`^[A-Z]{5}-[A-Z]{5}-[A-Z]{5}-[A-Z]{5}$`)

func TestAccountShape(t *testing.T) {
	t.Parallel()
	d := demoData()
	if n := len(d.Products); n < 3 || n > 5 {
		t.Errorf("%d products, want 3-5", n)
	}
	if n := len(d.TeamMembers); n < 3 || n > 5 {
		t.Errorf("%d team members, want 3-5", n)
	}
	if n := len(d.Licenses); n < 200 || n > 999 {
		t.Errorf("%d licenses, want hundreds", n)
	}
	floating := 0
	keys := map[string]bool{}
	for _, l := range d.Licenses {
		if !keyShape.MatchString(l.Key) || keys[l.Key] {
			t.Errorf("key %q is not key-shaped or not unique", l.Key)
		}
		keys[l.Key] = true
		if l.Floating {
			floating++
			if l.MaxNoOfMachines < 2 || l.MaxNoOfMachines > 10 || l.FloatingInterval <= 0 {
				t.Errorf("floating key %s: max %d, interval %v", l.Key, l.MaxNoOfMachines, l.FloatingInterval)
			}
		} else if l.MaxNoOfMachines < 1 {
			t.Errorf("node-locked key %s: max %d", l.Key, l.MaxNoOfMachines)
		}
	}
	if floating == 0 || floating*2 > len(d.Licenses) {
		t.Errorf("%d of %d keys are floating; want some, but most node-locked", floating, len(d.Licenses))
	}
}

func TestWebAPILogShape(t *testing.T) {
	t.Parallel()
	d := demoData()
	start, end := d.Config.Start(), d.Config.End
	if n := len(d.WebAPILog); n < 40_000 || n > 80_000 {
		t.Errorf("%d rows, want 40k-80k", n)
	}
	licenses := map[[2]string]emulator.License{}
	for _, l := range d.Licenses {
		licenses[[2]string{itoa(l.ProductID), l.Key}] = l
	}
	firstRow := map[string]cryptolens.WebAPILog{}
	perKey := map[string]int{}
	lastSeen := map[string]time.Time{}
	succeeded := 0
	var weekday, weekend, working, night int
	for i, r := range d.WebAPILog {
		if i > 0 && (r.ID <= d.WebAPILog[i-1].ID || r.Time.Before(d.WebAPILog[i-1].Time)) {
			t.Fatalf("row %d (id %d, %v) after id %d at %v", i, r.ID, r.Time, d.WebAPILog[i-1].ID, d.WebAPILog[i-1].Time)
		}
		if r.Time.Before(start) || !r.Time.Before(end) || r.Time.Location() != time.UTC {
			t.Fatalf("row %d at %v, outside [%v, %v) or not UTC", r.ID, r.Time, start, end)
		}
		if !strings.HasSuffix(r.IP, ".0") || strings.Count(r.IP, ".") != 3 {
			t.Fatalf("row %d: IP %q is not anonymised", r.ID, r.IP)
		}
		floating := r.State == cryptolens.StateFloatingActivation || r.State == cryptolens.StateFloatingOverdraft
		if floating != !r.FloatingExpires.IsZero() {
			t.Fatalf("row %d: state %d with floatingExpires %v", r.ID, r.State, r.FloatingExpires)
		}
		if (r.State.Group() == cryptolens.GroupDataObject) != (r.DOID != 0) {
			t.Fatalf("row %d: state %d with doId %d", r.ID, r.State, r.DOID)
		}
		if r.State.Succeeded() {
			succeeded++
		}
		if wd := r.Time.Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend++
		} else {
			weekday++
		}
		if h := r.Time.Hour(); h >= 8 && h < 17 {
			working++
		} else if h < 5 {
			night++
		}
		if r.Key == "" {
			continue
		}
		l, ok := licenses[[2]string{itoa(r.ProductID), r.Key}]
		if !ok {
			t.Fatalf("row %d: key %s of product %d is not a license", r.ID, r.Key, r.ProductID)
		}
		if floating && !r.FloatingExpires.Equal(r.Time.Add(l.FloatingInterval)) {
			t.Fatalf("row %d: floatingExpires %v, want time + %v", r.ID, r.FloatingExpires, l.FloatingInterval)
		}
		if _, seen := firstRow[r.Key]; !seen {
			firstRow[r.Key] = r
		}
		perKey[r.Key]++
		lastSeen[r.Key] = r.Time
	}
	for _, l := range d.Licenses {
		if f := firstRow[l.Key]; f.State != cryptolens.StateKeyCreated || !f.Time.Equal(l.Created) {
			t.Errorf("key %s: first row has state %d at %v, want 3010 at %v", l.Key, f.State, f.Time, l.Created)
		}
	}
	ratio := float64(succeeded) / float64(len(d.WebAPILog))
	if ratio < 0.83 || ratio > 0.93 {
		t.Errorf("success ratio %.3f, want about 0.87", ratio)
	}
	busy, quiet, inactive := 0, 0, 0
	for key, n := range perKey {
		switch {
		case n*100 > len(d.WebAPILog):
			busy++
		case n*500 < len(d.WebAPILog):
			quiet++
		}
		if l, _ := d.License(firstRow[key].ProductID, key); lastSeen[key].Before(end.AddDate(0, 0, -14)) &&
			l.Created.Before(end.AddDate(0, 0, -30)) {
			inactive++
		}
	}
	if busy < 3 || quiet < len(perKey)/2 || inactive < 10 {
		t.Errorf("%d keys above 1%%, %d below 0.2%%, %d inactive for two weeks; want a few busy keys, many quiet ones, some inactive",
			busy, quiet, inactive)
	}
	// 2 weekend days against 5 weekdays; 9 working hours against 5 night hours.
	if perDay := float64(weekday) / 5 / (float64(weekend) / 2); perDay < 2 {
		t.Errorf("a weekday has %.1f times the requests of a weekend day, want at least 2", perDay)
	}
	if perHour := float64(working) / 9 / (float64(night) / 5); perHour < 3 {
		t.Errorf("a working hour has %.1f times the requests of a night hour, want at least 3", perHour)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// Replaying the log, floating seats never exceed the key's maximum except by
// an overdraft (2015), a 2024 comes only while every seat is held, and a
// 6011 releases a held seat; node-locked keys never have more machines than
// allowed.
func TestSeatsAreConsistent(t *testing.T) {
	t.Parallel()
	for _, d := range []*emulator.Dataset{demoData(), testData()} {
		licenses := map[string]emulator.License{}
		for _, l := range d.Licenses {
			licenses[l.Key] = l
		}
		seats := map[string]map[string]time.Time{} // key -> machine -> expiry
		machines := map[string]map[string]bool{}   // node-locked key -> activated machines
		counts := map[cryptolens.State]int{}
		for _, r := range d.WebAPILog {
			l, ok := licenses[r.Key]
			if !ok {
				continue
			}
			counts[r.State]++
			if !l.Floating {
				m := machines[r.Key]
				if m == nil {
					m = map[string]bool{}
					machines[r.Key] = m
				}
				switch r.State {
				case cryptolens.StateActivation:
					if !m[r.MachineCode] {
						t.Fatalf("row %d: 2010 for a machine that is not activated", r.ID)
					}
				case cryptolens.StateActivationNewMachine:
					if m[r.MachineCode] || len(m) >= l.MaxNoOfMachines {
						t.Fatalf("row %d: 2011 with %d of %d machines", r.ID, len(m), l.MaxNoOfMachines)
					}
					m[r.MachineCode] = true
				case cryptolens.StateActivationFailed:
					if m[r.MachineCode] || len(m) < l.MaxNoOfMachines {
						t.Fatalf("row %d: 2020 with %d of %d machines", r.ID, len(m), l.MaxNoOfMachines)
					}
				case cryptolens.StateDeactivation:
					if !m[r.MachineCode] {
						t.Fatalf("row %d: 6010 of a machine that is not activated", r.ID)
					}
					delete(m, r.MachineCode)
				}
				continue
			}
			held := seats[r.Key]
			if held == nil {
				held = map[string]time.Time{}
				seats[r.Key] = held
			}
			for m, exp := range held {
				if !exp.After(r.Time) {
					delete(held, m)
				}
			}
			_, holds := held[r.MachineCode]
			switch r.State {
			case cryptolens.StateFloatingActivation:
				held[r.MachineCode] = r.FloatingExpires
				if len(held) > l.MaxNoOfMachines {
					t.Fatalf("row %d: 2014 leaves %d seats held of %d", r.ID, len(held), l.MaxNoOfMachines)
				}
			case cryptolens.StateFloatingOverdraft:
				held[r.MachineCode] = r.FloatingExpires
				if len(held) <= l.MaxNoOfMachines || len(held) > l.MaxNoOfMachines+l.AllowedOverdraft {
					t.Fatalf("row %d: 2015 with %d seats held of %d (+%d)", r.ID, len(held), l.MaxNoOfMachines, l.AllowedOverdraft)
				}
			case cryptolens.StateSeatLimitReached:
				if holds || len(held) < l.MaxNoOfMachines+l.AllowedOverdraft {
					t.Fatalf("row %d: 2024 with %d seats held of %d (+%d)", r.ID, len(held), l.MaxNoOfMachines, l.AllowedOverdraft)
				}
			case cryptolens.StateFloatingDeactivation:
				if !holds {
					t.Fatalf("row %d: 6011 from a machine without a seat", r.ID)
				}
				delete(held, r.MachineCode)
			}
		}
		for _, s := range []cryptolens.State{2010, 2011, 2014, 2015, 2020, 2024, 6010, 6011} {
			if counts[s] == 0 {
				t.Errorf("dataset %d rows: no %d rows", len(d.WebAPILog), s)
			}
		}
	}
}
