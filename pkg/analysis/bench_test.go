package analysis

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const benchRows = 1_000_000

var benchStates = []cryptolens.State{1010, 2010, 2011, 2014, 2015, 2020, 2024, 3010, 6010, 6011, 8010, 8020}

// benchData returns a million Web API Log rows and events spread over 90
// days, with 5,000 keys and 20,000 machines, built once.
var benchData = sync.OnceValues(func() ([]cryptolens.WebAPILog, []cryptolens.Event) {
	rng := rand.New(rand.NewPCG(7, 7))
	start := base.Unix()
	span := int64(90 * secondsPerDay)
	logs := make([]cryptolens.WebAPILog, benchRows)
	events := make([]cryptolens.Event, benchRows)
	for i := range logs {
		t := time.Unix(start+rng.Int64N(span), 0).UTC()
		r := cryptolens.WebAPILog{ID: int64(i + 1), ProductID: 3, Key: fmt.Sprintf("KEY-%04d", rng.IntN(5000)),
			Time: t, State: benchStates[rng.IntN(len(benchStates))],
			MachineCode: fmt.Sprintf("machine-%05d", rng.IntN(20000))}
		if r.State == 2014 || r.State == 2015 {
			r.FloatingExpires = t.Add(time.Duration(rng.IntN(7200)) * time.Second)
		}
		logs[i] = r
		events[i] = cryptolens.Event{ID: int64(i + 1), Time: t, FeatureName: fmt.Sprintf("F%d", rng.IntN(20)),
			EventName: []string{"start", "stop", "purchase"}[rng.IntN(3)], Value: rng.Int64N(5000),
			Currency: []string{"USD", "EUR", "SEK"}[rng.IntN(3)]}
	}
	return logs, events
})

func benchWindow() cryptolens.Window { return days(90) }

func BenchmarkRequestsPerDay(b *testing.B) {
	logs, _ := benchData()
	for b.Loop() {
		RequestsPerDay(logs, benchWindow())
	}
}

func BenchmarkMethodActivityPerDay(b *testing.B) {
	logs, _ := benchData()
	for b.Loop() {
		MethodActivityPerDay(logs, benchWindow(), nil)
	}
}

func BenchmarkActivePerDay(b *testing.B) {
	logs, _ := benchData()
	for b.Loop() {
		ActivePerDay(logs, benchWindow())
	}
}

func BenchmarkFeatureUsagePerDay(b *testing.B) {
	_, events := benchData()
	for b.Loop() {
		FeatureUsagePerDay(events, benchWindow())
	}
}

func BenchmarkRevenuePerDay(b *testing.B) {
	_, events := benchData()
	for b.Loop() {
		RevenuePerDay(events, benchWindow())
	}
}

func BenchmarkStatesByGroup(b *testing.B) {
	logs, _ := benchData()
	for b.Loop() {
		StatesByGroup(logs, benchWindow())
	}
}
