package cryptolens

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"time"
)

// MaxEventsLimit is the largest page GetEvents returns.
const MaxEventsLimit = 100

// EventsQuery is one GetEvents request. Zero fields are left out.
type EventsQuery struct {
	ProductID     int
	Key           string // needs ProductID
	Metadata      string // a filter on the metadata text
	Time          TimeFilter
	Limit         int   // at most 100
	StartingAfter int64 // events with ID > StartingAfter, ascending
	EndingBefore  int64 // events with ID < EndingBefore, descending
}

func (q EventsQuery) params() url.Values {
	p := params{}
	p.int("ProductId", int64(q.ProductID))
	p.str("Key", q.Key)
	p.str("Metadata", q.Metadata)
	p.timeFilter("Time", q.Time)
	p.int("Limit", int64(q.Limit))
	p.int("StartingAfter", q.StartingAfter)
	p.int("EndingBefore", q.EndingBefore)
	return url.Values(p)
}

// GetEvents returns one page of the Events Log, in the server's order.
func (c *Client) GetEvents(ctx context.Context, q EventsQuery) ([]Event, error) {
	return c.getEvents(ctx, q, nil, nil)
}

func (c *Client) getEvents(ctx context.Context, q EventsQuery, in *interner, buf []Event) ([]Event, error) {
	return getRows(ctx, c, "GetEvents", "events", q.params(), &eventSchema, eventFrom, in, buf)
}

// EventsFilter selects Events Log rows for the iterators.
type EventsFilter struct {
	ProductID int
	Key       string // needs ProductID
	Metadata  string
}

func (f EventsFilter) query() EventsQuery {
	return EventsQuery{ProductID: f.ProductID, Key: f.Key, Metadata: f.Metadata}
}

// EventsWindow yields the events that match f with w.Since <= Time <
// w.Until, newest first. The server filters by time (Time {"gte":Since,
// "lt":Until}) and the client pages backwards with EndingBefore at Limit 100
// (see [Client.EventsPages] for how the first page asks for the newest), so a window of n events costs n/100 + 1 requests. It stops on an
// empty page; rows outside the window, should a server ignore the Time
// filter, are skipped and end the walk once older than Since.
func (c *Client) EventsWindow(ctx context.Context, f EventsFilter, w Window) iter.Seq2[Event, error] {
	base := f.query()
	base.Time = TimeFilter{GTE: w.Since, LT: w.Until}
	pages := c.eventsPages(base)
	return func(yield func(Event, error) bool) {
		pages.backward(ctx, w, func(e *Event) time.Time { return e.Time }, nil, yield)
	}
}

// EventsAfter yields the events that match f with ID > afterID, ascending by
// id, in pages of 100 until an empty page: the incremental sync.
func (c *Client) EventsAfter(ctx context.Context, f EventsFilter, afterID int64) iter.Seq2[Event, error] {
	pages := c.EventsPages(f)
	return func(yield func(Event, error) bool) {
		pages.forward(ctx, afterID, nil, nil, yield)
	}
}

// EventInput is one event for RegisterEvent. Value is an integer amount,
// such as cents; Metadata is JSON text. The server stamps the time.
type EventInput struct {
	ProductID   int // needed when Key is set
	Key         string
	MachineCode string
	FeatureName string // at most 100 characters
	EventName   string // at most 100 characters
	Value       int64
	Currency    string
	Metadata    string
}

// RegisterEvent records one event in the Events Log. Like every call it is
// retried on transient failures, so an event whose answer was lost may be
// recorded twice.
func (c *Client) RegisterEvent(ctx context.Context, e EventInput) error {
	p := params{}
	p.int("ProductId", int64(e.ProductID))
	p.str("Key", e.Key)
	p.str("MachineCode", e.MachineCode)
	p.str("FeatureName", e.FeatureName)
	p.str("EventName", e.EventName)
	p.int("Value", e.Value)
	p.str("Currency", e.Currency)
	p.str("Metadata", e.Metadata)
	return c.call(ctx, "RegisterEvent", url.Values(p), page{})
}

// EventBatch is a RegisterEvents request: events of one key and machine.
type EventBatch struct {
	ProductID   int
	Key         string
	MachineCode string
	Events      []BatchEvent
}

// BatchEvent is one event of an [EventBatch]. A zero Time lets the server
// stamp the time of the call. Its fields are those of [Event] from
// FeatureName on; the two stay apart by design (a registered event has no
// id, product, key or machine of its own: the batch carries them).
type BatchEvent struct {
	FeatureName string
	EventName   string
	Value       int64
	Currency    string
	Time        time.Time
	Metadata    string
}

// batchEventWire is the JSON shape the .NET SDK sends: PascalCase names,
// Time in Unix seconds (0 when unset).
type batchEventWire struct {
	FeatureName string
	EventName   string
	Value       int64
	Currency    string
	Time        int64
	Metadata    string
}

// RegisterEvents records a batch of events in one request; the events go
// out as the JSON array form field "Events". An empty batch is an error.
func (c *Client) RegisterEvents(ctx context.Context, b EventBatch) error {
	if len(b.Events) == 0 {
		return fmt.Errorf("cryptolens: RegisterEvents: the batch has no events")
	}
	wire := make([]batchEventWire, len(b.Events))
	for i, e := range b.Events {
		wire[i] = batchEventWire{e.FeatureName, e.EventName, e.Value, e.Currency, unixSeconds(e.Time), e.Metadata}
	}
	events, err := marshalNoEscape(wire)
	if err != nil {
		return fmt.Errorf("cryptolens: RegisterEvents: encoding the events: %w", err)
	}
	p := params{}
	p.int("ProductId", int64(b.ProductID))
	p.str("Key", b.Key)
	p.str("MachineCode", b.MachineCode)
	p.str("Events", events)
	return c.call(ctx, "RegisterEvents", url.Values(p), page{})
}
