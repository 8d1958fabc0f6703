package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

const fetchUsage = `weblog|events|objectlog [--since T] [--until T] [--as-of T] [--product N] [--key K] [--states 2010,2024] [--format csv|jsonl] [--out FILE] [--offline] [--parallel N]

T is an RFC 3339 time, a date (UTC midnight) or a span back from the as-of
instant (30d, 12h): --as-of, else $LENSBOOK_AS_OF, else now; with --offline,
else the moment of the store's last sync, and the window ends there.
Rows with since <= time < until are written in ascending id order.`

type fetchOptions struct {
	log      string
	window   windowFlags
	weblog   cryptolens.WebAPILogFilter
	events   cryptolens.EventsFilter
	format   export.Format
	out      string
	offline  bool
	parallel int       // requests in flight; 0: the walk's choice
	progress io.Writer // nil: no progress line
	summary  io.Writer // the final line (rows, log, where); nil: none
	cmd      string    // "fetch" or "export", for the summary line
}

func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("fetch", fetchUsage, stderr)
	var wf windowFlags
	wf.register(fs, "30d")
	product := fs.Int("product", 0, "only this product id")
	key := fs.String("key", "", "only this license key (needs --product for the Web API Log)")
	machine := fs.String("machine-code", "", "Web API Log: only this machine code (exact)")
	friendly := fs.String("friendly-name", "", "Web API Log: friendly names containing this text (case-insensitive)")
	states := fs.String("states", "", "Web API Log: only these state codes, comma-separated (2010,2024)")
	format := fs.String("format", "", "output format: csv or jsonl (default: from --out's extension, else csv)")
	out := fs.String("out", "", "output file (default stdout)")
	offline := fs.Bool("offline", false, "read the local store only; make no request")
	parallel := parallelFlag(fs)
	log, err := parseLogArg(fs, args)
	if err != nil {
		return err
	}
	o := fetchOptions{log: log, out: *out, offline: *offline, window: wf, summary: stderr, cmd: "fetch", parallel: *parallel}
	if err := wf.check(time.Now()); err != nil {
		return err
	}
	if err := checkOutPath(o.out); err != nil {
		return err
	}
	if o.format, err = outputFormat(*format, *out, export.CSV, export.CSV, export.JSONL); err != nil {
		return err
	}
	st, err := parseStates(*states)
	if err != nil {
		return err
	}
	if *product < 0 {
		return usagef("--product %d: want a product id (a positive number), or 0 for every product", *product)
	}
	switch o.log {
	case "weblog":
		o.weblog = cryptolens.WebAPILogFilter{ProductID: *product, Key: *key, MachineCode: *machine, FriendlyName: *friendly, States: st}
	case "events":
		if *machine != "" || *friendly != "" || st != nil {
			return usagef("--machine-code, --friendly-name and --states filter the Web API Log only")
		}
		o.events = cryptolens.EventsFilter{ProductID: *product, Key: *key}
	default: // objectlog
		if *product != 0 || *key != "" || *machine != "" || *friendly != "" || st != nil {
			return usagef("the Object Log has no filters; only --since and --until apply")
		}
	}
	if isTerminal(stderr) {
		o.progress = stderr
	}
	return fetch(ctx, o, stdout)
}

// fetch writes the window's rows of one log, to stdout or to a file written
// whole or not at all (see output), and then the summary line.
func fetch(ctx context.Context, o fetchOptions, stdout io.Writer) (err error) {
	w, err := openOutput(o.out, stdout)
	if err != nil {
		return err
	}
	n := 0
	defer func() {
		if o.progress != nil {
			fmt.Fprintln(o.progress) // end the progress line
		}
		if err = w.finish(err); err == nil {
			writeSummary(o.summary, o.cmd, n, o.log, o.format, w.where())
		}
	}()
	src, win, err := openSource(ctx, o)
	if err != nil {
		return err
	}
	defer src.Close()
	switch o.log {
	case "weblog":
		if api, ok := src.(apiSource); ok { // streamed, in bounded memory
			var werr error
			n, werr = export.WriteAll(w, o.format, api.c.WebAPILogAscending(ctx, o.weblog, win))
			return werr
		}
		rows, err := src.WebAPILog(ctx, o.weblog, win)
		if err != nil {
			return err
		}
		n = len(rows)
		return writeRows(w, o.format, rows, func(r cryptolens.WebAPILog) int64 { return r.ID })
	case "events":
		rows, err := src.Events(ctx, o.events, win)
		if err != nil {
			return err
		}
		n = len(rows)
		return writeRows(w, o.format, rows, func(r cryptolens.Event) int64 { return r.ID })
	default:
		rows, err := src.ObjectLog(ctx, win)
		if err != nil {
			return err
		}
		n = len(rows)
		return writeRows(w, o.format, rows, func(r cryptolens.ObjectLogEntry) int64 { return r.ID })
	}
}

