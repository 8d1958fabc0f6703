package publish

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/internal/secret"
)

// Options configures Render.
type Options struct {
	// Notebooks are the .ipynb files to render; each gives OUT/<base name>.html.
	Notebooks []string
	// OutDir receives the pages, index.html and the manifest.
	OutDir string
	// Params are set in every notebook whose parameters cell declares them
	// (see notebook.InjectParameters); a name no notebook declares is an error.
	Params map[string]string
	// AsOf, when set, is the instant every report's window ends at: the
	// asOf parameter (AsOfParam) of every notebook that declares one,
	// unless Params sets it. A notebook that declares none ends its window
	// where its own Sync does.
	AsOf time.Time
	// Jobs is how many notebooks execute at once; zero means 2.
	Jobs int
	// Timeout bounds each notebook's execution; zero means notebook.DefaultTimeout.
	Timeout time.Duration
	// Env is given to every notebook: the account's (account.Account.Env:
	// CRYPTOLENS_BASE_URL, CRYPTOLENS_TOKEN, LENSBOOK_STORE...).
	Env map[string]string
	// Token must not appear in any executed notebook; empty means
	// Env["CRYPTOLENS_TOKEN"]. A notebook whose output holds it fails and
	// its output is not written.
	Token string
	// Redactor holds every secret no page, gallery, manifest or error may
	// show: credentials.Credentials.Redactor(). Nil means one of Token
	// alone. A page that holds a secret in any form the redactor finds
	// (plain, URL-encoded, HTML character references, JSON escapes, base64)
	// is refused: not written, its report's status StatusRefused.
	Redactor *secret.Redactor
	// Force renders every notebook, even those unchanged since their last
	// render.
	Force bool
	// Now is the render time shown on pages. Pinning it makes pages and the
	// gallery reproducible: render durations are then left off the gallery.
	// Zero means the current time.
	Now time.Time
	// DataFingerprint identifies the data the notebooks read (for example a
	// hash of the store's contents): a change re-renders every notebook.
	DataFingerprint string
	// DataWindow describes the data the reports cover, shown on every page.
	DataWindow string
	// Paths locates the GoNB kernel; nil means notebook.FindPaths().
	Paths *notebook.Paths
	// PDF links every page and gallery card to a PDF of the page beside it
	// (OUT/<slug>.pdf), which the caller prints (package printpdf).
	PDF bool
	// Timings, when set, gives every executed notebook's Report the
	// Timings of its run (see notebook.Timings) and the time its page took.
	Timings bool
	// Progress, when set, is called as each notebook is done (one call at
	// a time).
	Progress func(Report)
}

// AsOfParam is the parameter that ends a report's window (report.Params.AsOf),
// which Options.AsOf sets.
const AsOfParam = "asOf"

// Report statuses.
const (
	StatusOK        = "ok"        // executed without a failed cell
	StatusFailed    = "failed"    // a cell failed, or the run did not finish
	StatusUnchanged = "unchanged" // skipped: same source, parameters and data as the page on disk
	StatusRefused   = "refused"   // the page held the access token: not written
)

// Report is the outcome for one notebook.
type Report struct {
	Notebook string        // the notebook's path, as given
	Slug     string        // its base name without .ipynb
	Page     string        // the page written: OUT/<slug>.html
	Status   string        // StatusOK, StatusFailed, StatusUnchanged or StatusRefused
	Error    string        // for a failure: the failing cell and its error, or why the run failed
	Cell     int           // the failing cell (1-based, as in the notebook), 0 when the failure is not a cell's
	LastGood time.Time     // for a failure: when the good page kept on disk was rendered; zero when none was kept
	Duration time.Duration // execution and rendering time (for unchanged: the last render's)
	// Timings is where the execution's time went, with Options.Timings;
	// nil otherwise, and for a notebook that did not run.
	Timings *notebook.Timings
	// PageDuration is the time from the end of the execution to the page
	// written: reading the executed notebook, rendering and writing it.
	PageDuration time.Duration
}

// Summary is the outcome of Render, one Report per notebook in the order of
// Options.Notebooks.
type Summary struct {
	Reports []Report
	Index   string // OUT/index.html
}

// Count returns how many reports have the status.
func (s *Summary) Count(status string) int {
	n := 0
	for _, r := range s.Reports {
		if r.Status == status {
			n++
		}
	}
	return n
}

// Err is nil when no notebook failed, and otherwise names each failed or
// refused notebook with its error.
func (s *Summary) Err() error {
	var errs []error
	for _, r := range s.Reports {
		if r.Status == StatusFailed || r.Status == StatusRefused {
			errs = append(errs, fmt.Errorf("%s: %s", r.Notebook, r.Error))
		}
	}
	return errors.Join(errs...)
}

// WriteText writes the summary as a table: notebook, status, duration, error
// (and for a failure that kept the last good page, when that page is of).
func (s *Summary) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NOTEBOOK\tSTATUS\tTIME\tERROR")
	for _, r := range s.Reports {
		msg := oneLine(r.Error)
		if !r.LastGood.IsZero() {
			msg += " (kept the page of " + r.LastGood.UTC().Format("2006-01-02 15:04 UTC") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Notebook, r.Status, r.Duration.Round(100*time.Millisecond), msg)
	}
	refused := ""
	if n := s.Count(StatusRefused); n > 0 {
		refused = fmt.Sprintf(", %d refused", n)
	}
	fmt.Fprintf(tw, "\n%d ok, %d failed%s, %d unchanged; gallery: %s\n", s.Count(StatusOK), s.Count(StatusFailed), refused, s.Count(StatusUnchanged), s.Index)
	return tw.Flush()
}

func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
