package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/printpdf"
	"github.com/lensbook/lensbook/internal/publish"
	"github.com/lensbook/lensbook/internal/timespec"
	"github.com/lensbook/lensbook/pkg/store"
)

const renderUsage = `[NOTEBOOK...] [--out reports] [--param name=value ...] [--jobs N] [--timeout D] [--as-of T] [--offline] [--demo] [--force] [--pdf] [--timings]

Executes the notebooks (default notebooks/*.ipynb; a NOTEBOOK is a .ipynb file
or the name of one in notebooks/, such as most-active-keys) through the GoNB
kernel and writes one self-contained page each, plus index.html, into --out.
A notebook whose source, parameters and data are unchanged since its last
render is skipped; one that fails keeps the page of its last good render, and
its gallery card shows the failure. Every --param is checked against the
parameters cells before anything runs. Every notebook ends its window at one
instant: --as-of, else $LENSBOOK_AS_OF, else the moment the render starts
(with --offline, the store's last sync). With --demo the notebooks read a
local emulator with the demo's pinned data, so the pages come out the same on
every run. With --pdf each page is also printed to a PDF beside it
(OUT/<name>.pdf) through headless Chromium, and the pages and the gallery
link to the PDFs. With --timings, render then prints where the time went:
per notebook, Jupyter's and the kernel's start, each cell's goimports, go
get, build, link and run, the kernel's shutdown and the page, in wall and
CPU seconds, and the render's own wall and CPU time.`

func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("render", renderUsage, stderr)
	out := fs.String("out", "", "folder for the pages and index.html (default: ~/lensbook-reports; reports/ with --demo)")
	var paramFlags multiFlag
	fs.Var(&paramFlags, "param", "set a notebook parameter, name=value (repeatable)")
	jobs := fs.Int("jobs", publish.DefaultJobs, "notebooks executed at once")
	timeout := fs.Duration("timeout", 10*time.Minute, "longest time one notebook may run")
	asOf := fs.String("as-of", "", "end of every report's window: RFC 3339 time, date or span; default $LENSBOOK_AS_OF, else the moment the render starts")
	demo := fs.Bool("demo", false, "read a local emulator with the demo's data instead of the configured account")
	hostile := fs.Bool("hostile", false, "with --demo: seed hostile strings into every user-controlled field")
	force := fs.Bool("force", false, "render every notebook, even unchanged ones")
	offline := fs.Bool("offline", os.Getenv(account.EnvOffline) == "1", "read only the local store (sets LENSBOOK_OFFLINE=1 for the notebooks): no request; without --as-of the reports end at the store's last sync")
	pdf := fs.Bool("pdf", false, "also print every page to a PDF beside it, through headless Chromium")
	timings := fs.Bool("timings", false, "print where the time went: each notebook's start, cells (goimports, go get, build, link, run) and page")
	nbs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if nbs, err = notebooksOrAll(nbs); err != nil {
		return err
	}
	for i, arg := range nbs {
		if nbs[i], err = findNotebook(arg); err != nil {
			return err
		}
	}
	if *jobs < 1 || *timeout <= 0 {
		return usagef("--jobs and --timeout must be positive")
	}
	if *hostile && !*demo {
		return usagef("--hostile needs --demo")
	}
	if *offline && *demo {
		return usagef("--offline reads the configured account's store; --demo serves its own data")
	}
	if *out, err = renderOutDir(*out, *demo); err != nil {
		return err
	}
	params := map[string]string{}
	for _, p := range paramFlags {
		name, value, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return usagef("--param %q: want name=value, such as --param days=7", p)
		}
		if _, dup := params[name]; dup {
			return usagef("--param %s is given twice", name)
		}
		params[name] = value
	}
	// One instant for the whole render, so that every notebook (and every
	// cell of each) ends its window at the same moment: --as-of, else
	// $LENSBOOK_AS_OF, else now (with --offline, the store's last sync).
	// The demo pins its data's end unless --as-of says otherwise. It
	// reaches the notebooks one way: as their asOf parameter.
	var acc *account.Account // the configured account; nil with --demo
	var instant time.Time
	now := time.Now().UTC().Truncate(time.Second)
	if *demo && *asOf == "" {
		instant = emulator.DemoEnd
	} else {
		t, pinned, err := pinnedAsOf(*asOf, now)
		switch {
		case err != nil:
			return err
		case pinned:
			instant = t
		case *offline:
			if acc, err = account.Load(); err != nil {
				return err
			}
			if instant, err = storeInstant(ctx, acc); err != nil {
				return err
			}
		default:
			instant = now
		}
	}
	// Every parameter is parsed and checked against the notebooks once,
	// before anything starts or runs; the plan carries the values to each
	// notebook's run and page.
	plan, err := publish.NewPlan(publish.Options{
		Notebooks: nbs, OutDir: *out, Params: params, AsOf: instant, Jobs: *jobs, Timeout: *timeout,
		Force: *force, Env: map[string]string{}, PDF: *pdf, Timings: *timings,
		Progress: func(r publish.Report) {
			fmt.Fprintf(stderr, "%-32s %-9s %s\n", r.Slug, r.Status, r.Duration.Round(100*time.Millisecond))
		},
	})
	if err != nil {
		return renderPlanError(err)
	}
	opts := &plan.Options
	if *demo {
		stop, err := startDemo(ctx, opts, *hostile, stderr)
		if err != nil {
			return err
		}
		defer stop()
	} else {
		if acc == nil {
			if acc, err = account.Load(); err != nil {
				return err
			}
		}
		acc.Offline = *offline
		if err := configureAccount(ctx, acc, opts); err != nil {
			return err
		}
	}
	renderStart := time.Now()
	sum, err := plan.Render(ctx)
	renderWall := time.Since(renderStart)
	if sum == nil && err != nil {
		return renderPlanError(err)
	}
	if err == nil && *pdf {
		err = printPDFs(ctx, sum, stderr)
	}
	if sum != nil {
		fmt.Fprintln(stdout)
		if werr := sum.WriteText(stdout); werr != nil && err == nil {
			err = werr
		}
		if *timings {
			fmt.Fprintln(stdout)
			if werr := sum.WriteTimings(stdout); werr != nil && err == nil {
				err = werr
			}
			var notebooks time.Duration
			for _, r := range sum.Reports {
				if r.Timings != nil {
					notebooks += r.Timings.CPU
				}
			}
			self := selfCPU()
			fmt.Fprintf(stdout, "\nrender: %.1f s wall, %.1f s CPU (%.1f s lensbook; %.1f s the notebooks' runs), %d jobs, load %s\n",
				renderWall.Seconds(), (self + notebooks).Seconds(), self.Seconds(), notebooks.Seconds(), *jobs, loadAverage())
		}
	}
	if err != nil {
		return err
	}
	return sum.Err()
}

