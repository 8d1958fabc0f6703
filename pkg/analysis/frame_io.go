package analysis

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Column names of the log frames the DataFrame entry points read: the
// names pkg/frames gives them (the package's tests check that they agree).
const (
	inID              = "id"
	inProductID       = "productId"
	inKey             = "key"
	inTime            = "time"
	inState           = "state"
	inMachineCode     = "machineCode"
	inFriendlyName    = "friendlyName"
	inFloatingExpires = "floatingExpires"
	inFeatureName     = "featureName"
	inEventName       = "eventName"
	inValue           = "value"
	inCurrency        = "currency"
	inMetadata        = "metadata"
	inCreated         = "created"
	inResourceType    = "resourceType"
	inResourceAction  = "resourceAction"
	inAffectedObject  = "affectedObjectId"
	inObjectOwner     = "objectOwnerUserId"
	inPerformedBy     = "performedByUserId"
	inData            = "data"
)

// frameReader reads the columns of a log frame for one entry point, naming
// the entry point and the missing column in its errors.
type frameReader struct {
	fn    string // the entry point, for errors
	log   string // the log the frame should hold, for errors
	df    dataframe.DataFrame
	names []string
	n     int
}

func newFrameReader(fn, log string, df dataframe.DataFrame, need ...string) (frameReader, error) {
	r := frameReader{fn: fn, log: log, df: df}
	if df.Err != nil {
		return r, fmt.Errorf("analysis: %s: the %s frame carries an error: %w", fn, log, df.Err)
	}
	r.names = df.Names()
	r.n = df.Nrow()
	for _, c := range need {
		if !slices.Contains(r.names, c) {
			return r, fmt.Errorf("analysis: %s: the frame has no column %q (it has %s): pass the %s frame of pkg/report or pkg/frames",
				fn, c, strings.Join(r.names, ", "), log)
		}
	}
	return r, nil
}

func (r frameReader) has(col string) bool { return slices.Contains(r.names, col) }

// texts returns a column as text, or nil when the frame lacks it.
func (r frameReader) texts(col string) []string {
	if !r.has(col) {
		return nil
	}
	return r.df.Col(col).Records()
}

// ints returns an int column, or nil when the frame lacks it.
func (r frameReader) ints(col string) ([]int, error) {
	if !r.has(col) {
		return nil, nil
	}
	v, err := r.df.Col(col).Int()
	if err != nil {
		return nil, fmt.Errorf("analysis: %s: column %q of the %s frame is not whole numbers: %w", r.fn, col, r.log, err)
	}
	return v, nil
}

// times returns a time column (RFC 3339 text, "" for none), or nil when the
// frame lacks it.
func (r frameReader) times(col string) ([]time.Time, error) {
	if !r.has(col) {
		return nil, nil
	}
	texts := r.df.Col(col).Records()
	out := make([]time.Time, len(texts))
	last, lastT := "", time.Time{}
	for i, s := range texts {
		if s == "" || s == "NaN" {
			continue
		}
		if s == last {
			out[i] = lastT
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Errorf("analysis: %s: column %q of the %s frame, row %d: %q is not an RFC 3339 time", r.fn, col, r.log, i, s)
		}
		out[i] = t.UTC()
		last, lastT = s, out[i]
	}
	return out, nil
}

