package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/lensbook/lensbook/internal/gallery"
	"github.com/lensbook/lensbook/internal/pagerender"
)

// ManifestName is the file in OutDir recording what each page was rendered
// from.
const ManifestName = "lensbook-manifest.json"

// manifest is the JSON of ManifestName: one record per page, by slug.
type manifest struct {
	Version int               `json:"version"`
	Pages   map[string]record `json:"pages"`
}

const manifestVersion = 1

// record is what the gallery needs of a page, and the fingerprint of what
// it was rendered from. It never holds the token.
//
// Status, Error, Cell and FailedAt are of the latest render; the other
// fields describe the page on disk, which a failed render leaves in place
// when it is a good one (Good).
type record struct {
	Notebook    string             `json:"notebook"`
	Fingerprint string             `json:"fingerprint"`
	Status      string             `json:"status"`
	Error       string             `json:"error,omitempty"`
	Cell        int                `json:"cell,omitempty"`
	FailedAt    time.Time          `json:"failed_at,omitzero"` // when the latest render failed
	Good        bool               `json:"good,omitempty"`     // the page on disk is of a render that went well
	NoPage      bool               `json:"no_page,omitempty"`  // no page could be written: the report never rendered
	Title       string             `json:"title"`
	Description string             `json:"description,omitempty"`
	Group       string             `json:"group,omitempty"`
	Params      []pagerender.Param `json:"params,omitempty"`
	RenderedAt  time.Time          `json:"rendered_at"`
	DurationMS  int64              `json:"duration_ms"`
	Thumbnail   []byte             `json:"thumbnail,omitempty"` // PNG or SVG
	// ThumbnailDark is the dark rendering of an SVG chart thumbnail.
	ThumbnailDark []byte `json:"thumbnail_dark,omitempty"`
	// Headline is the report's first headline figure (display.Headline).
	Headline string `json:"headline,omitempty"`
	// PDF links to the page's PDF beside it, when rendered with Options.PDF.
	PDF string `json:"pdf,omitempty"`
}

// good reports whether the page on disk is of a render that went well.
func (r record) good() bool { return r.Good || r.Status == StatusOK }

func (r record) entry(slug string, withDuration bool) gallery.Entry {
	e := gallery.Entry{
		Slug: slug, Title: r.Title, Description: r.Description, Group: r.Group,
		Params: r.Params, Status: r.Status, Error: r.Error, Thumbnail: r.Thumbnail,
		ThumbnailDark: r.ThumbnailDark, Headline: r.Headline, PDF: r.PDF,
		Href: url.PathEscape(slug + ".html"),
	}
	if r.Status == "" {
		e.Status = pagerender.StatusOK
	}
	if r.NoPage {
		e.NoPage = true
	} else {
		e.RenderedAt = r.RenderedAt
	}
	if e.Status != pagerender.StatusOK {
		e.FailedAt = r.FailedAt
		if e.FailedAt.IsZero() {
			e.FailedAt = r.RenderedAt
		}
		e.LastGood = r.good() && !r.NoPage
	}
	if withDuration {
		e.Duration = time.Duration(r.DurationMS) * time.Millisecond
	}
	return e
}

// readManifest reads OutDir's manifest; a missing or unreadable one (an older
// version, a hand edit) is an empty manifest: everything renders again.
func readManifest(dir string) manifest {
	m := manifest{Version: manifestVersion, Pages: map[string]record{}}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m
	}
	var read manifest
	if json.Unmarshal(data, &read) != nil || read.Version != manifestVersion || read.Pages == nil {
		return m
	}
	return read
}

func writeManifest(dir string, m manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("publish: encoding the manifest: %w", err)
	}
	return writeFileAtomic(filepath.Join(dir, ManifestName), append(data, '\n'))
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so that a reader never sees half a page.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("publish: writing %s: %w", path, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("publish: writing %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("publish: writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("publish: writing %s: %w", path, err)
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist) && err == nil
}