// printPDFs prints every page of the summary that exists to a PDF beside it.
func printPDFs(ctx context.Context, sum *publish.Summary, stderr io.Writer) error {
	var pages []string
	for _, r := range sum.Reports {
		if _, err := os.Stat(r.Page); err == nil {
			pages = append(pages, r.Page)
		}
	}
	pdfs, err := printpdf.Pages(ctx, pages, 2*time.Minute)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "lensbook render: %d PDF%s beside the pages\n", len(pdfs), map[bool]string{true: "s"}[len(pdfs) != 1])
	return nil
}

// startDemo serves the demo's data on a free local port for the notebooks,
// with a store of its own that is removed afterwards.
func startDemo(ctx context.Context, opts *publish.Options, hostile bool, stderr io.Writer) (stop func(), err error) {
	cfg := emulator.Config{Hostile: hostile}
	ds := emulator.Generate(cfg)
	srv := emulator.NewServer(ds)
	tok := srv.NewToken(emulator.AllPermissions...)
	dir, err := os.MkdirTemp("", "lensbook-demo-")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	baseURL, finished, err := listenEmulator(ctx, srv, "127.0.0.1:0")
	if err != nil {
		cancel()
		os.RemoveAll(dir)
		return nil, err
	}
	useAccount(&account.Account{
		Credentials: credentials.Credentials{Token: tok, BaseURL: baseURL, Source: "the demo"},
		StorePath:   filepath.Join(dir, "store.db"),
	}, opts)
	opts.Now = ds.Config.End
	opts.DataWindow = fmt.Sprintf("lensbook emulator demo data (seed %d, %s – %s)",
		ds.Config.Seed, ds.Config.Start().Format("2 Jan 2006"), ds.Config.End.Format("2 Jan 2006 15:04 UTC"))
	opts.DataFingerprint = fmt.Sprintf("emulator seed=%d days=%d rows=%d hostile=%t as-of=%s",
		ds.Config.Seed, ds.Config.Days, ds.Config.Rows, hostile, opts.AsOf.Format(time.RFC3339))
	fmt.Fprintf(stderr, "lensbook render: demo data from the emulator at %s (%d Web API Log rows)\n", baseURL, len(ds.WebAPILog))
	return func() {
		cancel()
		<-finished
		os.RemoveAll(dir)
	}, nil
}

