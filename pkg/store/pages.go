package store

import (
	"context"
	"fmt"
	"iter"
	"math"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// newestCursor asks GetEvents for its newest rows: EndingBefore above every
// id turns on descending order (as the client's EventsWindow does).
const newestCursor = math.MaxInt64

// Sync brings the store's copy of the log up to date with the API through c,
// and back to since (the zero time: the log's first row). The client must
// call the account's base URL (checked) with the account's token (which
// the store cannot check: it keeps only the fingerprint).
//
// The first sync of a log fetches the window [since, now): the Web API Log
// and the Events Log newest first (EndingBefore paging, pages of 1000 and
// 100), the Object Log forward from its first entry (the API pages it only
// forward, so every entry before since crosses the wire anyway and is kept).
// When the client pages in parallel ([cryptolens.Client.Parallel] above 1,
// the default), the first sync of the Web API Log pages [since, now) as
// [cryptolens.Client.WebAPILogBatches] does instead, committing each batch
// in ascending id order.
// Later syncs fetch only the rows newer than the newest held (StartingAfter
// from the top of the coverage, one request when nothing is new) and, when
// since reaches further back than the coverage, the older rows from the
// lowest covered id back to since. No covered range is fetched twice.
//
// Every page is committed in one transaction with the coverage it proves, so
// a sync that is killed or fails leaves a store that is correct and that the
// next sync completes. Rows are immutable: one already held is not written
// again.
func (a *Account) Sync(ctx context.Context, c *cryptolens.Client, l Log, since time.Time) (SyncStats, error) {
	if c == nil {
		return SyncStats{Log: l}, fmt.Errorf("store: sync %s: nil client", l)
	}
	if got := normalizeBaseURL(c.BaseURL()); got != a.baseURL {
		return SyncStats{Log: l}, fmt.Errorf("store: sync %s: the client calls %s but the account is of %s", l, got, a.baseURL)
	}
	switch l {
	case WebLog:
		return runSync(ctx, a, webLogTable, webLogPager(c), since)
	case Events:
		return runSync(ctx, a, eventsTable, eventsPager(c), since)
	case ObjectLog:
		return runSync(ctx, a, objectLogTable, objectLogPager(c), since)
	}
	_, err := ParseLog(string(l))
	return SyncStats{Log: l}, err
}

// SyncAll syncs the three logs in the order of [Logs], stopping at the
// first error, and returns the stats of each log it synced.
func (a *Account) SyncAll(ctx context.Context, c *cryptolens.Client, since time.Time) ([]SyncStats, error) {
	var all []SyncStats
	for _, l := range Logs() {
		st, err := a.Sync(ctx, c, l, since)
		all = append(all, st)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

func webLogPager(c *cryptolens.Client) pager[cryptolens.WebAPILog] {
	var window windowWalk[cryptolens.WebAPILog]
	if c.Parallel() > 1 {
		window = func(ctx context.Context, since time.Time, bounds func(cryptolens.WindowBounds)) iter.Seq2[cryptolens.IDBatch[cryptolens.WebAPILog], error] {
			return c.WebAPILogBatches(ctx, cryptolens.WebAPILogFilter{}, cryptolens.Window{Since: since}, bounds)
		}
	}
	return pager[cryptolens.WebAPILog]{
		window: window,
		older: func(ctx context.Context, before int64) ([]cryptolens.WebAPILog, error) {
			return c.GetWebAPILog(ctx, cryptolens.WebAPILogQuery{Limit: cryptolens.MaxWebAPILogLimit,
				EndingBefore: before, OrderBy: "Id descending"})
		},
		newer: func(ctx context.Context, after int64) ([]cryptolens.WebAPILog, error) {
			return c.GetWebAPILog(ctx, cryptolens.WebAPILogQuery{Limit: cryptolens.MaxWebAPILogLimit,
				StartingAfter: after})
		},
	}
}

func eventsPager(c *cryptolens.Client) pager[cryptolens.Event] {
	return pager[cryptolens.Event]{
		older: func(ctx context.Context, before int64) ([]cryptolens.Event, error) {
			if before == 0 {
				before = newestCursor
			}
			return c.GetEvents(ctx, cryptolens.EventsQuery{Limit: cryptolens.MaxEventsLimit, EndingBefore: before})
		},
		newer: func(ctx context.Context, after int64) ([]cryptolens.Event, error) {
			return c.GetEvents(ctx, cryptolens.EventsQuery{Limit: cryptolens.MaxEventsLimit, StartingAfter: after})
		},
	}
}

func objectLogPager(c *cryptolens.Client) pager[cryptolens.ObjectLogEntry] {
	return pager[cryptolens.ObjectLogEntry]{
		newer: func(ctx context.Context, after int64) ([]cryptolens.ObjectLogEntry, error) {
			return c.GetObjectLog(ctx, cryptolens.ObjectLogQuery{Limit: cryptolens.MaxObjectLogLimit, StartingAfter: after})
		},
	}
}
