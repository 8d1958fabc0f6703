package publish

import (
	"bytes"
	"image"
	"image/png"

	"golang.org/x/image/draw"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/pagerender"
)

// thumbnailWidth is the width of gallery thumbnails, in pixels.
const thumbnailWidth = 480

// thumbnails returns the light and dark renderings of the notebook's first
// chart drawn by display.Chart (SVG, small), or else thumbnail's PNG.
func thumbnails(nb *ipynb.Notebook) (light, dark []byte) {
	if light, dark, ok := pagerender.FirstChart(nb); ok {
		return light, dark
	}
	return thumbnail(nb), nil
}

// thumbnail returns a PNG thumbnail of the notebook's first PNG image,
// scaled down to thumbnailWidth, or nil when it has none (an SVG chart gets
// the gallery's placeholder: there is no rasterizer here).
func thumbnail(nb *ipynb.Notebook) []byte {
	mime, data, ok := pagerender.FirstImage(nb)
	if !ok || mime != "image/png" {
		return nil
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	b := src.Bounds()
	if b.Dx() <= thumbnailWidth {
		return data
	}
	h := max(1, b.Dy()*thumbnailWidth/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, thumbnailWidth, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, dst); err != nil {
		return nil
	}
	return out.Bytes()
}
