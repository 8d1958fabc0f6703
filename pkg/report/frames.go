package report

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

// WebAPILogFrame returns the window's Web API Log rows (as [Session.WebAPILog]
// reads them: the session's product and key, ascending by id) as a Gota
// DataFrame with the columns of [NewWebAPILogFrame].
//
// Asked again in the same program for the same window and parameters, each
// of the session's frame methods returns the frame it read before, without
// reading the store: keep a frame as it is (Gota's operations, and the
// helpers of package frames, return new frames).
//
//	web := report.Must(s.WebAPILogFrame())
//	keys := frames.Top(frames.CountBy(frames.Where(web, frames.HasKey()), "key"), 20, "Other keys")
func (s *Session) WebAPILogFrame() (dataframe.DataFrame, error) {
	return s.remembered("web", func() (dataframe.DataFrame, error) { return s.webFrame(s.Window) })
}

// WebAPILogFrameWithLookBack is [Session.WebAPILogFrame] over the window and
// the Params.LookBackDays days before it (as [Session.WebAPILogWithLookBack]):
// the rows a trailing average needs. Count the window alone with
// frames.PerDay or frames.Where(df, frames.During(s.Window)).
func (s *Session) WebAPILogFrameWithLookBack() (dataframe.DataFrame, error) {
	return s.remembered("web+lookback", func() (dataframe.DataFrame, error) { return s.webFrame(s.reach()) })
}

// WebAPILogHistoryFrame is [Session.WebAPILogFrame] over every row the store
// holds from before the window's end, however old (as
// [Session.WebAPILogHistory]): a report on keys that fell silent finds keys
// last seen before the window.
func (s *Session) WebAPILogHistoryFrame() (dataframe.DataFrame, error) {
	return s.remembered("web history", func() (dataframe.DataFrame, error) {
		return s.webFrame(cryptolens.Window{Until: s.Window.Until})
	})
}

// EventsFrame returns the window's Events Log rows (as [Session.Events])
// as a DataFrame with the columns of [NewEventsFrame].
func (s *Session) EventsFrame() (dataframe.DataFrame, error) {
	return s.remembered("events", func() (dataframe.DataFrame, error) {
		rows, err := s.Events()
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		return checked(NewEventsFrame(rows))
	})
}

// ObjectLogFrame returns the window's Object Log entries (as
// [Session.ObjectLog]) as a DataFrame with the columns of
// [NewObjectLogFrame].
func (s *Session) ObjectLogFrame() (dataframe.DataFrame, error) {
	return s.remembered("objects", func() (dataframe.DataFrame, error) {
		rows, err := s.ObjectLog()
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		return checked(NewObjectLogFrame(rows))
	})
}

// A program (a notebook cell) often asks for the same frame more than once,
// from several package-level variables: the session keeps its last frame of
// each kind for the window and parameters it was read for, so the store is
// read and the frame built once. Errors are not kept. The frames go with the
// session: nothing outlives it.

type keptFrame struct {
	readFor
	df dataframe.DataFrame
}

// readFor is what a frame was read for.
type readFor struct {
	window   cryptolens.Window
	product  int
	key      string
	lookBack int
}

func readingFor(s *Session) readFor {
	return readFor{window: s.Window, product: s.Params.ProductID, key: s.Params.Key, lookBack: s.Params.LookBackDays}
}

// remembered returns the session's last frame of kind when the window and
// parameters are those it was read for, else reads it with read.
func (s *Session) remembered(kind string, read func() (dataframe.DataFrame, error)) (dataframe.DataFrame, error) {
	s.framesMu.Lock()
	k, ok := s.frames[kind]
	s.framesMu.Unlock()
	if ok && k.readFor == readingFor(s) {
		return k.df, nil
	}
	df, err := read()
	if err != nil {
		return df, err
	}
	s.framesMu.Lock()
	if s.frames == nil {
		s.frames = map[string]keptFrame{}
	}
	s.frames[kind] = keptFrame{readingFor(s), df}
	s.framesMu.Unlock()
	return df, nil
}

// LookBackWindow is the session's window with the Params.LookBackDays days
// before it: what [Session.WebAPILogFrameWithLookBack] reads.
func (s *Session) LookBackWindow() cryptolens.Window { return s.reach() }

