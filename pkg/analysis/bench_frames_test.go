package analysis_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

// benchMonth is a month of 335,000 Web API Log rows and as many events
// (the size of a 1,000,000-row emulator account's 30-day window), as the
// frames of pkg/frames, with 5,000 keys and 20,000 machines.
var benchMonth = sync.OnceValues(func() (dataframe.DataFrame, dataframe.DataFrame) {
	const rows = 335_000
	rng := rand.New(rand.NewPCG(7, 7))
	start := benchWindow.Since.Unix()
	states := []cryptolens.State{1010, 2010, 2011, 2014, 2015, 2024, 3010, 6011, 8010}
	logs := make([]cryptolens.WebAPILog, rows)
	events := make([]cryptolens.Event, rows)
	for i := range logs {
		t := time.Unix(start+int64(i)*30*86400/rows, 0).UTC()
		r := cryptolens.WebAPILog{ID: int64(i + 1), ProductID: 3, Key: fmt.Sprintf("KEY-%04d", rng.IntN(5000)),
			Time: t, State: states[rng.IntN(len(states))], MachineCode: fmt.Sprintf("machine-%05d", rng.IntN(20000))}
		if r.State == 2014 || r.State == 2015 {
			r.FloatingExpires = t.Add(time.Duration(rng.IntN(7200)) * time.Second)
		}
		logs[i] = r
		events[i] = cryptolens.Event{ID: int64(i + 1), Time: t, FeatureName: fmt.Sprintf("F%d", rng.IntN(20)),
			EventName: []string{"start", "stop", "purchase"}[rng.IntN(3)], Value: rng.Int64N(5000),
			Currency: []string{"USD", "EUR", "SEK"}[rng.IntN(3)], Metadata: `{"OS":"Linux"}`}
	}
	return frames.WebAPILog(logs), frames.Events(events)
})

var benchWindow = cryptolens.Window{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}

func BenchmarkFloatingLicenseReport(b *testing.B) {
	web, _ := benchMonth()
	for b.Loop() {
		if _, err := analysis.FloatingLicenseReport(web, analysis.FloatingParams{Window: benchWindow, AsOf: benchWindow.Until, TimelineRows: 40}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkActiveKeysAndMachines(b *testing.B) {
	web, _ := benchMonth()
	for b.Loop() {
		if _, err := analysis.ActiveKeysAndMachines(web, benchWindow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRevenue(b *testing.B) {
	_, events := benchMonth()
	for b.Loop() {
		if _, err := analysis.Revenue(events, benchWindow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFeatureUsageReport(b *testing.B) {
	_, events := benchMonth()
	for b.Loop() {
		if _, err := analysis.FeatureUsageReport(events, benchWindow, 5); err != nil {
			b.Fatal(err)
		}
	}
}
