package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestRevenue(t *testing.T) {
	events := []cryptolens.Event{
		event(1, at(0, 1), "Pro", "purchase", 1999, "USD", ""),
		event(2, at(0, 2), "Pro", "Purchase", 1000, "usd ", ""),
		event(3, at(0, 3), "Pro", "purchase", 2500, "EUR", ""),
		event(4, at(2, 3), "Export", " purchase ", 500, "USD", ""),
		event(5, at(2, 4), "Export", "purchase", 700, "", ""),
		event(6, at(1, 4), "Pro", "start", 100000, "USD", ""),    // not a purchase
		event(7, at(3, 0), "Pro", "purchase", 100000, "USD", ""), // outside
	}
	wantCur := []CurrencyRevenue{{NoneLabel, 700, 1}, {"EUR", 2500, 1}, {"USD", 3499, 3}}
	if diff := cmp.Diff(wantCur, RevenueByCurrency(events, days(3))); diff != "" {
		t.Errorf("RevenueByCurrency (-want +got):\n%s", diff)
	}
	dr := func(d int, c string, amount int64, n int) DailyRevenue { return DailyRevenue{at(d, 0), c, amount, n} }
	wantDays := []DailyRevenue{
		dr(0, NoneLabel, 0, 0), dr(0, "EUR", 2500, 1), dr(0, "USD", 2999, 2),
		dr(1, NoneLabel, 0, 0), dr(1, "EUR", 0, 0), dr(1, "USD", 0, 0),
		dr(2, NoneLabel, 700, 1), dr(2, "EUR", 0, 0), dr(2, "USD", 500, 1),
	}
	if diff := cmp.Diff(wantDays, RevenuePerDay(events, days(3))); diff != "" {
		t.Errorf("RevenuePerDay (-want +got):\n%s", diff)
	}
	wantFeat := []FeatureRevenue{
		{"Export", NoneLabel, 700, 1}, {"Pro", "EUR", 2500, 1}, {"Pro", "USD", 2999, 2}, {"Export", "USD", 500, 1},
	}
	if diff := cmp.Diff(wantFeat, RevenueByFeature(events, days(3))); diff != "" {
		t.Errorf("RevenueByFeature (-want +got):\n%s", diff)
	}
	if got := RevenuePerDay(events[5:6], days(2)); len(got) != 0 {
		t.Errorf("no purchases gave %v, want nothing (no currencies)", got)
	}
	if got := RevenueByCurrency(nil, cryptolens.Window{}); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
}

func TestMeanPurchaseRoundsToTheCent(t *testing.T) {
	for _, tt := range []struct {
		amount int64
		n      int
		want   int64
	}{
		{662285, 42, 15769}, // 15768.69: truncation gives 15768
		{5, 2, 3},           // a half rounds away from zero
		{-5, 2, -3},
		{7, 3, 2},
		{-7, 3, -2},
		{100, 0, 0},
	} {
		if got := (CurrencyRevenue{Amount: tt.amount, Purchases: tt.n}).MeanPurchase(); got != tt.want {
			t.Errorf("MeanPurchase(%d / %d) = %d, want %d", tt.amount, tt.n, got, tt.want)
		}
	}
}
