package display

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/charts"
	"github.com/lensbook/lensbook/pkg/frames"
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
	// when it is an int column, as [Number] when it is a float column, as
	// [Share] when it is named "share" ([frames.ColShare]). Names of
	// columns the frame lacks are ignored, so one map can serve a report's
	// tables.
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
	// bars, such as a trailing average. Lines draws every line alike and
	// ignores it.
	Overlay string
	// Vertical draws [Bars] as vertical columns, for a few short
	// categories in their own order (weeks, outcomes); the default is
	// horizontal bars, ranked, with room for long names.
	Vertical bool
	// MaxRows is how many rows [Frame] shows before "N more rows"; 0 means
	// DefaultMaxRows, -1 every row. The figures ([DataMIME]) hold every row.
	MaxRows int
	// Columns renames columns on the page, by name: {"count": "Requests"};
	// names the frame lacks are ignored. Formats, Labels, ColorBy and
	// Overlay still use the frame's names, and so do the figures.
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
	what := "Bars"
	if err := opts.check(what, df, category, value); err != nil {
		return err
	}
	if err := numericColumn(what, df, value); err != nil {
		return err
	}
	format, err := opts.axisFormat(what, df, value)
	if err != nil {
		return err
	}
	categories := df.Col(category).Records()
	values := df.Col(value).Float()
	var labels []string
	if opts.Labels != "" {
		lf := opts.format(df, opts.Labels)
		cur := currencies(df, opts.Labels, lf)
		lc := df.Col(opts.Labels)
		labels = make([]string, len(values))
		for i := range labels {
			labels[i] = lf.cell(lc.Elem(i), cur[i])
		}
	}
	colors := opts.rowColors(df)
	title := opts.dataTitle(opts.header(value) + " by " + opts.header(category))
	var c *charts.Chart
	if opts.Vertical {
		c, err = charts.Bar(charts.BarData{Title: opts.Title, XLabel: or(opts.XLabel, opts.header(category)),
			YLabel: or(opts.YLabel, opts.header(value)), Categories: categories, Values: values, Labels: labels,
			Colors: colors, ValueFormat: format})
	} else {
		c, err = charts.HorizontalBar(charts.HorizontalBarData{Title: opts.Title, XLabel: or(opts.XLabel, opts.header(value)),
			YLabel: or(opts.YLabel, opts.header(category)), Categories: categories, Values: values, Labels: labels,
			Colors: colors, ValueFormat: format})
		if c != nil {
			c.Height = max(charts.DefaultHeight, 120+26*len(categories)) // room for every bar
		}
	}
	if err != nil {
		return fmt.Errorf("display: %s: %w", what, err)
	}
	cols := []string{category, value}
	if opts.Labels != "" && opts.Labels != value && opts.Labels != category {
		cols = append(cols, opts.Labels)
	}
	return opts.sendChart(what, c, title, df, cols)
}

// Lines draws one line per column of ys over the day column x (YYYY-MM-DD,
// as [frames.PerDay] makes it, or a week column): a time series with a day
// axis. With ys empty it draws every int and float column but x and
// frames.ColTotal (the split of [frames.PerDay] without its total). The
// figures sent with it are x and ys.
func Lines(df dataframe.DataFrame, x string, ys []string, opts Options) error {
	c, title, cols, err := daySeries("Lines", df, x, ys, opts, false)
	if err != nil {
		return err
	}
	return opts.sendChart("Lines", c, title, df, cols)
}

// Stacked draws the columns ys stacked per day of the day column x, with
// [Options.Overlay] drawn as a line over them. With ys empty it stacks every
// int and float column but x, the overlay and frames.ColTotal. The figures
// sent with it are x, ys and the overlay.
//
//	display.Stacked(daily, "day", nil, display.Options{Title: "Requests per day",
//		Overlay: frames.TrailingColumn("total", 7)})
func Stacked(df dataframe.DataFrame, x string, ys []string, opts Options) error {
	c, title, cols, err := daySeries("Stacked", df, x, ys, opts, true)
	if err != nil {
		return err
	}
	return opts.sendChart("Stacked", c, title, df, cols)
}

// Frame shows df as a table: numbers right-aligned and formatted by
// [Options.Formats] (ints as [Count] by default), RFC 3339 times as
// [Time], a row whose first text is "Total..." in bold. It shows at most
// [Options.MaxRows] rows; the figures sent with it hold every row.
func Frame(df dataframe.DataFrame, opts Options) error {
	t, data, err := opts.table(df)
	if err != nil {
		return err
	}
	return sendTable(t, data)
}

// HeadlineFrame is [Headline] with figures: the text is shown as the
// report's headline, and df's rows are sent as its figures ([DataMIME]),
// titled by the text.
func HeadlineFrame(text string, df dataframe.DataFrame) error {
	d, err := FrameData(strings.TrimSpace(text), df)
	if err != nil {
		return fmt.Errorf("display: HeadlineFrame: %w", err)
	}
	return headline(text, d)
}

