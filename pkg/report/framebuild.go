package report

import (
	"context"
	"math"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/store"
)

// webColumns are Web API Log rows column by column: what the one
// construction of the Web API Log frame ([webAPILogFrame]) takes, whether
// the rows come as records ([NewWebAPILogFrame]) or straight from the
// store's window snapshot ([Session.WebAPILogFrame]), which then makes no
// record and no string per row. Times are Unix seconds, 0 for none.
type webColumns struct {
	n                                                             int
	id, productID, time, state, floatingExpires, doIntValue, doID []int64
	key, ip, machineCode, friendlyName                            codedText
}

// codedText is a text column as its distinct values and each row's index
// into them.
type codedText struct {
	distinct []string
	codes    []int
}

// webColumnsOf takes records apart into columns.
func webColumnsOf(rows []cryptolens.WebAPILog) webColumns {
	n := len(rows)
	c := webColumns{n: n,
		id: make([]int64, n), productID: make([]int64, n), time: make([]int64, n), state: make([]int64, n),
		floatingExpires: make([]int64, n), doIntValue: make([]int64, n), doID: make([]int64, n)}
	var key, ip, machine, name textCoder
	for i := range rows {
		r := &rows[i]
		c.id[i], c.productID[i], c.time[i], c.state[i] = r.ID, int64(r.ProductID), unixSeconds(r.Time), int64(r.State)
		c.floatingExpires[i], c.doIntValue[i], c.doID[i] = unixSeconds(r.FloatingExpires), int64(r.DOIntValue), r.DOID
		key.add(r.Key)
		ip.add(r.IP)
		machine.add(r.MachineCode)
		name.add(r.FriendlyName)
	}
	c.key, c.ip, c.machineCode, c.friendlyName = key.coded(), ip.coded(), machine.coded(), name.coded()
	return c
}

// webColumnsFrom takes the store's columns as they are.
func webColumnsFrom(c *store.Columns) webColumns {
	n := c.Len()
	ints := func(name string) []int64 {
		if v := c.Int(name); len(v) == n {
			return v
		}
		return make([]int64, n)
	}
	text := func(name string) codedText {
		distinct, codes := c.Codes(name)
		if len(codes) != n {
			return codedText{distinct: []string{""}, codes: make([]int, n)}
		}
		t := codedText{distinct: distinct, codes: make([]int, n)}
		for i, code := range codes {
			t.codes[i] = int(code)
		}
		return t
	}
	return webColumns{n: n,
		id: ints("id"), productID: ints("product_id"), time: ints("time"), state: ints("state"),
		floatingExpires: ints("floating_expires"), doIntValue: ints("do_int_value"), doID: ints("do_id"),
		key: text("key"), ip: text("ip"), machineCode: text("machine_code"), friendlyName: text("friendly_name")}
}

