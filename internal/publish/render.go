package publish

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lensbook/lensbook/internal/gallery"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/secret"
)

// DefaultJobs is how many notebooks execute at once when Options.Jobs is 0.
const DefaultJobs = 2

// Render executes the notebooks and writes one page each, the gallery and
// the manifest into opts.OutDir: [NewPlan] then [Plan.Render]. A failing
// notebook does not stop the others: its page is marked failed and its
// Report says which cell failed and why (Summary.Err joins them). The error
// is for a render that could not happen: no notebooks, two notebooks with
// the same name, a parameter that no notebook declares or whose value does
// not parse or gives an empty window (these wrap notebook.ErrParam), or an
// OutDir that cannot be written.
func Render(ctx context.Context, opts Options) (*Summary, error) {
	p, err := NewPlan(opts)
	if err != nil {
		return nil, err
	}
	return p.Render(ctx)
}

// Plan is a render whose notebooks have been read and whose parameters
// have been parsed and checked, once: each notebook's values travel from
// here to its execution and its page unchanged.
type Plan struct {
	// Options are the render's options. NewPlan has read Notebooks,
	// Params and AsOf; the others (the environment, the token, the data
	// fingerprint...) are read by Render and may still be set before it.
	Options Options
	jobs    []job
}

// NewPlan reads the notebooks of opts and binds its parameters (and
// Options.AsOf) to those that declare them, without running anything: it
// returns the error Render would return before running the first notebook
// (a parameter mistake wraps notebook.ErrParam).
func NewPlan(opts Options) (*Plan, error) {
	jobs, err := plan(opts)
	if err != nil {
		return nil, err
	}
	return &Plan{Options: opts, jobs: jobs}, nil
}

// Render executes the plan's notebooks and writes their pages, the gallery
// and the manifest (see [Render]).
func (p *Plan) Render(ctx context.Context) (*Summary, error) {
	opts, jobs := p.Options, p.jobs
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
	for _, i := range longestFirst(jobs, old) {
		next <- i
	}
	close(next)
	wg.Wait()

	return finish(opts, results, old, now)
}

// longestFirst returns the order in which to start the jobs: those whose
// last render took longest first, and those never rendered before them
// (they may be long), each group in the order given. With the longest
// started first, the workers finish close together instead of one running
// a long notebook alone at the end: on 2 cores that was up to 10 s of the
// demo gallery's warm render. The pages and the manifest do not depend on
// the order.
func longestFirst(jobs []job, old manifest) []int {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	took := func(i int) int64 {
		if r, ok := old.Pages[jobs[i].slug]; ok && r.DurationMS > 0 {
			return r.DurationMS
		}
		return math.MaxInt64
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(took(b), took(a)) })
	return order
}

// job is one notebook to render, read and given its parameters once.
type job struct {
	path     string
	slug     string
	source   []byte
	nb       *ipynb.Notebook   // the notebook with its parameters injected; nil when it does not parse
	parseErr error             // why the notebook does not parse
	declared []notebook.Param  // its parameters, with the values it runs with (notebook.WithValues)
	params   map[string]string // the values set, in their canonical text, for the fingerprint
}

// plan reads the notebooks and binds the parameters to those that declare
// them, parsing and checking each value once, so that mistakes are reported
// before anything runs. Options.AsOf becomes the asOf parameter of every
// notebook that declares one and is not given it in Options.Params.
// Parameter mistakes wrap notebook.ErrParam.
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
	var declaredAll []notebook.Param
	seen := map[string]bool{} // name, type and default
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
		nb, err := parseNotebook(source)
		if err != nil {
			j.parseErr = err
			jobs = append(jobs, j)
			continue
		}
		declared, err := notebook.Parameters(nb)
		if err != nil {
			return nil, fmt.Errorf("publish: %s: %w", path, err)
		}
		given := map[string]string{}
		for _, p := range declared {
			declaredAll = mergeDeclared(declaredAll, p, seen)
			if v, ok := opts.Params[p.Name]; ok {
				given[p.Name] = v
				used[p.Name] = true
			} else if p.Name == AsOfParam && !opts.AsOf.IsZero() {
				given[p.Name] = opts.AsOf.UTC().Format(time.RFC3339)
			}
		}
		values, err := notebook.Bind(declared, given)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if err := notebook.InjectValues(nb, values); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, v := range values {
			j.params[v.Name] = v.Value
		}
		j.nb, j.declared = nb, notebook.WithValues(declared, values)
		jobs = append(jobs, j)
	}
	for _, name := range slices.Sorted(maps.Keys(opts.Params)) {
		if !used[name] {
			return nil, &notebook.ParamError{Name: name, Declared: slices.Clip(declaredAll)}
		}
	}
	return jobs, nil
}

// mergeDeclared adds p to the parameters of all notebooks, for the message
// about an unknown name: one entry per name and type, its defaults joined
// with "or" when notebooks differ.
func mergeDeclared(all []notebook.Param, p notebook.Param, seen map[string]bool) []notebook.Param {
	key := p.Name + " " + p.TypeName()
	if seen[key+" "+p.Default] {
		return all
	}
	seen[key+" "+p.Default] = true
	for i, q := range all {
		if q.Name == p.Name && q.TypeName() == p.TypeName() && p.Kind != notebook.KindString {
			all[i].Default += " or " + p.Default
			return all
		}
	}
	return append(all, p)
}

// finish writes the gallery, with the pages of this run and those of
// earlier runs still on disk, and the manifest. A notebook whose run gave
// no page keeps the page on disk, marked with the failure, or when it has
// none is shown as failed without a page.
func finish(opts Options, results []outcome, old manifest, now time.Time) (*Summary, error) {
	pages := map[string]record{}
	for slug, r := range old.Pages {
		if fileExists(filepath.Join(opts.OutDir, slug+".html")) || r.NoPage && fileExists(r.Notebook) {
			pages[slug] = r
		}
	}
	summary := &Summary{Index: filepath.Join(opts.OutDir, "index.html")}
	var errs []error
	for _, res := range results {
		rep := res.report
		summary.Reports = append(summary.Reports, rep)
		if res.err == nil {
			pages[rep.Slug] = res.record
			continue
		}
		errs = append(errs, res.err)
		r, ok := pages[rep.Slug]
		if !ok || r.NoPage {
			r = record{Notebook: filepath.ToSlash(rep.Notebook), Title: rep.Slug, NoPage: true}
		}
		r.Good = r.good() && !r.NoPage
		r.Status, r.Error, r.Cell, r.FailedAt = StatusFailed, rep.Error, rep.Cell, now
		pages[rep.Slug] = r
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
