package charts

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Count formats a value as a whole number with thousands separators, such
// as "12,345".
func Count(v float64) string {
	return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

// Percent formats a value already in percent with one decimal, such as
// "87.1%".
func Percent(v float64) string {
	return strconv.FormatFloat(v, 'f', 1, 64) + "%"
}

// Number formats a value for an axis or a label: whole numbers as [Count];
// others of magnitude 1 or more with up to two decimals and thousands
// separators, such as "1,234.5"; smaller ones with three significant
// digits, such as "0.25" or "0.000125".
func Number(v float64) string {
	if v == math.Trunc(v) {
		return Count(v)
	}
	if math.Abs(v) < 1 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return group(s)
}

// group inserts thousands separators into a formatted number.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if sign == "-" && strings.Trim(intPart+frac, "0.") == "" {
		sign = "" // no "-0"
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

// Layouts of the one day format and the one instant format of lensbook's
// pages, charts and tables.
const (
	DayLayout     = "2 Jan 2006"
	InstantLayout = "2 Jan 2006 15:04 UTC"
)

// Day formats t's UTC calendar day, such as "2 Oct 2026".
func Day(t time.Time) string { return t.UTC().Format(DayLayout) }

// Instant formats t in UTC to the minute, such as "2 Oct 2026 14:05 UTC".
func Instant(t time.Time) string { return t.UTC().Format(InstantLayout) }
