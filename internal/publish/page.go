package publish

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/internal/secret"
)

// outcome is what rendering one notebook gave: its report, the manifest
// record of its page, and an error when the page could not be written.
type outcome struct {
	report Report
	record record
	err    error
}

// renderOne executes one notebook and writes its page, or reuses the page on
// disk when nothing it depends on has changed. A failed run does not replace
// a good page: the page of the last good render stays, and the record says
// when and where the latest run failed.
func renderOne(ctx context.Context, opts Options, j job, prev record, now time.Time) outcome {
	start := time.Now()
	page := filepath.Join(opts.OutDir, j.slug+".html")
	rep := Report{Notebook: j.path, Slug: j.slug, Page: page}
	fp := fingerprint(j.source, j.params, opts.Env, opts.DataFingerprint, opts.DataWindow+"\x00pdf="+pdfLink(opts, j))
	havePage := fileExists(page)
	if !opts.Force && prev.Fingerprint == fp && prev.Status == StatusOK && havePage {
		rep.Status = StatusUnchanged
		rep.Duration = time.Duration(prev.DurationMS) * time.Millisecond
		return outcome{report: rep, record: prev}
	}

	if err := context.Cause(ctx); ctx.Err() != nil {
		return canceled(rep, err)
	}
	source := j.nb
	pageStart := time.Now()
	var executed *ipynb.Notebook
	failure, cell, leaked := "", 0, false
	if j.parseErr != nil {
		source = &ipynb.Notebook{NBFormat: 4, Metadata: map[string]any{}}
		failure = j.parseErr.Error()
	} else {
		res, err := notebook.Execute(ctx, j.path, notebook.ExecOptions{
			Notebook: j.nb, Declared: j.declared, Timeout: opts.Timeout, Env: opts.Env, Redactor: opts.Redactor, Paths: opts.Paths,
			Timings: opts.Timings,
		})
		if res != nil {
			rep.Timings = res.Timings
		}
		pageStart = time.Now()
		switch {
		case err != nil:
			failure = err.Error()
			leaked = errors.Is(err, notebook.ErrTokenLeak)
		case !res.OK():
			executed = res.Notebook
			failure, cell = res.Err().Error(), res.Failures[0].Cell
		default:
			executed = res.Notebook
		}
	}
	if err := context.Cause(ctx); ctx.Err() != nil {
		// Stopped from outside (Ctrl-C): keep the page of the last render.
		return canceled(rep, err)
	}
	red := opts.Redactor
	failure = red.Redact(failure)
	if leaked {
		rep.Duration = time.Since(start)
		return refuse(rep, prev, source, fp, page, red, failure, now)
	}
	if failure != "" && prev.good() && havePage {
		// Keep the last good page; the gallery shows this failure beside it.
		rec := prev
		rec.Fingerprint, rec.Status, rec.Error, rec.Cell, rec.FailedAt, rec.Good = fp, StatusFailed, failure, cell, now, true
		rep.Duration = time.Since(start)
		rep.Status, rep.Error, rep.Cell, rep.LastGood = StatusFailed, failure, cell, prev.RenderedAt
		return outcome{report: rep, record: rec}
	}
	shown := executed
	if shown == nil {
		// No executed notebook (timeout, nbconvert failure, token in the
		// output): the page shows the source, without any output.
		shown = cloneNotebook(source)
		notebook.Strip(shown)
	}
	rec, err := writePage(opts, j, page, shown, source, j.declared, failure, cell, now)
	rec.Fingerprint = fp
	rep.Duration = time.Since(start)
	rep.PageDuration = time.Since(pageStart)
	rec.DurationMS = rep.Duration.Milliseconds()
	var leak *secret.LeakError
	if errors.As(err, &leak) {
		return refuse(rep, prev, source, fp, page, red, err.Error(), now)
	}
	rep.Status, rep.Error, rep.Cell = rec.Status, rec.Error, rec.Cell
	if err != nil {
		rep.Status = StatusFailed
		rep.Error = red.Redact(fmt.Sprintf("rendering the page: %v", err))
		return outcome{report: rep, err: fmt.Errorf("publish: %s: %s", j.path, rep.Error)}
	}
	return outcome{report: rep, record: redactRecord(rec, red)}
}

// guardPage returns a *secret.LeakError when the page would hold a secret
// in any form the redactor finds, so that it is never written.
func guardPage(red *secret.Redactor, page string, html []byte) error {
	return red.Check("the page "+filepath.Base(page), html)
}

// refuse is the outcome of a notebook whose output or page held a secret:
// no page of this run is written, and the report and the gallery card say
// StatusRefused. The last good page stays, as for any failure, unless it
// holds a secret too (written before the guard knew that form, say); any
// other page at the path is removed, and the card then has no page.
func refuse(rep Report, prev record, source *ipynb.Notebook, fp, page string, red *secret.Redactor, why string, now time.Time) outcome {
	why = red.Redact(why)
	rec := prev
	keep := false
	if data, err := os.ReadFile(page); err == nil {
		keep = prev.good() && guardPage(red, page, data) == nil
		if !keep {
			os.Remove(page)
		}
	}
	if !keep {
		rec = record{Notebook: filepath.ToSlash(rep.Notebook), Group: group(source, rep.Slug), NoPage: true}
		rec.Title, rec.Description = pagerender.TitleAndDescription(source)
		if rec.Title == "" {
			rec.Title = rep.Slug
		}
	}
	rec.Fingerprint, rec.Status, rec.Error, rec.Cell, rec.FailedAt, rec.Good = fp, StatusRefused, why, 0, now, keep
	rep.Status, rep.Error, rep.Cell = StatusRefused, why, 0
	if keep {
		rep.LastGood = prev.RenderedAt
	}
	return outcome{report: rep, record: redactRecord(rec, red)}
}

