package display

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// DataMIME is the MIME type of the figures that every chart, table and
// headline of this package sends in its display bundle, beside what it
// shows: a [Data] document as JSON text. Page renderers do not show it as
// such (lensbook's pages fold it into a table under a chart) and notebook
// checks read a report's figures from it by title, so no figure is printed
// for a test and no figure is chart-only.
const DataMIME = "application/vnd.lensbook.data.v1+json"

// Data is the document of [DataMIME]: a chart's, table's or headline's
// title and its figures as raw values, one row per point or table row.
// Numbers are JSON numbers (counts as integers, shares as fractions from 0
// to 1, money in the currency's minor unit as stored), text is a string,
// and a missing value is null. A headline has its text as title and no
// columns or rows unless it was given figures.
type Data struct {
	Title   string   `json:"title"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	// Text is Rows as the chart or table shows them, row by row and cell
	// by cell, in the columns' formats ("12.3%" for a share of 0.123,
	// "1,234.50 EUR" for 123450 cents); "" for a missing value. Page
	// renderers show it in place of the raw values; checks read Rows. It
	// is absent when the figures have no formats of their own (a
	// [charts.Chart]'s, sent by [Chart]).
	Text [][]string `json:"text,omitempty"`
	// Omitted is how many rows of a frame larger than MaxDataRows were
	// left out of Rows (the first MaxDataRows are kept); 0 and absent for
	// every report-sized table.
	Omitted int `json:"omitted,omitempty"`
}

// MaxDataRows is how many rows of a frame its figures hold at most: a
// table of a whole log (hundreds of thousands of rows) would make a page of
// tens of megabytes.
const MaxDataRows = 10_000

// FrameData returns the figures of df's columns cols (every column when
// cols is empty) with the title title: ints as int, floats as float64
// (NaN as nil), bools as bool, strings as string (Gota's missing string as
// nil). It keeps the first MaxDataRows rows and counts the rest in
// Omitted.
func FrameData(title string, df dataframe.DataFrame, cols ...string) (Data, error) {
	if df.Err != nil {
		return Data{}, fmt.Errorf("display: the frame carries an error: %w", df.Err)
	}
	if len(cols) == 0 {
		cols = df.Names()
	}
	if err := hasColumns(df, cols...); err != nil {
		return Data{}, err
	}
	n := min(df.Nrow(), MaxDataRows)
	d := Data{Title: title, Columns: slices.Clone(cols), Rows: make([][]any, n), Omitted: df.Nrow() - n}
	for i := range d.Rows {
		d.Rows[i] = make([]any, len(cols))
	}
	for j, name := range cols {
		c := df.Col(name)
		for i := range d.Rows {
			d.Rows[i][j] = rawValue(c.Elem(i))
		}
	}
	return d, nil
}

// frameData is [FrameData] with Text: each value written as the chart or
// table of o shows it (o's format of its column, the row's currency for
// money).
func (o Options) frameData(title string, df dataframe.DataFrame, cols ...string) (Data, error) {
	d, err := FrameData(title, df, cols...)
	if err != nil {
		return Data{}, err
	}
	d.Text = make([][]string, len(d.Rows))
	for i := range d.Text {
		d.Text[i] = make([]string, len(d.Columns))
	}
	for j, name := range d.Columns {
		c := df.Col(name)
		f := o.format(df, name)
		cur := currencies(df, name, f)
		for i := range d.Text {
			d.Text[i][j] = f.cell(c.Elem(i), cur[i])
		}
	}
	return d, nil
}

// rawValue is a frame's value as a figure.
func rawValue(e series.Element) any {
	if e.IsNA() {
		return nil
	}
	switch e.Type() {
	case series.Int:
		v, _ := e.Int()
		return v
	case series.Float:
		if f := e.Float(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
		return nil
	case series.Bool:
		v, _ := e.Bool()
		return v
	}
	return e.String()
}

// hasColumns returns an error naming the first of cols that df lacks.
func hasColumns(df dataframe.DataFrame, cols ...string) error {
	names := df.Names()
	for _, c := range cols {
		if !slices.Contains(names, c) {
			return fmt.Errorf("display: no column %q (columns: %s)", c, strings.Join(names, ", "))
		}
	}
	return nil
}

// text is d as the JSON text a bundle carries: never a null list.
func (d Data) text() string {
	if d.Columns == nil {
		d.Columns = []string{}
	}
	if d.Rows == nil {
		d.Rows = [][]any{}
	}
	b, err := json.Marshal(d)
	if err != nil { // a value json cannot encode: keep the title, say so
		b, _ = json.Marshal(Data{Title: d.Title, Columns: []string{"error"}, Rows: [][]any{{err.Error()}}})
	}
	return string(b)
}

// tableData makes the figures of a table of text cells: a cell that is a
// plain number, grouped by commas or not (1,234 or -3.5), becomes a JSON
// number; every other cell (12.9%, 1,234.50 EUR, a name) stays text. Its
// Text is the cells as given.
func tableData(title string, headers []string, rows [][]string) Data {
	d := Data{Title: title, Columns: slices.Clone(headers), Rows: make([][]any, len(rows)), Text: make([][]string, len(rows))}
	for i, r := range rows {
		d.Text[i] = slices.Clone(r)
		d.Rows[i] = make([]any, len(r))
		for j, c := range r {
			d.Rows[i][j] = cellValue(c)
		}
	}
	return d
}

// cellValue reads a table cell back as a number when it is a plain one.
func cellValue(c string) any {
	s := strings.TrimSpace(c)
	plain := strings.ReplaceAll(s, ",", "")
	if plain == "" || strings.ContainsAny(plain, "eExXpPiInN_+") {
		return c
	}
	if strings.Contains(s, ",") && !groupedOK(s) {
		return c
	}
	if n, err := strconv.ParseInt(plain, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(plain, 64); err == nil {
		return f
	}
	return c
}

// groupedOK reports whether the commas of s group its whole part by
// thousands, as charts.Count writes them.
func groupedOK(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, _, _ := strings.Cut(s, ".")
	parts := strings.Split(whole, ",")
	if len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}
