package analysis

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns of the frames of a [RevenueReport].
const (
	ColCurrency     = "currency"     // a currency code, trimmed and upper-cased ([CurrencyCode])
	ColFeature      = "feature"      // a feature name, or (none)
	ColPurchases    = "purchases"    // a number of purchase events
	ColRevenue      = "revenue"      // an amount in the currency's minor unit (cents), as the events' value
	ColMeanPurchase = "meanPurchase" // revenue / purchases in minor units, rounded to the nearest (the cent)
)

// RevenueReport is the revenue of a window of the Events Log, as
// DataFrames: what the revenue report shows. Amounts of different
// currencies are never added together: every frame has a currency column,
// and [RevenueReport.PerDayIn] and [RevenueReport.FeaturesIn] give one
// currency's rows, for one chart or table per currency.
type RevenueReport struct {
	// Currencies are the currencies with a purchase in the window, in
	// alphabetical order.
	Currencies []string
	// Purchases is the number of purchase events in the window, in every
	// currency.
	Purchases int
	// ByCurrency: currency, purchases, revenue, meanPurchase; by currency.
	ByCurrency dataframe.DataFrame
	// PerDay: day, currency, purchases, revenue; every day of the window
	// and every currency, zero-filled, by day and then currency.
	PerDay dataframe.DataFrame
	// ByFeature: currency, feature, purchases, revenue; by currency, then
	// revenue (most first), then feature.
	ByFeature dataframe.DataFrame
}

// Revenue sums the purchase events ([IsPurchase]) of events, an Events Log
// frame, inside w, per currency, per day and currency, and per feature and
// currency (see [RevenueByCurrency], [RevenuePerDay], [RevenueByFeature]).
// Amounts are ints in the currency's minor unit (cents), as the events'
// value column holds them (display.Money shows them in major units); the
// mean purchase is rounded to the cent ([CurrencyRevenue.MeanPurchase]),
// not truncated. It fails when the
// frame carries an error or lacks the columns time, eventName, value or
// currency.
func Revenue(events dataframe.DataFrame, w cryptolens.Window) (RevenueReport, error) {
	rows, err := eventRows("Revenue", events, inEventName, inValue, inCurrency)
	if err != nil {
		return RevenueReport{}, err
	}
	var r RevenueReport
	var purchases []int
	var amounts, means []int
	for _, c := range RevenueByCurrency(rows, w) {
		r.Currencies = append(r.Currencies, c.Currency)
		purchases = append(purchases, c.Purchases)
		r.Purchases += c.Purchases
		amounts, means = append(amounts, int(c.Amount)), append(means, int(c.MeanPurchase()))
	}
	r.ByCurrency = dataframe.New(textSeries(ColCurrency, r.Currencies), intSeries(ColPurchases, purchases),
		intSeries(ColRevenue, amounts), intSeries(ColMeanPurchase, means))

	var days, currencies []string
	purchases, amounts = nil, nil
	for _, d := range RevenuePerDay(rows, w) {
		days, currencies = append(days, dayText(d.Day)), append(currencies, d.Currency)
		purchases, amounts = append(purchases, d.Purchases), append(amounts, int(d.Amount))
	}
	r.PerDay = dataframe.New(textSeries(ColDay, days), textSeries(ColCurrency, currencies),
		intSeries(ColPurchases, purchases), intSeries(ColRevenue, amounts))

	var features []string
	currencies, purchases, amounts = nil, nil, nil
	for _, f := range RevenueByFeature(rows, w) {
		currencies, features = append(currencies, f.Currency), append(features, f.Feature)
		purchases, amounts = append(purchases, f.Purchases), append(amounts, int(f.Amount))
	}
	r.ByFeature = dataframe.New(textSeries(ColCurrency, currencies), textSeries(ColFeature, features),
		intSeries(ColPurchases, purchases), intSeries(ColRevenue, amounts))
	return r, nil
}

// PerDayIn returns the PerDay rows of one currency, without the currency
// column: day, purchases, revenue.
func (r RevenueReport) PerDayIn(currency string) dataframe.DataFrame {
	return oneCurrency(r.PerDay, currency)
}

// FeaturesIn returns the ByFeature rows of one currency, without the
// currency column: feature, purchases, revenue.
func (r RevenueReport) FeaturesIn(currency string) dataframe.DataFrame {
	return oneCurrency(r.ByFeature, currency)
}

// oneCurrency keeps the rows of df whose currency is currency and drops the
// currency column.
func oneCurrency(df dataframe.DataFrame, currency string) dataframe.DataFrame {
	kept := df.Filter(dataframe.F{Colname: ColCurrency, Comparator: series.Eq, Comparando: currency})
	return kept.Drop(ColCurrency)
}
