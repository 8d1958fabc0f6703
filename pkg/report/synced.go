package report

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/lensbook/lensbook/pkg/store"
)

// Synced is what [Session.Sync] did, one entry per log it synced. Printed,
// it is one line per log saying how many of the window's rows the store
// holds, such as
//
//	Web API Log, 2 Oct – 31 Oct 2026 (30 days, UTC), all products: 24,159 requests
//
// which is the same on every run over the same data and window: what the
// sync downloaded, which is not, stays in Stats, off the page.
type Synced []LogSynced

// LogSynced is one log's entry in [Synced].
type LogSynced struct {
	Log  store.Log
	Rows int // the window's rows in the store, for the session's product and key (the Object Log has neither)
	// Stats is what this sync fetched: requests, rows received and new
	// (zero in offline mode). It differs from run to run, so String leaves
	// it out.
	Stats store.SyncStats
	// Of is the window the rows are counted in, as String writes it:
	// [Session.String], or [Session.Period] for the Object Log, which has no
	// product.
	Of string
}

// logWords are the name and the row noun each log's line uses.
var logWords = map[store.Log][2]string{
	store.WebAPILog: {"Web API Log", "requests"},
	store.Events:    {"Events Log", "events"},
	store.ObjectLog: {"Object Log", "changes"},
}

// counts writes row counts as the pages' tables and headlines do, with
// thousands separators ("24,159").
var counts = message.NewPrinter(language.English)

// String is the log's line: "Web API Log, <window>: 24,159 requests".
func (l LogSynced) String() string {
	w, ok := logWords[l.Log]
	if !ok {
		w = [2]string{l.Log.String(), "rows"}
	}
	return fmt.Sprintf("%s, %s: %s %s", w[0], l.Of, counts.Sprint(l.Rows), w[1])
}

// String is one line per log, in the order they were synced.
func (s Synced) String() string {
	lines := make([]string, len(s))
	for i, l := range s {
		lines[i] = l.String()
	}
	return strings.Join(lines, "\n")
}

// synced counts the window's rows of each log in the store (a COUNT over
// its time index, no rows read) for the lines of [Synced].
func (s *Session) synced(ctx context.Context, acc *store.Account, logs []store.Log, stats []store.SyncStats) (Synced, error) {
	out := make(Synced, len(logs))
	for i, l := range logs {
		f, of := s.filter(), s.String()
		if l == store.ObjectLog {
			f, of = store.Filter{}, s.Period()
		}
		n, err := acc.Count(ctx, l, s.Window, f)
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		out[i] = LogSynced{Log: l, Rows: n, Of: of}
		if i < len(stats) {
			out[i].Stats = stats[i]
		}
	}
	return out, nil
}
