package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/timespec"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// envAsOf pins the as-of instant of every command (and of the notebooks
// run by hand: report.EnvAsOf; render passes its instant as the asOf
// parameter).
const envAsOf = report.EnvAsOf

// sinceStart is the --since value that means the log's first row.
const sinceStart = "start"

// windowFlags are the --since, --until and --as-of flags of fetch and
// export. Spans such as 30d count back from the as-of instant, so they mean
// what they mean in the notebooks: --as-of, else $LENSBOOK_AS_OF, else now
// (reading the store: the moment of its last sync).
type windowFlags struct {
	since, until, asOf string
	defaultSince       string // "" in export: all that the store holds
}

func (w *windowFlags) register(fs interface {
	StringVar(p *string, name, value, usage string)
}, defaultSince string) {
	w.defaultSince = defaultSince
	fs.StringVar(&w.since, "since", defaultSince, "start of the window (inclusive): RFC 3339 time, date, span back from the as-of instant such as 30d, or start (the log's first row)")
	fs.StringVar(&w.until, "until", "", "end of the window (exclusive); default the as-of instant")
	registerAsOf(fs, &w.asOf)
}

// registerAsOf adds --as-of.
func registerAsOf(fs interface {
	StringVar(p *string, name, value, usage string)
}, p *string) {
	fs.StringVar(p, "as-of", "", "the instant spans count back from and windows end at: RFC 3339 time, date or span; default $"+envAsOf+", else now (reading the store: its last sync)")
}

// pinnedAsOf returns the as-of instant when --as-of or $LENSBOOK_AS_OF sets
// it; ok is false when neither does.
func pinnedAsOf(flag string, now time.Time) (t time.Time, ok bool, err error) {
	name, v := "--as-of", flag
	if v == "" {
		name, v = envAsOf, os.Getenv(envAsOf)
	}
	if strings.TrimSpace(v) == "" {
		return time.Time{}, false, nil
	}
	if t, err = timespec.Parse(v, now); err != nil {
		return t, false, usagef("%s: %v", name, err)
	}
	return t, true, nil
}

// check parses the flags against now, so that a bad value is a usage error
// before any request.
func (w *windowFlags) check(now time.Time) error {
	ref, _, err := pinnedAsOf(w.asOf, now)
	if err != nil {
		return err
	}
	if ref.IsZero() {
		ref = now
	}
	_, err = w.at(ref, ref)
	return err
}

// at returns the window of the flags, spans counting back from ref and an
// open end meaning end (zero: open).
func (w *windowFlags) at(ref, end time.Time) (cryptolens.Window, error) {
	win := cryptolens.Window{Until: end}
	var err error
	if w.since != "" && w.since != sinceStart {
		if win.Since, err = timespec.Parse(w.since, ref); err != nil {
			return win, usagef("--since: %v", err)
		}
	}
	if w.until != "" {
		if win.Until, err = timespec.Parse(w.until, ref); err != nil {
			return win, usagef("--until: %v", err)
		}
	}
	if !win.Since.IsZero() && !win.Until.IsZero() && !win.Since.Before(win.Until) {
		return win, usagef("--since %s is not before --until %s", win.Since.Format(time.RFC3339), win.Until.Format(time.RFC3339))
	}
	return win, nil
}

// apiWindow is the window of a read from the API: it ends at the as-of
// instant when pinned, else it is open (up to the moment of the request).
func (w *windowFlags) apiWindow(now time.Time) (cryptolens.Window, error) {
	asOf, pinned, err := pinnedAsOf(w.asOf, now)
	if err != nil {
		return cryptolens.Window{}, err
	}
	if !pinned {
		return w.at(now, time.Time{})
	}
	return w.at(asOf, asOf)
}

// storeWindow is the window of a read from the store. A pinned as-of is
// used as it is; an open one means "up to the last sync": spans count back
// from the moment the store last synced the log, and the window ends there.
// Export's default (no --since) is all that the newest sync holds.
func (w *windowFlags) storeWindow(ctx context.Context, acc *store.Account, l store.Log, now time.Time) (cryptolens.Window, error) {
	asOf, pinned, err := pinnedAsOf(w.asOf, now)
	if err != nil {
		return cryptolens.Window{}, err
	}
	synced, ok, err := acc.Synced(ctx, l)
	if err != nil {
		return cryptolens.Window{}, err
	}
	if !pinned {
		if !ok {
			since := w.since
			if since == "" {
				since = sinceStart
			}
			return cryptolens.Window{}, fmt.Errorf("the local store has never synced the %s: run `lensbook sync %s --since %s` first", l, l, since)
		}
		asOf = synced.Window.Until
	}
	win, err := w.at(asOf, asOf)
	if err != nil {
		return win, err
	}
	if w.since == "" && ok {
		win.Since = synced.Window.Since
	}
	return win, nil
}

// errNotCovered says that the store lacks part of w, and the command that
// fills it in.
func errNotCovered(l store.Log, w cryptolens.Window) error {
	if !w.Until.IsZero() && w.Until.After(time.Now()) {
		return fmt.Errorf("the window of the %s ends at %s, which is still to come: no sync can hold it yet; choose an earlier --until or --as-of",
			l, w.Until.Format(time.RFC3339))
	}
	return fmt.Errorf("the local store does not hold all of the %s from %s to %s: run `%s` first",
		l, fmtTime(w.Since), fmtUntil(w.Until), syncCommand(l, w.Since))
}

// syncCommand is the command line that makes the store hold the log from
// since up to now.
func syncCommand(l store.Log, since time.Time) string {
	s := sinceStart
	if !since.IsZero() {
		s = since.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("lensbook sync %s --since %s", l, s)
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "the start"
	}
	return t.UTC().Format(time.RFC3339)
}

func fmtUntil(t time.Time) string {
	if t.IsZero() {
		return "now"
	}
	return t.UTC().Format(time.RFC3339)
}
