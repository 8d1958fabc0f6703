package store

import (
	"context"
	"iter"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Sync brings the store's copy of the log up to date with the API, through
// the account's client (see [Store.Account]), and back to since (the zero
// time: the log's first row). Pages come through the client's
// [cryptolens.Pages], which checks their order and cursors; the store
// chooses each cursor from what it holds.
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
func (a *Account) Sync(ctx context.Context, l Log, since time.Time) (SyncStats, error) {
	c := a.client
	switch l {
	case WebAPILog:
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
func (a *Account) SyncAll(ctx context.Context, since time.Time) ([]SyncStats, error) {
	var all []SyncStats
	for _, l := range Logs() {
		st, err := a.Sync(ctx, l, since)
		all = append(all, st)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

func webLogPager(c *cryptolens.Client) pager[cryptolens.WebAPILog] {
	p := pagerOf(c.WebAPILogPages(cryptolens.WebAPILogFilter{}))
	if c.Parallel() > 1 {
		p.window = func(ctx context.Context, since time.Time, bounds func(cryptolens.WindowBounds)) iter.Seq2[cryptolens.IDBatch[cryptolens.WebAPILog], error] {
			return c.WebAPILogBatches(ctx, cryptolens.WebAPILogFilter{}, cryptolens.Window{Since: since}, bounds)
		}
	}
	return p
}

func eventsPager(c *cryptolens.Client) pager[cryptolens.Event] {
	return pagerOf(c.EventsPages(cryptolens.EventsFilter{}))
}

func objectLogPager(c *cryptolens.Client) pager[cryptolens.ObjectLogEntry] {
	return pagerOf(c.ObjectLogPages())
}

// pagerOf reads whole pages of a log through the client's checked pages.
func pagerOf[R any](p interface {
	Before(context.Context, int64, int) ([]R, error)
	After(context.Context, int64, int) ([]R, error)
	Backward() bool
}) pager[R] {
	pg := pager[R]{newer: func(ctx context.Context, after int64) ([]R, error) { return p.After(ctx, after, 0) }}
	if p.Backward() {
		pg.older = func(ctx context.Context, before int64) ([]R, error) { return p.Before(ctx, before, 0) }
	}
	return pg
}
