package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/lensbook/lensbook/pkg/gallery"
	"github.com/lensbook/lensbook/pkg/pagerender"
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
type record struct {
	Notebook    string             `json:"notebook"`
	Fingerprint string             `json:"fingerprint"`
	Status      string             `json:"status"`
	Error       string             `json:"error,omitempty"`
	Cell        int                `json:"cell,omitempty"`
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
	// PDF is the page's PDF beside it, when rendered with Options.PDF.
	PDF string `json:"pdf,omitempty"`
}

func (r record) entry(slug string, withDuration bool) gallery.Entry {
	e := gallery.Entry{
		Slug: slug, Title: r.Title, Description: r.Description, Group: r.Group,
		Params: r.Params, Status: r.Status, Error: r.Error, RenderedAt: r.RenderedAt,
		Thumbnail: r.Thumbnail, ThumbnailDark: r.ThumbnailDark, Headline: r.Headline, PDF: r.PDF, Href: slug + ".html",
	}
	if withDuration {
		e.Duration = time.Duration(r.DurationMS) * time.Millisecond
	}
	if e.Status != pagerender.StatusFailed {
		e.Status = pagerender.StatusOK
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
