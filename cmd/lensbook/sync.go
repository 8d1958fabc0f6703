package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/timespec"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

const syncUsage = `[weblog|events|objectlog|all] [--since T] [--as-of T] [--parallel N]

Brings the local store up to date: the first sync of a log fetches [since, now),
later ones only what is new, and what lies between since and the oldest row held.
T is an RFC 3339 time, a date, start (the log's first row) or a span back from
the as-of instant (30d): --as-of, else $LENSBOOK_AS_OF, else now.`

func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sync", syncUsage, stderr)
	sinceFlag := fs.String("since", "30d", "sync back to this time: RFC 3339 time, date, start (the log's first row), or a span back from the as-of instant such as 30d")
	var asOfFlag string
	registerAsOf(fs, &asOfFlag)
	parallel := parallelFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	logs := store.Logs()
	switch {
	case len(pos) > 1:
		return usagef("want at most one log: weblog, events, objectlog or all")
	case len(pos) == 1 && pos[0] != "all":
		l, err := store.ParseLog(pos[0])
		if err != nil {
			return usagef("%v", err)
		}
		logs = []store.Log{l}
	}
	now := time.Now()
	ref, pinned, err := pinnedAsOf(asOfFlag, now)
	if err != nil {
		return err
	}
	if !pinned {
		// Whole seconds: the sync's claims end at a whole second no earlier
		// than ref, so the default window of export and fetch --offline
		// (30 days before that claim) lies inside what this sync fetched.
		ref = now.Truncate(time.Second)
	}
	var since time.Time
	if *sinceFlag != sinceStart {
		if since, err = timespec.Parse(*sinceFlag, ref); err != nil {
			return usagef("--since: %v", err)
		}
	}
	a, err := account.Load()
	if err != nil {
		return err
	}
	var progress io.Writer
	if isTerminal(stderr) {
		progress = stderr
	}
	st, acc, err := a.OpenStore(withProgress(progress, cryptolens.WithParallel(*parallel))...)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stderr, "lensbook sync: %s into %s\n", a.Credentials, st.Path())
	for _, l := range logs {
		stats, err := acc.Sync(ctx, l, since)
		if progress != nil {
			fmt.Fprintln(progress)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", l, err)
		}
		fmt.Fprintf(stdout, "%-9s %d requests, %d rows fetched, %d new, %s\n", l, stats.Requests,
			stats.RowsFetched, stats.RowsNew, stats.Duration.Round(time.Millisecond))
	}
	return nil
}
