package frames

// Columns that the report facade (package report's Session frames) adds to
// the frames of this package, and columns that the helpers of this package
// make. Every helper takes and returns a Gota DataFrame; none changes its
// argument.
const (
	// ColWeek is the derived ISO week of the row's time: the date of the
	// week's Monday (UTC), YYYY-MM-DD. String.
	ColWeek = "week"
	// ColLicensing is the derived licensing flag of a Web API Log row: true
	// unless the row is a key creation (30xx) or a data-object operation
	// (80xx), by analysis.IsLicensingRequest. Bool.
	ColLicensing = "licensing"
	// ColStateName is the derived state code with its meaning, as
	// cryptolens.State.String writes it: "2024 activation failed: seat
	// limit reached". String.
	ColStateName = "stateName"
	// ColOS is the "OS" field of an event's metadata, trimmed, or
	// "(unknown)" (analysis.UnknownOS) when the metadata names none. String.
	ColOS = "os"
	// ColVersion is the "Version" field of an event's metadata, trimmed, or
	// "" when the metadata names none. String.
	ColVersion = "version"
	// ColPurchase is true for a purchase event (analysis.IsPurchase): its
	// value is money, not a feature's use. Bool.
	ColPurchase = "purchase"

	// ColCount is the row count that [CountBy], [PerDay] and [PerWeek]
	// make. Int.
	ColCount = "count"
	// ColShare is a count's share of all the rows counted, from 0 to 1,
	// that [CountBy] makes. Float.
	ColShare = "share"
	// ColTotal is the sum of a day's or a week's counts that [PerDay] and
	// [PerWeek] add when they split the counts by a column. Int.
	ColTotal = "total"
)
