package gallery

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"image"
	"image/png"

	"golang.org/x/image/draw"
)

// ThumbnailWidth is the widest a thumbnail is embedded: a wider PNG is
// scaled down to it, keeping its aspect ratio, so that the gallery stays
// small.
const ThumbnailWidth = 640

// pngSignature starts every PNG file.
var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// errNotThumbnail is returned for thumbnails that are neither PNG nor SVG.
var errNotThumbnail = errors.New("thumbnail is not a PNG image (nor an SVG document)")

// thumbnailURI makes the data: URI of a thumbnail: a PNG, scaled down to
// ThumbnailWidth when wider, or an SVG document (what pagerender.FirstImage
// finds in notebooks that only draw SVG), which an <img> shows without
// running any script it holds.
func thumbnailURI(data []byte) (template.URL, error) {
	switch {
	case bytes.HasPrefix(data, pngSignature):
		small, err := shrinkPNG(data, ThumbnailWidth)
		if err != nil {
			return "", err
		}
		return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(small)), nil
	case looksLikeSVG(data):
		return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(data)), nil
	}
	return "", errNotThumbnail
}

// looksLikeSVG reports whether data starts, after an optional XML
// declaration, comments or whitespace, with an <svg element.
func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), 1024)]
	i := bytes.Index(bytes.ToLower(head), []byte("<svg"))
	return i >= 0 && !bytes.Contains(bytes.ToLower(head[:i]), []byte("<html"))
}

// shrinkPNG returns data as is when the image is at most width pixels wide,
// else the image scaled to width.
func shrinkPNG(data []byte, width int) ([]byte, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("thumbnail PNG: %w", err)
	}
	if cfg.Width <= width || cfg.Height == 0 {
		return data, nil
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("thumbnail PNG: %w", err)
	}
	height := max(1, cfg.Height*width/cfg.Width)
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, dst); err != nil {
		return nil, fmt.Errorf("thumbnail PNG: %w", err)
	}
	return buf.Bytes(), nil
}
