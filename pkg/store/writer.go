package store

import (
	"context"
	"fmt"
	"slices"
)

// pageWriter commits the pages of one sync of one log of one account, each
// page's rows with the coverage they prove in one transaction, through its
// own connection to the store file (see sqliteConn), with every statement
// prepared once for the whole sync.
type pageWriter[R any] struct {
	c       *sqliteConn
	t       *table[R]
	account int64
	log     Log
	inserts []*sqliteStmt // insertSizes[i] rows each
	begin, commit, rollback,
	loadSpans, deleteSpan, insertSpan *sqliteStmt
}

// writePragmas set up a sync's connection as [Open] sets up the store's
// own, but with foreign keys unchecked: a sync writes only its own account,
// whose row it has read, and no code deletes accounts.
var writePragmas = fmt.Sprintf(`PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;
		PRAGMA mmap_size = %d; PRAGMA cache_size = %d`, mmapSize, cacheSize)

// newPageWriter opens a connection to the store file and prepares the
// account's statements for table t on it.
func newPageWriter[R any](path string, t *table[R], account int64) (*pageWriter[R], error) {
	c, err := openSQLiteConn(path, openReadWrite, writePragmas)
	if err != nil {
		return nil, fmt.Errorf("open %s for the sync: %w", path, err)
	}
	w := &pageWriter[R]{c: c, t: t, account: account, log: t.log}
	for _, p := range []struct {
		stmt **sqliteStmt
		sql  string
	}{
		{&w.begin, "BEGIN IMMEDIATE"},
		{&w.commit, "COMMIT"},
		{&w.rollback, "ROLLBACK"},
		{&w.loadSpans, loadSpansSQL},
		{&w.deleteSpan, deleteSpanSQL},
		{&w.insertSpan, insertSpanSQL},
	} {
		if *p.stmt, err = c.prepare(p.sql); err != nil {
			w.close()
			return nil, err
		}
	}
	for _, n := range insertSizes {
		s, err := c.prepare(t.insertSQL(n, account))
		if err != nil {
			w.close()
			return nil, err
		}
		w.inserts = append(w.inserts, s)
	}
	return w, nil
}

// close finalizes the statements and closes the connection.
func (w *pageWriter[R]) close() {
	for _, s := range append(w.inserts, w.begin, w.commit, w.rollback, w.loadSpans, w.deleteSpan, w.insertSpan) {
		s.finalize()
	}
	w.c.close()
}

// write stores rows (any order; it may reorder them) and the coverage proof
// they prove in one transaction, and returns how many rows were new and
// the merged span.
func (w *pageWriter[R]) write(ctx context.Context, rows []R, proof span) (added int, merged span, err error) {
	if err := ctx.Err(); err != nil {
		return 0, span{}, err
	}
	if err := w.begin.run(); err != nil {
		return 0, span{}, fmt.Errorf("begin page transaction: %w", err)
	}
	defer func() {
		if err != nil {
			w.rollback.run() //nolint:errcheck // the error that made it roll back says more
		}
	}()
	if added, err = w.insert(ctx, rows); err != nil {
		return 0, span{}, err
	}
	if merged, err = w.merge(proof); err != nil {
		return 0, span{}, err
	}
	if err := w.commit.run(); err != nil {
		return 0, span{}, fmt.Errorf("commit page: %w", err)
	}
	return added, merged, nil
}

// insert inserts rows that are not held yet, in multi-row INSERTs of the
// largest of insertSizes that fits, and returns how many were new.
func (w *pageWriter[R]) insert(ctx context.Context, rows []R) (int, error) {
	if len(rows) > 1 && w.t.id(&rows[0]) > w.t.id(&rows[1]) {
		// Ascending inserts fill the b-tree pages about twice as densely.
		slices.Reverse(rows)
	}
	added := 0
	for len(rows) > 0 {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		k := 0
		for insertSizes[k] > len(rows) {
			k++
		}
		n := insertSizes[k]
		b := rowBinder{s: w.inserts[k], next: 1}
		for i := range n {
			w.t.bind(&rows[i], &b)
		}
		err := b.err
		if err == nil {
			err = b.s.run()
		}
		if err != nil {
			return 0, fmt.Errorf("store rows from id %d: %w", w.t.id(&rows[0]), err)
		}
		added += w.c.changes()
		rows = rows[n:]
	}
	return added, nil
}

// rowBinder binds the values of rows to a multi-row INSERT, parameter after
// parameter, keeping the first error.
type rowBinder struct {
	s    *sqliteStmt
	next int
	err  error
}

func (b *rowBinder) int64(v int64) {
	if err := b.s.bindInt64(b.next, v); err != nil && b.err == nil {
		b.err = err
	}
	b.next++
}

func (b *rowBinder) text(v string) {
	if err := b.s.bindText(b.next, v); err != nil && b.err == nil {
		b.err = err
	}
	b.next++
}

// merge adds the proof p to the coverage inside the open transaction,
// merging every span it touches, and returns the merged span. A proof that
// covers no ids and touches nothing changes nothing.
func (w *pageWriter[R]) merge(p span) (span, error) {
	spans, err := w.spans()
	if err != nil {
		return span{}, err
	}
	merged, touched := p, false
	for _, s := range spans {
		if !p.touches(s) {
			continue
		}
		touched = true
		merged = merged.union(s)
		if err := w.bindSpanKey(w.deleteSpan, s.lo); err != nil {
			return span{}, err
		}
		if err := w.deleteSpan.run(); err != nil {
			return span{}, fmt.Errorf("update coverage of %s: %w", w.log, err)
		}
	}
	if merged.empty() && !touched {
		return merged, nil
	}
	s := w.insertSpan
	err = w.bindSpanKey(s, merged.lo)
	for i, v := range []int64{merged.hi, merged.since, merged.until} {
		if err == nil {
			err = s.bindInt64(4+i, v)
		}
	}
	if err == nil {
		err = s.run()
	}
	if err != nil {
		return span{}, fmt.Errorf("update coverage of %s: %w", w.log, err)
	}
	return merged, nil
}

// bindSpanKey binds the account, log and (unless a statement has only two
// parameters) lo_id of a coverage statement.
func (w *pageWriter[R]) bindSpanKey(s *sqliteStmt, lo int64) error {
	err := s.bindInt64(1, w.account)
	if err == nil {
		err = s.bindText(2, string(w.log))
	}
	if err == nil && s != w.loadSpans {
		err = s.bindInt64(3, lo)
	}
	return err
}

// spans reads the coverage of the writer's log, ascending by id.
func (w *pageWriter[R]) spans() ([]span, error) {
	s := w.loadSpans
	if err := w.bindSpanKey(s, 0); err != nil {
		return nil, fmt.Errorf("read coverage of %s: %w", w.log, err)
	}
	defer s.reset()
	var spans []span
	for {
		row, err := s.step()
		if err != nil {
			return nil, fmt.Errorf("read coverage of %s: %w", w.log, err)
		}
		if !row {
			return spans, nil
		}
		spans = append(spans, span{lo: s.columnInt64(0), hi: s.columnInt64(1), since: s.columnInt64(2), until: s.columnInt64(3)})
	}
}