// parseLogArg parses the flags of fetch or export and returns their one
// argument, the log: weblog, events or objectlog.
func parseLogArg(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", usagef("want one log: weblog, events or objectlog")
	}
	switch pos[0] {
	case "weblog", "events", "objectlog":
		return pos[0], nil
	}
	return "", usagef("unknown log %q: want weblog, events or objectlog", pos[0])
}

func writeRows[R export.Record](w io.Writer, f export.Format, rows []R, id func(R) int64) error {
	slices.SortFunc(rows, func(a, b R) int { return int(min(max(id(a)-id(b), -1), 1)) })
	ew, err := export.NewWriter[R](w, f)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := ew.Write(r); err != nil {
			return err
		}
	}
	return ew.Close()
}

// source is where fetch reads rows: the API or the local store.
type source interface {
	// Window resolves the window flags for a read of the log.
	Window(ctx context.Context, w *windowFlags, l store.Log, now time.Time) (cryptolens.Window, error)
	WebAPILog(ctx context.Context, f cryptolens.WebAPILogFilter, w cryptolens.Window) ([]cryptolens.WebAPILog, error)
	Events(ctx context.Context, f cryptolens.EventsFilter, w cryptolens.Window) ([]cryptolens.Event, error)
	ObjectLog(ctx context.Context, w cryptolens.Window) ([]cryptolens.ObjectLogEntry, error)
	Close() error
}

// apiSource reads straight from the API.
type apiSource struct {
	c *cryptolens.Client
}

// apiClient returns the account's client; with progress, it writes a
// line of the rows and pages read so far there after each request.
func apiClient(a *account.Account, progress io.Writer, extra ...cryptolens.Option) (*cryptolens.Client, error) {
	return a.Client(withProgress(progress, extra...)...)
}

// withProgress is extra and, when progress is set, an observer that
// writes a progress line there.
func withProgress(progress io.Writer, extra ...cryptolens.Option) []cryptolens.Option {
	opts := slices.Clone(extra)
	if progress != nil {
		var rows, pages int
		opts = append(opts, cryptolens.WithObserver(func(ri cryptolens.RequestInfo) {
			if ri.Err == nil {
				pages++
				rows += ri.Rows
			}
			fmt.Fprintf(progress, "\r%s: %d rows in %d pages ", ri.Method, rows, pages)
		}))
	}
	return opts
}

// openSource opens where o reads rows (the store with --offline, else the
// API) and resolves o's window there. The caller closes the source.
func openSource(ctx context.Context, o fetchOptions) (source, cryptolens.Window, error) {
	var src source
	var err error
	if o.offline {
		src, err = openStoreSource()
	} else {
		src, err = openAPISource(o.progress, cryptolens.WithParallel(o.parallel))
	}
	if err != nil {
		return nil, cryptolens.Window{}, err
	}
	win, err := src.Window(ctx, &o.window, store.Log(o.log), time.Now())
	if err != nil {
		src.Close()
		return nil, cryptolens.Window{}, err
	}
	return src, win, nil
}

func openAPISource(progress io.Writer, opts ...cryptolens.Option) (source, error) {
	a, err := account.Load()
	if err != nil {
		return nil, err
	}
	c, err := apiClient(a, progress, opts...)
	if err != nil {
		return nil, err
	}
	return apiSource{c}, nil
}

func collect[R any](seq func(yield func(R, error) bool)) ([]R, error) {
	var rows []R
	for r, err := range seq {
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func (a apiSource) WebAPILog(ctx context.Context, f cryptolens.WebAPILogFilter, w cryptolens.Window) ([]cryptolens.WebAPILog, error) {
	return collect(a.c.WebAPILogWindow(ctx, f, w))
}

func (a apiSource) Events(ctx context.Context, f cryptolens.EventsFilter, w cryptolens.Window) ([]cryptolens.Event, error) {
	return collect(a.c.EventsWindow(ctx, f, w))
}

func (a apiSource) ObjectLog(ctx context.Context, w cryptolens.Window) ([]cryptolens.ObjectLogEntry, error) {
	return collect(a.c.ObjectLogWindow(ctx, w))
}

func (a apiSource) Close() error { return nil }

func (a apiSource) Window(_ context.Context, w *windowFlags, _ store.Log, now time.Time) (cryptolens.Window, error) {
	return w.apiWindow(now)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
