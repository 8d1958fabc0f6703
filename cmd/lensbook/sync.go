package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
	"github.com/lensbook/lensbook/pkg/timespec"
)

const syncUsage = `[weblog|events|objectlog|all] [--since T] [--parallel N]

Brings the local store up to date: the first sync of a log fetches [since, now),
later ones only what is new, and what lies between since and the oldest row held.`

func errNotCovered(l store.Log, w cryptolens.Window) error {
	return fmt.Errorf("the local store does not hold all of the %s from %s to %s: run `lensbook sync %s --since %s` first",
		l, fmtTime(w.Since), fmtTime(w.Until), l, fmtTime(w.Since))
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "the start"
	}
	return t.Format(time.RFC3339)
}

func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sync", syncUsage, stderr)
	sinceFlag := fs.String("since", "30d", "sync back to this time: RFC 3339 time, date, or span back from now such as 30d")
	parallel := parallelFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := checkParallel(*parallel); err != nil {
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
	since, err := timespec.Parse(*sinceFlag, time.Now())
	if err != nil {
		return usagef("--since: %v", err)
	}
	st, acc, creds, err := openAccount()
	if err != nil {
		return err
	}
	defer st.Close()
	var progress io.Writer
	if isTerminal(stderr) {
		progress = stderr
	}
	c, _, err := newClient(progress, cryptolens.WithParallel(*parallel))
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "lensbook sync: %s into %s\n", creds, st.Path())
	for _, l := range logs {
		stats, err := acc.Sync(ctx, c, l, since)
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
