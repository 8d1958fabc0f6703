package display

import (
	"image/color"

	"github.com/go-gota/gota/dataframe"
)

// Options are the titles and formats of a chart or table drawn from a
// DataFrame. Every field is optional.
type Options struct {
	// Title is the chart's title, drawn on the chart, or the table's caption
	// when Caption is empty. It is also the title of the figures
	// ([DataMIME]) by which a notebook check finds them, so give every
	// chart and table of a report its own.
	Title string
	// Caption is a table's caption; for a chart, a line of text shown
	// under it. "" for none (a table then shows Title, else its size).
	Caption string
	// XLabel and YLabel name the axes; "" gives a name from the column
	// (the value column's name, "Day (UTC)" for a day axis).
	XLabel, YLabel string
	// Formats gives a column's [Format] by its name. A chart's value axis
	// takes its value column's format; a column with none shows as [Count]
	// when it is an int column, as [Number] when it is a float column.
	Formats map[string]Format
	// Labels is the column whose values, formatted, label each bar (such as
	// "share" beside a count); "" labels each bar with its value.
	Labels string
	// ColorBy is the column whose value picks each bar's colour: the
	// outcome colours for Success, Failure and Other (charts.RoleColor),
	// else one colour per distinct value. "" gives one colour (or the
	// role colour of a category named Success, Failure or Other).
	ColorBy string
	// Colors gives a series' colour by its column name (Lines, Stacked);
	// a column with none takes its role colour, else the palette's next.
	Colors map[string]color.Color
	// Overlay is a column that [Stacked] draws as a line over the stacked
	// bars, such as a trailing average.
	Overlay string
	// Vertical draws [Bars] as vertical columns, for a few short
	// categories in their own order (weeks, outcomes); the default is
	// horizontal bars, ranked, with room for long names.
	Vertical bool
	// MaxRows is how many rows [Frame] shows before "N more rows"; 0 means
	// DefaultMaxRows, -1 every row. The figures ([DataMIME]) hold every row.
	MaxRows int
	// Columns renames columns on the page, by name: {"count": "Requests"}.
	// Formats, Labels, ColorBy and Overlay still use the frame's names.
	Columns map[string]string
}

// Bars draws one bar per row of df: category is the string column that
// names the bars, value the int or float column of their lengths. Bars are
// horizontal and in df's order (rank them first: [frames.CountBy] does),
// and the chart is tall enough for every bar; see [Options.Vertical]. The
// figures sent with it are df's category, value and label columns.
//
//	display.Bars(keys, "key", "count", display.Options{Title: "Most active keys", Labels: "share",
//		Formats: map[string]display.Format{"share": display.Share}})
func Bars(df dataframe.DataFrame, category, value string, opts Options) error {
	return errNotYet
}

// Lines draws one line per column of ys over the day column x (YYYY-MM-DD,
// as [frames.PerDay] makes it, or a week column): a time series with a day
// axis. With ys empty it draws every int and float column but x. The
// figures sent with it are x and ys.
func Lines(df dataframe.DataFrame, x string, ys []string, opts Options) error {
	return errNotYet
}

// Stacked draws the columns ys stacked per day of the day column x, with
// [Options.Overlay] drawn as a line over them. With ys empty it stacks every
// int and float column but x, the overlay and frames.ColTotal. The figures
// sent with it are x, ys and the overlay.
//
//	display.Stacked(daily, "day", nil, display.Options{Title: "Requests per day",
//		Overlay: frames.TrailingColumn("total", 7)})
func Stacked(df dataframe.DataFrame, x string, ys []string, opts Options) error {
	return errNotYet
}

// Frame shows df as a table: numbers right-aligned and formatted by
// [Options.Formats] (ints as [Count] by default), RFC 3339 times as
// [Time], a row whose first text is "Total..." in bold. It shows at most
// [Options.MaxRows] rows; the figures sent with it hold every row.
func Frame(df dataframe.DataFrame, opts Options) error {
	return errNotYet
}

// HeadlineFrame is [Headline] with figures: the text is shown as the
// report's headline, and df's rows are sent as its figures ([DataMIME]),
// titled by the text.
func HeadlineFrame(text string, df dataframe.DataFrame) error {
	return errNotYet
}