// NewWebAPILogFrame makes the frame of Web API Log rows that
// [Session.WebAPILogFrame] returns. Its columns, in order, with their Gota
// types:
//
//	id               int     the row's id
//	productId        int
//	key              string  the license key; "" for rows without one
//	ip               string
//	time             string  RFC 3339, UTC, whole seconds: sorts as text
//	state            int     the state code, such as 1010
//	machineCode      string  as sent
//	friendlyName     string
//	floatingExpires  string  RFC 3339 UTC, or "" when the row has none
//	doIntValue       int
//	doId             int
//	day              string  the UTC day of time, YYYY-MM-DD
//	method           string  the state's method group: "activation", "validation", ...
//	outcome          string  "Success", "Failure" or "Other", by the one rule
//	                         (analysis.OutcomeOf, state%100/10 - 1)
//	week             string  the ISO week of time: its Monday, YYYY-MM-DD
//	licensing        bool    analysis.IsLicensingRequest: false for key
//	                         creation (30xx) and data-object (80xx) rows
//	stateName        string  the code and its meaning, such as
//	                         "2024 activation failed: seat limit reached"
//
// An empty rows slice gives an empty frame with the same columns and
// types.
//
// Speed: the frame of the last 30 days of a 1,000,000-row, 90-day emulator
// account (408,799 rows) costs about 1.5 µs of CPU per row from records
// (BenchmarkNewWebAPILogFrame, 1.4 million allocations) and, as a session
// makes it from the window's snapshot beside the store, about 1.8 µs per
// row read included (BenchmarkWindowFrame/again; the first read of a
// window, through SQL and writing the snapshot, 6.6 µs), measured as CPU
// time, GC included, on a 2-core machine under a load of 25-30, where wall
// time is no measure. It is made by the same construction either way
// (webAPILogFrame, framebuild.go).
func NewWebAPILogFrame(rows []cryptolens.WebAPILog) dataframe.DataFrame {
	return webAPILogFrame(webColumnsOf(rows))
}

// NewEventsFrame makes the frame of Events Log rows that
// [Session.EventsFrame] returns. Its columns, in order, with their Gota
// types:
//
//	id           int
//	productId    int
//	key          string
//	machineCode  string
//	featureName  string
//	eventName    string
//	value        int     an amount in the currency's minor unit (cents) for a purchase
//	currency     string  as sent
//	time         string  RFC 3339, UTC
//	metadata     string  the metadata JSON as sent
//	day          string  the UTC day of time, YYYY-MM-DD
//	week         string  the ISO week of time: its Monday, YYYY-MM-DD
//	os           string  the metadata's "OS" field, trimmed; "(unknown)" when none
//	version      string  the metadata's "Version" field, trimmed; "" when none
//	purchase     bool    analysis.IsPurchase: a purchase, not a feature's use
//
// Another field of the metadata becomes a column with frames.JSONField:
// frames.JSONField(df, "metadata", "Edition", "edition").
func NewEventsFrame(rows []cryptolens.Event) dataframe.DataFrame {
	defer fewerCollections()()
	var weeks weekCache
	week := make([]string, len(rows))
	os := make([]string, len(rows))
	version := make([]string, len(rows))
	purchase := make([]bool, len(rows))
	type parsed struct{ os, version string }
	seen := map[string]parsed{} // metadata repeats: parse each distinct text once
	for i := range rows {
		e := &rows[i]
		week[i] = weeks.of(e.Time)
		p, ok := seen[e.Metadata]
		if !ok {
			p = parsed{analysis.MetadataOS(e.Metadata), metadataField(e.Metadata, "Version")}
			seen[e.Metadata] = p
		}
		os[i], version[i] = p.os, p.version
		purchase[i] = analysis.IsPurchase(e)
	}
	return withColumns(frames.Events(rows), textSeries(week, frames.ColWeek),
		textSeries(os, frames.ColOS), textSeries(version, frames.ColVersion),
		series.New(purchase, series.Bool, frames.ColPurchase))
}

