package charts

import (
	"math"
	"time"
)

// figures are the numbers a chart draws, one row per category or day, for
// a page that shows them beside the chart.
type figures struct {
	columns []string
	rows    [][]any
}

// Figures returns the numbers the chart draws as a table: its columns and
// one row per bar or day. A bar chart has the columns category and value
// (named by the axis labels when set); a time series and a stacked bar
// chart have day (YYYY-MM-DD) and one column per series, then the overlay.
// Values are float64, or nil for a gap (NaN); categories and days are
// strings. The figures are those given, unformatted.
func (c *Chart) Figures() (columns []string, rows [][]any) {
	return c.figures.columns, c.figures.rows
}

// value is a figure: nil for NaN.
func value(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// categoryFigures are the figures of a bar chart.
func categoryFigures(xLabel, yLabel string, categories []string, values []float64) figures {
	f := figures{columns: []string{orName(xLabel, "category"), orName(yLabel, "value")}}
	for i, c := range categories {
		f.rows = append(f.rows, []any{c, value(values[i])})
	}
	return f
}

// dayFigures are the figures of a chart over days.
func dayFigures(days []time.Time, series []Series, overlay *Series) figures {
	all := series
	if overlay != nil {
		all = append(all[:len(all):len(all)], *overlay)
	}
	return seriesFigures("day", time.DateOnly, days, all)
}

// seriesFigures are the figures of series over times: a column col of the
// times in layout (UTC), then one column per series.
func seriesFigures(col, layout string, times []time.Time, series []Series) figures {
	f := figures{columns: []string{col}}
	for _, s := range series {
		f.columns = append(f.columns, s.Name)
	}
	for i, t := range times {
		row := []any{t.UTC().Format(layout)}
		for _, s := range series {
			row = append(row, value(s.Values[i]))
		}
		f.rows = append(f.rows, row)
	}
	return f
}

func orName(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
