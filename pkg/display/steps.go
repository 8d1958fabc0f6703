package display

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/charts"
)

// Steps draws the columns ys as step lines over the instant column x
// (RFC 3339 times in order, such as the time column of a log frame): each
// value holds from its row's time to the next row's, and the last row's
// time ends the chart. [Options.Overlay] is drawn as a dashed step line
// over them, such as a seat limit. With ys empty it draws every int and
// float column but x and the overlay. The figures sent with it are x, ys
// and the overlay.
//
//	display.Steps(audit.SeatSteps, "time", []string{"seatsHeld"}, display.Options{
//		Title: "Seats held", Overlay: "seatLimit"})
func Steps(df dataframe.DataFrame, x string, ys []string, opts Options) error {
	c, title, cols, err := stepsChart(df, x, ys, opts)
	if err != nil {
		return err
	}
	return opts.sendChart("Steps", c, title, df, cols)
}

// stepsChart builds the chart of [Steps], the title of its figures and
// the columns they hold.
func stepsChart(df dataframe.DataFrame, x string, ys []string, opts Options) (*charts.Chart, string, []string, error) {
	const what = "Steps"
	if err := opts.check(what, df, append([]string{x}, ys...)...); err != nil {
		return nil, "", nil, err
	}
	if len(ys) == 0 {
		for i, name := range df.Names() {
			if t := df.Types()[i]; name != x && name != opts.Overlay && (t == series.Int || t == series.Float) {
				ys = append(ys, name)
			}
		}
	}
	if len(ys) == 0 {
		return nil, "", nil, fmt.Errorf("display: %s %s: no int or float column to draw (columns: %s)", what, quote(opts.Title), strings.Join(df.Names(), ", "))
	}
	values := slices.Clone(ys)
	if opts.Overlay != "" {
		values = append(values, opts.Overlay)
	}
	for _, y := range values {
		if err := numericColumn(what, df, y); err != nil {
			return nil, "", nil, err
		}
	}
	format, err := opts.axisFormat(what, df, values...)
	if err != nil {
		return nil, "", nil, err
	}
	texts := df.Col(x).Records()
	times := make([]time.Time, len(texts))
	for i, s := range texts {
		if times[i], err = time.Parse(time.RFC3339, s); err != nil {
			return nil, "", nil, fmt.Errorf("display: %s %s: column %q, row %d: %q is not an RFC 3339 time", what, quote(opts.Title), x, i, s)
		}
	}
	data := charts.StepsData{Title: opts.Title, XLabel: opts.XLabel, YLabel: opts.YLabel, Times: times, ValueFormat: format}
	for _, y := range ys {
		data.Series = append(data.Series, charts.Series{Name: opts.header(y), Values: df.Col(y).Float(), Color: opts.Colors[y]})
	}
	if opts.Overlay != "" {
		data.Limits = []charts.Series{{Name: opts.header(opts.Overlay), Values: df.Col(opts.Overlay).Float(), Color: opts.Colors[opts.Overlay]}}
	}
	if data.YLabel == "" && len(ys) == 1 {
		data.YLabel = opts.header(ys[0])
	}
	c, err := charts.Steps(data)
	if err != nil {
		return nil, "", nil, fmt.Errorf("display: %s: %w", what, err)
	}
	return c, opts.dataTitle(strings.Join(ys, ", ") + " over " + x), append([]string{x}, values...), nil
}