// readCols reads several columns with read (nil for each the frame lacks),
// in the order given.
func readCols[T any](read func(string) ([]T, error), cols ...string) ([][]T, error) {
	out := make([][]T, len(cols))
	for i, c := range cols {
		v, err := read(c)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// elem returns v[i], or the zero value when the column is absent (v nil).
func elem[T any](v []T, i int) T {
	var zero T
	if v == nil {
		return zero
	}
	return v[i]
}

// webLogRows reads a Web API Log frame into rows; need names the columns
// the caller cannot do without (time is always needed).
func webLogRows(fn string, df dataframe.DataFrame, need ...string) ([]cryptolens.WebAPILog, error) {
	r, err := newFrameReader(fn, "Web API Log", df, append([]string{inTime}, need...)...)
	if err != nil {
		return nil, err
	}
	nums, err := readCols(r.ints, inID, inProductID, inState)
	if err != nil {
		return nil, err
	}
	ids, products, states := nums[0], nums[1], nums[2]
	stamps, err := readCols(r.times, inTime, inFloatingExpires)
	if err != nil {
		return nil, err
	}
	times, expires := stamps[0], stamps[1]
	keys, machines, names := r.texts(inKey), r.texts(inMachineCode), r.texts(inFriendlyName)
	out := make([]cryptolens.WebAPILog, r.n)
	for i := range out {
		out[i] = cryptolens.WebAPILog{ID: int64(elem(ids, i)), ProductID: elem(products, i), Key: elem(keys, i),
			Time: times[i], State: cryptolens.State(elem(states, i)), MachineCode: elem(machines, i),
			FriendlyName: elem(names, i), FloatingExpires: elem(expires, i)}
	}
	return out, nil
}

// eventRows reads an Events Log frame into events.
func eventRows(fn string, df dataframe.DataFrame, need ...string) ([]cryptolens.Event, error) {
	r, err := newFrameReader(fn, "Events Log", df, append([]string{inTime}, need...)...)
	if err != nil {
		return nil, err
	}
	nums, err := readCols(r.ints, inID, inProductID, inValue)
	if err != nil {
		return nil, err
	}
	ids, products, values := nums[0], nums[1], nums[2]
	times, err := r.times(inTime)
	if err != nil {
		return nil, err
	}
	keys, machines := r.texts(inKey), r.texts(inMachineCode)
	features, events, currencies, metadata := r.texts(inFeatureName), r.texts(inEventName), r.texts(inCurrency), r.texts(inMetadata)
	out := make([]cryptolens.Event, r.n)
	for i := range out {
		out[i] = cryptolens.Event{ID: int64(elem(ids, i)), ProductID: elem(products, i), Key: elem(keys, i),
			MachineCode: elem(machines, i), FeatureName: elem(features, i), EventName: elem(events, i),
			Value: int64(elem(values, i)), Currency: elem(currencies, i), Time: times[i], Metadata: elem(metadata, i)}
	}
	return out, nil
}

// objectLogRows reads an Object Log frame into entries.
func objectLogRows(fn string, df dataframe.DataFrame, need ...string) ([]cryptolens.ObjectLogEntry, error) {
	r, err := newFrameReader(fn, "Object Log", df, append([]string{inCreated}, need...)...)
	if err != nil {
		return nil, err
	}
	cols, err := readCols(r.ints, inID, inResourceType, inResourceAction, inAffectedObject, inObjectOwner)
	if err != nil {
		return nil, err
	}
	created, err := r.times(inCreated)
	if err != nil {
		return nil, err
	}
	performers, data := r.texts(inPerformedBy), r.texts(inData)
	out := make([]cryptolens.ObjectLogEntry, r.n)
	for i := range out {
		out[i] = cryptolens.ObjectLogEntry{ID: int64(elem(cols[0], i)), Created: created[i],
			ResourceType: cryptolens.ResourceType(elem(cols[1], i)), ResourceAction: cryptolens.ResourceAction(elem(cols[2], i)),
			AffectedObjectID: int64(elem(cols[3], i)), ObjectOwnerUserID: int64(elem(cols[4], i)),
			PerformedByUserID: elem(performers, i), Data: elem(data, i)}
	}
	return out, nil
}

// Builders of the result frames' columns.

func textSeries(name string, v []string) series.Series {
	if v == nil {
		v = []string{}
	}
	return series.New(v, series.String, name)
}

func intSeries(name string, v []int) series.Series {
	if v == nil {
		v = []int{}
	}
	return series.New(v, series.Int, name)
}

func boolSeries(name string, v []bool) series.Series {
	if v == nil {
		v = []bool{}
	}
	return series.New(v, series.Bool, name)
}

func floatSeries(name string, v []float64) series.Series {
	if v == nil {
		v = []float64{}
	}
	return series.New(v, series.Float, name)
}

// dayText is the text of a day in the result frames: YYYY-MM-DD, as the
// day column of pkg/frames.
func dayText(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// timeText is the text of an instant in the result frames: RFC 3339 UTC,
// as the time column of pkg/frames.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Columns of the result frames shared by several entry points.
const (
	// ColFigure and ColValue are the columns of a Figures frame: the name
	// of a figure and its value.
	ColFigure = "figure"
	ColValue  = "value"
	// ColDay is a day, YYYY-MM-DD (UTC).
	ColDay = "day"
	// ColCount is a number of rows and ColShare its share (0-1) of the rows
	// the report counts.
	ColCount = "count"
	ColShare = "share"
)

// figures builds a Figures frame: one row per figure, its value an int.
func figures(names []string, values []int) dataframe.DataFrame {
	return dataframe.New(textSeries(ColFigure, names), intSeries(ColValue, values))
}

// ColumnTitles are the page titles of the columns of the report frames of
// this package, for display's Options.Columns: {"freeSeats": "Free seats"}.
var ColumnTitles = map[string]string{
	ColFigure: "Figure", ColValue: "Value", ColDay: "Day (UTC)", ColCount: "Count", ColShare: "Share",
	ColTime: "Time (UTC)", ColAction: "Action", ColMachine: "Machine code", ColFriendlyName: "Friendly name",
	ColFreeSeats: "Free seats", ColRowID: "Row id", ColSeatsHeld: "Seats held", ColSeatLimit: "Seat limit",
	ColFewestFree: "Fewest free in the day", ColFreeAtEnd: "Free at the day's end", ColProductID: "Product",
	ColEstimated: "Limit estimated", ColPerformer: "Team member", ColResourceType: "Resource type",
	ColResource: "Resource type and action", ColChanges: "Changes", ColObjectID: "Object id",
	ColOldValue: "Old value", ColNewValue: "New value", ColCurrency: "Currency", ColFeature: "Feature",
	ColPurchases: "Purchases", ColRevenue: "Revenue", ColMeanPurchase: "Mean purchase", ColEvent: "Event",
	ColEvents: "Events", ColOS: "Operating system", ColKey: "License key", ColLastRequest: "Last request (UTC)",
	ColDaysSilent: "Days silent", ColRequests: "Requests held", ColWeek: "Week starting (UTC)",
	ColKeys: "License keys", ColMachines: "Machines",
}
