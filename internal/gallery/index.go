package gallery

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/internal/secret"
)

//go:embed assets
var assets embed.FS

var indexTemplate = template.Must(template.ParseFS(assets, "assets/index.html.tmpl"))

// placeholderThumbnail is shown for entries without a thumbnail: a neutral
// chart outline as an SVG data URI.
const placeholderThumbnail = "data:image/svg+xml;base64," +
	"PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAzMjAgMTgwIj48cmVjdCB3aWR0aD0iMzIwIiBoZWlnaHQ9IjE4MCIgZmlsbD0iI2U1ZTdlYiIvPjxwb2x5bGluZSBwb2ludHM9IjMwLDE0MCA5MCw5NSAxNTAsMTEwIDIxMCw2MCAyOTAsNzUiIGZpbGw9Im5vbmUiIHN0cm9rZT0iIzljYTNhZiIgc3Ryb2tlLXdpZHRoPSI2IiBzdHJva2UtbGluZWNhcD0icm91bmQiIHN0cm9rZS1saW5lam9pbj0icm91bmQiLz48L3N2Zz4="

type indexView struct {
	CSP     string
	Favicon template.URL
	CSS     template.CSS
	Total   int
	Failed  int
	Updated string
	Groups  []groupView
}

type groupView struct {
	Name  string
	ID    string
	Cards []cardView
}

type cardView struct {
	Title       string
	Summary     string
	Headline    string
	Href        string
	PDF         string
	Thumbnail   template.URL
	ThumbDark   template.Srcset
	HasThumb    bool
	Params      []pagerender.Param
	Failed      bool
	Status      string
	Error       string
	RenderedAt  string
	RenderedISO string
	FailedAt    string
	FailedISO   string
	LastGood    bool
	NoPage      bool
	Duration    string
}

// Index renders the gallery page for entries. Groups appear in the order of
// KnownGroups, then alphabetically, then OtherGroup; cards within a group
// are ordered by Title, then Slug. The same entries give byte-identical
// output. A thumbnail that is not a PNG, or an Href that is not a relative
// link, is an error naming the entry. The secrets (the access token and
// the base URL's password, as credentials.Credentials.Redactor gives them)
// are replaced by secret.Redacted in every text, and a page that still holds
// one in any encoding is refused (a *secret.LeakError).
func Index(entries []Entry, secrets ...string) ([]byte, error) {
	view := indexView{
		CSP:     pagerender.ContentSecurityPolicy("'none'"),
		Favicon: template.URL(pagerender.FaviconURI),
		CSS:     template.CSS(pagerender.ThemeCSS() + galleryCSS),
		Total:   len(entries),
	}
	var latest time.Time
	groups := map[string][]cardView{}
	redactor := secret.NewRedactor(secrets...)
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b Entry) int {
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	for _, e := range sorted {
		card, err := newCard(redactEntry(e, redactor))
		if err != nil {
			return nil, err
		}
		if card.Failed {
			view.Failed++
		}
		for _, at := range []time.Time{e.RenderedAt, e.FailedAt} {
			if at.After(latest) {
				latest = at
			}
		}
		group := strings.TrimSpace(e.Group)
		if group == "" {
			group = OtherGroup
		}
		groups[group] = append(groups[group], card)
	}
	for i, name := range groupOrder(groups) {
		view.Groups = append(view.Groups, groupView{Name: name, ID: fmt.Sprintf("group-%d", i+1), Cards: groups[name]})
	}
	if !latest.IsZero() {
		view.Updated = latest.UTC().Format("2 Jan 2006 15:04 UTC")
	}
	var buf bytes.Buffer
	if err := indexTemplate.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("gallery: executing index template: %w", err)
	}
	if err := redactor.Check("the gallery page", buf.Bytes()); err != nil {
		return nil, fmt.Errorf("gallery: %w", err)
	}
	return buf.Bytes(), nil
}

// Write writes the gallery for entries to dir/index.html, creating dir;
// secrets are kept out of it as in [Index].
func Write(dir string, entries []Entry, secrets ...string) error {
	page, err := Index(entries, secrets...)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("gallery: creating %s: %w", dir, err)
	}
	path := filepath.Join(dir, "index.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		return fmt.Errorf("gallery: writing %s: %w", path, err)
	}
	return nil
}

// redactEntry replaces the access token in the entry's texts.
func redactEntry(e Entry, r *secret.Redactor) Entry {
	e.Title = r.Redact(e.Title)
	e.Description = r.Redact(e.Description)
	e.Group = r.Redact(e.Group)
	e.Error = r.Redact(e.Error)
	params := make([]pagerender.Param, len(e.Params))
	for i, p := range e.Params {
		params[i] = pagerender.Param{Name: r.Redact(p.Name), Value: r.Redact(p.Value), Default: r.Redact(p.Default)}
	}
	e.Params = params
	return e
}

