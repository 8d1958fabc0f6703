package display

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/charts"
)

// A Format says how a column's values read on a page: on a chart's axis and
// value labels, and in a table's cells. The figures of [DataMIME] keep the
// raw values in Rows whatever the format, and the formatted ones in Text. The zero Format shows values as Gota prints them,
// numbers grouped by thousands.
type Format struct {
	kind        formatKind
	currency    string // Money: the ISO code
	currencyCol string // MoneyIn: the column that holds each row's code
}

type formatKind int

const (
	formatPlain formatKind = iota
	formatCount
	formatNumber
	formatPercent
	formatShare
	formatMoney
	formatTime
	formatDay
)

// The formats.
var (
	// Count shows a whole number grouped by thousands: 12,345.
	Count = Format{kind: formatCount}
	// Number shows a number with at most two decimals, grouped: 1,234.5.
	Number = Format{kind: formatNumber}
	// Percent shows a value that is already a percentage: 12.9 as 12.9%.
	Percent = Format{kind: formatPercent}
	// Share shows a fraction as a percentage: 0.129 as 12.9%. CountBy's
	// share column and Ratio's columns are fractions.
	Share = Format{kind: formatShare}
	// Time shows an RFC 3339 time as "2 Oct 2026 14:05 UTC".
	Time = Format{kind: formatTime}
	// Day shows a YYYY-MM-DD day (or an RFC 3339 time's day) as
	// "2 Oct 2026".
	Day = Format{kind: formatDay}
)

// Money shows an amount in the minor unit of currency (cents, as the Events
// Log stores a value) in major units with its ISO code: 123450 as
// "1,234.50 EUR".
func Money(currency string) Format { return Format{kind: formatMoney, currency: currency} }

// MoneyIn is [Money] with each row's currency read from the column
// currencyCol (the Events Log's currency column). A chart whose value
// column mixes currencies on one axis is an error that says so: split it by
// currency first (one chart per currency, or a table).
func MoneyIn(currencyCol string) Format { return Format{kind: formatMoney, currencyCol: currencyCol} }

// Text writes v in format f, for a headline or a sentence:
// display.Share.Text(0.129) is "12.9%", display.Money("EUR").Text(123450)
// is "1,234.50 EUR". Time and Day formats, and MoneyIn (whose currency is
// a row's), write v as a number.
func (f Format) Text(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	if f.IsZero() {
		return charts.Number(v)
	}
	return f.numeric(f.currency)(v)
}

// IsZero reports whether f is the zero Format: the column's default.
func (f Format) IsZero() bool { return f == Format{} }

// numeric returns the function that writes a number in format f with the
// currency code cur (for Money), as a chart's axis and labels use it.
func (f Format) numeric(cur string) func(float64) string {
	switch f.kind {
	case formatCount:
		return charts.Count
	case formatPercent:
		return charts.Percent
	case formatShare:
		return func(v float64) string { return charts.Percent(100 * v) }
	case formatMoney:
		return func(v float64) string { return money(v, cur) }
	}
	return charts.Number
}

// money writes an amount in minor units (cents) as "1,234.50 EUR".
func money(minor float64, cur string) string {
	text := charts.Number(0)
	if !math.IsNaN(minor) {
		cents := int64(math.Round(minor))
		sign := ""
		if cents < 0 {
			sign, cents = "-", -cents
		}
		text = sign + charts.Count(float64(cents/100)) + "." + twoDigits(cents%100)
	}
	if cur == "" {
		return text
	}
	return text + " " + cur
}

func twoDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

// cell writes one value of a column in format f; cur is the row's
// currency for Money. A missing value is "".
func (f Format) cell(e series.Element, cur string) string {
	if e.IsNA() {
		return ""
	}
	switch e.Type() {
	case series.Int, series.Float:
		v := e.Float()
		if math.IsNaN(v) {
			return ""
		}
		if f.IsZero() {
			if e.Type() == series.Int {
				return charts.Count(v)
			}
			return charts.Number(v)
		}
		if f.kind == formatMoney && f.currency != "" {
			cur = f.currency
		}
		return f.numeric(cur)(v)
	case series.String:
		s := e.String()
		switch f.kind {
		case formatTime:
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return charts.Instant(t)
			}
		case formatDay:
			if len(s) >= 10 {
				if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
					return charts.Day(t)
				}
			}
		}
	}
	return cellText(e)
}

// currencyOf returns the currency code f gives a row, from the row's
// currency column value when f reads one.
func currencyOf(f Format, rowCurrency string) string {
	if f.currency != "" {
		return f.currency
	}
	return strings.TrimSpace(rowCurrency)
}
