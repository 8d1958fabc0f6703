package store

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// windowWalk pages the id range of [since, now) in parallel and yields it
// in ascending batches; see [cryptolens.Client.WebAPILogBatches].
type windowWalk[R any] func(ctx context.Context, since time.Time, bounds func(cryptolens.WindowBounds)) iter.Seq2[cryptolens.IDBatch[R], error]

// parallelFirst is the first sync of a log the client pages in parallel:
// the batches of [since, now) arrive in ascending id order, and each is
// committed with the coverage it proves, in one transaction, so that a
// sync that stops half-way leaves a correct store. Every batch touches the
// one before, so the store always holds one span from the window's start.
//
// The proofs rely on ids growing with time, as the walk does: the rows
// below bounds.From are before since, and those from it up to a batch's
// last row hold every row before that row's time; the last commit claims
// up to the moment the walk started (no row above bounds.To existed then).
func (s *syncer[R]) parallelFirst(ctx context.Context, since int64) error {
	started := s.st.now().Unix()
	var w time.Time
	if since != fromStart {
		w = time.Unix(since, 0).UTC()
	}
	var b cryptolens.WindowBounds
	lo, sinceClaim := int64(0), int64(fromStart)
	empty := false
	for batch, err := range s.p.window(ctx, w, func(wb cryptolens.WindowBounds) {
		b = wb
		if !wb.FromStart {
			lo, sinceClaim = wb.From, since
		}
		empty = wb.From >= wb.To
		s.stats.Requests += wb.Requests
	}) {
		if err != nil {
			return fmt.Errorf("fetch rows from id %d: %w", lo, err)
		}
		s.stats.Requests += batch.Requests
		s.stats.RowsFetched += len(batch.Rows)
		proof := span{lo: lo, hi: batch.To - 1, since: sinceClaim, until: noUntil}
		if n := len(batch.Rows); n > 0 {
			proof.until = s.t.time(&batch.Rows[n-1]).Unix()
		}
		if _, err := s.commit(ctx, batch.Rows, proof); err != nil {
			return err
		}
	}
	if empty {
		// Nothing in the window: the sequential walk proves that from the
		// newest page.
		_, err := s.backward(ctx, 0, since)
		return err
	}
	_, err := s.commit(ctx, nil, span{lo: lo, hi: max(b.To-1, lo), since: sinceClaim, until: started})
	return err
}
