package analysis

import (
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Ground-truth tests: the emulator's generated data, with the expected
// numbers computed by the plainest code (string day keys, maps, loops).

var (
	demoData    = sync.OnceValue(func() *emulator.Dataset { return emulator.Generate(emulator.Config{Seed: 7, Days: 30}) })
	hostileData = sync.OnceValue(func() *emulator.Dataset {
		return emulator.Generate(emulator.Config{Seed: 7, Days: 30, Hostile: true})
	})
)

// truthCase is one dataset and window the ground-truth tests run on.
type truthCase struct {
	name string
	data *emulator.Dataset
	w    cryptolens.Window
}

// truthCases returns the whole data span, a window with edges off
// midnight, and both over the hostile dataset too.
func truthCases(t *testing.T) []truthCase {
	t.Helper()
	var out []truthCase
	for _, d := range []struct {
		name string
		data *emulator.Dataset
	}{{"seed7", demoData()}, {"seed7-hostile", hostileData()}} {
		start, end := d.data.Config.Start(), d.data.Config.End
		out = append(out,
			truthCase{d.name + "/all", d.data, cryptolens.Window{Since: start, Until: end}},
			truthCase{d.name + "/offset", d.data, cryptolens.Window{
				Since: start.Add(5*24*time.Hour + 7*time.Hour + 13*time.Second),
				Until: start.Add(20*24*time.Hour + 3*time.Hour)}},
		)
	}
	return out
}

// inWindow is the window test written out.
func inWindow(w cryptolens.Window, t time.Time) bool {
	if !w.Since.IsZero() && t.Unix() < w.Since.Unix() {
		return false
	}
	if !w.Until.IsZero() && t.Unix() >= w.Until.Unix() {
		return false
	}
	return true
}

func dayKey(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// truthDays lists the day keys of a closed window.
func truthDays(w cryptolens.Window) []string {
	var out []string
	s := w.Since.UTC()
	for d := time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC); d.Before(w.Until); d = d.AddDate(0, 0, 1) {
		out = append(out, dayKey(d))
	}
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mustDay parses a day key.
func mustDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
