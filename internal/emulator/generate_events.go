package emulator

import (
	"math/rand/v2"
	"slices"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const (
	firstEventID = 5000
	// eventsPerWebAPILogRow is the size of the Events Log relative to the Web
	// API Log.
	eventsPerWebAPILogRow = 0.3
	purchaseShare         = 0.015
)

var purchaseFeatures = []string{"Upgrade", "Credits", "ExtraSeat"}
var purchaseCents = []int64{999, 1999, 4900, 9900, 24900, 49900}

// genEvents registers feature usage and purchases from the machines of
// successful activations, shortly after them: the same keys, machines,
// products and times as the Web API Log.
func (g *generator) genEvents(rng *rand.Rand) {
	productIndex := map[int]int{}
	for i, p := range g.ds.Products {
		productIndex[p.ID] = i
	}
	if len(g.anchors) == 0 {
		return
	}
	rate := eventsPerWebAPILogRow * float64(len(g.ds.WebAPILog)) / float64(len(g.anchors))
	day0 := g.start / 86400
	events := make([]cryptolens.Event, 0, int(float64(len(g.anchors))*rate*1.05)+16)
	metadata := map[string]string{}
	for _, a := range g.anchors {
		r := &g.ds.WebAPILog[a.row]
		n := int(rate)
		if rng.Float64() < rate-float64(n) {
			n++
		}
		plan := &g.plans[a.key]
		os, currency := plan.machines[a.machine].os, g.customers[plan.customer].currency
		pi := productIndex[r.ProductID]
		for range n {
			t := min(r.Time.Unix()+rng.Int64N(1200), g.end-1)
			e := cryptolens.Event{ProductID: r.ProductID, Key: r.Key, MachineCode: r.MachineCode, Time: unix(t)}
			if rng.Float64() < purchaseShare {
				e.FeatureName, e.EventName = pick(rng, purchaseFeatures), "purchase"
				e.Value, e.Currency = pick(rng, purchaseCents), currency
			} else {
				e.FeatureName, e.EventName = pick(rng, productFeatures[pi]), pick(rng, featureEvents)
			}
			if rng.Float64() < 0.9 {
				e.Metadata = eventMetadata(metadata, os, appVersion(pi, int(t/86400-day0)))
			}
			g.hostileEvent(rng, &e)
			events = append(events, e)
		}
	}
	slices.SortStableFunc(events, func(a, b cryptolens.Event) int { return a.Time.Compare(b.Time) })
	id := int64(firstEventID)
	for i := range events {
		id += 1 + int64(rng.IntN(2))
		events[i].ID = id
	}
	g.ds.Events = events
}

// hostileEvent replaces some of an event's texts with hostile ones.
func (g *generator) hostileEvent(rng *rand.Rand, e *cryptolens.Event) {
	if g.hostile(rng, 0.03) {
		e.FeatureName = hostileFor(rng)
	}
	if g.hostile(rng, 0.03) {
		e.EventName = hostileFor(rng)
	}
	if g.hostile(rng, 0.03) {
		e.Metadata = hostileMetadata(rng)
	}
	if e.Currency != "" && g.hostile(rng, 0.2) {
		e.Currency = hostileFor(rng)
	}
}

// eventMetadata returns the Metadata text for an OS and version, sharing
// one string per pair through cache.
func eventMetadata(cache map[string]string, os, version string) string {
	k := os + "/" + version
	if m, ok := cache[k]; ok {
		return m
	}
	m := `{"OS":"` + os + `","Version":"` + version + `"}`
	cache[k] = m
	return m
}