// NewObjectLogFrame makes the frame of Object Log entries that
// [Session.ObjectLogFrame] returns. Its columns, in order, with their Gota
// types:
//
//	id                  int
//	created             string  RFC 3339, UTC
//	resourceType        int
//	resourceAction      int
//	affectedObjectId    int
//	objectOwnerUserId   int
//	performedByUserId   string  the team member's user id, as the API sends it
//	data                string  the entry's JSON as sent
//	day                 string  the UTC day of created, YYYY-MM-DD
//	resourceTypeName    string  such as "LicenseKey"
//	resourceActionName  string  such as "Updated"
//	week                string  the ISO week of created: its Monday, YYYY-MM-DD
func NewObjectLogFrame(rows []cryptolens.ObjectLogEntry) dataframe.DataFrame {
	defer fewerCollections()()
	var weeks weekCache
	week := make([]string, len(rows))
	for i := range rows {
		week[i] = weeks.of(rows[i].Created)
	}
	return withColumns(frames.ObjectLog(rows), textSeries(week, frames.ColWeek))
}

// buildGCPercent is the garbage collector's target while a frame is
// built. Gota allocates every value it is given, and those values all live
// until the frame is done, so a collection during the build finds little to
// free: at 400 rather than Go's 100 the build of a month's frame spends
// about a quarter less CPU (1,372-1,436 against 1,882-1,895 ns a row for
// frames.WebAPILog of 300,000 rows, measured in turn), for a peak of memory
// that the frame itself is about to take anyway.
const buildGCPercent = 400

// fewerCollections raises the garbage collector's target to
// buildGCPercent, unless it is higher or off, and returns what restores
// it. Builds that overlap share one raise: the first sets it, the last to
// finish restores the target the program had, so concurrent builds cannot
// leave the raised target behind.
func fewerCollections() (restore func()) {
	gcRaise.Lock()
	defer gcRaise.Unlock()
	if gcRaise.builds == 0 {
		gcRaise.old = debug.SetGCPercent(buildGCPercent)
		if gcRaise.old < 0 || gcRaise.old > buildGCPercent {
			debug.SetGCPercent(gcRaise.old)
		}
	}
	gcRaise.builds++
	return func() {
		gcRaise.Lock()
		defer gcRaise.Unlock()
		if gcRaise.builds--; gcRaise.builds == 0 {
			debug.SetGCPercent(gcRaise.old)
		}
	}
}

// gcRaise counts the frame builds under way and keeps the target they
// raised the collector's from.
var gcRaise struct {
	sync.Mutex
	builds int
	old    int
}

// withColumns returns df with the columns more after its own. It copies
// each column once (Gota's CBind), where a Mutate per column would copy
// the whole frame each time.
func withColumns(df dataframe.DataFrame, more ...series.Series) dataframe.DataFrame {
	if df.Err != nil {
		return df
	}
	return df.CBind(dataframe.New(more...))
}

// textSeries makes a string column of values that repeat (weeks, state
// names, operating systems): Gota boxes every value it is given in an
// interface, one allocation per row, so the column is made from its
// distinct values and picked out by index, which copies without one.
func textSeries(values []string, name string) series.Series {
	index := map[string]int{}
	var distinct []string
	codes := make([]int, len(values))
	last, lastCode := "", -1
	for i, v := range values {
		if lastCode >= 0 && v == last {
			codes[i] = lastCode
			continue
		}
		c, ok := index[v]
		if !ok {
			c = len(distinct)
			index[v] = c
			distinct = append(distinct, v)
		}
		codes[i], last, lastCode = c, v, c
	}
	return series.New(distinct, series.String, name).Subset(codes)
}

// checked returns df's error as the error.
func checked(df dataframe.DataFrame) (dataframe.DataFrame, error) {
	if df.Err != nil {
		return df, fmt.Errorf("report: building the frame: %w", df.Err)
	}
	return df, nil
}

// weekCache gives the week column's value of a time, reusing the previous
// row's: logs come in time order, so neighbours share their week.
type weekCache struct {
	day   int64 // Unix day number of the last time seen
	text  string
	valid bool
}

func (c *weekCache) of(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := analysis.Day(t).Unix() / 86400
	if !c.valid || d != c.day {
		c.day, c.text, c.valid = d, frames.WeekOf(t), true
	}
	return c.text
}

// metadataField returns the top-level string field name of an event's
// metadata JSON, trimmed; "" when the metadata is not a JSON object or the
// field is not a string.
func metadataField(metadata, name string) string {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(metadata), &m) != nil {
		return ""
	}
	var v string
	if json.Unmarshal(m[name], &v) != nil {
		return ""
	}
	return strings.TrimSpace(v)
}
