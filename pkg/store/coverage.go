package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Sentinels of span.since and span.until (unix seconds).
const (
	fromStart = math.MinInt64 // since: from the log's first row
	noSince   = math.MaxInt64 // since: no time claim
	noUntil   = math.MinInt64 // until: no time claim
)

// span is a covered id range [lo, hi] and the time range [since, until)
// whose rows all have ids in it. lo 0 means from the first row. A span with
// lo > hi covers no ids; it only carries a time claim to merge.
type span struct {
	lo, hi       int64
	since, until int64
}

func (s span) empty() bool { return s.lo > s.hi }

// touches reports whether the id ranges overlap or are adjacent, so that
// their union has no id missing.
func (s span) touches(o span) bool { return o.lo <= s.hi+1 && o.hi >= s.lo-1 }

// union merges two spans that touch.
func (s span) union(o span) span {
	switch {
	case s.empty():
		s.lo, s.hi = o.lo, o.hi
	case !o.empty():
		s.lo, s.hi = min(s.lo, o.lo), max(s.hi, o.hi)
	}
	s.since, s.until = min(s.since, o.since), max(s.until, o.until)
	return s
}

// Coverage is one id range of a log that the store holds completely: every
// row the API had with an id in [FromID, ToID] when it was fetched. FromID 0
// means from the log's first row. Every row with a time in Window has an id
// in the range (see the package comment for the assumption behind this); a
// zero Window.Since means from the first row, and a range without a time
// claim has an empty Window (Since equal to Until, not zero).
type Coverage struct {
	Log    Log
	FromID int64
	ToID   int64
	Window cryptolens.Window
}

func (s span) coverage(l Log) Coverage {
	c := Coverage{Log: l, FromID: s.lo, ToID: s.hi}
	if s.since == noSince || s.until == noUntil || s.since >= s.until {
		c.Window = cryptolens.Window{Since: time.Unix(0, 0).UTC(), Until: time.Unix(0, 0).UTC()}
		return c
	}
	if s.since != fromStart {
		c.Window.Since = time.Unix(s.since, 0).UTC()
	}
	c.Window.Until = time.Unix(s.until, 0).UTC()
	return c
}

// Contains reports whether the coverage's window holds all of w; a zero
// w.Until means up to now (the local clock).
func (c Coverage) Contains(w cryptolens.Window) bool {
	if c.Window.Until.IsZero() || c.Window.Since.Equal(c.Window.Until) {
		return false
	}
	if !c.Window.Since.IsZero() && (w.Since.IsZero() || w.Since.Before(c.Window.Since)) {
		return false
	}
	until := w.Until
	if until.IsZero() {
		until = time.Now()
	}
	return !until.After(c.Window.Until)
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// The statements that read and update a log's coverage.
const (
	loadSpansSQL = `SELECT lo_id, hi_id, since, until FROM coverage
		WHERE account = ? AND log = ? ORDER BY lo_id`
	deleteSpanSQL = `DELETE FROM coverage WHERE account = ? AND log = ? AND lo_id = ?`
	insertSpanSQL = `INSERT INTO coverage (account, log, lo_id, hi_id, since, until)
		VALUES (?, ?, ?, ?, ?, ?)`
)

// loadSpans returns an account's spans of a log, ascending by id.
func loadSpans(ctx context.Context, q querier, account int64, l Log) ([]span, error) {
	rows, err := q.QueryContext(ctx, loadSpansSQL, account, string(l))
	if err != nil {
		return nil, fmt.Errorf("read coverage of %s: %w", l, err)
	}
	defer rows.Close()
	var spans []span
	for rows.Next() {
		var s span
		if err := rows.Scan(&s.lo, &s.hi, &s.since, &s.until); err != nil {
			return nil, fmt.Errorf("read coverage of %s: %w", l, err)
		}
		spans = append(spans, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read coverage of %s: %w", l, err)
	}
	return spans, nil
}
