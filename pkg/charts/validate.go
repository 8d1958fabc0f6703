package charts

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// checkValues rejects infinite values, NaN unless allowNaN, and negative
// values unless allowNegative. names label the values in errors.
func checkValues(kind, title, series string, values []float64, names func(int) string, allowNaN, allowNegative bool) error {
	for i, v := range values {
		what := ""
		switch {
		case math.IsNaN(v) && !allowNaN:
			what = "NaN"
		case math.IsInf(v, 0):
			what = "infinite"
		case v < 0 && !allowNegative:
			what = fmt.Sprintf("negative (%g)", v)
		}
		if what != "" {
			at := ""
			if series != "" {
				at = fmt.Sprintf(" of series %q", series)
			}
			return fmt.Errorf("charts: %s %q: value %d%s (%s) is %s", kind, title, i, at, names(i), what)
		}
	}
	return nil
}

// checkLen reports a length mismatch between two parallel slices.
func checkLen(kind, title, what string, got, want int, wantWhat string) error {
	if got != want {
		return fmt.Errorf("charts: %s %q: %d %s but %d %s", kind, title, got, what, want, wantWhat)
	}
	return nil
}

// checkLines checks series drawn as lines over n points, which what names
// in errors and names labels one by one: each series has n values, none
// infinite (NaN gaps and negative values are fine). It reports whether any
// value is a number.
func checkLines(kind, title string, series []Series, n int, what string, names func(int) string) (anyValue bool, err error) {
	for _, s := range series {
		if err := checkLen(kind, title, "values in series "+quote(s.Name), len(s.Values), n, what); err != nil {
			return false, err
		}
		if err := checkValues(kind, title, s.Name, s.Values, names, true, true); err != nil {
			return false, err
		}
		for _, v := range s.Values {
			anyValue = anyValue || !math.IsNaN(v)
		}
	}
	return anyValue, nil
}

// checkDays requires strictly increasing UTC days and returns their day
// numbers.
func checkDays(kind, title string, days []time.Time) ([]float64, error) {
	out := make([]float64, len(days))
	for i, d := range days {
		out[i] = dayNumber(d)
		if i > 0 && out[i] <= out[i-1] {
			return nil, fmt.Errorf("charts: %s %q: day %d (%s) does not come after day %d (%s); days must be distinct and increasing",
				kind, title, i, d.UTC().Format(time.DateOnly), i-1, days[i-1].UTC().Format(time.DateOnly))
		}
	}
	return out, nil
}

// quote quotes a name for an error message.
func quote(s string) string { return strconv.Quote(s) }

// formatter returns f, or [Number] when f is nil.
func formatter(f func(float64) string) func(float64) string {
	if f == nil {
		return Number
	}
	return f
}

// wholeNumbers reports whether every finite value is a whole number.
func wholeNumbers(values ...[]float64) bool {
	for _, vs := range values {
		for _, v := range vs {
			if !math.IsNaN(v) && v != math.Trunc(v) {
				return false
			}
		}
	}
	return true
}

// maxOf returns the largest non-NaN value, or 0.
func maxOf(values []float64) float64 {
	m := 0.0
	for _, v := range values {
		if v > m {
			m = v
		}
	}
	return m
}

// minOf returns the smallest non-NaN value, or 0.
func minOf(values []float64) float64 {
	m := 0.0
	for _, v := range values {
		if v < m {
			m = v
		}
	}
	return m
}

// checkCategories checks the data of a chart of categories: one value per
// category, finite and not negative, and one label per category when labels
// are given.
func checkCategories(kind, title string, categories []string, values []float64, labels []string) error {
	if err := checkLen(kind, title, "values", len(values), len(categories), "categories"); err != nil {
		return err
	}
	if labels != nil {
		if err := checkLen(kind, title, "labels", len(labels), len(categories), "categories"); err != nil {
			return err
		}
	}
	return checkValues(kind, title, "", values, func(i int) string { return categories[i] }, false, false)
}
