package display

import (
	"errors"
)

// errNotYet marks a function whose body is not written yet.
var errNotYet = errors.New("display: not yet implemented")

// A Format says how a column's values read on a page: on a chart's axis and
// value labels, and in a table's cells. The figures of [DataMIME] stay raw
// whatever the format. The zero Format shows values as Gota prints them,
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
