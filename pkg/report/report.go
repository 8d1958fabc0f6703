// Package report is what a lensbook notebook imports: it opens the
// configured Cryptolens account (the token comes from the environment or the
// credentials file, never from the notebook), keeps the local store of the
// account up to date, and reads the report's window from it.
//
// GoNB runs every cell as a new program, so a notebook syncs once, in its
// fetch cell, and every later cell reads the store (a few milliseconds) rather
// than the API. Re-running an unchanged report sends one request per log.
//
// Every cell of one run agrees on one as-of instant, the end of the window.
// When asOf is pinned (the asOf parameter, else $LENSBOOK_AS_OF, which
// `lensbook render` always sets) it is that instant. When it is open, it
// means "up to the last sync": the fetch cell's Sync fixes the run's
// instant (the moment up to which the store then holds every row) and
// records it for the kernel, and every later cell's Open reads it back. So a
// run started an hour later syncs the new rows and moves its window, and a
// notebook author cannot make two cells disagree. See [Open] and
// [Session.Sync].
//
//	var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: ""})) // the parameters cell
//	fmt.Println(report.Must(s.Sync(store.WebAPILog)))                                  // the fetch cell
//	web := report.Must(s.WebAPILogFrame())                                             // any later cell
package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/timespec"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// Environment variables read by [Open]. The account's own (the store file,
// offline) are package account's, named here too for notebook authors.
const (
	EnvAsOf    = "LENSBOOK_AS_OF"   // the as-of time when Params.AsOf is empty, for notebooks run by hand (lensbook notebook --demo sets it)
	EnvStore   = account.EnvStore   // the store file; default: the account's file in the user's cache folder
	EnvOffline = account.EnvOffline // "1": Sync only checks that the store covers the window
)

// DefaultDays is the window length when Params.Days is 0.
const DefaultDays = 30

// Params are a report's window and filters. A notebook opens its session
// in its parameters cell, with a composite literal whose values are the
// defaults:
//
//	var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: ""}))
//
// Days, ProductID, AsOf and Key, written so, are the notebook's parameters,
// named days, productID, asOf and key (`lensbook render --param days=7`).
// LookBackDays is not a parameter: it is what the report's computation
// needs (a 7-day average needs the 6 days before the window), so no
// --param can change it (internal/notebook.SessionFields holds the rule).
type Params struct {
	Days      int    // window length in days, ending at AsOf; 0 means DefaultDays
	ProductID int    // 0 means every product
	AsOf      string // end of the window: RFC 3339 time or date; "" means $LENSBOOK_AS_OF, else up to the last sync
	Key       string // one license key, for reports about a key; "" means every key
	// LookBackDays is how many days before the window Sync fetches and
	// WebAPILogWithLookBack reads: the rows a trailing average or a seat held
	// across the window's start needs. 0 means none. It is the report's
	// need, never a parameter.
	LookBackDays int
}

// Session is an open report: its window and the account it reads. It
// opens the account's store once, at its first read, and keeps that one
// handle (see [Session.Close]).
type Session struct {
	Params Params
	AsOf   time.Time
	Window cryptolens.Window // [AsOf - Days, AsOf)

	acc    *account.Account
	pinned bool // AsOf came from the parameters or $LENSBOOK_AS_OF

	mu    sync.Mutex
	st    *store.Store   // nil until the first read
	stAcc *store.Account // the account's handle in st

	framesMu sync.Mutex
	frames   map[string]keptFrame // the last frame of each kind (frames.go)
}