// redactRecord replaces the secrets in the texts a record shows.
func redactRecord(rec record, red *secret.Redactor) record {
	rec.Title, rec.Description, rec.Error = red.Redact(rec.Title), red.Redact(rec.Description), red.Redact(rec.Error)
	if rec.Params != nil {
		params := make([]pagerender.Param, len(rec.Params))
		for i, p := range rec.Params {
			params[i] = pagerender.Param{Name: red.Redact(p.Name), Value: red.Redact(p.Value), Default: red.Redact(p.Default)}
		}
		rec.Params = params
	}
	return rec
}

// writePage writes the page of a run, ok or failed, and returns its record.
func writePage(opts Options, j job, page string, shown, source *ipynb.Notebook, params []notebook.Param, failure string, cell int, now time.Time) (record, error) {
	rec := record{
		Notebook:   filepath.ToSlash(j.path),
		Status:     StatusOK,
		Good:       failure == "",
		Error:      failure,
		Cell:       cell,
		Group:      group(source, j.slug),
		Params:     pageParams(params),
		RenderedAt: now,
		Headline:   pagerender.FirstHeadline(shown),
		PDF:        pdfLink(opts, j),
	}
	rec.Thumbnail, rec.ThumbnailDark = thumbnails(shown)
	rec.Title, rec.Description = pagerender.TitleAndDescription(shown)
	if rec.Title == "" {
		rec.Title = j.slug
	}
	meta := pagerender.PageMeta{
		Title:       rec.Title,
		Description: rec.Description,
		Source:      filepath.ToSlash(j.path),
		Params:      rec.Params,
		DataWindow:  opts.DataWindow,
		GalleryHref: "index.html",
		PDFHref:     rec.PDF,
		RenderedAt:  now,
		Status:      pagerender.StatusOK,
		Secrets:     opts.Redactor.Secrets(),
	}
	if failure != "" {
		rec.Status, rec.FailedAt, meta.Status, meta.Error = StatusFailed, now, pagerender.StatusFailed, failure
	}
	html, err := pagerender.Render(hideMachinery(shown), meta)
	if err == nil {
		err = guardPage(opts.Redactor, page, html)
	}
	if err == nil {
		err = writeFileAtomic(page, html)
	}
	return rec, err
}

// pdfLink is the link from a page, or the gallery, to the page's PDF beside
// it when Options.PDF is set, else "".
func pdfLink(opts Options, j job) string {
	if !opts.PDF {
		return ""
	}
	return url.PathEscape(j.slug + ".pdf")
}

// canceled is the outcome of a notebook whose render was stopped: no page
// is written (finish records the failure beside the page on disk, if any).
func canceled(rep Report, cause error) outcome {
	rep.Status = StatusFailed
	rep.Error = fmt.Sprintf("not rendered: %v", cause)
	return outcome{report: rep, err: fmt.Errorf("publish: %s: %s", rep.Notebook, rep.Error)}
}

// hideMachinery returns a copy of nb whose setup and parameter cells carry
// pagerender's remove-cell tag: the page shows the parameters in its header.
func hideMachinery(nb *ipynb.Notebook) *ipynb.Notebook {
	out := *nb
	out.Cells = make([]ipynb.Cell, len(nb.Cells))
	firstCode := true
	for i, c := range nb.Cells {
		hide := c.HasTag(notebook.ParametersTag) || c.HasTag(notebook.InjectedParametersTag)
		if c.CellType == "code" && firstCode {
			firstCode = false
			hide = hide || notebook.IsSetupCell(string(c.Source))
		}
		if hide && !c.HasTag(pagerender.TagRemoveCell) {
			meta := maps.Clone(c.Metadata)
			if meta == nil {
				meta = map[string]any{}
			}
			tags, _ := meta["tags"].([]any)
			meta["tags"] = append(append([]any{}, tags...), pagerender.TagRemoveCell)
			c.Metadata = meta
		}
		out.Cells[i] = c
	}
	return &out
}

// group is the gallery section of a notebook: its metadata "lensbook.group",
// or else one named after its file name's prefix.
func group(nb *ipynb.Notebook, slug string) string {
	if lb, ok := nb.Metadata["lensbook"].(map[string]any); ok {
		if g, ok := lb["group"].(string); ok && g != "" {
			return g
		}
	}
	prefixes := []struct{ prefix, group string }{
		{"weblog", "Web API Log"}, {"webapilog", "Web API Log"},
		{"events", "Events Log"}, {"event", "Events Log"},
		{"objectlog", "Object Log"}, {"object", "Object Log"},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(slug, p.prefix) {
			return p.group
		}
	}
	return ""
}

func pageParams(params []notebook.Param) []pagerender.Param {
	var out []pagerender.Param
	for _, p := range params {
		out = append(out, pagerender.Param{Name: p.Name, Value: p.Value, Default: p.Default})
	}
	return out
}

func parseNotebook(data []byte) (*ipynb.Notebook, error) {
	nb, err := ipynb.Parse(data)
	if err != nil {
		return nil, err
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	return nb, nil
}

func cloneNotebook(nb *ipynb.Notebook) *ipynb.Notebook {
	data, err := nb.Marshal()
	if err == nil {
		if c, err := ipynb.Parse(data); err == nil {
			return c
		}
	}
	c := *nb
	return &c
}