func unixSeconds(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// stateColumns are the derived columns a row's state code alone decides.
type stateColumns struct {
	method, outcome, stateName string
	licensing                  bool
}

// stateColumnsOf computes them for one code: method and outcome by package
// frames' own rules, as [NewWebAPILogFrame] documents them.
func stateColumnsOf(code int64) stateColumns {
	st := cryptolens.State(code)
	return stateColumns{
		method:    frames.MethodOf(st),
		outcome:   frames.Outcome(st),
		stateName: st.String(),
		licensing: analysis.IsLicensingRequest(st),
	}
}

// noDay is the day number of the zero time.
const noDay = math.MinInt64

// dayNumber is the UTC day of Unix seconds, counted from 1970-01-01.
func dayNumber(sec int64) int64 {
	if sec == 0 {
		return noDay
	}
	d := sec / 86400
	if sec < 0 && sec%86400 != 0 {
		d--
	}
	return d
}

// timeText writes Unix seconds as RFC 3339 in UTC; "" for 0, the zero time.
func timeText(sec int64) string {
	if sec == 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

// webAPILogFrame is the one construction of the Web API Log frame, with
// the columns [NewWebAPILogFrame] documents. Gota boxes every value it is
// given, one allocation per row and column, so every column whose values
// repeat (all but id and time) is made from its distinct values and picked
// out by index, which copies without boxing; the derived columns are
// computed once per distinct state code or day.
func webAPILogFrame(c webColumns) dataframe.DataFrame {
	defer fewerCollections()()
	times := make([]string, c.n)
	var days, floating, states intCoder
	for i := range c.n {
		times[i] = timeText(c.time[i])
		days.add(dayNumber(c.time[i]))
		floating.add(c.floatingExpires[i])
		states.add(c.state[i])
	}
	dayTexts, weekTexts := make([]string, len(days.distinct)), make([]string, len(days.distinct))
	for k, d := range days.distinct {
		if d != noDay {
			t := time.Unix(d*86400, 0).UTC()
			dayTexts[k], weekTexts[k] = t.Format(time.DateOnly), frames.WeekOf(t)
		}
	}
	floatingTexts := make([]string, len(floating.distinct))
	for k, sec := range floating.distinct {
		floatingTexts[k] = timeText(sec)
	}
	n := len(states.distinct)
	methods, outcomes, names, licensing := make([]string, n), make([]string, n), make([]string, n), make([]bool, n)
	for k, code := range states.distinct {
		s := stateColumnsOf(code)
		methods[k], outcomes[k], names[k], licensing[k] = s.method, s.outcome, s.stateName, s.licensing
	}
	return dataframe.New(
		intSeries(c.id, frames.ColID),
		repeatedInts(c.productID, frames.ColProductID),
		c.key.series(frames.ColKey),
		c.ip.series(frames.ColIP),
		series.New(times, series.String, frames.ColTime),
		states.series(frames.ColState),
		c.machineCode.series(frames.ColMachineCode),
		c.friendlyName.series(frames.ColFriendlyName),
		picked(series.New(floatingTexts, series.String, frames.ColFloatingExpires), floating.codes),
		repeatedInts(c.doIntValue, frames.ColDOIntValue),
		repeatedInts(c.doID, frames.ColDOID),
		picked(series.New(dayTexts, series.String, frames.ColDay), days.codes),
		picked(series.New(methods, series.String, frames.ColMethod), states.codes),
		picked(series.New(outcomes, series.String, frames.ColOutcome), states.codes),
		picked(series.New(weekTexts, series.String, frames.ColWeek), days.codes),
		picked(series.New(licensing, series.Bool, frames.ColLicensing), states.codes),
		picked(series.New(names, series.String, frames.ColStateName), states.codes),
	)
}

// picked is the series of s's values at codes, one per row.
func picked(s series.Series, codes []int) series.Series {
	if len(codes) == 0 {
		return s.Empty()
	}
	return s.Subset(codes)
}

func (t codedText) series(name string) series.Series {
	return picked(series.New(t.distinct, series.String, name), t.codes)
}

// intSeries is an Int series of values that do not repeat.
func intSeries(v []int64, name string) series.Series {
	ints := make([]int, len(v))
	for i, x := range v {
		ints[i] = int(x)
	}
	return series.New(ints, series.Int, name)
}

// repeatedInts is an Int series of values that mostly repeat, made from
// its distinct values; when most differ, directly.
func repeatedInts(v []int64, name string) series.Series {
	var c intCoder
	for _, x := range v {
		c.add(x)
		if len(c.distinct) > 1024 && len(c.distinct) > len(v)/8 {
			return intSeries(v, name)
		}
	}
	return c.series(name)
}

// intCoder numbers the distinct values of a column in order of first
// appearance; neighbours often repeat, so the last value is checked first.
type intCoder struct {
	index    map[int64]int
	distinct []int64
	codes    []int
	last     int64
	lastCode int
}

func (c *intCoder) add(v int64) {
	if len(c.codes) > 0 && v == c.last {
		c.codes = append(c.codes, c.lastCode)
		return
	}
	if c.index == nil {
		c.index = map[int64]int{}
	}
	k, ok := c.index[v]
	if !ok {
		k = len(c.distinct)
		c.index[v] = k
		c.distinct = append(c.distinct, v)
	}
	c.codes = append(c.codes, k)
	c.last, c.lastCode = v, k
}

func (c *intCoder) series(name string) series.Series {
	return picked(intSeries(c.distinct, name), c.codes)
}

// textCoder numbers the distinct values of a text column.
type textCoder struct {
	index map[string]int
	t     codedText
	last  string
}

func (c *textCoder) add(v string) {
	if n := len(c.t.codes); n > 0 && v == c.last {
		c.t.codes = append(c.t.codes, c.t.codes[n-1])
		return
	}
	if c.index == nil {
		c.index = map[string]int{}
	}
	k, ok := c.index[v]
	if !ok {
		k = len(c.t.distinct)
		c.index[v] = k
		c.t.distinct = append(c.t.distinct, v)
	}
	c.t.codes = append(c.t.codes, k)
	c.last = v
}

func (c *textCoder) coded() codedText { return c.t }

// webFrame reads the Web API Log rows of w for the session's product and
// key as the store's columns (from the window's snapshot, after the first
// read of a big window) and makes their frame: no record per row.
func (s *Session) webFrame(w cryptolens.Window) (dataframe.DataFrame, error) {
	defer fewerCollections()()
	var cols *store.Columns
	if _, err := read(s, store.WebAPILog, func(ctx context.Context, a *store.Account) ([]struct{}, error) {
		c, err := a.Columns(ctx, store.WebAPILog, w, s.filter())
		cols = c
		return nil, err
	}); err != nil {
		return dataframe.DataFrame{}, err
	}
	return checked(webAPILogFrame(webColumnsFrom(cols)))
}
