package display

import (
	"github.com/go-gota/gota/dataframe"
)

// DataMIME is the MIME type of the figures that every chart, table and
// headline of this package sends in its display bundle, beside what it
// shows: a [Data] document as JSON. Page renderers do not show it as such
// (lensbook's pages fold it into a table under a chart) and notebook checks
// read a report's figures from it by title, so no figure is printed for a
// test and no figure is chart-only.
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
}

// FrameData returns the figures of df's columns cols (every column when
// cols is empty) with the title title: ints as int64, floats as float64
// (NaN as nil), bools as bool, strings as string (Gota's missing string as
// nil).
func FrameData(title string, df dataframe.DataFrame, cols ...string) (Data, error) {
	return Data{}, errNotYet
}