// Open resolves the parameters and opens the account (account.Load). It
// makes no request.
//
// The window ends at the as-of instant: Params.AsOf, else $LENSBOOK_AS_OF,
// else the run's instant: the one the last Sync of this process or of this
// GoNB kernel recorded (see [Session.Sync]), else the moment up to which
// the store holds every log it has synced (the earliest of their last
// syncs), else now (nothing synced yet: a read then fails with the fix).
func Open(p Params) (*Session, error) {
	if p.Days == 0 {
		p.Days = DefaultDays
	}
	if p.Days < 0 {
		return nil, fmt.Errorf("report: days = %d: want a positive number of days", p.Days)
	}
	asOf := p.AsOf
	if asOf == "" {
		asOf = os.Getenv(EnvAsOf)
	}
	now := time.Now().UTC().Truncate(time.Second)
	if asOf != "" {
		t, err := timespec.Parse(asOf, now)
		if err != nil {
			return nil, fmt.Errorf("report: asOf: %w", err)
		}
		now = t
	}
	acc, err := account.Load()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	s := &Session{Params: p, acc: acc, pinned: asOf != ""}
	if !s.pinned {
		if t, ok := recordedInstant(s.runKey()); ok {
			now = t
		} else if t, ok, err := s.lastSync(context.Background(), store.Logs(), false); err != nil {
			return nil, err
		} else if ok {
			now = t
		}
	}
	s.setAsOf(now)
	return s, nil
}

// Close closes the session's store, if a read opened it. A notebook cell
// need not call it: the cell's program ends.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st == nil {
		return nil
	}
	err := s.st.Close()
	s.st, s.stAcc = nil, nil
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// handle returns the account's handle in the session's store, opening the
// store at the first call.
func (s *Session) handle() (*store.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stAcc == nil {
		st, acc, err := s.acc.OpenStore()
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		s.st, s.stAcc = st, acc
	}
	return s.stAcc, nil
}

// runKey names the run's instant of this session's store and account, so
// that two stores or accounts never share one.
func (s *Session) runKey() string {
	sum := sha256.Sum256([]byte(s.acc.StorePath + "\x00" + s.acc.Fingerprint()))
	return hex.EncodeToString(sum[:8])
}

// setAsOf moves the session's window to end at t.
func (s *Session) setAsOf(t time.Time) {
	s.AsOf = t
	s.Window = cryptolens.Window{Since: t.AddDate(0, 0, -s.Params.Days), Until: t}
}

// lastSync returns the moment up to which the store holds every row of the
// logs, as of their last syncs: the earliest of those. With every, ok is
// false when one of the logs was never synced; without, the logs never
// synced are left out, and ok is false when none was. A store file that
// does not exist is not created.
func (s *Session) lastSync(ctx context.Context, logs []store.Log, every bool) (t time.Time, ok bool, err error) {
	if !s.acc.StoreExists() {
		return t, false, nil
	}
	acc, err := s.handle()
	if err != nil {
		return t, false, err
	}
	for _, l := range logs {
		c, synced, err := acc.Synced(ctx, l)
		if err != nil {
			return t, false, fmt.Errorf("report: %w", err)
		}
		switch {
		case !synced && every:
			return time.Time{}, false, nil
		case !synced:
		case !ok || c.Window.Until.Before(t):
			t, ok = c.Window.Until, true
		}
	}
	return t, ok, nil
}

// String describes the session's window and product, for captions, such as
// "2 Oct – 31 Oct 2026 (30 days, UTC), all products".
func (s *Session) String() string {
	product := "all products"
	if s.Params.ProductID != 0 {
		product = fmt.Sprintf("product %d", s.Params.ProductID)
	}
	return s.Period() + ", " + product
}

// Period describes the session's window alone, for reports on the Object
// Log, which has no product, in the pages' words (see [timespec.WindowText]):
// "2 Oct – 31 Oct 2026 (30 days, UTC)".
func (s *Session) Period() string {
	return timespec.WindowText(s.Window.Since, s.Window.Until, s.Params.Days)
}

