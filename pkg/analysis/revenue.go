package analysis

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// PurchaseEventName is the event name that marks a purchase event.
const PurchaseEventName = "purchase"

// IsPurchase reports whether an event is a purchase: its EventName, trimmed,
// equals [PurchaseEventName] without regard to case.
func IsPurchase(e *cryptolens.Event) bool {
	return strings.EqualFold(strings.TrimSpace(e.EventName), PurchaseEventName)
}

// CurrencyCode returns the currency of an event as revenue reports group it:
// trimmed and upper-cased, [NoneLabel] when empty.
func CurrencyCode(currency string) string {
	return labelOrNone(strings.ToUpper(strings.TrimSpace(currency)))
}

// CurrencyRevenue is the revenue in one currency.
type CurrencyRevenue struct {
	Currency  string // [CurrencyCode]
	Amount    int64  // sum of Value, in the currency's minor unit (cents)
	Purchases int
}

// MeanPurchase returns the mean purchase, Amount / Purchases in minor units
// rounded to the nearest unit (a half away from zero), or 0 when there is
// no purchase.
func (c CurrencyRevenue) MeanPurchase() int64 {
	if c.Purchases <= 0 {
		return 0
	}
	n := int64(c.Purchases)
	if c.Amount < 0 {
		return -((-c.Amount*2 + n) / (2 * n))
	}
	return (c.Amount*2 + n) / (2 * n)
}

// DailyRevenue is the revenue in one currency on one day.
type DailyRevenue struct {
	Day       time.Time // 00:00 UTC
	Currency  string
	Amount    int64
	Purchases int
}

// FeatureRevenue is the revenue of one feature in one currency.
type FeatureRevenue struct {
	Feature   string // FeatureName, or [NoneLabel] when empty
	Currency  string
	Amount    int64
	Purchases int
}

// eachPurchase calls fn for each purchase event inside w, in input order.
func eachPurchase(events []cryptolens.Event, w cryptolens.Window, fn func(*cryptolens.Event)) {
	for i := range events {
		if w.Contains(events[i].Time) && IsPurchase(&events[i]) {
			fn(&events[i])
		}
	}
}

// RevenueByCurrency sums the Value (cents) of the purchase events
// ([IsPurchase]) inside w per currency ([CurrencyCode]). Amounts of
// different currencies are never added together, and are not comparable,
// so the result is sorted by currency code.
func RevenueByCurrency(events []cryptolens.Event, w cryptolens.Window) []CurrencyRevenue {
	byCur := map[string]*CurrencyRevenue{}
	eachPurchase(events, w, func(e *cryptolens.Event) {
		c := CurrencyCode(e.Currency)
		r := entryFor(byCur, c, func() *CurrencyRevenue { return &CurrencyRevenue{Currency: c} })
		r.Amount += e.Value
		r.Purchases++
	})
	out := mapValues(byCur)
	slices.SortFunc(out, func(a, b CurrencyRevenue) int { return cmp.Compare(a.Currency, b.Currency) })
	return out
}

// entryFor returns m's value for key, made by mk and stored when m has none.
func entryFor[K comparable, V any](m map[K]*V, key K, mk func() *V) *V {
	v := m[key]
	if v == nil {
		v = mk()
		m[key] = v
	}
	return v
}

// mapValues returns copies of m's values, in no order: the caller sorts them.
func mapValues[K comparable, V any](m map[K]*V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, *v)
	}
	return out
}

// RevenuePerDay sums the purchase events inside w per UTC day and currency,
// for every day of w (the window's days, from the purchases' times when a
// bound is open) and every currency with a purchase inside w, zero-filled,
// sorted by day and then currency.
func RevenuePerDay(events []cryptolens.Event, w cryptolens.Window) []DailyRevenue {
	totals := RevenueByCurrency(events, w)
	slot := make(map[string]int, len(totals))
	for i, t := range totals {
		slot[t.Currency] = i
	}
	var minT, maxT time.Time
	found := false
	eachPurchase(events, w, func(e *cryptolens.Event) {
		if !found || e.Time.Before(minT) {
			minT = e.Time
		}
		if !found || e.Time.After(maxT) {
			maxT = e.Time
		}
		found = true
	})
	axis := newDayAxis(w, minT, maxT, found)
	nc := len(totals)
	out := grid(axis, totals, func(day time.Time, t CurrencyRevenue) DailyRevenue {
		return DailyRevenue{Day: day, Currency: t.Currency}
	})
	eachPurchase(events, w, func(e *cryptolens.Event) {
		if d := axis.index(e.Time); d >= 0 {
			r := &out[d*nc+slot[CurrencyCode(e.Currency)]]
			r.Amount += e.Value
			r.Purchases++
		}
	})
	return out
}

// RevenueByFeature sums the purchase events inside w per feature and
// currency, sorted by currency, then Amount (descending), then feature.
func RevenueByFeature(events []cryptolens.Event, w cryptolens.Window) []FeatureRevenue {
	type k struct{ feature, currency string }
	byKey := map[k]*FeatureRevenue{}
	eachPurchase(events, w, func(e *cryptolens.Event) {
		key := k{featureLabel(e), CurrencyCode(e.Currency)}
		r := entryFor(byKey, key, func() *FeatureRevenue { return &FeatureRevenue{Feature: key.feature, Currency: key.currency} })
		r.Amount += e.Value
		r.Purchases++
	})
	out := mapValues(byKey)
	slices.SortFunc(out, func(a, b FeatureRevenue) int {
		if c := cmp.Compare(a.Currency, b.Currency); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Amount, a.Amount); c != 0 {
			return c
		}
		return cmp.Compare(a.Feature, b.Feature)
	})
	return out
}
