// Package gallery writes reports/index.html: one self-contained page with a
// card per rendered report (thumbnail, title, description, parameters,
// status, render time and duration), grouped by log.
//
// The page follows the same rules as internal/pagerender pages: no script at all
// (its Content-Security-Policy forbids scripts), every image a data: URI, no
// network request, light and dark themes, every string escaped by
// html/template, and byte-identical output for the same entries. Links are
// relative, so the gallery works opened from disk and through a static
// server.
package gallery