// groupOrder lists the groups: KnownGroups first, then the others sorted,
// then OtherGroup.
func groupOrder(groups map[string][]cardView) []string {
	var order []string
	for _, g := range KnownGroups {
		if _, ok := groups[g]; ok {
			order = append(order, g)
		}
	}
	var others []string
	for g := range groups {
		if !slices.Contains(KnownGroups, g) && g != OtherGroup {
			others = append(others, g)
		}
	}
	slices.Sort(others)
	order = append(order, others...)
	if _, ok := groups[OtherGroup]; ok {
		order = append(order, OtherGroup)
	}
	return order
}

// newCard checks an entry and builds its card.
func newCard(e Entry) (cardView, error) {
	name := e.Slug
	if name == "" {
		name = e.Title
	}
	href := e.Href
	if href == "" {
		href = url.PathEscape(e.Slug + ".html")
	}
	if !isRelativeLink(href) {
		return cardView{}, fmt.Errorf("gallery: entry %q: href %q is not a relative link", name, href)
	}
	if e.PDF != "" && !isRelativeLink(e.PDF) {
		return cardView{}, fmt.Errorf("gallery: entry %q: PDF link %q is not a relative link", name, e.PDF)
	}
	card := cardView{
		Title:     firstNonEmpty(e.Title, e.Slug, "Untitled report"),
		Summary:   firstSentence(e.Description),
		Headline:  strings.Join(strings.Fields(e.Headline), " "),
		Href:      href,
		PDF:       e.PDF,
		Thumbnail: template.URL(placeholderThumbnail),
		Params:    cardParams(e.Params),
		Failed:    e.Status != "" && e.Status != pagerender.StatusOK,
		Status:    e.Status,
		Error:     e.Error,
		LastGood:  e.LastGood,
		NoPage:    e.NoPage,
	}
	if len(e.Thumbnail) > 0 {
		uri, err := thumbnailURI(e.Thumbnail)
		if err != nil {
			return cardView{}, fmt.Errorf("gallery: entry %q: %w", name, err)
		}
		card.Thumbnail = uri
		card.HasThumb = true
		if len(e.ThumbnailDark) > 0 {
			dark, err := thumbnailURI(e.ThumbnailDark)
			if err != nil {
				return cardView{}, fmt.Errorf("gallery: entry %q: dark thumbnail: %w", name, err)
			}
			// A data: URI in base64 holds no comma-space or quote.
			card.ThumbDark = template.Srcset(dark)
		}
	}
	if !e.RenderedAt.IsZero() {
		at := e.RenderedAt.UTC()
		card.RenderedAt = at.Format("2 Jan 2006 15:04 UTC")
		card.RenderedISO = at.Format("2006-01-02T15:04:05Z")
	}
	if card.Failed && !e.FailedAt.IsZero() {
		at := e.FailedAt.UTC()
		card.FailedAt = at.Format("2 Jan 2006 15:04 UTC")
		card.FailedISO = at.Format("2006-01-02T15:04:05Z")
	}
	if e.Duration > 0 {
		card.Duration = formatDuration(e.Duration)
	}
	return card, nil
}

// firstSentence is the description's first sentence: up to the first ". ",
// "? " or "! ", or all of it.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}

// cardParams are the parameters a card lists: those set to another value
// than their declared default, except asOf, the render's clock, which the
// card shows as its render time.
func cardParams(params []pagerender.Param) []pagerender.Param {
	var out []pagerender.Param
	for _, p := range params {
		if p.Value != p.Default && p.Name != "asOf" {
			out = append(out, p)
		}
	}
	return out
}

// isRelativeLink accepts paths like "name.html" or "sub/name.html": no
// scheme, no host, no absolute path.
func isRelativeLink(href string) bool {
	if href == "" || strings.HasPrefix(href, "/") || strings.HasPrefix(href, "\\") {
		return false
	}
	if i := strings.IndexAny(href, ":/?#"); i >= 0 && href[i] == ':' {
		return false
	}
	return !strings.ContainsAny(href, "\x00\r\n\t ")
}

// formatDuration shows a duration to a tenth of a second, or whole seconds
// past a minute.
func formatDuration(d time.Duration) string {
	if d >= time.Minute {
		return d.Round(time.Second).String()
	}
	if d < 100*time.Millisecond {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