// Sync brings the store's copy of each log up to date and back to the start
// of the window, and returns, per log, how many of the window's rows the
// store then holds: printed, one line per log that does not depend on what
// was new, so a report renders the same whether it was its first run or not
// (see [Synced]). In offline mode (LENSBOOK_OFFLINE=1) it makes no request
// and only checks that the store covers the window.
//
// When the session's as-of is open (no asOf parameter, no $LENSBOOK_AS_OF),
// Sync fixes the run's instant: the moment up to which the store now holds
// every row of the logs (offline: held them at their last sync). It moves
// the session's window to end there and records the instant, in this
// process and for the GoNB kernel, so that every later cell's [Open] ends
// its window at the same instant.
//
// A notebook's fetch cell prints it:
//
//	fmt.Println(report.Must(s.Sync(store.WebAPILog)))
func (s *Session) Sync(logs ...store.Log) (Synced, error) {
	ctx := context.Background()
	if s.acc.Offline {
		if !s.pinned {
			if err := s.fixInstant(ctx, logs); err != nil {
				return nil, err
			}
		}
		acc, err := s.handle()
		if err != nil {
			return nil, err
		}
		for _, l := range logs {
			if err := s.covered(ctx, acc, l); err != nil {
				return nil, err
			}
		}
		return s.synced(ctx, acc, logs, nil)
	}
	since := s.reach().Since
	if !s.pinned {
		// The instant Sync fixes is no earlier than now: the window it
		// moves to (and its look-back) starts no earlier than this.
		since = time.Now().UTC().Truncate(time.Second).AddDate(0, 0, -s.Params.Days-s.Params.LookBackDays)
	}
	acc, err := s.handle()
	if err != nil {
		return nil, err
	}
	var all []store.SyncStats
	for _, l := range logs {
		stats, err := acc.Sync(ctx, l, since)
		if err != nil {
			return nil, fmt.Errorf("report: sync %s: %w", l, err)
		}
		all = append(all, stats)
	}
	if !s.pinned {
		if err := s.fixInstant(ctx, logs); err != nil {
			return nil, err
		}
	}
	return s.synced(ctx, acc, logs, all)
}

// fixInstant moves an open session's window to end where the store's copy
// of every log reaches, and records that instant for the run.
func (s *Session) fixInstant(ctx context.Context, logs []store.Log) error {
	t, ok, err := s.lastSync(ctx, logs, true)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("report: the local store at %s has never synced the %s: run the notebook's fetch cell (Sync) without LENSBOOK_OFFLINE, or `lensbook sync %s --since %dd`",
			s.acc.StorePath, logNames(logs), syncArg(logs), s.Params.Days)
	}
	s.setAsOf(t)
	return recordInstant(s.runKey(), t)
}

// logNames names logs for a message: "weblog and events".
func logNames(logs []store.Log) string {
	out := ""
	for i, l := range logs {
		switch {
		case i == 0:
		case i == len(logs)-1:
			out += " and "
		default:
			out += ", "
		}
		out += l.String()
	}
	return out
}

// syncArg is the log argument of `lensbook sync` for logs.
func syncArg(logs []store.Log) string {
	if len(logs) == 1 {
		return logs[0].String()
	}
	return "all"
}

// reach is the window with the look-back before it.
func (s *Session) reach() cryptolens.Window {
	return cryptolens.Window{Since: s.Window.Since.AddDate(0, 0, -s.Params.LookBackDays), Until: s.Window.Until}
}

func (s *Session) covered(ctx context.Context, acc *store.Account, l store.Log) error {
	ok, err := acc.Covered(ctx, l, s.reach())
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if !ok {
		return fmt.Errorf("report: the local store does not hold the %s for %s: run the notebook's fetch cell (Sync) first, without LENSBOOK_OFFLINE, or `lensbook sync %s --since %s`",
			l, s, l, s.reach().Since.Format(time.RFC3339))
	}
	return nil
}

// read checks that the session's store covers the window and calls f with
// the account's handle in it.
func read[R any](s *Session, l store.Log, f func(context.Context, *store.Account) ([]R, error)) ([]R, error) {
	ctx := context.Background()
	acc, err := s.handle()
	if err != nil {
		return nil, err
	}
	if err := s.covered(ctx, acc, l); err != nil {
		return nil, err
	}
	rows, err := f(ctx, acc)
	if err != nil {
		return nil, fmt.Errorf("report: read %s: %w", l, err)
	}
	return rows, nil
}

