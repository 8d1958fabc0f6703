package store

import (
	"context"
	"fmt"
	"time"
)

// SyncStats tells what one [Account.Sync] did.
type SyncStats struct {
	Log         Log
	Requests    int // pages requested: API calls, not counting the client's retries
	RowsFetched int // rows received
	RowsNew     int // rows the store did not hold before
	Duration    time.Duration
}

// pager fetches pages of one log, checked by the client
// ([cryptolens.Pages]). older returns the rows with ids below before,
// newest first (before 0: the newest rows); it is nil for a log the API
// pages only forward. newer returns the rows with ids above after, oldest
// first (after 0: from the first row).
type pager[R any] struct {
	older func(ctx context.Context, before int64) ([]R, error)
	newer func(ctx context.Context, after int64) ([]R, error)
	// window, when set, pages a first sync in parallel (parallel.go).
	window windowWalk[R]
}

// syncer runs one sync of one log.
type syncer[R any] struct {
	st      *Store
	account int64
	t       *table[R]
	p       pager[R]
	w       *pageWriter[R]
	stats   SyncStats
}

// runSync brings the log's coverage up to now and back to since (zero: the
// log's first row). See [Account.Sync].
func runSync[R any](ctx context.Context, a *Account, t *table[R], p pager[R], since time.Time) (SyncStats, error) {
	start := time.Now()
	s := &syncer[R]{st: a.st, t: t, p: p, stats: SyncStats{Log: t.log}}
	if a.st.ro {
		return s.stats, fmt.Errorf("store: sync %s: %s is read-only here: a sync needs to write it and its folder (reading it works: lensbook export, fetch --offline, LENSBOOK_OFFLINE=1)", t.log, a.st.path)
	}
	unlock, err := a.st.lockSyncs(ctx)
	if err == nil {
		err = s.run(ctx, a, sinceSeconds(since))
		unlock()
	}
	s.stats.Duration = time.Since(start)
	if err != nil {
		return s.stats, fmt.Errorf("store: sync %s: %w", t.log, a.st.explain(err))
	}
	return s.stats, nil
}

// sinceSeconds is the earliest whole second a window starting at since
// holds; fromStart for the zero time.
func sinceSeconds(since time.Time) int64 {
	if since.IsZero() {
		return fromStart
	}
	sec := since.Unix()
	if since.Nanosecond() != 0 {
		sec++
	}
	return sec
}

func (s *syncer[R]) run(ctx context.Context, a *Account, since int64) error {
	var err error
	if s.account, err = a.rowID(ctx, true); err != nil {
		return err
	}
	if s.w, err = newPageWriter(s.st.path, s.t, s.account); err != nil {
		return err
	}
	defer s.w.close()
	spans, err := loadSpans(ctx, s.st.db, s.account, s.t.log)
	if err != nil {
		return err
	}
	if len(spans) == 0 {
		if s.p.window != nil {
			return s.parallelFirst(ctx, since)
		}
		if s.p.older == nil {
			_, err = s.forward(ctx, 0)
			return err
		}
		_, err = s.backward(ctx, 0, since)
		return err
	}
	top, err := s.forward(ctx, spans[len(spans)-1].hi)
	if err != nil || s.p.older == nil || top.since <= since || top.lo == 0 {
		return err
	}
	_, err = s.backward(ctx, top.lo, since)
	return err
}

// fetch asks get for the page on one side (after or before) of cursor
// and counts it; reqStart is a moment no later than the request left.
func (s *syncer[R]) fetch(ctx context.Context, get func(context.Context, int64) ([]R, error), side string, cursor int64) (rows []R, reqStart time.Time, err error) {
	reqStart = s.st.now()
	rows, err = get(ctx, cursor)
	s.stats.Requests++
	if err != nil {
		return nil, reqStart, fmt.Errorf("fetch rows %s id %d: %w", side, cursor, err)
	}
	s.stats.RowsFetched += len(rows)
	return rows, reqStart, nil
}

// forward fetches the rows above cursor, page by page, until a page comes
// back empty, and returns the span that then holds cursor.
func (s *syncer[R]) forward(ctx context.Context, cursor int64) (span, error) {
	for {
		rows, reqStart, err := s.fetch(ctx, s.p.newer, "after", cursor)
		if err != nil {
			return span{}, err
		}
		proof := span{lo: cursor + 1, hi: cursor, since: noSince, until: noUntil}
		if cursor == 0 {
			proof.lo, proof.since = 0, fromStart
		}
		if len(rows) == 0 {
			// Nothing above cursor existed when the request left.
			proof.until = reqStart.Unix()
			return s.commit(ctx, nil, proof)
		}
		last := &rows[len(rows)-1]
		proof.hi, proof.until = s.t.id(last), s.t.time(last).Unix()
		merged, err := s.commit(ctx, rows, proof)
		if err != nil {
			return span{}, err
		}
		cursor = merged.hi
	}
}

// backward fetches the rows below before, newest first, page by page, until
// it holds a row older than since or reaches the log's first row, and
// returns the span that then holds before-1.
func (s *syncer[R]) backward(ctx context.Context, before, since int64) (span, error) {
	for {
		rows, reqStart, err := s.fetch(ctx, s.p.older, "before", before)
		if err != nil {
			return span{}, err
		}
		proof := span{lo: 0, hi: before - 1, since: fromStart, until: noUntil}
		if before == 0 {
			// The first page is the newest: nothing newer existed when the
			// request left.
			proof.hi, proof.until = 0, reqStart.Unix()
		}
		if len(rows) == 0 {
			return s.commit(ctx, nil, proof)
		}
		oldest := &rows[len(rows)-1]
		// Rows older than oldest's second may share its second and lie below
		// it, so the time claim starts one second later.
		proof.lo, proof.since = s.t.id(oldest), s.t.time(oldest).Unix()+1
		if before == 0 {
			proof.hi = s.t.id(&rows[0])
		}
		merged, err := s.commit(ctx, rows, proof)
		if err != nil {
			return span{}, err
		}
		if merged.since <= since || merged.lo == 0 {
			return merged, nil
		}
		before = merged.lo
	}
}

// commit stores a page and the coverage it proves in one transaction and
// returns the merged span.
func (s *syncer[R]) commit(ctx context.Context, rows []R, proof span) (span, error) {
	added, merged, err := s.w.write(ctx, rows, proof)
	if err != nil {
		return span{}, err
	}
	s.stats.RowsNew += added
	return merged, nil
}