// check returns an error when df carries one or lacks a column the call
// or the options name.
func (o Options) check(what string, df dataframe.DataFrame, cols ...string) error {
	if df.Err != nil {
		return fmt.Errorf("display: %s: the frame carries an error: %w", what, df.Err)
	}
	for _, c := range []string{o.Labels, o.ColorBy, o.Overlay} {
		if c != "" {
			cols = append(cols, c)
		}
	}
	if err := hasColumns(df, cols...); err != nil {
		return fmt.Errorf("display: %s %s: %w", what, quote(o.Title), err)
	}
	names := df.Names()
	for col, f := range o.Formats {
		if f.currencyCol != "" && slices.Contains(names, col) && !slices.Contains(names, f.currencyCol) {
			return fmt.Errorf("display: %s %s: the format of column %q reads each row's currency from column %q, which the frame lacks (columns: %s)",
				what, quote(o.Title), col, f.currencyCol, strings.Join(names, ", "))
		}
	}
	return nil
}

// numericColumn returns an error unless col is an int or float column.
func numericColumn(what string, df dataframe.DataFrame, col string) error {
	if t := df.Col(col).Type(); t != series.Int && t != series.Float {
		return fmt.Errorf("display: %s: column %q is %s: the values must be an int or float column", what, col, t)
	}
	return nil
}

// format returns the format of column col: the options', else Share for
// a share column, else the zero Format (Count for ints, Number for floats).
func (o Options) format(df dataframe.DataFrame, col string) Format {
	if f, ok := o.Formats[col]; ok {
		return f
	}
	if col == frames.ColShare {
		return Share
	}
	return Format{}
}

// header is a column's name on the page.
func (o Options) header(col string) string {
	if h, ok := o.Columns[col]; ok {
		return h
	}
	return col
}