// filter is the session's product and key filter.
func (s *Session) filter() store.Filter {
	return store.Filter{ProductID: s.Params.ProductID, Key: s.Params.Key}
}

// WebAPILog returns the window's Web API Log rows from the store, ascending by
// id, for the session's product and key.
func (s *Session) WebAPILog() ([]cryptolens.WebAPILog, error) {
	return read(s, store.WebAPILog, func(ctx context.Context, a *store.Account) ([]cryptolens.WebAPILog, error) {
		return a.WebAPILog(ctx, s.Window, s.filter())
	})
}

// WebAPILogWhere returns the window's Web API Log rows that match f as well as
// the session's product and key.
func (s *Session) WebAPILogWhere(f store.Filter) ([]cryptolens.WebAPILog, error) {
	if f.ProductID == 0 {
		f.ProductID = s.Params.ProductID
	}
	if f.Key == "" {
		f.Key = s.Params.Key
	}
	return read(s, store.WebAPILog, func(ctx context.Context, a *store.Account) ([]cryptolens.WebAPILog, error) {
		return a.WebAPILog(ctx, s.Window, f)
	})
}

// WebAPILogWithLookBack returns the Web API Log rows of the window and of the
// Params.LookBackDays days before it, ascending by id, for the session's
// product and key.
func (s *Session) WebAPILogWithLookBack() ([]cryptolens.WebAPILog, error) {
	return read(s, store.WebAPILog, func(ctx context.Context, a *store.Account) ([]cryptolens.WebAPILog, error) {
		return a.WebAPILog(ctx, s.reach(), s.filter())
	})
}

// WebAPILogHistory returns every Web API Log row the store holds from before
// the window's end, however old, ascending by id, for the session's product
// and key: the store keeps what earlier syncs fetched, so a report that
// looks for what fell silent finds keys last seen before the window.
func (s *Session) WebAPILogHistory() ([]cryptolens.WebAPILog, error) {
	return read(s, store.WebAPILog, func(ctx context.Context, a *store.Account) ([]cryptolens.WebAPILog, error) {
		return a.WebAPILog(ctx, cryptolens.Window{Until: s.Window.Until}, s.filter())
	})
}

// Events returns the window's events from the store, ascending by id.
func (s *Session) Events() ([]cryptolens.Event, error) {
	return read(s, store.Events, func(ctx context.Context, a *store.Account) ([]cryptolens.Event, error) {
		return a.Events(ctx, s.Window, s.filter())
	})
}

// ObjectLog returns the window's Object Log entries from the store,
// ascending by id. The Object Log has no product or key.
func (s *Session) ObjectLog() ([]cryptolens.ObjectLogEntry, error) {
	return read(s, store.ObjectLog, func(ctx context.Context, a *store.Account) ([]cryptolens.ObjectLogEntry, error) {
		return a.ObjectLog(ctx, s.Window)
	})
}

// apiFirst puts the API's refusal (a wrong token, a missing permission, a
// base URL that is not the API root) at the start of err's text, where the
// one-line summary of a failed cell shows it, with the rest after it.
func apiFirst(err error) error {
	var nf *cryptolens.NotFoundError
	var api *cryptolens.APIError
	var lead error
	switch {
	case errors.As(err, &nf):
		lead = nf
	case errors.As(err, &api):
		lead = api
	default:
		return err
	}
	during := strings.TrimSuffix(strings.TrimSuffix(err.Error(), lead.Error()), ": ")
	if during == "" || during == err.Error() {
		return err
	}
	return &leadError{msg: lead.Error() + " [during " + during + "]", err: err}
}

// leadError is an error with its text reordered by apiFirst.
type leadError struct {
	msg string
	err error
}

func (e *leadError) Error() string { return e.msg }
func (e *leadError) Unwrap() error { return e.err }
