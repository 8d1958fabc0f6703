package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Account is one account's part of a store: the rows and coverage of one
// base URL and access token, bound to the client that reads that account,
// through which it syncs. Get it from [Store.Account].
type Account struct {
	st          *Store
	client      *cryptolens.Client
	fingerprint string

	mu sync.Mutex
	id int64 // the accounts row id once known, 0 before
}

// Account returns the handle of the account that c reads: the rows and
// coverage of c's base URL and access token, which the store keys by their
// [cryptolens.Fingerprint] (it keeps nothing else of them). The handle's
// syncs call the API through c, so the rows of one account cannot be
// synced into another's. It panics on a nil client.
func (s *Store) Account(c *cryptolens.Client) *Account {
	if c == nil {
		panic("store: Account: nil client")
	}
	return &Account{st: s, client: c, fingerprint: c.Fingerprint()}
}

// Fingerprint returns the account's key in the store (see [Fingerprint]).
func (a *Account) Fingerprint() string { return a.fingerprint }

// rowID returns the account's row id. With create, it inserts the account
// row if missing; without, it returns 0 for an account the file lacks.
func (a *Account) rowID(ctx context.Context, create bool) (int64, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.id != 0 {
		return a.id, nil
	}
	err := a.st.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE fingerprint = ?`, a.fingerprint).Scan(&a.id)
	if errors.Is(err, sql.ErrNoRows) && create {
		_, err = a.st.db.ExecContext(ctx, `INSERT OR IGNORE INTO accounts (fingerprint) VALUES (?)`, a.fingerprint)
		if err == nil {
			err = a.st.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE fingerprint = ?`, a.fingerprint).Scan(&a.id)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: account %s: %w", a.fingerprint, a.st.explain(err))
	}
	return a.id, nil
}

// Coverage returns the ranges of the log that the store holds completely,
// ascending by id; none before the first sync.
func (a *Account) Coverage(ctx context.Context, l Log) ([]Coverage, error) {
	if _, err := ParseLog(string(l)); err != nil {
		return nil, err
	}
	id, err := a.rowID(ctx, false)
	if err != nil || id == 0 {
		return nil, err
	}
	spans, err := loadSpans(ctx, a.st.db, id, l)
	if err != nil {
		return nil, fmt.Errorf("store: %w", a.st.explain(err))
	}
	out := make([]Coverage, len(spans))
	for i, s := range spans {
		out[i] = s.coverage(l)
	}
	return out, nil
}

// Covered reports whether the store holds every row of the log with a time
// in w, so that a reader working offline can trust a read of w. A zero
// w.Until means up to now, which only a sync of the last moments covers.
func (a *Account) Covered(ctx context.Context, l Log, w cryptolens.Window) (bool, error) {
	cov, err := a.Coverage(ctx, l)
	if err != nil {
		return false, err
	}
	for _, c := range cov {
		if c.Contains(w) {
			return true, nil
		}
	}
	return false, nil
}

// Synced returns the newest complete copy of the log that the store holds:
// the covered range that reaches furthest in time, as of its last sync.
// Its Window.Until is the instant of that sync (every row the API had
// before it is held), and its Window.Since how far back it reaches. ok is
// false when the log was never synced.
func (a *Account) Synced(ctx context.Context, l Log) (c Coverage, ok bool, err error) {
	cov, err := a.Coverage(ctx, l)
	if err != nil {
		return Coverage{}, false, err
	}
	for _, x := range cov {
		if x.Window.Since.Equal(x.Window.Until) {
			continue // no time claim
		}
		if !ok || x.Window.Until.After(c.Window.Until) {
			c, ok = x, true
		}
	}
	return c, ok, nil
}