// dataTitle is the title of the figures: Title, else Caption, else
// fallback.
func (o Options) dataTitle(fallback string) string {
	return or(o.Title, or(o.Caption, fallback))
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// currencies returns each row's currency code under format f: f's own, or
// the row's value of f's currency column; "" for a format without money.
func currencies(df dataframe.DataFrame, col string, f Format) []string {
	out := make([]string, df.Nrow())
	if f.kind != formatMoney {
		return out
	}
	var rows []string
	if f.currencyCol != "" && slices.Contains(df.Names(), f.currencyCol) {
		rows = df.Col(f.currencyCol).Records()
	}
	for i := range out {
		row := ""
		if rows != nil {
			row = rows[i]
		}
		out[i] = currencyOf(f, row)
	}
	return out
}

// axisFormat returns the value axis's format function for the value
// columns cols, and an error when they would put two currencies on one
// axis.
func (o Options) axisFormat(what string, df dataframe.DataFrame, cols ...string) (func(float64) string, error) {
	var seen []string
	var first Format
	for i, col := range cols {
		f := o.format(df, col)
		if i == 0 {
			first = f
		}
		if f.kind != formatMoney {
			continue
		}
		if f.currencyCol != "" && !slices.Contains(df.Names(), f.currencyCol) {
			return nil, fmt.Errorf("display: %s: the Money format of %q reads the currency from column %q, which the frame lacks", what, col, f.currencyCol)
		}
		for _, c := range currencies(df, col, f) {
			if !slices.Contains(seen, c) {
				seen = append(seen, c)
			}
		}
	}
	if len(seen) > 1 {
		slices.Sort(seen)
		return nil, fmt.Errorf("display: %s %s: the values are in %d currencies (%s) and one value axis cannot carry two: "+
			"draw one chart per currency (frames.Where(df, frames.Eq(\"currency\", %q))) or show a table",
			what, quote(o.Title), len(seen), strings.Join(seen, ", "), seen[0])
	}
	cur := ""
	if len(seen) == 1 {
		cur = seen[0]
	}
	if first.IsZero() {
		if len(cols) > 0 && df.Col(cols[0]).Type() == series.Int {
			return charts.Count, nil
		}
		return charts.Number, nil
	}
	return first.numeric(cur), nil
}

// rowColors returns each row's bar colour by the ColorBy column, or nil.
func (o Options) rowColors(df dataframe.DataFrame) []color.Color {
	if o.ColorBy == "" {
		return nil
	}
	vals := df.Col(o.ColorBy).Records()
	out := make([]color.Color, len(vals))
	var order []string
	for i, v := range vals {
		if c, ok := charts.RoleColor(v); ok {
			out[i] = c
			continue
		}
		k := slices.Index(order, v)
		if k < 0 {
			k = len(order)
			order = append(order, v)
		}
		out[i] = charts.Palette[k%len(charts.Palette)]
	}
	return out
}

// daySeries builds a time series or a stacked bar chart of the columns
// ys over the day column x.
func daySeries(what string, df dataframe.DataFrame, x string, ys []string, o Options, stacked bool) (*charts.Chart, string, []string, error) {
	if err := o.check(what, df, append([]string{x}, ys...)...); err != nil {
		return nil, "", nil, err
	}
	if !stacked {
		o.Overlay = "" // Lines draws no overlay
	}
	if len(ys) == 0 {
		for i, name := range df.Names() {
			t := df.Types()[i]
			if name == x || name == o.Overlay || name == frames.ColTotal || (t != series.Int && t != series.Float) {
				continue
			}
			ys = append(ys, name)
		}
	}
	if len(ys) == 0 {
		return nil, "", nil, fmt.Errorf("display: %s %s: no int or float column to draw (columns: %s)", what, quote(o.Title), strings.Join(df.Names(), ", "))
	}
	values := slices.Clone(ys)
	if o.Overlay != "" {
		values = append(values, o.Overlay)
	}
	for _, y := range values {
		if err := numericColumn(what, df, y); err != nil {
			return nil, "", nil, err
		}
	}
	format, err := o.axisFormat(what, df, values...)
	if err != nil {
		return nil, "", nil, err
	}
	days, err := charts.ParseDays(df.Col(x).Records())
	if err != nil {
		return nil, "", nil, fmt.Errorf("display: %s: column %q: %w", what, x, err)
	}
	var series []charts.Series
	for _, y := range ys {
		series = append(series, charts.Series{Name: o.header(y), Values: df.Col(y).Float(), Color: o.Colors[y]})
	}
	xLabel := o.XLabel
	if xLabel == "" && x == frames.ColWeek {
		xLabel = "Week starting (UTC)"
	}
	yLabel := o.YLabel
	if yLabel == "" && len(ys) == 1 {
		yLabel = o.header(ys[0])
	}
	title := o.dataTitle(strings.Join(ys, ", ") + " per " + x)
	var c *charts.Chart
	if stacked {
		var overlay *charts.Series
		if o.Overlay != "" {
			overlay = &charts.Series{Name: o.header(o.Overlay), Values: df.Col(o.Overlay).Float(), Color: o.Colors[o.Overlay]}
		}
		c, err = charts.StackedBar(charts.StackedBarData{Title: o.Title, XLabel: xLabel, YLabel: yLabel, Days: days,
			Series: series, Overlay: overlay, ValueFormat: format})
	} else {
		c, err = charts.TimeSeries(charts.TimeSeriesData{Title: o.Title, XLabel: xLabel, YLabel: yLabel, Days: days,
			Series: series, ValueFormat: format})
	}
	if err != nil {
		return nil, "", nil, fmt.Errorf("display: %s: %w", what, err)
	}
	return c, title, append([]string{x}, values...), nil
}

// sendChart sends c with the figures of df's columns cols, then the
// caption.
func (o Options) sendChart(what string, c *charts.Chart, title string, df dataframe.DataFrame, cols []string) error {
	d, err := o.frameData(title, df, cols...)
	if err != nil {
		return fmt.Errorf("display: %s: %w", what, err)
	}
	if err := chart(c, d); err != nil {
		return err
	}
	if o.Caption != "" {
		return Markdown(escapeMarkdown(o.Caption))
	}
	return nil
}

// table formats df for Frame.
func (o Options) table(df dataframe.DataFrame) (shownTable, Data, error) {
	if err := o.check("Frame", df); err != nil {
		return shownTable{}, Data{}, err
	}
	caption := or(o.Caption, or(o.Title, sizeCaption(df.Nrow(), df.Ncol())))
	data, err := o.frameData(or(o.Title, caption), df)
	if err != nil {
		return shownTable{}, Data{}, fmt.Errorf("display: Frame: %w", err)
	}
	shown := df.Nrow()
	switch {
	case o.MaxRows == 0:
		shown = min(shown, DefaultMaxRows)
	case o.MaxRows > 0:
		shown = min(shown, o.MaxRows)
	}
	names := df.Names()
	t := shownTable{caption: caption, headers: make([]string, len(names)), rows: make([][]string, shown),
		more: df.Nrow() - shown, numeric: make([]bool, len(names))}
	for i := range t.rows {
		t.rows[i] = make([]string, len(names))
	}
	for j, name := range names {
		t.headers[j] = o.header(name)
		col := df.Col(name)
		t.numeric[j] = col.Type() == series.Int || col.Type() == series.Float
		f := o.format(df, name)
		cur := currencies(df, name, f)
		for i := range t.rows {
			t.rows[i][j] = f.cell(col.Elem(i), cur[i])
		}
	}
	return t, data, nil
}
