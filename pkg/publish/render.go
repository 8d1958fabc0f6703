package publish

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lensbook/lensbook/pkg/gallery"
	"github.com/lensbook/lensbook/pkg/notebook"
	"github.com/lensbook/lensbook/pkg/secret"
)

// DefaultJobs is how many notebooks execute at once when Options.Jobs is 0.
const DefaultJobs = 2

// Render executes the notebooks and writes one page each, the gallery and
// the manifest into opts.OutDir. A failing notebook does not stop the
// others: its page is marked failed and its Report says which cell failed
// and why (Summary.Err joins them). The error is for a render that could
// not happen: no notebooks, two notebooks with the same name, a parameter
// that no notebook declares or whose value does not parse, or an OutDir
// that cannot be written.
func Render(ctx context.Context, opts Options) (*Summary, error) {
	jobs, err := plan(opts)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("publish: creating %s: %w", opts.OutDir, err)
	}
	if opts.Paths == nil {
		p, err := notebook.FindPaths()
		if err != nil {
			return nil, err
		}
		opts.Paths = &p
	}
	if opts.Token == "" {
		opts.Token = opts.Env["CRYPTOLENS_TOKEN"]
	}
	if opts.Redactor == nil {
		opts.Redactor = secret.NewRedactor(opts.Token)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()

	old := readManifest(opts.OutDir)
	results := make([]outcome, len(jobs))
	var (
		wg       sync.WaitGroup
		progress sync.Mutex
		next     = make(chan int)
	)
	workers := opts.Jobs
	if workers <= 0 {
		workers = DefaultJobs
	}
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			for i := range next {
				results[i] = renderOne(ctx, opts, jobs[i], old.Pages[jobs[i].slug], now)
				if opts.Progress != nil {
					progress.Lock()
					opts.Progress(results[i].report)
					progress.Unlock()
				}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	return finish(opts, results, old)
}

// job is one notebook to render.
type job struct {
	path   string
	slug   string
	source []byte
	params map[string]string // the Options.Params it declares
}

// plan reads the notebooks and decides which parameters go to which, so
// that mistakes are reported before anything runs.
func plan(opts Options) ([]job, error) {
	if len(opts.Notebooks) == 0 {
		return nil, errors.New("publish: no notebooks to render")
	}
	if opts.OutDir == "" {
		return nil, errors.New("publish: no output folder")
	}
	var jobs []job
	bySlug := map[string]string{}
	used := map[string]bool{}
	for _, path := range opts.Notebooks {
		slug := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		if prev, dup := bySlug[slug]; dup {
			return nil, fmt.Errorf("publish: %s and %s would both render to %s.html", prev, path, slug)
		}
		bySlug[slug] = path
		j := job{path: path, slug: slug, params: map[string]string{}}
		source, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		j.source = source
		if nb, err := parseNotebook(source); err == nil {
			declared, err := notebook.Parameters(nb)
			if err != nil {
				return nil, fmt.Errorf("publish: %s: %w", path, err)
			}
			for _, p := range declared {
				if v, ok := opts.Params[p.Name]; ok {
					j.params[p.Name] = v
					used[p.Name] = true
				}
			}
			// Check the values now: a bad number fails the whole render
			// before any notebook runs.
			if err := notebook.InjectParameters(nb, j.params); err != nil {
				return nil, fmt.Errorf("publish: %s: %w", path, err)
			}
		}
		jobs = append(jobs, j)
	}
	for _, name := range slices.Sorted(maps.Keys(opts.Params)) {
		if !used[name] {
			return nil, fmt.Errorf("publish: parameter %q is declared by none of the notebooks", name)
		}
	}
	return jobs, nil
}

// finish writes the gallery, with the pages of this run and those of
// earlier runs still on disk, and the manifest.
func finish(opts Options, results []outcome, old manifest) (*Summary, error) {
	pages := map[string]record{}
	for slug, r := range old.Pages {
		if r.Status == StatusRefused || fileExists(filepath.Join(opts.OutDir, slug+".html")) {
			pages[slug] = r
		}
	}
	summary := &Summary{Index: filepath.Join(opts.OutDir, "index.html")}
	var errs []error
	for _, res := range results {
		summary.Reports = append(summary.Reports, res.report)
		if res.err != nil {
			errs = append(errs, res.err)
			continue
		}
		pages[res.report.Slug] = res.record
	}
	withDuration := opts.Now.IsZero()
	var entries []gallery.Entry
	for _, slug := range slices.Sorted(maps.Keys(pages)) {
		entries = append(entries, pages[slug].entry(slug, withDuration))
	}
	if err := gallery.Write(opts.OutDir, entries, opts.Redactor.Secrets()...); err != nil {
		errs = append(errs, err)
	}
	if err := writeManifest(opts.OutDir, manifest{Version: manifestVersion, Pages: pages}); err != nil {
		errs = append(errs, err)
	}
	return summary, errors.Join(errs...)
}