// useAccount points the notebooks at the account: its environment (which
// report.Open reads), token and redactor.
func useAccount(a *account.Account, opts *publish.Options) {
	maps.Copy(opts.Env, a.Env())
	opts.Token = a.Credentials.Token
	opts.Redactor = a.Redactor()
}

// configureAccount points the notebooks at the configured account. The data
// fingerprint is the newest Web API Log and Events ids and the as-of time,
// so that an unchanged report is not executed again. Offline, it is the
// newest ids the store holds (see configureOffline).
func configureAccount(ctx context.Context, a *account.Account, opts *publish.Options) error {
	useAccount(a, opts)
	if a.Offline {
		return configureOffline(ctx, a, opts)
	}
	c, err := a.Client()
	if err != nil {
		return err
	}
	// Before any notebook runs: one request per log the notebooks read.
	newest, err := preflight(ctx, c, a.Credentials, opts.Notebooks)
	if err != nil {
		return err
	}
	fp := "account=" + a.Credentials.BaseURL + " as-of=" + opts.AsOf.Format(time.RFC3339)
	if id := newest[store.WebAPILog]; id > 0 {
		fp += fmt.Sprintf(" weblog=%d", id)
	}
	if id := newest[store.Events]; id > 0 {
		fp += fmt.Sprintf(" events=%d", id)
	}
	opts.DataFingerprint = fp
	opts.DataWindow = "Cryptolens account at " + a.Credentials.ShownBaseURL() + ", as of " + shownInstant(opts.AsOf)
	return nil
}

// renderPlanError makes a parameter mistake a usage error (exit status 2).
func renderPlanError(err error) error {
	if errors.Is(err, notebook.ErrParam) {
		return usagef("%v", err)
	}
	return err
}

// notebooksOrAll returns the notebooks given, or when none is, every
// notebook in notebooks/.
func notebooksOrAll(given []string) ([]string, error) {
	if len(given) > 0 {
		return given, nil
	}
	nbs, err := notebook.List("notebooks")
	if err != nil || len(nbs) == 0 {
		return nil, usagef("no notebooks given and none in notebooks/")
	}
	return nbs, nil
}

// findNotebook resolves a NOTEBOOK argument of render: a .ipynb file, or the
// name of one in notebooks/ ("most-active-keys" for
// notebooks/most-active-keys.ipynb). Anything else is a usage error.
func findNotebook(arg string) (string, error) {
	if info, err := os.Stat(arg); err == nil {
		if info.IsDir() || !strings.HasSuffix(arg, ".ipynb") {
			return "", usagef("%s is not a notebook: give a .ipynb file, or the name of one in notebooks/ (such as most-active-keys)", arg)
		}
		return arg, nil
	}
	if strings.HasSuffix(arg, ".ipynb") {
		return "", usagef("no notebook %s", arg)
	}
	name := filepath.Join("notebooks", arg+".ipynb")
	if _, err := os.Stat(name); err == nil && !strings.ContainsAny(arg, `/\`) {
		return name, nil
	}
	var names []string
	if nbs, err := notebook.List("notebooks"); err == nil {
		for _, nb := range nbs {
			names = append(names, strings.TrimSuffix(filepath.Base(nb), ".ipynb"))
		}
	}
	if len(names) == 0 {
		return "", usagef("no notebook %s, and no %s", arg, name)
	}
	return "", usagef("no notebook %s, and no %s; the notebooks are %s", arg, name, strings.Join(names, ", "))
}

// shownInstant writes an as-of instant in the pages' one instant format
// (timespec.InstantLayout).
func shownInstant(t time.Time) string { return t.UTC().Format(timespec.InstantLayout) }

// selfCPU is the user + system time of this process so far. (Its
// children's rusage would miss the kernels, which are killed, not waited
// for: the notebooks' CPU time comes from their Timings.)
func selfCPU() time.Duration {
	var self syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	return time.Duration(self.Utime.Nano() + self.Stime.Nano())
}

// loadAverage is the machine's 1, 5 and 15-minute load averages, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}
